import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseResults } from '../../../src/analytics/course-results.contract.ts';
import type { FollowUpView } from '../../../src/reports/follow-up.contract.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { apiCaller, type ApiAnswer } from '../../support/api-caller.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import type { Person } from '../training/training-support.ts';
import { heldSession, submitSelfCheck, type SeededSession } from './analytics-support.ts';

const MONTH = 30 * 24 * 3600_000;
const SECRET_EXAMPLE = '保育課の二人だけが書いた事例';
const FORMULA_EXAMPLE = '=SUM(A1:A9) の集計表を作り直した';

// HR's results of one course (研修効果): seeded through the API as it happens — self-checks before, the
// session, reports with satisfaction, the follow-up months later, self-checks after. Course 3 has three
// attendees in every block, course 2 has two: the same figures are shown for three and withheld for two.
describe.each(SLICE_BACKENDS)('HR course results on %s', (backend) => {
  let server: TestServer;
  let hr: Person;
  let three: Person[];
  let two: Person[];
  let course3: SeededSession;
  let course2: SeededSession;
  let sessionYear: number;
  const call = apiCaller(() => server);

  const expectOk = (answer: ApiAnswer, what: string) => {
    expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer;
  };
  const results = async (course: SeededSession, as: Person = hr) => {
    const answer = await call(
      as,
      'GET',
      `/api/hr/training/courses/${course.course.id}/results?fiscalYear=${sessionYear}`,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as unknown as CourseResults;
  };
  const csv = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${await server.tokenFor(hr.id)}` },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { response, bytes, text: bytes.toString('utf8') };
  };
  const auditRows = async () =>
    server.database.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE resource = 'analytics.training.course-results'`,
    );

  /** The person's self-check of this half, rated `rating`, moved to a half seven months ago. */
  const selfCheckBefore = async (person: Person, rating: number) => {
    await submitSelfCheck(call, person, rating);
    const earlier = new Date(Date.now() - 7 * MONTH);
    await server.database.query(
      `UPDATE self_checks SET period = $2, submitted_at = $3 WHERE person_id = $1 AND period = $4`,
      [person.id, halfPeriodAt(earlier).id, earlier, halfPeriodAt(new Date()).id],
    );
  };

  const submitReport = async (person: Person, sessionId: string, satisfaction: number) =>
    expectOk(
      await call(person, 'POST', `/api/reports/sessions/${sessionId}/submit`, {
        submissionId: `test-${randomUUID()}`,
        learned: '相手の立場に立って説明する。',
        application: '窓口で使う。',
        competencyIds: ['explanation'],
        guidelineIds: [],
        satisfaction,
        wantedText: '',
        wantedCourseIds: [],
      }),
      'submit report',
    );

  const answerFollowUp = async (person: Person, answer: string, example: string) => {
    const open = (await call(person, 'GET', '/api/reports/follow-ups')).body as unknown as FollowUpView[];
    const mine = open.find((followUp) => followUp.role === 'attendee')!;
    expectOk(
      await call(person, 'PUT', `/api/reports/follow-ups/${mine.id}/answer`, {
        version: mine.version,
        answer,
        example,
      }),
      'answer follow-up',
    );
  };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    three = people.filter((person) => person.department === '市民課' && person.levelId === 'shuji');
    two = people.filter((person) => person.department === '保育課' && person.levelId === 'shunin');
    expect(three).toHaveLength(3);
    expect(two).toHaveLength(2);

    // Before: 2, 3, 4 (mean 3) for the three; 1 and 1 for the two.
    for (const [index, person] of three.entries()) await selfCheckBefore(person, 2 + index);
    for (const person of two) await selfCheckBefore(person, 1);

    course3 = await heldSession(server, call, hr, three, three, '研修効果３');
    course2 = await heldSession(server, call, hr, two, two, '研修効果２');
    // Course 3 also develops リーダーシップ, which a 主事 does not rate: nobody to compare.
    await server.database.query(
      `UPDATE training_courses SET competency_ids = '["explanation", "cooperation", "leadership"]' WHERE id = $1`,
      [course3.course.id],
    );
    for (const [index, person] of three.entries()) await submitReport(person, course3.session.id, 3 + index);
    for (const [index, person] of two.entries()) await submitReport(person, course2.session.id, 1 + index);

    // Three months and a day later the follow-up is asked, and answered. The follow-up counts calendar
    // months (up to 92 days), so 91 days ago was too recent on some days (29 September: 30 June).
    const ended = new Date(Date.now() - 93 * 24 * 3600_000);
    sessionYear = halfPeriodAt(ended).fiscalYear;
    await server.database.query(
      `UPDATE training_sessions SET starts_at = $2::timestamptz - interval '2 hours', ends_at = $2 WHERE id IN ($1, $3)`,
      [course3.session.id, ended, course2.session.id],
    );
    expect((await server.reportJobs.followUps()).asked).toBe(5);
    await answerFollowUp(three[0]!, 'applied', '窓口で要点から説明するようにした');
    await answerFollowUp(three[1]!, 'partly', FORMULA_EXAMPLE);
    await answerFollowUp(three[2]!, 'notYet', '');
    for (const person of two) await answerFollowUp(person, 'applied', SECRET_EXAMPLE);
    // One supervisor's observation (about one named person): counted, its text never shown here.
    const supervisor = people.find((person) => person.id === three[0]!.managerId)!;
    const asked = (await call(supervisor, 'GET', '/api/reports/follow-ups'))
      .body as unknown as FollowUpView[];
    const observation = asked.find((followUp) => followUp.personId === three[0]!.id)!;
    expectOk(
      await call(supervisor, 'PUT', `/api/reports/follow-ups/${observation.id}/observation`, {
        version: observation.version,
        observation: '説明が丁寧になった（所見）',
      }),
      'observation',
    );

    // After: 4, 4, 5 (mean 4.33) for the three; 5 and 5 for the two.
    for (const [index, person] of three.entries()) await submitSelfCheck(call, person, index === 2 ? 5 : 4);
    for (const person of two) await submitSelfCheck(call, person, 5);
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('shows a course of three: satisfaction, follow-up answers without names, and self-ratings before and after', async () => {
    const shown = await results(course3);
    expect(shown).toMatchObject({
      courseId: course3.course.id,
      title: { ja: '研修効果３', en: '研修効果３ (en)' },
      fiscalYear: sessionYear,
      minGroupSize: 3,
      sessions: 1,
      attendees: 3,
    });
    expect(shown.satisfaction).toEqual({
      state: 'shown',
      raters: 3,
      mean: 4,
      distribution: [
        { rating: 1, people: 0 },
        { rating: 2, people: 0 },
        { rating: 3, people: 1 },
        { rating: 4, people: 1 },
        { rating: 5, people: 1 },
      ],
    });
    expect(shown.followUps).toEqual({
      asked: 3,
      observations: 1,
      answers: {
        state: 'shown',
        answered: 3,
        counts: { applied: 1, partly: 1, notYet: 1 },
        examples: [
          { answer: 'applied', text: '窓口で要点から説明するようにした' },
          { answer: 'partly', text: FORMULA_EXAMPLE },
        ],
      },
    });
    expect(shown.beforeAfter).toEqual([
      {
        competencyId: 'explanation',
        result: { state: 'shown', people: 3, before: 3, after: 4.33, change: 1.33 },
      },
      {
        competencyId: 'cooperation',
        result: { state: 'shown', people: 3, before: 3, after: 4.33, change: 1.33 },
      },
      { competencyId: 'leadership', result: { state: 'none' } },
    ]);
    // Neither who wrote what nor the supervisor's observation reaches HR here.
    const text = JSON.stringify(shown);
    for (const person of three) expect(text).not.toContain(person.displayName);
    expect(text).not.toContain('所見');
  });

  it('withholds every block of a course of two — never a value, a count or a text — and would show it at three', async () => {
    const withheld = await results(course2);
    expect(withheld).toMatchObject({ sessions: 1, attendees: 2, minGroupSize: 3 });
    expect(withheld.satisfaction).toEqual({ state: 'hidden' });
    expect(withheld.followUps).toEqual({ asked: 2, observations: 0, answers: { state: 'hidden' } });
    expect(withheld.beforeAfter).toEqual([
      { competencyId: 'explanation', result: { state: 'hidden' } },
      { competencyId: 'cooperation', result: { state: 'hidden' } },
    ]);
    expect(JSON.stringify(withheld)).not.toContain(SECRET_EXAMPLE);
  });

  it('counts only the course’s sessions of the year asked, and each block as nobody when there is no one', async () => {
    const earlier = await call(
      hr,
      'GET',
      `/api/hr/training/courses/${course3.course.id}/results?fiscalYear=${sessionYear - 1}`,
    );
    expect(earlier.status).toBe(200);
    expect(earlier.body).toMatchObject({
      sessions: 0,
      attendees: 0,
      satisfaction: { state: 'none' },
      followUps: { asked: 0, observations: 0, answers: { state: 'none' } },
    });
  });

  it('exports the same as CSV: BOM, formulas neutralised, withheld blocks saying so', async () => {
    const shown = await csv(
      `/api/hr/training/courses/${course3.course.id}/results.csv?fiscalYear=${sessionYear}`,
    );
    expect(shown.response.status).toBe(200);
    expect(shown.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...shown.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = shown.text.slice(1);
    expect(lines.startsWith('項目,内容,値,人数\r\n')).toBe(true);
    expect(lines).toContain('満足度,平均,4,3\r\n');
    expect(lines).toContain('業務への反映,一部できた,,1\r\n');
    expect(lines).toContain(`業務への反映,事例（一部できた）,'${FORMULA_EXAMPLE},\r\n`);
    expect(lines).toContain('自己評価の変化：説明・説得力,変化,1.33,3\r\n');

    const withheld = await csv(
      `/api/hr/training/courses/${course2.course.id}/results.csv?fiscalYear=${sessionYear}&lang=en`,
    );
    expect(withheld.text).toContain('Satisfaction,Mean,hidden (fewer than 3),\r\n');
    expect(withheld.text).toContain('Applied in work,Answers,hidden (fewer than 3),\r\n');
    expect(withheld.text).not.toContain(SECRET_EXAMPLE);
  });

  it('refuses anyone but HR (403), an unknown course (404) and a bad fiscal year (400), and records nothing then', async () => {
    const before = (await auditRows()).length;
    const path = `/api/hr/training/courses/${course3.course.id}/results`;
    for (const person of [three[0]!, server.emulator.people.find((p) => p.id === three[0]!.managerId)!]) {
      for (const suffix of ['', '.csv']) {
        const answer = await call(person, 'GET', `${path}${suffix}`);
        expect(answer.status, `${person.levelId} ${suffix}`).toBe(403);
        expect(answer.body.error?.code).toBe('forbidden');
      }
    }
    const unknown = await call(hr, 'GET', `/api/hr/training/courses/${randomUUID()}/results`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('not_found');
    expect((await call(hr, 'GET', '/api/hr/training/courses/not-an-id/results')).status).toBe(400);
    for (const fiscalYear of [String(halfPeriodAt(new Date()).fiscalYear + 1), '2021', 'last', '2026.5']) {
      const answer = await call(hr, 'GET', `${path}?fiscalYear=${fiscalYear}`);
      expect(answer.status, fiscalYear).toBe(400);
      expect(answer.body.error?.code).toBe('validation_failed');
    }
    expect((await call(hr, 'GET', `${path}.csv?lang=fr`)).status).toBe(400);
    expect((await auditRows()).length).toBe(before);
  });

  it('writes each HR read to the audit log, the CSV as an export', async () => {
    const rows = await server.database.query<{
      action: string;
      actor_id: string;
      subject_id: string | null;
      details: Record<string, unknown>;
    }>(
      `SELECT action, actor_id, subject_id, details FROM audit_log WHERE resource = 'analytics.training.course-results'`,
    );
    expect(rows.every((row) => row.actor_id === hr.id && row.subject_id === null)).toBe(true);
    expect(new Set(rows.map((row) => row.action))).toEqual(new Set(['read', 'export']));
    expect(rows.find((row) => row.details.courseId === course3.course.id)?.details).toMatchObject({
      fiscalYear: sessionYear,
      satisfaction: 'shown',
      examplesShown: 2,
    });
  });
});
