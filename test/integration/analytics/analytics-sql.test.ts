// The dashboards aggregate in PostgreSQL; these check the statements themselves on every backend, in
// particular that a cell rated by fewer than MIN_GROUP_SIZE people never yields its sum to Node at all.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MIN_GROUP_SIZE, UNKNOWN_LEVEL } from '../../../src/analytics/analytics.contract.ts';
import { JS_WHITESPACE } from '../../../src/analytics/analytics.service.ts';
import { createAnalyticsStore } from '../../../src/analytics/analytics.store.ts';
import { selfChecks } from '../../../src/growth/self-check.schema.ts';
import { people } from '../../../src/people/people.schema.ts';
import { trainingReports } from '../../../src/reports/report.schema.ts';
import { trainingSessions } from '../../../src/training/training.schema.ts';
import { BACKENDS } from '../../support/backends.ts';
import { describeDatabase } from '../../support/test-database.ts';

describe.each(BACKENDS)('the competency aggregation in SQL on %s', (backend) => {
  const database = describeDatabase(backend);

  const person = async (department: string, ratings: Record<string, number>, period = '2026-H1') => {
    const id = randomUUID();
    await database.db.insert(people).values({
      id,
      userPrincipalName: `${id}@city.example`,
      displayName: id,
      department,
      division: '市民部',
      levelId: 'shuji',
    });
    await database.db.insert(selfChecks).values({
      personId: id,
      period,
      levelId: 'shuji',
      frameworkVersion: '1',
      status: 'submitted',
      submittedAt: new Date(),
      ratings: Object.fromEntries(
        Object.entries(ratings).map(([competency, rating]) => [competency, { rating }]),
      ) as never,
    });
    return id;
  };

  it('returns the sum of a cell only from MIN_GROUP_SIZE ratings, and nothing of a smaller one', async () => {
    expect(MIN_GROUP_SIZE).toBe(3);
    await person('二人課', { planning: 1, explanation: 5 });
    await person('二人課', { planning: 2 });
    await person('三人課', { planning: 3 });
    await person('三人課', { planning: 4 });
    const late = await person('三人課', { planning: 5 }, '2026-H1');
    // An older check of the same person does not count twice: the latest submitted one stands.
    await database.db.insert(selfChecks).values({
      personId: late,
      period: '2025-H2',
      levelId: 'shuji',
      frameworkVersion: '1',
      status: 'submitted',
      submittedAt: new Date(),
      ratings: { planning: { rating: 1 } } as never,
    });

    const cells = await createAnalyticsStore(database.db).competencyCells({
      groupBy: 'department',
      competencyIds: ['planning', 'explanation'],
      minGroupSize: MIN_GROUP_SIZE,
      unknownLevel: UNKNOWN_LEVEL,
    });
    const cell = (key: string, competency: string) =>
      cells.find((row) => row.key === key && row.competency_id === competency);
    expect(cell('二人課', 'planning')).toMatchObject({ people: 2, n: 2, sum: null });
    expect(cell('二人課', 'explanation')).toMatchObject({ people: 2, n: 1, sum: null });
    expect(cell('三人課', 'planning')).toMatchObject({ people: 3, n: 3, sum: 12 });
    // Nothing a smaller group rated appears anywhere in what the database handed back.
    for (const row of cells.filter((candidate) => candidate.key === '二人課')) expect(row.sum).toBeNull();
  });

  it('keeps each person’s latest submitted self-check in step with every write to self_checks', async () => {
    const id = await person('追跡課', { planning: 2 }, '2025-H2');
    const cellsOf = async () =>
      (
        await createAnalyticsStore(database.db).competencyCells({
          groupBy: 'department',
          competencyIds: ['planning', 'discipline', 'notRatedByAnyone'],
          minGroupSize: 1,
          unknownLevel: UNKNOWN_LEVEL,
        })
      ).filter((row) => row.key === '追跡課');
    const cell = async (competency: string) =>
      (await cellsOf()).find((row) => row.competency_id === competency);
    expect(await cell('planning')).toMatchObject({ people: 1, n: 1, sum: 2 });
    expect(await cell('notRatedByAnyone')).toMatchObject({ people: 1, n: 0, sum: null });

    // A draft of a later half does not count; once submitted it does, rating a competency that had no
    // slot yet, and a rating that is not a number is left out.
    await database.db.insert(selfChecks).values({
      personId: id,
      period: '2026-H1',
      levelId: 'shuji',
      frameworkVersion: '1',
      status: 'draft',
      ratings: { planning: { rating: 4 }, discipline: { rating: 5 } } as never,
    });
    expect(await cell('planning')).toMatchObject({ n: 1, sum: 2 });
    await database.db
      .update(selfChecks)
      .set({
        status: 'submitted',
        submittedAt: new Date(),
        ratings: { planning: { rating: 'high' }, discipline: { rating: 5 } } as never,
      })
      .where(and(eq(selfChecks.personId, id), eq(selfChecks.period, '2026-H1')));
    expect(await cell('planning')).toMatchObject({ people: 1, n: 0, sum: null });
    expect(await cell('discipline')).toMatchObject({ people: 1, n: 1, sum: 5 });

    // Deleting the latest brings the older one back; deleting both (an erasure) leaves nothing.
    await database.db
      .delete(selfChecks)
      .where(and(eq(selfChecks.personId, id), eq(selfChecks.period, '2026-H1')));
    expect(await cell('planning')).toMatchObject({ people: 1, n: 1, sum: 2 });
    await database.db.delete(selfChecks).where(eq(selfChecks.personId, id));
    expect(await cellsOf()).toEqual([]);
  });

  it('counts a writer of free text only where trim() leaves text, as the report does in Node', async () => {
    const courseId = randomUUID();
    const [session] = await database.db
      .insert(trainingSessions)
      .values({
        courseId,
        startsAt: new Date('2026-05-10T01:00:00Z'),
        endsAt: new Date('2026-05-10T08:00:00Z'),
        capacity: 10,
        applicationDeadline: '2026-05-01',
        transactionId: randomUUID(),
      })
      .returning({ id: trainingSessions.id });
    const texts = ['\u3000 \n', '\u00a0\ufeff', '  研修を希望 ', ''];
    for (const wantedText of texts) {
      const personId = await person('需要課', {});
      await database.db.insert(trainingReports).values({
        personId,
        sessionId: session!.id,
        status: 'submitted',
        wantedText,
        wantedCourseIds: wantedText === '' ? [] : [courseId],
      });
    }
    const counted = await createAnalyticsStore(database.db).demandCounts({
      from: new Date('2026-03-31T15:00:00Z'),
      to: new Date('2027-03-31T15:00:00Z'),
      unknownLevel: UNKNOWN_LEVEL,
      whitespace: JS_WHITESPACE,
    });
    const expectedWriters = texts.filter((text) => text.trim() !== '').length;
    expect(expectedWriters).toBe(1);
    expect(counted.levels).toEqual([
      { level_id: 'shuji', respondents: 4, writers: expectedWriters, pickers: 3 },
    ]);
    expect(counted.courses).toEqual([{ course_id: courseId, level_id: 'shuji', people: 3 }]);
  });
});
