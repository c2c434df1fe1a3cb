// The dashboards aggregate in PostgreSQL; these check the statements themselves on every backend, in
// particular that a cell rated by fewer than MIN_GROUP_SIZE people never yields its sum to Node at all.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_GROUP_SIZE, UNKNOWN_LEVEL } from '../../../src/analytics/analytics.contract.ts';
import { createAnalyticsStore } from '../../../src/analytics/analytics.store.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { selfChecks } from '../../../src/growth/self-check.schema.ts';
import { people } from '../../../src/people/people.schema.ts';
import { BACKENDS, createTestStore, type TestStore } from '../../support/backends.ts';

describe.each(BACKENDS)('the competency aggregation in SQL on %s', (backend) => {
  let store: TestStore;
  let database: Database;

  beforeAll(async () => {
    store = await createTestStore(backend);
    database = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
  });
  afterAll(async () => {
    await database?.close();
    await store?.dispose();
  });

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
});
