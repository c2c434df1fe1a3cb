import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGraphClient } from '../../../src/graph/graph-client.ts';
import { createAppTokenProvider } from '../../../src/graph/token-providers.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { jstMidnight } from '../../../src/shared/japan-time.ts';
import type {
  BookingResponse,
  InterviewDetail,
  InterviewSummary,
  PlanResponse,
} from '../../../src/interviews/interview.contract.ts';
import { blockingIntervals } from '../../../src/interviews/slot-finder.ts';
import { WATCH_LIFECYCLE_QUEUE } from '../../../src/calendar-watch/calendar-watch.module.ts';
import { QUEUE_SCHEMA } from '../../../src/jobs/queue-schema.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { officeWindow, until } from '../../support/waiting.ts';
import { readInFiscalYearOf, shiftedClock } from '../../support/shifted-clock.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = TestServer['emulator']['people'][number];

describe('one-on-one interviews through Graph', () => {
  let server: TestServer;
  let kacho: Person;
  let reports: Person[];
  let outsider: Person;
  const call = apiCaller(() => server);
  // The machine's time, but a test may read a view of the year its bookings fall in (see readInFiscalYearOf).
  const clock = shiftedClock();

  beforeAll(async () => {
    server = await startTestServer({ env: { INTERVIEW_LEASE_SECONDS: '2' }, clock });
    const people = server.emulator.people;
    kacho = people.find((person) => person.levelId === 'kacho' && person.department === '市民課')!;
    reports = people.filter((person) => person.managerId === kacho.id);
    outsider = people.find((person) => person.levelId === 'shuji' && person.department === '保育課')!;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const plan = (type: string, personIds: string[], extra: Record<string, unknown> = {}) =>
    call(kacho, 'POST', '/api/interviews/plan', {
      personIds,
      type,
      ...officeWindow(10),
      durationMinutes: 30,
      bufferMinutes: 10,
      minimumNoticeMinutes: 60,
      ...extra,
    });

  const organizerInterviews = async () =>
    (await call(kacho, 'GET', '/api/interviews?as=organizer')).body as unknown as InterviewSummary[];

  const waitBooked = (ids: string[]) =>
    until('the interviews to be in Outlook', async () => {
      const all = await organizerInterviews();
      const mine = all.filter((interview) => ids.includes(interview.id));
      return mine.length === ids.length && mine.every((interview) => interview.status === 'booked')
        ? mine
        : undefined;
    });

  let booked: BookingResponse;

  it('proposes one slot per direct report, inside everyone’s free time and without overlaps', async () => {
    const answer = await plan(
      'goalSetting',
      reports.map((person) => person.id),
    );
    expect(answer.status).toBe(200);
    const proposal = answer.body as unknown as PlanResponse;
    expect(proposal.unplaced).toEqual([]);
    expect(proposal.slots.map((slot) => slot.personId).sort()).toEqual(
      reports.map((person) => person.id).sort(),
    );
    const organizerBusy = blockingIntervals(
      server.emulator.eventsOf(kacho.id).map((event) => ({
        start: Date.parse(event.startUtc),
        end: Date.parse(event.endUtc),
        status: event.showAs,
      })),
    );
    for (const slot of proposal.slots) {
      const start = Date.parse(slot.start);
      const end = Date.parse(slot.end);
      expect(end - start).toBe(30 * 60_000);
      const attendeeBusy = blockingIntervals(
        server.emulator.eventsOf(slot.personId).map((event) => ({
          start: Date.parse(event.startUtc),
          end: Date.parse(event.endUtc),
          status: event.showAs,
        })),
      );
      for (const busy of [...organizerBusy, ...attendeeBusy])
        expect(start < busy.end && busy.start < end).toBe(false);
      for (const other of proposal.slots)
        if (other !== slot)
          expect(
            start < Date.parse(other.end) + 10 * 60_000 && Date.parse(other.start) < end + 10 * 60_000,
          ).toBe(false);
      expect(slot.alternatives.length).toBeGreaterThan(0);
    }
  });

  it('tells the supervisor when Exchange refuses the app their mailbox, instead of failing obscurely', async () => {
    server.emulator.faults.add({ status: 403, mailbox: kacho.id, pathPattern: '/calendar/getSchedule' });
    try {
      const answer = await plan('goalSetting', [reports[0]!.id]);
      expect(answer.status).toBe(409);
      expect(JSON.stringify(answer.body)).toContain('Exchange RBAC for Applications');
    } finally {
      server.emulator.faults.clear();
    }
  });

  it('books all direct reports in one action: events with Teams links land in both calendars, agenda from goals', async () => {
    const report = reports[0]!;
    // The year the interviews fall in, whose goals their agenda lists.
    const { firstDay } = officeWindow(10);
    const fiscalYear = halfPeriodAt(new Date(jstMidnight(firstDay))).fiscalYear;
    const goal = await call(report, 'POST', `/api/people/me/goals`, {
      fiscalYear,
      title: '窓口の待ち時間を半分にする',
      successCriteria: '平均待ち時間 10 分以内',
      dueDate: `${fiscalYear + 1}-03-31`,
      competencyIds: [],
      guidelineIds: [],
      idempotencyKey: randomUUID(),
    });
    expect(goal.status).toBe(201);
    const proposal = (
      await plan(
        'goalSetting',
        reports.map((person) => person.id),
      )
    ).body as unknown as PlanResponse;
    const answer = await call(kacho, 'POST', '/api/interviews/bookings', {
      idempotencyKey: randomUUID(),
      type: 'goalSetting',
      plan: { ...officeWindow(10), durationMinutes: 30, bufferMinutes: 10, minimumNoticeMinutes: 60 },
      slots: proposal.slots.map(({ personId, start, end }) => ({ personId, start, end })),
    });
    expect(answer.status).toBe(202);
    booked = answer.body as unknown as BookingResponse;
    expect(booked.interviews).toHaveLength(reports.length);

    const interviews = await waitBooked(booked.interviews.map((interview) => interview.id));
    for (const interview of interviews) {
      expect(interview.joinUrl).toMatch(/^https:\/\//);
      const organizerEvents = server.emulator
        .eventsOf(kacho.id)
        .filter((event) => event.subject.includes('期首面談'));
      const event = organizerEvents.find(
        (candidate) =>
          candidate.startUtc === new Date(interview.start).toISOString() ||
          Date.parse(candidate.startUtc) === Date.parse(interview.start),
      );
      expect(event, `organizer's event for ${interview.personName}`).toBeDefined();
      expect(event!.onlineMeeting?.joinUrl).toBe(interview.joinUrl);
      expect(event!.attendees.map((attendee) => attendee.emailAddress.address)).toContain(
        server.emulator.people.find((person) => person.id === interview.personId)!.mail,
      );
      const copy = server.emulator
        .eventsOf(interview.personId)
        .find((candidate) => candidate.iCalUId === event!.iCalUId);
      expect(copy, `attendee's copy for ${interview.personName}`).toBeDefined();
    }
    const team = (await readInFiscalYearOf(clock, firstDay, () => call(kacho, 'GET', '/api/team')))
      .body as unknown as {
      members: Array<{ id: string; interview: { status: string; type: string } | null }>;
    };
    for (const report of reports)
      expect(team.members.find((member) => member.id === report.id)?.interview).toMatchObject({
        status: 'booked',
        type: 'goalSetting',
      });
    const withGoal = server.emulator
      .eventsOf(kacho.id)
      .find((event) => event.subject.includes(report.displayName) && event.subject.includes('期首面談'))!;
    expect(withGoal.body.content).toContain('窓口の待ち時間を半分にする');
    expect(withGoal.body.content).toContain('説明・説得力');
  });

  it('answers a repeated confirmation with the first booking and books nothing twice', async () => {
    const before = server.emulator.eventsOf(kacho.id).length;
    const key = randomUUID();
    const proposal = (await plan('career', [reports[1]!.id])).body as unknown as PlanResponse;
    const body = {
      idempotencyKey: key,
      type: 'career',
      plan: { ...officeWindow(10), durationMinutes: 30, bufferMinutes: 10, minimumNoticeMinutes: 60 },
      slots: proposal.slots.map(({ personId, start, end }) => ({ personId, start, end })),
    };
    const [one, two] = await Promise.all([
      call(kacho, 'POST', '/api/interviews/bookings', body),
      call(kacho, 'POST', '/api/interviews/bookings', body),
    ]);
    expect([one.status, two.status]).toEqual([202, 202]);
    expect((one.body as unknown as BookingResponse).bookingId).toBe(
      (two.body as unknown as BookingResponse).bookingId,
    );
    await waitBooked((one.body as unknown as BookingResponse).interviews.map((interview) => interview.id));
    expect(server.emulator.eventsOf(kacho.id).length).toBe(before + 1);
  });

  it('refuses a second interview of the same type this year, and anyone outside the chain', async () => {
    const again = await plan('goalSetting', [reports[0]!.id]);
    expect((again.body as unknown as PlanResponse).unplaced).toEqual([
      expect.objectContaining({ personId: reports[0]!.id, reason: 'already_booked' }),
    ]);
    expect((await plan('goalSetting', [outsider.id])).status).toBe(403);
    const asReport = await call(reports[0]!, 'POST', '/api/interviews/plan', {
      personIds: [kacho.id],
      type: 'career',
      ...officeWindow(5),
    });
    expect(asReport.status).toBe(403);
  });

  it('retries creations throttled inside the batch and still books each interview exactly once', async () => {
    const person = reports[2]!;
    const proposal = (await plan('midYear', [person.id])).body as unknown as PlanResponse;
    server.emulator.faults.add({
      status: 429,
      retryAfterSeconds: 1,
      count: 2,
      inBatch: true,
      pathPattern: /\/events$/,
    });
    const answer = await call(kacho, 'POST', '/api/interviews/bookings', {
      idempotencyKey: randomUUID(),
      type: 'midYear',
      plan: { ...officeWindow(10), durationMinutes: 30, bufferMinutes: 10, minimumNoticeMinutes: 60 },
      slots: proposal.slots.map(({ personId, start, end }) => ({ personId, start, end })),
    });
    expect(answer.status).toBe(202);
    const [interview] = await waitBooked(
      (answer.body as unknown as BookingResponse).interviews.map((entry) => entry.id),
    );
    const events = server.emulator.eventsOf(kacho.id).filter((event) => event.subject.includes('中間面談'));
    expect(events).toHaveLength(1);
    expect(events[0]!.onlineMeeting?.joinUrl).toBe(interview!.joinUrl);
  });

  it('moves and cancels in Outlook when the supervisor reschedules or cancels in the tab', async () => {
    const target = booked.interviews[1]!;
    const current = (await call(kacho, 'GET', `/api/interviews/${target.id}`))
      .body as unknown as InterviewDetail;
    const proposal = (await plan('yearEnd', [target.personId])).body as unknown as PlanResponse;
    const next = proposal.slots[0]!.alternatives.at(-1)!;
    // A time when the report is busy is refused, naming them.
    const busy = server.emulator
      .eventsOf(target.personId)
      .find(
        (event) =>
          ['busy', 'oof'].includes(event.showAs) && Date.parse(event.startUtc) > Date.now() + 60 * 60_000,
      )!;
    const refused = await call(kacho, 'POST', `/api/interviews/${target.id}/reschedule`, {
      version: current.version,
      start: new Date(Date.parse(busy.startUtc)).toISOString(),
      end: new Date(Date.parse(busy.startUtc) + 30 * 60_000).toISOString(),
    });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain(target.personName);
    const moved = await call(kacho, 'POST', `/api/interviews/${target.id}/reschedule`, {
      version: current.version,
      start: next.start,
      end: next.end,
    });
    expect(moved.status).toBe(200);
    const eventId = () =>
      server.emulator
        .eventsOf(kacho.id)
        .find((event) => event.subject.includes(target.personName) && event.subject.includes('期首面談'))!;
    await until('the event to move', async () =>
      Date.parse(eventId().startUtc) === Date.parse(next.start) ? true : undefined,
    );
    const iCalUId = eventId().iCalUId;
    const stale = await call(kacho, 'POST', `/api/interviews/${target.id}/cancel`, {
      version: current.version,
      reason: '',
    });
    expect(stale.status).toBe(409);
    const fresh = (await call(kacho, 'GET', `/api/interviews/${target.id}`))
      .body as unknown as InterviewDetail;
    const cancelled = await call(kacho, 'POST', `/api/interviews/${target.id}/cancel`, {
      version: fresh.version,
      reason: '日程再調整のため',
    });
    expect(cancelled.status).toBe(200);
    await until('the attendee copy to be cancelled', async () => {
      const copy = server.emulator.eventsOf(target.personId).find((event) => event.iCalUId === iCalUId);
      return copy?.isCancelled ? true : undefined;
    });
  });

  /** The organizer's calendar is watched (a Graph subscription made by the app) before Outlook changes. */
  const watched = (mailbox: string) =>
    until('the organizer’s calendar to be watched', async () => {
      const subscription = server.emulator.subscriptions
        .all()
        .find((candidate) => candidate.mailboxId === mailbox);
      return subscription &&
        (await server.database.query(`SELECT 1 FROM outlook_delta_links WHERE mailbox = '${mailbox}'`))
          .length > 0
        ? subscription
        : undefined;
    });

  it('notices within seconds, by change notification, when the attendee declines in Outlook', async () => {
    await watched(kacho.id);
    const target = booked.interviews[2]!;
    const event = server.emulator
      .eventsOf(target.personId)
      .find(
        (candidate) =>
          candidate.subject.includes(target.personName) && candidate.subject.includes('期首面談'),
      )!;
    const microsoft = server.local!.microsoft;
    const graph = createGraphClient({
      baseUrl: microsoft.graphBaseUrl,
      getToken: createAppTokenProvider({ ...microsoft, caCertPem: server.local!.caCertPem }),
      caCertPem: server.local!.caCertPem,
    });
    await graph.post(`/users/${target.personId}/events/${event.id}/decline`, {
      comment: '出張のため',
      sendResponse: true,
    });
    // No poll and no job sent by the test: the notification Graph posts is what brings the change.
    const seen = await until('the decline to show', async () => {
      const detail = (await call(kacho, 'GET', `/api/interviews/${target.id}`))
        .body as unknown as InterviewDetail;
      return detail.response === 'declined' ? detail : undefined;
    });
    expect(seen.response).toBe('declined');
  });

  it('notices, by change notification, an interview moved or deleted in Outlook rather than in the app', async () => {
    await watched(kacho.id);
    const microsoft = server.local!.microsoft;
    const graph = createGraphClient({
      baseUrl: microsoft.graphBaseUrl,
      getToken: createAppTokenProvider({ ...microsoft, caCertPem: server.local!.caCertPem }),
      caCertPem: server.local!.caCertPem,
    });
    const organizerEvent = (label: string) =>
      server.emulator.eventsOf(kacho.id).find((event) => event.isOrganizer && event.subject.includes(label))!;
    const held = await organizerInterviews();
    const midYear = held.find((interview) => interview.type === 'midYear')!;
    const career = held.find((interview) => interview.type === 'career')!;
    const newStart = Date.parse(midYear.start) + 60 * 60_000;
    const [moved, deleted] = await graph.batch([
      {
        id: 'move',
        method: 'PATCH',
        url: `/users/${kacho.id}/events/${organizerEvent('中間面談').id}`,
        body: {
          start: { dateTime: new Date(newStart).toISOString().slice(0, 19), timeZone: 'UTC' },
          end: { dateTime: new Date(newStart + 30 * 60_000).toISOString().slice(0, 19), timeZone: 'UTC' },
        },
      },
      {
        id: 'delete',
        method: 'DELETE',
        url: `/users/${kacho.id}/events/${organizerEvent('キャリア面談').id}`,
      },
    ]);
    expect([moved!.status, deleted!.status]).toEqual([200, 204]);
    const seen = await until('the changes to show', async () => {
      const all = await organizerInterviews();
      const nowMoved = all.find((interview) => interview.id === midYear.id)!;
      const nowDeleted = all.find((interview) => interview.id === career.id)!;
      return nowMoved.changedInOutlook === 'moved' && nowDeleted.changedInOutlook === 'deleted'
        ? { nowMoved, nowDeleted }
        : undefined;
    });
    expect(Date.parse(seen.nowMoved.start)).toBe(newStart);
  });

  it('catches up by delta when Graph reports missed notifications', async () => {
    const subscription = await watched(kacho.id);
    const target = booked.interviews[0];
    const copy = server.emulator
      .eventsOf(target!.personId)
      .find((event) => !event.isOrganizer && event.subject.includes(target!.personName))!;
    const microsoft = server.local!.microsoft;
    const graph = createGraphClient({
      baseUrl: microsoft.graphBaseUrl,
      getToken: createAppTokenProvider({ ...microsoft, caCertPem: server.local!.caCertPem }),
      caCertPem: server.local!.caCertPem,
    });
    const lostBefore = server.emulator.subscriptions
      .deliveries()
      .filter((delivery) => delivery.dropped).length;
    server.emulator.subscriptions.dropChangeNotifications(true);
    try {
      await graph.post(`/users/${target!.personId}/events/${copy.id}/tentativelyAccept`, {
        sendResponse: true,
      });
    } finally {
      server.emulator.subscriptions.dropChangeNotifications(false);
    }
    expect(
      server.emulator.subscriptions.deliveries().filter((delivery) => delivery.dropped).length,
    ).toBeGreaterThan(lostBefore);
    const detail = async () =>
      (await call(kacho, 'GET', `/api/interviews/${target!.id}`)).body as unknown as InterviewDetail;
    expect((await detail()).response).not.toBe('tentative');
    server.emulator.subscriptions.sendLifecycle(subscription.id, 'missed');
    const seen = await until('the missed answer to show', async () => {
      const now = await detail();
      return now.response === 'tentative' ? now : undefined;
    });
    expect(seen.response).toBe('tentative');
  });

  it('subscribes again when Graph removes the subscription, and catches up what changed meanwhile', async () => {
    const before = await watched(kacho.id);
    server.emulator.subscriptions.sendLifecycle(before.id, 'subscriptionRemoved');
    const after = await until('a new subscription', async () =>
      server.emulator.subscriptions
        .all()
        .find((candidate) => candidate.mailboxId === kacho.id && candidate.id !== before.id),
    );
    expect(after.expirationDateTime > new Date().toISOString()).toBe(true);
    expect(after.clientState).not.toBe(before.clientState);
  });

  it('believes no notification that lacks its subscription’s clientState', async () => {
    const subscription = await watched(kacho.id);
    const syncJobs = async () =>
      (await server.database.query(`SELECT id FROM ${QUEUE_SCHEMA}.job WHERE name = 'outlook.sync'`)).length;
    // Graph's own notifications of earlier tests' changes may still arrive, each queuing one sync: count
    // those it sends meanwhile, so that only a job the forged one queued would show.
    const genuine = () =>
      server.emulator.subscriptions.deliveries().filter((item) => item.kind === 'change' && !item.dropped)
        .length;
    // The tests before sent lifecycle events: a subscription made again queues its catch-up sync after the
    // new subscription is visible, so a handler still running would add a job inside the count below.
    await vi.waitFor(
      async () =>
        expect(
          await server.database.query(
            `SELECT id FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`,
            [WATCH_LIFECYCLE_QUEUE],
          ),
        ).toEqual([]),
      { timeout: 60_000, interval: 100 },
    );
    await server.emulator.subscriptions.settled();
    const jobsBefore = await syncJobs();
    const genuineBefore = genuine();
    const forged = await fetch(`${server.url}/api/graph/notifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        value: [
          {
            subscriptionId: subscription.id,
            clientState: 'guessed',
            changeType: 'updated',
            tenantId: server.emulator.tenantId,
            resource: `Users/${kacho.id}/Events/x`,
          },
        ],
      }),
    });
    expect(forged.status).toBe(202);
    const handshake = await fetch(
      `${server.url}/api/graph/notifications?validationToken=${encodeURIComponent('Validation: a <b>&c')}`,
      { method: 'POST' },
    );
    expect(handshake.status).toBe(200);
    expect(handshake.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await handshake.text()).toBe('Validation: a <b>&c');
    // Refused: nothing was queued, so nothing can change.
    await server.emulator.subscriptions.settled();
    expect(await syncJobs()).toBeLessThanOrEqual(jobsBefore + genuine() - genuineBefore);
  });

  /** The first booked interview and the people around it: the 課長's 部長, HR, a 主事 colleague, the attendee. */
  const aroundFirstInterview = () => {
    const target = booked.interviews[0]!;
    const people = server.emulator.people;
    const bucho = people.find((person) => person.id === kacho.managerId)!;
    const hr = people.find((person) => person.appRoles.includes('Hagukumi.HR'))!;
    const colleague = people.find(
      (person) =>
        person.department === kacho.department && person.id !== target.personId && person.levelId === 'shuji',
    )!;
    const attendee = people.find((person) => person.id === target.personId)!;
    return { target, bucho, hr, colleague, attendee };
  };

  it('lets only the supervisor chain change an interview; the attendee and HR read, others get 403', async () => {
    const { target, bucho, hr, colleague, attendee } = aroundFirstInterview();
    const read = async (who: Person) => (await call(who, 'GET', `/api/interviews/${target.id}`)).status;
    expect(await read(kacho)).toBe(200);
    expect(await read(bucho)).toBe(200);
    expect(await read(attendee)).toBe(200);
    expect(await read(hr)).toBe(200);
    expect(await read(colleague)).toBe(403);
    expect(await read(outsider)).toBe(403);
    const version = (
      (await call(kacho, 'GET', `/api/interviews/${target.id}`)).body as unknown as InterviewDetail
    ).version;
    for (const who of [attendee, hr, colleague, outsider]) {
      const cancel = await call(who, 'POST', `/api/interviews/${target.id}/cancel`, { version, reason: '' });
      expect(cancel.status, `cancel as ${who.displayName}`).toBe(403);
    }
    const audit = await server.database.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_log WHERE resource = 'interview' AND subject_id = $1`,
      [target.personId],
    );
    expect(audit.map((row) => row.actor_id)).toEqual(expect.arrayContaining([bucho.id, hr.id]));
  });

  it("lists a person's interviews, whoever held them, to the person, their chain and HR; others get 403", async () => {
    const { target, bucho, hr, colleague, attendee } = aroundFirstInterview();
    const path = `/api/people/${target.personId}/interviews?fiscalYear=${target.fiscalYear}`;
    const ids = async (who: Person, at = path) => {
      const answer = await call(who, 'GET', at);
      return answer.status === 200
        ? (answer.body as unknown as InterviewSummary[]).map((interview) => interview.id)
        : answer.status;
    };
    const before = await server.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE resource = 'interview' AND subject_id = $1 AND actor_id = $2`,
      [target.personId, bucho.id],
    );
    // The 部長 held none of them and still reads the 課長's (the 2次 beside an evaluation form).
    expect(target.organizerId).toBe(kacho.id);
    for (const who of [kacho, bucho, hr, attendee]) expect(await ids(who)).toContain(target.id);
    expect(await ids(attendee, `/api/people/me/interviews?fiscalYear=${target.fiscalYear}`)).toContain(
      target.id,
    );
    expect(
      await ids(bucho, `/api/people/${target.personId}/interviews?fiscalYear=${target.fiscalYear - 1}`),
    ).toEqual([]);
    expect(await ids(colleague)).toBe(403);
    expect(await ids(outsider)).toBe(403);
    expect(await ids(bucho, `/api/people/${target.personId}/interviews?fiscalYear=x`)).toBe(400);
    const after = await server.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE resource = 'interview' AND subject_id = $1 AND actor_id = $2`,
      [target.personId, bucho.id],
    );
    expect(after[0]!.n).toBe(before[0]!.n + 2);
  });

  it('shows the report their interview and the shared notes, never the private ones', async () => {
    const target = booked.interviews[0]!;
    const current = (await call(kacho, 'GET', `/api/interviews/${target.id}`))
      .body as unknown as InterviewDetail;
    const saved = await call(kacho, 'PUT', `/api/interviews/${target.id}/record`, {
      version: current.version,
      agenda: current.agenda,
      sharedNotes: '目標の指標を月次で確認する',
      privateNotes: '次年度は係長候補として育成',
      actionItems: [{ id: 'a1', text: '月次の待ち時間を集計する', done: false, carriedFrom: null }],
    });
    expect(saved.status).toBe(200);
    const report = reports.find((person) => person.id === target.personId)!;
    const mine = (await call(report, 'GET', '/api/interviews?as=attendee'))
      .body as unknown as InterviewSummary[];
    expect(mine.map((interview) => interview.id)).toContain(target.id);
    const seen = (await call(report, 'GET', `/api/interviews/${target.id}`))
      .body as unknown as InterviewDetail;
    expect(seen.sharedNotes).toBe('目標の指標を月次で確認する');
    expect(seen).not.toHaveProperty('privateNotes');
    const tampered = await call(report, 'PUT', `/api/interviews/${target.id}/record`, {
      version: seen.version,
      agenda: seen.agenda,
      sharedNotes: '書き換え',
      actionItems: seen.actionItems,
    });
    expect(tampered.status).toBe(403);
    const ticked = await call(report, 'PUT', `/api/interviews/${target.id}/record`, {
      version: seen.version,
      agenda: seen.agenda,
      sharedNotes: seen.sharedNotes,
      actionItems: seen.actionItems.map((item) => ({ ...item, done: true })),
    });
    expect(ticked.status).toBe(200);
    expect((ticked.body as unknown as InterviewDetail).actionItems[0]!.done).toBe(true);
  });

  it('carries action items not yet done into the person’s next interview', async () => {
    const previous = booked.interviews[0]!;
    const current = (await call(kacho, 'GET', `/api/interviews/${previous.id}`))
      .body as unknown as InterviewDetail;
    const saved = await call(kacho, 'PUT', `/api/interviews/${previous.id}/record`, {
      version: current.version,
      agenda: current.agenda,
      sharedNotes: current.sharedNotes,
      privateNotes: current.privateNotes,
      actionItems: [
        ...current.actionItems,
        { id: 'a2', text: '窓口アンケートを作る', done: false, carriedFrom: null },
      ],
    });
    expect(saved.status).toBe(200);
    const proposal = (await plan('yearEnd', [previous.personId])).body as unknown as PlanResponse;
    const later = [proposal.slots[0]!, ...proposal.slots[0]!.alternatives].find(
      (slot) => Date.parse(slot.start) > Date.parse(previous.start),
    )!;
    const answer = await call(kacho, 'POST', '/api/interviews/bookings', {
      idempotencyKey: randomUUID(),
      type: 'yearEnd',
      plan: { ...officeWindow(10), durationMinutes: 30, bufferMinutes: 10, minimumNoticeMinutes: 60 },
      slots: [{ personId: previous.personId, start: later.start, end: later.end }],
    });
    expect(answer.status).toBe(202);
    const next = (answer.body as unknown as BookingResponse).interviews[0]!;
    const detail = (await call(kacho, 'GET', `/api/interviews/${next.id}`))
      .body as unknown as InterviewDetail;
    expect(detail.actionItems).toEqual([
      expect.objectContaining({ text: '窓口アンケートを作る', done: false, carriedFrom: previous.id }),
    ]);
  });

  it('recovers a bulk booking whose creates reached Graph but were never recorded, with edits in between', async () => {
    // Another supervisor, so earlier tests' interviews do not stand in the way.
    const people = server.emulator.people;
    const boss = people.find(
      (person) =>
        person.levelId === 'kacho' &&
        person.department !== kacho.department &&
        people.filter((candidate) => candidate.managerId === person.id).length >= 3,
    )!;
    const [moving, cancelling, rewriting] = people.filter((person) => person.managerId === boss.id);
    const team = [moving!, cancelling!, rewriting!];
    const proposal = (
      await call(boss, 'POST', '/api/interviews/plan', {
        personIds: team.map((person) => person.id),
        type: 'career',
        ...officeWindow(10),
        durationMinutes: 30,
        bufferMinutes: 10,
        minimumNoticeMinutes: 60,
      })
    ).body as unknown as PlanResponse;
    const answer = await call(boss, 'POST', '/api/interviews/bookings', {
      idempotencyKey: randomUUID(),
      type: 'career',
      plan: { ...officeWindow(10), durationMinutes: 30, bufferMinutes: 10, minimumNoticeMinutes: 60 },
      slots: proposal.slots.map(({ personId, start, end }) => ({ personId, start, end })),
    });
    expect(answer.status).toBe(202);
    const ids = (answer.body as unknown as BookingResponse).interviews.map((interview) => interview.id);
    const idOf = (person: Person) =>
      (answer.body as unknown as BookingResponse).interviews.find((entry) => entry.personId === person.id)!
        .id;
    const bossInterviews = async () =>
      (
        (await call(boss, 'GET', '/api/interviews?as=organizer')).body as unknown as InterviewSummary[]
      ).filter((interview) => ids.includes(interview.id));
    await until('the events to be created', async () => {
      const mine = await bossInterviews();
      return mine.length === 3 && mine.every((interview) => interview.status === 'booked') ? true : undefined;
    });
    const eventsFor = (person: Person) =>
      server.emulator
        .eventsOf(boss.id)
        .filter((event) => event.isOrganizer && event.subject.includes(person.displayName));
    for (const person of team) expect(eventsFor(person)).toHaveLength(1);

    // The crash: Graph made the events, the worker died before recording them, its lease still runs.
    await server.database.query(
      `UPDATE interviews SET event_id = NULL, join_url = NULL, web_link = NULL, status = 'pending',
         outlook_action = 'create', outlook_attempts = 1, lease_until = now() + interval '1 hour'
       WHERE id = ANY($1)`,
      [ids],
    );
    // Before the retry, the supervisor moves one, cancels one and rewrites the agenda of the third.
    const detailOf = async (person: Person) =>
      (await call(boss, 'GET', `/api/interviews/${idOf(person)}`)).body as unknown as InterviewDetail;
    const later = (
      (
        await call(boss, 'POST', '/api/interviews/plan', {
          personIds: [moving!.id],
          type: 'midYear',
          ...officeWindow(10),
          durationMinutes: 30,
          bufferMinutes: 10,
          minimumNoticeMinutes: 60,
        })
      ).body as unknown as PlanResponse
    ).slots[0]!.alternatives.at(-1)!;
    const moved = await call(boss, 'POST', `/api/interviews/${idOf(moving!)}/reschedule`, {
      version: (await detailOf(moving!)).version,
      start: later.start,
      end: later.end,
    });
    expect(moved.status).toBe(200);
    const cancelled = await call(boss, 'POST', `/api/interviews/${idOf(cancelling!)}/cancel`, {
      version: (await detailOf(cancelling!)).version,
      reason: '異動のため',
    });
    expect(cancelled.status).toBe(200);
    // The lease of the dead worker runs out; the next change wakes the worker up.
    await server.database.query(`UPDATE interviews SET lease_until = NULL WHERE id = ANY($1)`, [ids]);
    const current = await detailOf(rewriting!);
    const rewritten = await call(boss, 'PUT', `/api/interviews/${idOf(rewriting!)}/record`, {
      version: current.version,
      agenda: [{ id: 'a1', text: '来年度の異動希望を話す', source: 'free' }],
      sharedNotes: current.sharedNotes,
      actionItems: current.actionItems,
    });
    expect(rewritten.status).toBe(200);

    // The change's own job settles them. If the per-minute sweep claimed the rows between the lease's end
    // and the change instead, its settle finds a newer version and takes the row up again in the same run
    // (teams-link-and-pacing.test.ts drives that order on purpose).
    await until('every interview to settle', async () => {
      const mine = await bossInterviews();
      return mine.every((interview) => interview.status !== 'pending') &&
        (
          await server.database.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM interviews WHERE id = ANY($1) AND outlook_action IS NOT NULL`,
            [ids],
          )
        )[0]!.n === 0
        ? true
        : undefined;
    });
    const rows = await server.database.query<{
      id: string;
      status: string;
      event_id: string | null;
      error: string | null;
    }>(`SELECT id, status, event_id, error FROM interviews WHERE id = ANY($1)`, [ids]);
    const row = (person: Person) => rows.find((entry) => entry.id === idOf(person))!;
    // Moved: the one event Graph made, now at the new time, recorded.
    expect(eventsFor(moving!)).toHaveLength(1);
    expect(Date.parse(eventsFor(moving!)[0]!.startUtc)).toBe(Date.parse(later.start));
    expect(row(moving!)).toMatchObject({
      status: 'booked',
      event_id: eventsFor(moving!)[0]!.id,
      error: null,
    });
    // Cancelled: the event Graph made is cancelled for both, no orphan meeting left.
    expect(eventsFor(cancelling!)).toHaveLength(0);
    expect(
      server.emulator
        .eventsOf(cancelling!.id)
        .filter((event) => event.subject.includes(cancelling!.displayName) && !event.isCancelled),
    ).toHaveLength(0);
    expect(row(cancelling!)).toMatchObject({ status: 'cancelled', error: null });
    // Rewritten: the one event, with the agenda as it is now.
    expect(eventsFor(rewriting!)).toHaveLength(1);
    expect(eventsFor(rewriting!)[0]!.body.content).toContain('来年度の異動希望を話す');
    expect(row(rewriting!)).toMatchObject({
      status: 'booked',
      event_id: eventsFor(rewriting!)[0]!.id,
      error: null,
    });
  }, 120_000);
});
