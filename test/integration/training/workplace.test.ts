import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionReport } from '../../../src/analytics/analytics.contract.ts';
import type { AttendanceProposal } from '../../../src/training/attendance.contract.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, sessionBody, until, type Person } from './training-support.ts';

// Workplace training (職場内研修, issue 19 ②, docs/training.md): a 課長 or 係長 runs a course for their own
// 課 through the same courses, sessions, Outlook outbox, enrolments and attendance as HR's catalog.
describe('workplace training run by a 課', () => {
  let server: TestServer;
  let hr: Person;
  let kakaricho: Person;
  let kacho: Person;
  let shuji: Person;
  let otherKakaricho: Person;
  let otherShuji: Person;
  const call = apiCaller(() => server);
  const workplaceBody = (overrides: Record<string, unknown> = {}) =>
    courseBody({
      scope: 'workplace',
      category: 'basic',
      title: { ja: '転入者研修', en: 'Induction for transferred staff' },
      competencyIds: [],
      guidelineIds: [],
      provider: '',
      ...overrides,
    });
  const courseCount = async () =>
    Number((await server.database.query<{ n: string }>(`SELECT count(*) AS n FROM training_courses`))[0]!.n);
  const enrolmentCount = async () =>
    Number(
      (await server.database.query<{ n: string }>(`SELECT count(*) AS n FROM training_enrolments`))[0]!.n,
    );

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people;
    const staff = people.filter((person) => !person.isMailbox && person.appRoles.length === 0);
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    kakaricho = staff.find((person) => person.levelId === 'kakaricho' && person.department === '市民課')!;
    kacho = staff.find((person) => person.levelId === 'kacho' && person.department === '市民課')!;
    shuji = staff.find((person) => person.levelId === 'shuji' && person.department === '市民課')!;
    otherKakaricho = staff.find(
      (person) => person.levelId === 'kakaricho' && person.department === '保育課',
    )!;
    otherShuji = staff.find((person) => person.levelId === 'shuji' && person.department === '保育課')!;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  let course: CourseView;
  let session: SessionView;

  it('lets a 係長 create a course for their own 課, seen by their 課 and HR only', async () => {
    const created = await call(kakaricho, 'POST', '/api/training/courses', workplaceBody());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    course = created.body as unknown as CourseView;
    expect(course).toMatchObject({
      scope: 'workplace',
      ownerDepartment: '市民課',
      organiserId: kakaricho.id,
      manageable: true,
      version: 1,
    });
    const listed = async (as: Person) =>
      ((await call(as, 'GET', '/api/training/courses?view=all')).body as unknown as CourseView[]).find(
        (entry) => entry.id === course.id,
      );
    expect(await listed(shuji)).toMatchObject({ scope: 'workplace', manageable: false });
    expect(await listed(hr)).toMatchObject({
      scope: 'workplace',
      ownerDepartment: '市民課',
      manageable: true,
    });
    expect(await listed(otherShuji)).toBeUndefined();
    expect((await call(otherShuji, 'GET', `/api/training/courses/${course.id}`)).status).toBe(404);

    // Another 課長 of the same 課 manages it too (versioned).
    const changed = await call(kacho, 'PUT', `/api/training/courses/${course.id}`, {
      ...workplaceBody({ scope: undefined, provider: '市民課' }),
      version: 1,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    course = changed.body as unknown as CourseView;
    expect(course).toMatchObject({ version: 2, provider: '市民課', scope: 'workplace' });
    // The database holds every workplace course to its 課, whatever code writes it (the roll-up and the
    // catalog name the 課).
    await expect(
      server.database.query(`UPDATE training_courses SET owner_department = NULL WHERE id = $1`, [course.id]),
    ).rejects.toMatchObject({ code: '23514' });
    expect(await listed(shuji)).toMatchObject({ ownerDepartment: '市民課', version: 2 });

    // 開講されたら知らせてほしい: its 課 may wait for a session, another 課 does not see it (404), and HR, who
    // sees every 課's, is refused for another 課's (403), not offered it; its 課長/係長 see how many wait.
    const interest = (as: Person, courseId: string, method: 'PUT' | 'DELETE' = 'PUT') =>
      call(as, method, `/api/training/courses/${courseId}/interest`);
    expect((await interest(shuji, course.id)).body).toMatchObject({ waiting: { mine: true, count: null } });
    expect((await interest(otherShuji, course.id)).status).toBe(404);
    expect((await listed(hr))?.waiting).toEqual({ mine: false, offered: false, count: 1 });
    expect((await interest(hr, course.id)).status).toBe(403);
    expect((await listed(kakaricho))?.waiting).toMatchObject({ count: 1 });
    expect((await interest(shuji, course.id, 'DELETE')).body).toMatchObject({ waiting: { mine: false } });
    // HR may see an archived course, but nothing will be scheduled of it: 409.
    const gone = (await call(hr, 'POST', '/api/training/courses', courseBody()))
      .body as unknown as CourseView;
    await call(hr, 'POST', `/api/training/courses/${gone.id}/archive`, { version: gone.version });
    expect((await interest(hr, gone.id)).status).toBe(409);
  });

  it('refuses a non-supervisor, another 課, a catalog course and a stale version, changing nothing', async () => {
    const before = await courseCount();
    const byShuji = await call(shuji, 'POST', '/api/training/courses', workplaceBody());
    expect(byShuji.status).toBe(403);
    const forAnother = await call(
      kakaricho,
      'POST',
      '/api/training/courses',
      workplaceBody({ ownerDepartment: '保育課' }),
    );
    expect(forAnother.status).toBe(403);
    const catalog = await call(
      kakaricho,
      'POST',
      '/api/training/courses',
      workplaceBody({ scope: 'catalog' }),
    );
    expect(catalog.status).toBe(403);
    expect(await courseCount()).toBe(before);

    const byOther = await call(otherKakaricho, 'PUT', `/api/training/courses/${course.id}`, {
      ...workplaceBody({ scope: undefined, provider: '保育課' }),
      version: course.version,
    });
    expect(byOther.status).toBe(403);
    const byStaff = await call(shuji, 'PUT', `/api/training/courses/${course.id}`, {
      ...workplaceBody({ scope: undefined, provider: '主事' }),
      version: course.version,
    });
    expect(byStaff.status).toBe(403);
    const stale = await call(kakaricho, 'PUT', `/api/training/courses/${course.id}`, {
      ...workplaceBody({ scope: undefined, provider: '古い版' }),
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('version_conflict');
    const stored = (await call(kakaricho, 'GET', `/api/training/courses/${course.id}`)).body;
    expect(stored).toMatchObject({ provider: '市民課', version: 2 });
  });

  it('puts the organiser’s session in Outlook and lets them nominate their own 課 only', async () => {
    const refused = await call(
      otherKakaricho,
      'POST',
      `/api/training/courses/${course.id}/sessions`,
      sessionBody({ capacity: 5 }),
    );
    expect(refused.status).toBe(403);
    const created = await call(
      kakaricho,
      'POST',
      `/api/training/courses/${course.id}/sessions`,
      sessionBody({ capacity: 5 }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    session = created.body as unknown as SessionView;
    await until('the session’s Outlook event', async () => {
      const rows = await server.database.query<{ event_id: string | null; action: string | null }>(
        `SELECT event_id, outlook_action AS action FROM training_sessions WHERE id = $1`,
        [session.id],
      );
      return rows[0]?.event_id && rows[0].action === null ? rows[0].event_id : undefined;
    });

    const before = await enrolmentCount();
    const nominatePath = `/api/training/sessions/${session.id}/nominate`;
    const outside = await call(kakaricho, 'POST', nominatePath, {
      personId: otherShuji.id,
      note: '',
      overrideEligibility: false,
    });
    expect(outside.status).toBe(403);
    const byOther = await call(otherKakaricho, 'POST', nominatePath, {
      personId: otherShuji.id,
      note: '',
      overrideEligibility: false,
    });
    expect(byOther.status).toBe(403);
    const applied = await call(otherShuji, 'POST', `/api/training/sessions/${session.id}/apply`, {
      note: '',
    });
    expect(applied.status).toBe(403);
    expect(await enrolmentCount()).toBe(before);

    const nominated = await call(kakaricho, 'POST', nominatePath, {
      personId: shuji.id,
      note: '転入者',
      overrideEligibility: false,
    });
    expect(nominated.status, JSON.stringify(nominated.body)).toBe(201);
    const enrolment = nominated.body as unknown as EnrolmentView;
    const confirmed = await call(kakaricho, 'POST', `/api/training/enrolments/${enrolment.id}/confirm`, {
      version: enrolment.version,
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    const roster = await call(kakaricho, 'GET', `/api/training/sessions/${session.id}/roster`);
    expect(roster.status).toBe(200);
    expect((await call(otherKakaricho, 'GET', `/api/training/sessions/${session.id}/roster`)).status).toBe(
      403,
    );
    await until('the attendee on the Outlook event', async () => {
      const rows = await server.database.query<{ invited_at: Date | null }>(
        `SELECT invited_at FROM training_enrolments WHERE id = $1`,
        [enrolment.id],
      );
      return rows[0]?.invited_at ?? undefined;
    });
  });

  it('lets the organisers announce a session (受講案内) to their own 課 only, and read its delivery', async () => {
    const path = `/api/training/sessions/${session.id}/announcements`;
    const detail = await call(kakaricho, 'GET', `/api/training/courses/${course.id}`);
    const { version } = (detail.body.sessions as SessionView[]).find((entry) => entry.id === session.id)!;
    const eligible = { version, audience: { kind: 'eligible' } };
    expect((await call(otherKakaricho, 'POST', path, eligible)).status).toBe(403);
    expect((await call(shuji, 'POST', path, eligible)).status).toBe(403);
    // An audience of another 課 resolves to nobody: the course is for its own 課, whoever announces it.
    const elsewhere = await call(kakaricho, 'POST', path, {
      version,
      audience: {
        kind: 'chosen',
        levelIds: [],
        departments: ['保育課'],
        minYearsOfService: null,
        maxYearsOfService: null,
      },
    });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(422);

    const announced = await call(kakaricho, 'POST', path, eligible);
    expect(announced.status, JSON.stringify(announced.body)).toBe(201);
    const told = await server.database.query<{ person_id: string; department: string | null }>(
      `SELECT r.person_id, p.department FROM training_announcement_recipients r
         JOIN people p ON p.id = r.person_id WHERE r.session_id = $1`,
      [session.id],
    );
    expect(told.length).toBeGreaterThan(1);
    expect(new Set(told.map((row) => row.department))).toEqual(new Set(['市民課']));
    expect(told.map((row) => row.person_id)).toContain(shuji.id);
    expect(told.map((row) => row.person_id)).not.toContain(otherShuji.id);
    expect(announced.body).toMatchObject({
      announcedById: kakaricho.id,
      counts: { recipients: told.length },
    });
    // HR's audience of every 主事 is narrowed to the 課 too: all of them were told already.
    const byHr = await call(hr, 'POST', path, {
      version,
      audience: {
        kind: 'chosen',
        levelIds: ['shuji'],
        departments: [],
        minYearsOfService: null,
        maxYearsOfService: null,
      },
    });
    expect(byHr.status, JSON.stringify(byHr.body)).toBe(422);

    // The 課's 課長 and HR read the announcements and the delivery report; another 課 does not.
    const announcementId = announced.body.id as string;
    for (const reader of [kacho, hr]) {
      const list = await call(reader, 'GET', path);
      expect(list.status).toBe(200);
      expect((list.body as unknown as Array<{ id: string }>).map((entry) => entry.id)).toEqual([
        announcementId,
      ]);
      expect((await call(reader, 'GET', `/api/training/announcements/${announcementId}`)).status).toBe(200);
    }
    expect((await call(otherKakaricho, 'GET', path)).status).toBe(403);
    // Whether a session or an announcement exists is HR's to learn (404); anyone else gets 403 either way.
    const unknown = '00000000-0000-4000-8000-000000000000';
    const unknownSession = `/api/training/sessions/${unknown}/announcements`;
    expect((await call(kakaricho, 'POST', unknownSession, eligible)).status).toBe(403);
    expect((await call(kakaricho, 'GET', unknownSession)).status).toBe(403);
    expect((await call(kakaricho, 'GET', `/api/training/announcements/${unknown}`)).status).toBe(403);
    expect((await call(hr, 'GET', unknownSession)).status).toBe(404);
    expect((await call(hr, 'GET', `/api/training/announcements/${unknown}`)).status).toBe(404);
    expect((await call(otherKakaricho, 'GET', `/api/training/announcements/${announcementId}`)).status).toBe(
      403,
    );
  });

  it('lets the organiser confirm attendance in one action; the report request follows', async () => {
    const codePath = `/api/training/sessions/${session.id}/checkin-code`;
    expect((await call(otherKakaricho, 'POST', codePath)).status).toBe(403);
    expect((await call(shuji, 'POST', codePath)).status).toBe(403);
    const shown = await call(kakaricho, 'POST', codePath);
    expect(shown.status, JSON.stringify(shown.body)).toBe(200);
    const proposal = shown.body as unknown as AttendanceProposal;

    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [session.id],
    );
    const confirmPath = `/api/training/sessions/${session.id}/attendance-proposal/confirm`;
    const byOther = await call(otherKakaricho, 'POST', confirmPath, {
      version: proposal.version,
      present: [shuji.id],
    });
    expect(byOther.status).toBe(403);
    const confirmed = await call(kakaricho, 'POST', confirmPath, {
      version: proposal.version,
      present: [shuji.id],
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const statuses = await server.database.query<{ status: string }>(
      `SELECT status FROM training_enrolments WHERE session_id = $1`,
      [session.id],
    );
    expect(statuses.map((row) => row.status)).toEqual(['attended']);
    expect(await server.reportJobs.requests()).toEqual({ requested: 1 });

    // HR's roll-up counts the workplace session and its attendance with the catalog's, marked as the 課's.
    const fiscalYear = halfPeriodAt(new Date()).fiscalYear;
    const rollUp = await call(hr, 'GET', `/api/hr/reports/submission?fiscalYear=${fiscalYear}`);
    expect(rollUp.status).toBe(200);
    const report = rollUp.body as unknown as SubmissionReport;
    expect(report.sessions.find((row) => row.sessionId === session.id)).toMatchObject({
      courseTitle: { ja: '転入者研修' },
      workplaceDepartment: '市民課',
      attended: 1,
    });
    // HR's totals split the 課' workplace training from the catalog's.
    expect(report.byScope.workplace).toMatchObject({ attended: 1 });
    expect(report.byScope.catalog.attended + report.byScope.workplace.attended).toBe(report.totals.attended);
  });
});
