import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApplicationView,
  TrainingBudgetView,
} from '../../../src/qualifications/qualification.contract.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { jstMidnight } from '../../../src/shared/japan-time.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, jstDay, sessionBody, type Person } from '../training/training-support.ts';

// 資格取得 support applications and HR's training budget (issue 20 point 5, docs/training.md
// "資格取得 support and budget").
describe('資格取得 support applications and the training budget', () => {
  let server: TestServer;
  let applicant: Person;
  let supervisor: Person;
  let above: Person;
  let colleague: Person;
  let hr: Person;
  const call = apiCaller(() => server);
  const APPLICATIONS = '/api/qualifications/applications';
  const path = (application: { id: string }, sub = '') => `${APPLICATIONS}/${application.id}${sub}`;
  const form = (overrides: Record<string, unknown> = {}) => ({
    qualificationName: '社会福祉士',
    examDate: jstDay(0),
    costYen: 15_440,
    reason: '福祉窓口の相談対応に活かすため',
    ...overrides,
  });
  const apply = async (as: Person, overrides: Record<string, unknown> = {}) => {
    const answer = await call(as, 'POST', APPLICATIONS, form(overrides));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as unknown as ApplicationView;
  };
  const act = async (
    as: Person,
    application: ApplicationView,
    sub: string,
    body: Record<string, unknown>,
  ) => {
    const answer = await call(as, 'POST', path(application, sub), { version: application.version, ...body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as unknown as ApplicationView;
  };
  const fiscalYear = halfPeriodAt(new Date()).fiscalYear;
  /** The exam days of the applications the tests below approve or pass: what the budget counts. */
  const committedExams: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people;
    const byId = (id: string | null | undefined) => people.find((person) => person.id === id);
    applicant = people.find(
      (person) =>
        person.levelId === 'shuji' &&
        person.appRoles.length === 0 &&
        byId(person.managerId)?.managerId &&
        byId(person.managerId)?.appRoles.length === 0,
    )!;
    supervisor = byId(applicant.managerId)!;
    above = byId(supervisor.managerId)!;
    colleague = people.find(
      (person) => person.id !== applicant.id && person.managerId === supervisor.id && !person.isMailbox,
    )!;
    hr = people.find((person) => person.appRoles.includes('Hagukumi.HR') && person.id !== applicant.id)!;
    expect([supervisor, above, colleague, hr].every(Boolean)).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('goes from the applicant to the supervisor and HR, and a pass joins the career design', async () => {
    const careerBefore = (await call(applicant, 'GET', '/api/people/me/career')).body;
    const created = await apply(applicant);
    committedExams.push(created.examDate);
    expect(created).toMatchObject({
      status: 'awaitingSupervisor',
      fiscalYear,
      costYen: 15_440,
      personId: applicant.id,
      supervisorDecision: null,
      version: 1,
    });
    expect((await call(applicant, 'GET', APPLICATIONS)).body.applications).toEqual([created]);
    const waiting = (await call(supervisor, 'GET', '/api/qualifications/approvals')).body
      .applications as ApplicationView[];
    expect(waiting.map((entry) => entry.id)).toEqual([created.id]);
    // Only the direct supervisor is asked: the 課長 above waits for nothing.
    expect((await call(above, 'GET', '/api/qualifications/approvals')).body.applications).toEqual([]);

    // Returned with a comment, changed, and back with the supervisor.
    const returned = await act(supervisor, created, '/supervisor-decision', {
      decision: 'return',
      comment: '受験料の内訳を書いてください',
    });
    expect(returned).toMatchObject({
      status: 'returned',
      supervisorDecision: { byId: supervisor.id, comment: '受験料の内訳を書いてください' },
    });
    const changed = await call(applicant, 'PUT', path(created), {
      version: returned.version,
      ...form({ reason: '福祉窓口の相談対応に活かすため（受験手数料 15,440 円）' }),
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const resent = changed.body as unknown as ApplicationView;
    expect(resent).toMatchObject({ status: 'awaitingSupervisor', version: 3 });

    const approved = await act(supervisor, resent, '/supervisor-decision', {
      decision: 'approve',
      comment: '',
    });
    expect(approved.status).toBe('awaitingHr');
    const ofYear = (await call(hr, 'GET', `/api/hr/qualifications?fiscalYear=${fiscalYear}`)).body
      .applications as ApplicationView[];
    expect(ofYear.find((entry) => entry.id === created.id)).toMatchObject({ status: 'awaitingHr' });
    const granted = await act(hr, approved, '/hr-decision', { decision: 'approve', comment: '承認します' });
    expect(granted).toMatchObject({ status: 'approved', hrDecision: { byId: hr.id, comment: '承認します' } });

    const passed = await act(applicant, granted, '/result', { result: 'passed', resultDate: jstDay(0) });
    expect(passed).toMatchObject({ status: 'passed', resultDate: jstDay(0) });
    const career = (await call(applicant, 'GET', '/api/people/me/career')).body;
    expect(career.version).toBe((careerBefore.version as number) + 1);
    expect(career.qualificationsHeld).toContainEqual({ name: '社会福祉士', month: jstDay(0).slice(0, 7) });

    // Each step told the next person through the bot's outbox, once: the supervisor when
    // it waited for them (twice: sent, and sent again after the change), the applicant of each decision.
    const told = await server.database.query<{
      key: string;
      recipient: { personId: string };
      payload: { text: string; attachments: unknown[] };
    }>(`SELECT key, recipient, payload FROM bot_outbox WHERE key LIKE $1 ORDER BY key`, [
      `qualification-application:${applicant.id}:${created.id}:%`,
    ]);
    // A decision's key names who decided (the erasure finds it by them: the card quotes their comment).
    const key = (version: number, to: string) =>
      `qualification-application:${applicant.id}:${created.id}:${version}:${to}`;
    expect(told.map((row) => [row.key, row.recipient.personId]).sort()).toEqual(
      [
        [key(1, 'supervisor'), supervisor.id],
        [key(2, `applicant:${supervisor.id}`), applicant.id],
        [key(3, 'supervisor'), supervisor.id],
        [key(4, `applicant:${supervisor.id}`), applicant.id],
        [key(5, `applicant:${hr.id}`), applicant.id],
      ].sort(),
    );
    const card = (version: number, to: string) =>
      JSON.stringify(told.find((row) => row.key === key(version, to))!.payload);
    expect(card(1, 'supervisor')).toContain(`${applicant.displayName}さんの資格取得支援の申請が`);
    expect(card(1, 'supervisor')).toContain('社会福祉士');
    expect(card(2, `applicant:${supervisor.id}`)).toContain('差し戻されました');
    expect(card(2, `applicant:${supervisor.id}`)).toContain('受験料の内訳を書いてください');
    expect(card(3, 'supervisor')).toContain('申請が修正されました');
    expect(card(4, `applicant:${supervisor.id}`)).toContain('職員課の審査に回りました');
    expect(card(5, `applicant:${hr.id}`)).toContain('承認されました');

    const audited = await server.database.query<{ actor_id: string; details: { change: string } }>(
      `SELECT actor_id, details FROM audit_log WHERE resource = 'qualification-application' AND action = 'write' ORDER BY id`,
    );
    expect(audited.map((row) => row.details.change)).toEqual([
      'apply',
      'supervisor-return',
      'edit',
      'supervisor-approve',
      'hr-approve',
      'result-passed',
    ]);
  });

  it('refuses the wrong person, the wrong order, bad input and stale versions, changing nothing', async () => {
    const pending = await apply(applicant, { qualificationName: '宅地建物取引士', examDate: jstDay(30) });
    const before = await snapshotState(server);
    const post = (as: Person, sub: string, body: Record<string, unknown>) =>
      call(as, 'POST', path(pending, sub), { version: pending.version, ...body });
    const approve = { decision: 'approve', comment: '' };

    // Approval by someone who is not the supervisor: the 課長 above, a colleague, the applicant, HR.
    for (const who of [above, colleague, applicant, hr])
      expect((await post(who, '/supervisor-decision', approve)).status).toBe(403);
    // HR's approval before the supervisor's; a non-HR's HR decision.
    const early = await post(hr, '/hr-decision', approve);
    expect(early.status).toBe(409);
    expect(JSON.stringify(early.body)).toMatch(/supervisor/);
    expect((await post(supervisor, '/hr-decision', approve)).status).toBe(403);
    // A result before HR's approval.
    expect((await post(applicant, '/result', { result: 'passed', resultDate: jstDay(0) })).status).toBe(409);
    // Returning without saying why; a stale version.
    expect(
      (await post(supervisor, '/supervisor-decision', { decision: 'return', comment: ' ' })).status,
    ).toBe(400);
    expect(
      (await call(supervisor, 'POST', path(pending, '/supervisor-decision'), { version: 9, ...approve }))
        .status,
    ).toBe(409);
    // Someone else's application is not theirs to change.
    expect((await call(colleague, 'PUT', path(pending), { version: 1, ...form() })).status).toBe(403);
    // A negative, absurd or fractional cost, an exam day past, an empty name, an unknown field.
    for (const bad of [
      { costYen: -1 },
      { costYen: 10_000_001 },
      { costYen: 100.5 },
      { examDate: jstDay(-1) },
      { examDate: '2026-02-30' },
      { qualificationName: '  ' },
      { extra: true },
    ]) {
      const answer = await call(applicant, 'POST', APPLICATIONS, form(bad));
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(answer.body.error?.code).toBe('validation_failed');
    }
    // Nor did any refusal queue a notice: the bot outbox is part of the snapshot.
    expect(await snapshotState(server)).toBe(before);

    // Editing after the supervisor approved it, and after HR approved it.
    const approved = await act(supervisor, pending, '/supervisor-decision', approve);
    const afterApproval = await snapshotState(server);
    const edit = await call(applicant, 'PUT', path(pending), { version: approved.version, ...form() });
    expect(edit.status).toBe(409);
    // HR refusing without a reason.
    expect(
      (
        await call(hr, 'POST', path(pending, '/hr-decision'), {
          version: approved.version,
          decision: 'refuse',
          comment: '',
        })
      ).status,
    ).toBe(400);
    expect(await snapshotState(server)).toBe(afterApproval);
    const granted = await act(hr, approved, '/hr-decision', approve);
    committedExams.push(granted.examDate);
    expect(
      (await call(applicant, 'PUT', path(pending), { version: granted.version, ...form() })).status,
    ).toBe(409);
    // A result in the future, or before the exam day.
    expect(
      (
        await call(applicant, 'POST', path(pending, '/result'), {
          version: granted.version,
          result: 'failed',
          resultDate: jstDay(1),
        })
      ).status,
    ).toBe(400);
    // The exam is in 30 days: a result today is before it.
    expect(
      (
        await call(applicant, 'POST', path(pending, '/result'), {
          version: granted.version,
          result: 'failed',
          resultDate: jstDay(0),
        })
      ).status,
    ).toBe(400);
    expect((await call(applicant, 'GET', APPLICATIONS)).body.applications).toContainEqual(granted);
  });

  it('lets HR set the year’s budget and shows what courses and applications committed, by category', async () => {
    const budgetPath = `/api/hr/training-budget/${fiscalYear}`;
    const before = await snapshotState(server);
    expect((await call(applicant, 'GET', budgetPath)).status).toBe(403);
    expect((await call(supervisor, 'PUT', budgetPath, { version: 0, amountYen: 1_000_000 })).status).toBe(
      403,
    );
    for (const amountYen of [-5, 2_000_000_001, 1.5])
      expect((await call(hr, 'PUT', budgetPath, { version: 0, amountYen })).status).toBe(400);
    expect((await call(hr, 'PUT', budgetPath, { version: 1, amountYen: 1_000_000 })).status).toBe(409);
    expect(await snapshotState(server)).toBe(before);

    const set = await call(hr, 'PUT', budgetPath, { version: 0, amountYen: 1_000_000 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ amountYen: 1_000_000, version: 1 });
    expect((await call(hr, 'PUT', budgetPath, { version: 0, amountYen: 5 })).status).toBe(409);

    // A course of 12,000 yen a seat: one confirmed attendee counts, one only nominated does not.
    const course = (
      await call(
        hr,
        'POST',
        '/api/training/courses',
        courseBody({ costYen: 12_000, competencyIds: [], guidelineIds: [] }),
      )
    ).body as unknown as CourseView;
    expect(course.costYen).toBe(12_000);
    const session = (
      await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 5 }))
    ).body as unknown as SessionView;
    const nominate = async (person: Person) =>
      (
        await call(hr, 'POST', `/api/training/sessions/${session.id}/nominate`, {
          personId: person.id,
          note: '',
          overrideEligibility: true,
        })
      ).body as unknown as EnrolmentView;
    const seated = await nominate(applicant);
    await nominate(colleague);
    const confirmed = await call(hr, 'POST', `/api/training/enrolments/${seated.id}/confirm`, {
      version: seated.version,
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);

    // The passed application (15,440) and the approved one (15,440) of the earlier tests count in the
    // fiscal year of their exam, the seat in that of its session: all this year, but late in March the
    // exam 30 days out and the session 14 days out fall in the next one, whose view shows them.
    const yearOf = (day: string) => halfPeriodAt(new Date(jstMidnight(day))).fiscalYear;
    expect(committedExams).toHaveLength(2);
    const years = new Set([fiscalYear, yearOf(session.date), ...committedExams.map(yearOf)]);
    for (const year of years) {
      const view = (await call(hr, 'GET', `/api/hr/training-budget/${year}`))
        .body as unknown as TrainingBudgetView;
      const coursesYen = yearOf(session.date) === year ? 12_000 : 0;
      const applicationsYen = 15_440 * committedExams.filter((day) => yearOf(day) === year).length;
      const specialist = view.categories.find((row) => row.category === 'specialist');
      const qualification = view.categories.find((row) => row.category === 'qualification');
      expect(specialist).toEqual({ category: 'specialist', coursesYen, applicationsYen: 0 });
      expect(qualification).toEqual({ category: 'qualification', coursesYen: 0, applicationsYen });
      const committedYen = coursesYen + applicationsYen;
      // Only this year has a budget set.
      expect(view).toMatchObject(
        year === fiscalYear
          ? { committedYen, remainingYen: 1_000_000 - committedYen }
          : { committedYen, amountYen: null, remainingYen: null },
      );
    }
    const audited = await server.database.query<{ details: { amountYen: number } }>(
      `SELECT details FROM audit_log WHERE resource = 'training-budget' ORDER BY id`,
    );
    expect(audited.map((row) => row.details.amountYen)).toEqual([1_000_000]);
  });
});
