// Personal status notices (issue 19 ③) on the running service: a person is told through the bot outbox
// when they are recommended (推薦), nominated (指名), confirmed, wait-listed or moved off the waiting list;
// once per change, in the transaction of the change (a refused or repeated request tells nobody), from
// the next office opening. Their own application and HR's refusals send nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextOfficeTime } from '../../../src/jobs/office-hours.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { blankCareerDesign } from '../../support/career-fixture.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, jstDay, sessionBody, until, type Person } from './training-support.ts';
import { shiftedClock } from '../../support/shifted-clock.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The next Saturday 10:00 in Japan after now: the office is closed, so the notices wait. */
function nextSaturdayMorning(): number {
  const now = Date.now();
  const jstMidnight = Math.floor((now + 9 * HOUR) / DAY) * DAY - 9 * HOUR;
  for (let days = 0; ; days += 1) {
    const candidate = jstMidnight + days * DAY + 10 * HOUR;
    if (candidate > now && new Date(candidate + 9 * HOUR).getUTCDay() === 6) return candidate;
  }
}

type Notice = {
  key: string;
  recipient: { personId: string };
  payload: { text: string; attachments: Array<{ content: unknown }> };
  next_attempt_at: Date;
};

describe.each(SLICE_BACKENDS)('training status notices on %s', (backend) => {
  let server: TestServer;
  const clock = shiftedClock(nextSaturdayMorning() - Date.now());
  let hr: Person;
  let kakaricho: Person;
  let recommended: Person;
  let nominated: Person;
  let applicant: Person;
  let session: SessionView;
  const call = apiCaller(() => server);
  const notices = () =>
    server.database.query<Notice>(
      `SELECT key, recipient, payload, next_attempt_at FROM bot_outbox WHERE key LIKE 'training-status:%' ORDER BY created_at, key`,
    );
  const noticeOf = async (enrolment: { id: string }, version: number) =>
    (await notices()).find((notice) => notice.key === `training-status:${enrolment.id}:${version}`);
  const enrolments = new Map<string, EnrolmentView>();
  /**
   * Waits until the session owes Outlook nothing: the sync job writes to the session's row, and a write
   * landing inside a before/after snapshot would look like the refused request's doing.
   */
  const outlookSettled = () =>
    until('the session to be in step with Outlook', async () => {
      const [row] = await server.database.query<{ owed: string | null }>(
        `SELECT outlook_action AS owed FROM training_sessions WHERE id = $1`,
        [session.id],
      );
      return row && row.owed === null ? true : undefined;
    });

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    kakaricho = people.find(
      (person) =>
        person.levelId === 'kakaricho' && person.department === '市民課' && person.managerId !== null,
    )!;
    const reports = people.filter(
      (person) => person.managerId === kakaricho.id && ['shuji', 'shunin'].includes(person.levelId ?? ''),
    );
    [recommended, nominated, applicant] = reports as [Person, Person, Person];
    expect(applicant).toBeDefined();
    const course = (await call(hr, 'POST', '/api/training/courses', courseBody()))
      .body as unknown as CourseView;
    session = (
      await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 1 }))
    ).body as unknown as SessionView;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('tells a person they were recommended, by whom and why, and nominated, once each', async () => {
    const recommend = await call(kakaricho, 'POST', `/api/training/sessions/${session.id}/recommend`, {
      personId: recommended.id,
      reason: '窓口の説明力を伸ばしてほしい',
    });
    expect(recommend.status, JSON.stringify(recommend.body)).toBe(201);
    enrolments.set('recommended', recommend.body as unknown as EnrolmentView);
    const nominate = await call(hr, 'POST', `/api/training/sessions/${session.id}/nominate`, {
      personId: nominated.id,
      note: '',
      overrideEligibility: false,
    });
    expect(nominate.status, JSON.stringify(nominate.body)).toBe(201);
    enrolments.set('nominated', nominate.body as unknown as EnrolmentView);

    const first = (await noticeOf(enrolments.get('recommended')!, 1))!;
    expect(first.recipient.personId).toBe(recommended.id);
    const card = JSON.stringify(first.payload.attachments[0]!.content);
    expect(card).toContain('研修に推薦されました');
    expect(card).toContain(kakaricho.displayName);
    expect(card).toContain('窓口の説明力を伸ばしてほしい');
    expect(new Date(first.next_attempt_at).getTime()).toBe(nextOfficeTime(clock.now()).getTime());
    const second = (await noticeOf(enrolments.get('nominated')!, 1))!;
    expect(second.recipient.personId).toBe(nominated.id);
    expect(JSON.stringify(second.payload.attachments[0]!.content)).toContain('研修に指名されました');
    expect(await notices()).toHaveLength(2);
  });

  it('sends nothing for a refused request, nor for a person’s own application', async () => {
    await outlookSettled();
    const before = await snapshotState(server);
    const again = await call(hr, 'POST', `/api/training/sessions/${session.id}/nominate`, {
      personId: nominated.id,
      note: '',
      overrideEligibility: false,
    });
    expect(again.status).toBe(409);
    expect(await snapshotState(server)).toBe(before);
    const applied = await call(applicant, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' });
    expect(applied.status).toBe(201);
    enrolments.set('applicant', applied.body as unknown as EnrolmentView);
    expect(await notices()).toHaveLength(2);
  });

  it('tells of a confirmation and of the waiting list, and a stale retry tells nobody again', async () => {
    const confirm = (name: string, version: number) =>
      call(hr, 'POST', `/api/training/enrolments/${enrolments.get(name)!.id}/confirm`, { version });
    // The nominated person's Teams client spoke English in their chat with the bot: their notice is in
    // English; the others never wrote to the bot and are told in Japanese.
    await server.database.query(
      `INSERT INTO conversation_references (conversation_id, kind, service_url, bot_id, user_aad_id, locale)
       VALUES ($1, 'personal', 'https://smba.trafficmanager.net/jp/', 'bot', $2, 'en')`,
      [`a:chat-of-${nominated.id}`, nominated.id],
    );
    expect((await confirm('recommended', 1)).body.status).toBe('confirmed');
    expect((await confirm('nominated', 1)).body.status).toBe('waitlisted');
    expect((await confirm('recommended', 1)).status).toBe(409);
    const confirmed = (await noticeOf(enrolments.get('recommended')!, 2))!;
    expect(JSON.stringify(confirmed.payload.attachments[0]!.content)).toContain('受講が確定しました');
    const waiting = (await noticeOf(enrolments.get('nominated')!, 2))!;
    expect(JSON.stringify(waiting.payload.attachments[0]!.content)).toContain('You are on the waiting list');
    expect(await notices()).toHaveLength(4);
    // HR declining the applicant tells them nothing new here (not one of the notices asked for).
    const declined = await call(
      hr,
      'POST',
      `/api/training/enrolments/${enrolments.get('applicant')!.id}/decline`,
      { version: 1, reason: '定員' },
    );
    expect(declined.status).toBe(200);
    expect(await notices()).toHaveLength(4);
  });

  it('tells the first on the waiting list when a seat frees up', async () => {
    const withdrawn = await call(
      recommended,
      'POST',
      `/api/training/enrolments/${enrolments.get('recommended')!.id}/withdraw`,
      { version: 2, reason: '業務の都合' },
    );
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    const promoted = (await noticeOf(enrolments.get('nominated')!, 3))!;
    expect(promoted.recipient.personId).toBe(nominated.id);
    expect(JSON.stringify(promoted.payload.attachments[0]!.content)).toContain(
      'A place freed up: you are confirmed',
    );
    expect(await notices()).toHaveLength(5);
  });

  it('tells those waiting for a course of its new session once (開講されたら知らせてほしい), and only them', async () => {
    const interest = (as: Person, courseId: string, method: 'PUT' | 'DELETE' = 'PUT') =>
      call(as, method, `/api/training/courses/${courseId}/interest`);
    const courseAs = async (as: Person, courseId: string) =>
      (await call(as, 'GET', `/api/training/courses/${courseId}`)).body as unknown as CourseView;
    const waitingRows = async (courseId: string) =>
      (
        await server.database.query<{ person_id: string }>(
          `SELECT person_id FROM training_course_interests WHERE course_id = $1 ORDER BY person_id`,
          [courseId],
        )
      ).map((row) => row.person_id);
    const opened = () =>
      server.database.query<Notice>(
        `SELECT key, recipient, payload, next_attempt_at FROM bot_outbox WHERE key LIKE 'training-opened:%' ORDER BY key`,
      );
    const make = async (body: Record<string, unknown>) =>
      (await call(hr, 'POST', '/api/training/courses', courseBody(body))).body as unknown as CourseView;
    const schedule = (courseId: string, body: Record<string, unknown> = {}) =>
      call(hr, 'POST', `/api/training/courses/${courseId}/sessions`, sessionBody(body));

    const awaited = await make({ title: { ja: '政策法務研修', en: 'Policy law' } });
    expect((await courseAs(applicant, awaited.id)).waiting).toEqual({
      mine: false,
      offered: true,
      count: null,
    });
    // Asking twice keeps one row; the person sees that they wait, the course's manager how many, nobody who.
    const asked = await interest(applicant, awaited.id);
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body).toMatchObject({ id: awaited.id, waiting: { mine: true, offered: true, count: null } });
    expect((await interest(applicant, awaited.id)).status).toBe(200);
    expect((await interest(nominated, awaited.id)).status).toBe(200);
    expect(await waitingRows(awaited.id)).toEqual([applicant.id, nominated.id].sort());
    expect((await courseAs(hr, awaited.id)).waiting).toMatchObject({ mine: false, count: 2 });
    expect((await courseAs(recommended, awaited.id)).waiting).toMatchObject({ mine: false, count: null });
    // Their supervisor reading their recommendations (the course is suggested: they want it) does not learn
    // what they wait for.
    const career = await call(applicant, 'PUT', '/api/people/me/career', {
      ...blankCareerDesign,
      version: 0,
      trainingsWanted: ['政策法務'],
    });
    expect(career.status, JSON.stringify(career.body)).toBe(200);
    const recommendations = (
      await call(kakaricho, 'GET', `/api/training/recommendations?personId=${applicant.id}`)
    ).body as unknown as Array<{ course: CourseView }>;
    const recommended_ = recommendations.find((entry) => entry.course.id === awaited.id);
    expect(recommended_?.course.waiting).toEqual({ mine: false, offered: false, count: null });
    // Withdrawing is idempotent.
    expect((await interest(nominated, awaited.id, 'DELETE')).body).toMatchObject({
      waiting: { mine: false, count: null },
    });
    expect((await interest(nominated, awaited.id, 'DELETE')).status).toBe(200);

    // A course that is not for them is refused with the reason (422), a self-study course (409) and an
    // archived one (404 to staff, as its page is); nothing is kept.
    const forKacho = await make({ targetLevelIds: ['kacho'] });
    expect((await courseAs(applicant, forKacho.id)).waiting.offered).toBe(false);
    const unfit = await interest(applicant, forKacho.id);
    expect(unfit.status).toBe(422);
    expect(
      (unfit.body.error as unknown as { details: Array<{ path: string }> }).details.map(
        (detail) => detail.path,
      ),
    ).toEqual(['level_not_targeted']);
    const settings = { version: 0, externalUrl: null };
    const selfStudy = await make({ category: 'selfStudy' });
    // Waiting for a course that then becomes self-study ends: it will never have a session.
    expect((await interest(applicant, selfStudy.id)).status).toBe(200);
    expect((await call(hr, 'PUT', `/api/training/courses/${selfStudy.id}/self-study`, settings)).status).toBe(
      200,
    );
    expect(await waitingRows(selfStudy.id)).toEqual([]);
    expect((await interest(applicant, selfStudy.id)).status).toBe(409);
    // So does waiting for a course that HR archives.
    const archived = await make({});
    expect((await interest(applicant, archived.id)).status).toBe(200);
    await call(hr, 'POST', `/api/training/courses/${archived.id}/archive`, { version: archived.version });
    expect(await waitingRows(archived.id)).toEqual([]);
    expect((await interest(applicant, archived.id)).status).toBe(404);
    expect(await waitingRows(forKacho.id)).toEqual([]);
    expect(await waitingRows(selfStudy.id)).toEqual([]);
    expect((await interest(applicant, '00000000-0000-4000-8000-000000000000')).status).toBe(404);

    // Someone waits for a course that HR then narrows to other levels: their row goes, untold.
    const narrowed = await make({});
    expect((await interest(recommended, narrowed.id)).status).toBe(200);
    const narrowing = await call(hr, 'PUT', `/api/training/courses/${narrowed.id}`, {
      ...courseBody({ targetLevelIds: ['kacho'] }),
      version: narrowed.version,
    });
    expect(narrowing.status, JSON.stringify(narrowing.body)).toBe(200);
    // A session whose application deadline has passed is nothing to apply to: those waiting wait on.
    const late = await make({});
    expect((await interest(applicant, late.id)).status).toBe(200);
    const closed = await schedule(late.id, { applicationDeadline: jstDay(-1) });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    expect(await waitingRows(late.id)).toEqual([applicant.id]);
    const statusNotices = (await notices()).length;

    // HR schedules a session of each: the one still waiting is told, once, from the next office opening.
    const first = (await schedule(awaited.id)).body as unknown as SessionView;
    expect((await schedule(narrowed.id)).status).toBe(201);
    const told = await opened();
    expect(told.map((notice) => [notice.key, notice.recipient.personId])).toEqual([
      [`training-opened:${first.id}:${applicant.id}:${first.version}`, applicant.id],
    ]);
    expect(JSON.stringify(told[0]!.payload.attachments[0]!.content)).toContain('政策法務研修');
    expect(new Date(told[0]!.next_attempt_at).getTime()).toBe(nextOfficeTime(clock.now()).getTime());
    expect(await waitingRows(awaited.id)).toEqual([]);
    expect(await waitingRows(narrowed.id)).toEqual([]);
    expect((await notices()).length).toBe(statusNotices);
    // With a session open, the person applies instead of waiting.
    expect((await courseAs(applicant, awaited.id)).waiting).toEqual({
      mine: false,
      offered: false,
      count: null,
    });
    expect((await interest(applicant, awaited.id)).status).toBe(409);
    expect(await waitingRows(awaited.id)).toEqual([]);
    // A second session tells nobody: nobody waits any more.
    expect((await schedule(awaited.id)).status).toBe(201);
    expect(await opened()).toHaveLength(1);

    // A change that leaves the closed session closed (a new place) tells nobody and keeps the rows.
    const closedSession = closed.body as unknown as SessionView;
    let version = closedSession.version;
    const change = async (overrides: Record<string, unknown>) => {
      const changed = await call(hr, 'PUT', `/api/training/sessions/${closedSession.id}`, {
        ...sessionBody({ applicationDeadline: jstDay(-1), ...overrides }),
        version,
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      version = (changed.body as unknown as SessionView).version;
      return changed.body as unknown as SessionView;
    };
    expect((await change({ place: '小平市役所 会議室 B' })).open).toBe(false);
    expect(await waitingRows(late.id)).toEqual([applicant.id]);
    expect(await opened()).toHaveLength(1);
    // Someone HR put on that session who asks to hear of the next one is not that session's to tell.
    const onTheList = await call(hr, 'POST', `/api/training/sessions/${closedSession.id}/nominate`, {
      personId: nominated.id,
      note: '',
      overrideEligibility: false,
    });
    expect(onTheList.status, JSON.stringify(onTheList.body)).toBe(201);
    expect((await interest(nominated, late.id)).status).toBe(200);
    expect(await waitingRows(late.id)).toEqual([applicant.id, nominated.id].sort());
    // HR moves the deadline later, opening it: the one waiting is told of it then, once.
    const reopened = await change({ applicationDeadline: jstDay(7) });
    expect(reopened.open).toBe(true);
    const openedKey = (person: Person, at: number) =>
      `training-opened:${closedSession.id}:${person.id}:${at}`;
    expect((await opened()).map((notice) => notice.key)).toContain(openedKey(applicant, reopened.version));
    expect(await opened()).toHaveLength(2);
    expect(await waitingRows(late.id)).toEqual([nominated.id]);
    expect((await interest(nominated, late.id, 'DELETE')).status).toBe(200);
    // Saving the open session again tells nobody again.
    await change({ applicationDeadline: jstDay(7), place: '小平市役所 大会議室' });
    expect(await opened()).toHaveLength(2);
    // It closes again; the person asks again and is told again when it opens again.
    expect((await change({ applicationDeadline: jstDay(-1) })).open).toBe(false);
    expect((await interest(applicant, late.id)).status).toBe(200);
    const again = await change({ applicationDeadline: jstDay(7) });
    expect((await opened()).map((notice) => notice.key)).toContain(openedKey(applicant, again.version));
    expect(await opened()).toHaveLength(3);
    expect(await waitingRows(late.id)).toEqual([]);

    // HR waiting for a course of HR's own counts themself; archiving it answers that nobody waits now.
    const own = await make({});
    const waitingHr = await interest(hr, own.id);
    expect(waitingHr.body).toMatchObject({ waiting: { mine: true, offered: true, count: 1 } });
    const archiving = await call(hr, 'POST', `/api/training/courses/${own.id}/archive`, {
      version: own.version,
    });
    expect(archiving.body).toMatchObject({
      archived: true,
      waiting: { mine: false, offered: false, count: 0 },
    });
    expect(await waitingRows(own.id)).toEqual([]);
  });
});
