import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/graph/graph-client.ts';
import { createAppTokenProvider } from '../../../src/graph/token-providers.ts';
import { createAccessPolicy } from '../../../src/auth/access.ts';
import { createAuditLog } from '../../../src/auth/audit.ts';
import { createPeopleStore } from '../../../src/people/people.store.ts';
import { createTrainingService } from '../../../src/training/training.service.ts';
import { createCourseInterests } from '../../../src/training/course-interests.ts';
import { createTrainingStore } from '../../../src/training/training.store.ts';
import type {
  CourseView,
  EnrolmentView,
  Roster,
  SessionView,
} from '../../../src/training/training.contract.ts';
import { apiCaller, type ApiAnswer } from '../../support/api-caller.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, jstDay, sessionBody, until, type Person } from './training-support.ts';

describe.each(SLICE_BACKENDS)('training sessions, Outlook and enrolment on %s', (backend) => {
  let server: TestServer;
  let hr: Person;
  let kenshu: Person;
  let kakaricho: Person;
  let reports: Person[];
  let outsider: Person;
  let course: CourseView;
  let session: SessionView;
  const call = apiCaller(() => server);

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { INTERVIEW_LEASE_SECONDS: '2' } });
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    kenshu = people.find((person) => person.userPrincipalName.startsWith('kenshu@'))!;
    kakaricho = people.find(
      (person) =>
        person.levelId === 'kakaricho' && person.department === '市民課' && person.managerId !== null,
    )!;
    reports = people.filter(
      (person) => person.managerId === kakaricho.id && ['shuji', 'shunin'].includes(person.levelId ?? ''),
    );
    outsider = people.find((person) => person.levelId === 'kakaricho' && person.department === '保育課')!;
    course = (await call(hr, 'POST', '/api/training/courses', courseBody())).body as unknown as CourseView;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  let eventId = '';
  /** The session's event in the training mailbox: found by subject until its id is known. */
  const kenshuEvent = (subject: string) =>
    server.emulator
      .eventsOf(kenshu.id)
      .find((event) => (eventId ? event.id === eventId : event.subject === subject && event.isOrganizer));
  const enrolmentsOf = async (person: Person) =>
    (await call(person, 'GET', '/api/training/enrolments')).body as unknown as EnrolmentView[];
  const roster = async () =>
    (await call(hr, 'GET', `/api/training/sessions/${session.id}/roster`)).body as unknown as Roster;
  const errorOf = (answer: ApiAnswer) =>
    answer.body.error as unknown as { message: string; details: Array<{ path: string; message: string }> };
  const expectError = (answer: ApiAnswer, status: number, code: string) => {
    expect(answer.status).toBe(status);
    expect(answer.body.error?.code).toBe(code);
  };

  /** Waits for the background job that puts a new session into Outlook: it writes to the session's row. */
  const untilSynced = (courseId: string, sessionId: string) =>
    until('the session to be synced', async () => {
      const detail = await call(hr, 'GET', `/api/training/courses/${courseId}`);
      const found = (detail.body.sessions as SessionView[]).find((entry) => entry.id === sessionId)!;
      return found.outlook === 'synced' ? found : undefined;
    });

  it('schedules a session as one event in the training mailbox’s calendar', async () => {
    const created = await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody());
    expect(created.status).toBe(201);
    session = created.body as unknown as SessionView;
    expect(session).toMatchObject({
      capacity: 2,
      startTime: '10:00',
      endTime: '12:00',
      open: true,
      outlook: 'pending',
    });
    const event = await until('the session event in kenshu’s calendar', () =>
      kenshuEvent('【研修】ファシリテーション研修'),
    );
    expect(Date.parse(event.startUtc)).toBe(Date.parse(`${sessionBody().date}T10:00:00+09:00`));
    eventId = event.id;
    expect(event.attendees).toEqual([]);
    expect(event.location.displayName).toBe('小平市役所 大会議室');
    await untilSynced(course.id, session.id);
    expect(
      server.emulator
        .eventsOf(kenshu.id)
        .filter((entry) => entry.subject === '【研修】ファシリテーション研修'),
    ).toHaveLength(1);
  });

  it('refuses scheduling by anyone but HR and sessions that do not fit, changing nothing', async () => {
    const before = await snapshotState(server);
    expectError(
      await call(kakaricho, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody()),
      403,
      'forbidden',
    );
    expectError(
      await call(
        hr,
        'POST',
        `/api/training/courses/${course.id}/sessions`,
        sessionBody({ endTime: '09:00' }),
      ),
      400,
      'validation_failed',
    );
    expectError(
      await call(
        hr,
        'POST',
        `/api/training/courses/${course.id}/sessions`,
        sessionBody({ applicationDeadline: jstDay(20) }),
      ),
      400,
      'validation_failed',
    );
    expectError(
      await call(
        hr,
        'POST',
        `/api/training/courses/${course.id}/sessions`,
        sessionBody({ date: jstDay(-1), applicationDeadline: jstDay(-2) }),
      ),
      400,
      'validation_failed',
    );
    expectError(
      await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ place: '' })),
      400,
      'validation_failed',
    );
    expect(await snapshotState(server)).toBe(before);
  });

  let applied: EnrolmentView;
  let recommended: EnrolmentView;
  let nominated: EnrolmentView;

  it('takes an application, a supervisor’s recommendation with a reason the report sees, and an HR nomination', async () => {
    const [first, second, third] = reports;
    const application = await call(first!, 'POST', `/api/training/sessions/${session.id}/apply`, {
      note: '会議運営を学びたい',
    });
    expect(application.status).toBe(201);
    applied = application.body as unknown as EnrolmentView;
    expect(applied).toMatchObject({
      status: 'applied',
      origin: 'application',
      personId: first!.id,
      note: '会議運営を学びたい',
    });

    const recommendation = await call(kakaricho, 'POST', `/api/training/sessions/${session.id}/recommend`, {
      personId: second!.id,
      reason: '係内の打合せを任せたいため',
    });
    expect(recommendation.status).toBe(201);
    recommended = recommendation.body as unknown as EnrolmentView;
    const seenByReport = (await enrolmentsOf(second!)).find((entry) => entry.id === recommended.id)!;
    expect(seenByReport).toMatchObject({
      status: 'recommended',
      origin: 'recommendation',
      reason: '係内の打合せを任せたいため',
      requestedById: kakaricho.id,
      requestedByName: kakaricho.displayName,
    });

    const nomination = await call(hr, 'POST', `/api/training/sessions/${session.id}/nominate`, {
      personId: third!.id,
      note: '',
      overrideEligibility: false,
    });
    expect(nomination.status).toBe(201);
    nominated = nomination.body as unknown as EnrolmentView;
    expect(nominated).toMatchObject({ status: 'nominated', origin: 'nomination', requestedById: hr.id });
  });

  it('refuses enrolling twice, recommending outside one’s chain, and managing someone else’s enrolment, changing nothing', async () => {
    const [first, second] = reports;
    const before = await snapshotState(server);
    expectError(
      await call(first!, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' }),
      409,
      'conflict',
    );
    expectError(
      await call(kakaricho, 'POST', `/api/training/sessions/${session.id}/recommend`, {
        personId: first!.id,
        reason: '再度',
      }),
      409,
      'conflict',
    );
    expectError(
      await call(outsider, 'POST', `/api/training/sessions/${session.id}/recommend`, {
        personId: second!.id,
        reason: '推薦',
      }),
      403,
      'forbidden',
    );
    expectError(
      await call(kakaricho, 'POST', `/api/training/sessions/${session.id}/nominate`, {
        personId: second!.id,
        note: '',
        overrideEligibility: true,
      }),
      403,
      'forbidden',
    );
    expectError(
      await call(second!, 'POST', `/api/training/enrolments/${applied.id}/withdraw`, {
        version: 1,
        reason: '',
      }),
      403,
      'forbidden',
    );
    expectError(
      await call(kakaricho, 'POST', `/api/training/enrolments/${applied.id}/confirm`, { version: 1 }),
      403,
      'forbidden',
    );
    expectError(
      await call(first!, 'POST', `/api/training/enrolments/${applied.id}/confirm`, { version: 1 }),
      403,
      'forbidden',
    );
    expectError(
      await call(hr, 'POST', `/api/training/enrolments/${applied.id}/confirm`, { version: 7 }),
      409,
      'version_conflict',
    );
    expectError(
      await call(hr, 'POST', `/api/training/enrolments/${applied.id}/attendance`, { version: 1 }),
      409,
      'conflict',
    );
    expectError(await call(second!, 'GET', `/api/training/sessions/${session.id}/roster`), 403, 'forbidden');
    expect(await snapshotState(server)).toBe(before);
  });

  it('confirms up to capacity, puts the rest on the waiting list in order, and adds the confirmed to the event', async () => {
    const [first, second, third] = reports;
    const one = await call(hr, 'POST', `/api/training/enrolments/${applied.id}/confirm`, { version: 1 });
    const two = await call(hr, 'POST', `/api/training/enrolments/${recommended.id}/confirm`, { version: 1 });
    const three = await call(hr, 'POST', `/api/training/enrolments/${nominated.id}/confirm`, { version: 1 });
    expect([one.body.status, two.body.status, three.body.status]).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
    ]);
    expect(three.body.waitlistPosition).toBe(1);

    const event = await until('both confirmed people on the event', () => {
      const found = kenshuEvent('【研修】ファシリテーション研修');
      return found && found.attendees.length === 2 ? found : undefined;
    });
    expect(event.attendees.map((attendee) => attendee.emailAddress.address).sort()).toEqual(
      [first!.mail, second!.mail].sort(),
    );
    await until('the event in the confirmed people’s calendars', () =>
      [first!, second!].every((person) =>
        server.emulator
          .eventsOf(person.id)
          .some((entry) => entry.subject === '【研修】ファシリテーション研修'),
      )
        ? true
        : undefined,
    );
    expect(
      server.emulator.eventsOf(third!.id).some((entry) => entry.subject === '【研修】ファシリテーション研修'),
    ).toBe(false);
    const list = await roster();
    expect(list.session).toMatchObject({ confirmed: 2, waitlisted: 1 });
    expect(list.enrolments.map((entry) => entry.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    await until('the confirmed to be marked in the calendar', async () =>
      (await roster()).enrolments.filter((entry) => entry.inCalendar).length === 2 ? true : undefined,
    );
  });

  it('shows in the roster, within seconds, how the confirmed answered the invitation in Outlook', async () => {
    const [first, second] = reports;
    // The training mailbox is watched (a Graph subscription) and its first delta round is done.
    await until('the training mailbox to be watched', async () =>
      server.emulator.subscriptions.all().some((subscription) => subscription.mailboxId === kenshu.id) &&
      (await server.database.query(`SELECT 1 FROM outlook_delta_links`)).length > 0
        ? true
        : undefined,
    );
    const microsoft = server.local!.microsoft;
    const graph = createGraphClient({
      baseUrl: microsoft.graphBaseUrl,
      getToken: createAppTokenProvider({ ...microsoft, caCertPem: server.local!.caCertPem }),
      caCertPem: server.local!.caCertPem,
    });
    const copyOf = (person: Person) =>
      server.emulator
        .eventsOf(person.id)
        .find((entry) => !entry.isOrganizer && entry.subject === '【研修】ファシリテーション研修')!;
    await graph.post(`/users/${first!.id}/events/${copyOf(first!).id}/accept`, { sendResponse: true });
    await graph.post(`/users/${second!.id}/events/${copyOf(second!).id}/decline`, { sendResponse: true });
    // No job sent by the test: the change notification brings the answers.
    const answers = await until('the answers in the roster', async () => {
      const list = (await roster()).enrolments;
      const byPerson = new Map(list.map((entry) => [entry.personId, entry.outlookResponse]));
      return byPerson.get(first!.id) === 'accepted' && byPerson.get(second!.id) === 'declined'
        ? byPerson
        : undefined;
    });
    expect(answers.get(first!.id)).toBe('accepted');
    // An answer is a fact seen in Outlook; the enrolment stays confirmed until HR decides.
    expect((await roster()).enrolments.filter((entry) => entry.status === 'confirmed')).toHaveLength(2);
  });

  it('moves the first on the waiting list up when a confirmed person withdraws, and Outlook follows', async () => {
    const [first, , third] = reports;
    const current = (await enrolmentsOf(first!)).find((entry) => entry.id === applied.id)!;
    const withdrawn = await call(first!, 'POST', `/api/training/enrolments/${applied.id}/withdraw`, {
      version: current.version,
      reason: '業務都合',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', closingReason: '業務都合' });
    const moved = (await enrolmentsOf(third!)).find((entry) => entry.id === nominated.id)!;
    expect(moved).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    await until('the promoted person on the event', () =>
      kenshuEvent('【研修】ファシリテーション研修')?.attendees.some(
        (attendee) => attendee.emailAddress.address === third!.mail,
      )
        ? true
        : undefined,
    );
    // The one who withdrew leaves the event: off the attendee list, and their copy is cancelled.
    await until('the withdrawn person off the event', () =>
      kenshuEvent('【研修】ファシリテーション研修')?.attendees.every(
        (attendee) => attendee.emailAddress.address !== first!.mail,
      )
        ? true
        : undefined,
    );
    await until('the withdrawn person’s copy cancelled', () =>
      server.emulator.eventsOf(first!.id).find((entry) => entry.subject === '【研修】ファシリテーション研修')
        ?.isCancelled
        ? true
        : undefined,
    );
    // Withdrawing again is refused: the enrolment is closed.
    expectError(
      await call(first!, 'POST', `/api/training/enrolments/${applied.id}/withdraw`, {
        version: current.version + 1,
        reason: '',
      }),
      409,
      'conflict',
    );
  });

  it('shows a supervisor their team’s trainings and everyone the upcoming sessions', async () => {
    const team = (await call(kakaricho, 'GET', '/api/training/team')).body as unknown as EnrolmentView[];
    expect(team.map((entry) => entry.personId).sort()).toEqual(
      reports
        .slice(0, 3)
        .map((person) => person.id)
        .sort(),
    );
    expect(team.find((entry) => entry.id === recommended.id)).toMatchObject({
      reason: '係内の打合せを任せたいため',
    });
    expect((await call(outsider, 'GET', '/api/training/team')).body).toEqual([]);
    const upcoming = (await call(reports[0]!, 'GET', '/api/training/sessions'))
      .body as unknown as SessionView[];
    expect(upcoming.find((entry) => entry.id === session.id)).toMatchObject({ confirmed: 2, waitlisted: 0 });
    const window = await call(
      reports[0]!,
      'GET',
      `/api/training/sessions?from=${jstDay(15)}&to=${jstDay(20)}`,
    );
    expect((window.body as unknown as SessionView[]).some((entry) => entry.id === session.id)).toBe(false);
    expectError(
      await call(reports[0]!, 'GET', `/api/training/sessions?from=${jstDay(5)}&to=${jstDay(1)}`),
      400,
      'validation_failed',
    );
  });

  it('moves the event when HR changes the time, in the mailbox and the attendees’ calendars', async () => {
    const [, second] = reports;
    const detail = await call(hr, 'GET', `/api/training/courses/${course.id}`);
    const current = (detail.body.sessions as SessionView[]).find((entry) => entry.id === session.id)!;
    const changed = await call(hr, 'PUT', `/api/training/sessions/${session.id}`, {
      ...sessionBody({ startTime: '13:30', endTime: '16:00', place: '健康センター 研修室' }),
      version: current.version,
    });
    expect(changed.status).toBe(200);
    await until('the new place in Outlook', () =>
      kenshuEvent('【研修】ファシリテーション研修')?.location.displayName === '健康センター 研修室'
        ? true
        : undefined,
    );
    const start = Date.parse(`${sessionBody().date}T13:30:00+09:00`);
    await until('the event to move', () =>
      Date.parse(kenshuEvent('【研修】ファシリテーション研修')?.startUtc ?? '') === start ? true : undefined,
    );
    await until('the attendee’s copy to move', () =>
      server.emulator
        .eventsOf(second!.id)
        .some(
          (entry) =>
            entry.subject === '【研修】ファシリテーション研修' && Date.parse(entry.startUtc) === start,
        )
        ? true
        : undefined,
    );
    expectError(
      await call(hr, 'PUT', `/api/training/sessions/${session.id}`, {
        ...sessionBody({ capacity: 1 }),
        version: current.version + 1,
      }),
      409,
      'conflict',
    );
  });

  it('refuses applications after the deadline and from people the course is not for, with the reason', async () => {
    const late = (
      await call(
        hr,
        'POST',
        `/api/training/courses/${course.id}/sessions`,
        sessionBody({ applicationDeadline: jstDay(-1) }),
      )
    ).body as unknown as SessionView;
    expect(late.open).toBe(false);
    const narrow = (
      await call(
        hr,
        'POST',
        '/api/training/courses',
        courseBody({ title: { ja: '係長限定研修' }, targetLevelIds: ['kakaricho'] }),
      )
    ).body as unknown as CourseView;
    const narrowSession = (
      await call(hr, 'POST', `/api/training/courses/${narrow.id}/sessions`, sessionBody())
    ).body as unknown as SessionView;
    const [first, second] = reports;
    // Nothing may change but what the refused calls would change: the sessions' Outlook jobs finish first.
    await untilSynced(course.id, late.id);
    await untilSynced(narrow.id, narrowSession.id);
    const before = await snapshotState(server);
    const afterDeadline = await call(first!, 'POST', `/api/training/sessions/${late.id}/apply`, { note: '' });
    expectError(afterDeadline, 409, 'conflict');
    expect(errorOf(afterDeadline).message).toContain(jstDay(-1));
    expectError(
      await call(kakaricho, 'POST', `/api/training/sessions/${late.id}/recommend`, {
        personId: second!.id,
        reason: '推薦',
      }),
      409,
      'conflict',
    );
    const ineligible = await call(first!, 'POST', `/api/training/sessions/${narrowSession.id}/apply`, {
      note: '',
    });
    expectError(ineligible, 422, 'unprocessable');
    const details = errorOf(ineligible).details;
    expect(details.map((detail) => detail.path)).toEqual(['level_not_targeted']);
    expect(details[0]!.message).toContain('対象職層ではありません');
    expectError(
      await call(hr, 'POST', `/api/training/sessions/${narrowSession.id}/nominate`, {
        personId: first!.id,
        note: '',
        overrideEligibility: false,
      }),
      422,
      'unprocessable',
    );
    expect(await snapshotState(server)).toBe(before);
    // HR may nominate outside the target on purpose, and it is recorded; after the deadline too.
    const overridden = await call(hr, 'POST', `/api/training/sessions/${narrowSession.id}/nominate`, {
      personId: first!.id,
      note: '特例として指名',
      overrideEligibility: true,
    });
    expect(overridden.status).toBe(201);
    expect(overridden.body).toMatchObject({
      status: 'nominated',
      eligibilityOverridden: true,
      reason: '特例として指名',
    });
    expect(
      (
        await call(hr, 'POST', `/api/training/sessions/${late.id}/nominate`, {
          personId: second!.id,
          note: '',
          overrideEligibility: false,
        })
      ).status,
    ).toBe(201);
  });

  it('cancels the session: the event is cancelled for the mailbox and the attendees, and enrolments are closed to changes', async () => {
    const [, second] = reports;
    const detail = await call(hr, 'GET', `/api/training/courses/${course.id}`);
    const current = (detail.body.sessions as SessionView[]).find((entry) => entry.id === session.id)!;
    expectError(
      await call(kakaricho, 'POST', `/api/training/sessions/${session.id}/cancel`, {
        version: current.version,
        reason: '講師都合',
      }),
      403,
      'forbidden',
    );
    const cancelled = await call(hr, 'POST', `/api/training/sessions/${session.id}/cancel`, {
      version: current.version,
      reason: '講師都合のため中止',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelReason: '講師都合のため中止',
      open: false,
    });
    // Graph removes a cancelled meeting from the organizer's calendar and marks the attendees' copies.
    await until('the event to leave the mailbox', () => (kenshuEvent('') ? undefined : true));
    await until('the attendee’s copy to be cancelled', () =>
      server.emulator
        .eventsOf(second!.id)
        .some((entry) => entry.subject === '【研修】ファシリテーション研修' && entry.isCancelled)
        ? true
        : undefined,
    );
    expectError(
      await call(reports[0]!, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' }),
      409,
      'conflict',
    );
  });

  it('lets a supervisor withdraw their own 推薦 while it is still a recommendation, and nobody else’s', async () => {
    const [first, second] = reports;
    const own = (
      await call(
        hr,
        'POST',
        `/api/training/courses/${course.id}/sessions`,
        sessionBody({ place: '第2会議室' }),
      )
    ).body as unknown as SessionView;
    const recommend = async (person: Person) =>
      (
        await call(kakaricho, 'POST', `/api/training/sessions/${own.id}/recommend`, {
          personId: person.id,
          reason: '係の中心になってほしい',
        })
      ).body as unknown as EnrolmentView;
    const mine = await recommend(first!);
    // Someone outside the chain, even another supervisor, may not.
    expectError(
      await call(outsider, 'POST', `/api/training/enrolments/${mine.id}/withdraw`, {
        version: 1,
        reason: '',
      }),
      403,
      'forbidden',
    );
    const withdrawn = await call(kakaricho, 'POST', `/api/training/enrolments/${mine.id}/withdraw`, {
      version: 1,
      reason: '業務の都合で今回は見送り',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', closingReason: '業務の都合で今回は見送り' });
    const [audit] = await server.database.query<{ actor_id: string; subject_id: string; details: unknown }>(
      `SELECT actor_id, subject_id, details FROM audit_log WHERE resource = 'training-enrolment' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({
      actor_id: kakaricho.id,
      subject_id: first!.id,
      details: { change: 'withdraw-recommendation' },
    });
    // Once HR has confirmed it, the place is the person's: the recommender can no longer take it back.
    const confirmedOne = await recommend(second!);
    expect(
      (await call(hr, 'POST', `/api/training/enrolments/${confirmedOne.id}/confirm`, { version: 1 })).status,
    ).toBe(200);
    expectError(
      await call(kakaricho, 'POST', `/api/training/enrolments/${confirmedOne.id}/withdraw`, {
        version: 2,
        reason: '',
      }),
      409,
      'conflict',
    );
  });
});

describe.each(SLICE_BACKENDS)('seats and attendance on %s', (backend) => {
  let server: TestServer;
  let hr: Person;
  let staff: Person[];
  const call = apiCaller(() => server);

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    staff = people
      .filter((person) => person.levelId === 'shuji' && person.department === '保育課')
      .slice(0, 2);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('gives the last seat to one of two confirmations made at the same moment and waitlists the other', async () => {
    const course = (
      await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: '一席研修' } }))
    ).body as unknown as CourseView;
    const session = (
      await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 1 }))
    ).body as unknown as SessionView;
    const enrolments = await Promise.all(
      staff.map(
        async (person) =>
          (await call(person, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' }))
            .body as unknown as EnrolmentView,
      ),
    );
    const answers = await Promise.all(
      enrolments.map((enrolment) =>
        call(hr, 'POST', `/api/training/enrolments/${enrolment.id}/confirm`, { version: 1 }),
      ),
    );
    expect(answers.map((answer) => answer.body.status).sort()).toEqual(['confirmed', 'waitlisted']);
  });

  it('records attendance once the session has ended (409 session_not_ended before), and the bot’s report marks it reported', async () => {
    const course = (
      await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: '出席研修' } }))
    ).body as unknown as CourseView;
    const session = (await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody()))
      .body as unknown as SessionView;
    const person = staff[0]!;
    const applied = (await call(person, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' }))
      .body as unknown as EnrolmentView;
    await call(hr, 'POST', `/api/training/enrolments/${applied.id}/confirm`, { version: 1 });
    const early = await call(hr, 'POST', `/api/training/enrolments/${applied.id}/attendance`, { version: 2 });
    expect(early.status).toBe(409);
    expect(early.body.error?.code).toBe('session_not_ended');
    // Under way is not over: attendance waits for the end, as the report does.
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' WHERE id = $1`,
      [session.id],
    );
    const underWay = await call(hr, 'POST', `/api/training/enrolments/${applied.id}/attendance`, {
      version: 2,
    });
    expect(underWay.status).toBe(409);
    expect(underWay.body.error?.code).toBe('session_not_ended');
    // The session took place: moved into the past directly, as the API refuses past times.
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [session.id],
    );
    const attended = await call(hr, 'POST', `/api/training/enrolments/${applied.id}/attendance`, {
      version: 2,
    });
    expect(attended.status).toBe(200);
    expect(attended.body.status).toBe('attended');

    const db = server.database.db;
    const peopleStore = createPeopleStore(db, () => new Date());
    const service = createTrainingService({
      store: createTrainingStore(db, () => new Date()),
      people: peopleStore,
      access: createAccessPolicy(peopleStore),
      audit: createAuditLog(db),
      framework: server.framework,
      paths: { courseIdsOf: () => Promise.resolve(new Set()) },
      interests: createCourseInterests({ db, now: () => new Date() }),
      growth: {
        latestSubmittedOf: () => Promise.resolve(undefined),
        trainingsWantedBy: () => Promise.resolve([]),
      },
      notifyOutlookWork: () => Promise.resolve(),
      now: () => new Date(),
    });
    expect(await service.markReported(staff[1]!.id, session.id)).toBe(false);
    expect(await service.markReported(person.id, session.id)).toBe(true);
    expect(await service.markReported(person.id, session.id)).toBe(true);
    const mine = (await call(person, 'GET', '/api/training/enrolments')).body as unknown as EnrolmentView[];
    expect(mine.find((entry) => entry.id === applied.id)).toMatchObject({ status: 'reported', version: 4 });
  });
});
