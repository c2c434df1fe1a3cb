import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startM365Emulator,
  type M365Emulator,
  type SeedPerson,
} from '../../../src/dev/m365-emulator/index.ts';
import type { Calendar, NewCalendarEvent } from '../../../src/interviews/calendar.port.ts';
import type { CalendarItem } from '../../../src/interviews/slot-finder.ts';
import { createGraphCalendar } from '../../../src/graph/graph-calendar.ts';
import { createGraphClient, type GraphClient } from '../../../src/graph/graph-client.ts';
import { GraphError } from '../../../src/graph/graph-errors.ts';
import { createAppTokenProvider } from '../../../src/graph/token-providers.ts';
import { testLogger } from '../../support/logger.ts';
import { emulatorEntraSettings, emulatorMicrosoftSettings } from '../../support/emulator-settings.ts';

const DAY = 86_400_000;

describe('the Graph calendar adapter against the Microsoft 365 emulator', () => {
  let emulator: M365Emulator;
  let calendar: Calendar;
  /** The app's own Graph client, to act as an attendee's Outlook would (decline). */
  let graph: GraphClient;
  let staff: SeedPerson[];

  beforeAll(async () => {
    emulator = await startM365Emulator();
    const microsoft = emulatorMicrosoftSettings(emulator);
    calendar = createGraphCalendar({ microsoft, caCertPem: emulator.caCertPem, logger: testLogger });
    graph = createGraphClient({
      baseUrl: emulator.graphBaseUrl,
      getToken: createAppTokenProvider(emulatorEntraSettings(emulator)),
      caCertPem: emulator.caCertPem,
    });
    staff = emulator.people.filter((person) => !person.isMailbox);
  });
  afterEach(() => {
    emulator.faults.clear();
    emulator.faults.setLatency(0);
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const byLevel = (levelId: string, index = 0) =>
    staff.filter((person) => person.levelId === levelId)[index]!;
  const reportsOf = (manager: SeedPerson) => staff.filter((person) => person.managerId === manager.id);
  const counter = (path: string) => emulator.stats().byPath[path] ?? 0;
  const counting = () => {
    const before = { batches: counter('/$batch'), schedules: counter('/users/{id}/calendar/getSchedule') };
    const events = counter('/users/{id}/events');
    return () => ({
      batches: counter('/$batch') - before.batches,
      schedules: counter('/users/{id}/calendar/getSchedule') - before.schedules,
      eventPosts: counter('/users/{id}/events') - events,
    });
  };
  /** A slot some days ahead, at a given hour in UTC. */
  const slot = (daysAhead: number, hourUtc: number, minutes = 30) => {
    const day = Math.floor(Date.now() / DAY) * DAY + daysAhead * DAY;
    const start = day + hourUtc * 3_600_000;
    return { start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString() };
  };
  const interview = (organizer: SeedPerson, attendee: SeedPerson, daysAhead = 10): NewCalendarEvent => ({
    transactionId: `hagukumi-${randomUUID()}`,
    key: `key-${randomUUID()}`,
    organizer: organizer.userPrincipalName,
    subject: '面談（期首）',
    bodyHtml: '<p>目標の確認</p>',
    ...slot(daysAhead, 1),
    attendees: [{ address: attendee.userPrincipalName, name: attendee.displayName }],
    online: true,
  });
  const createOne = async (event: NewCalendarEvent) => {
    const [outcome] = await calendar.createEvents([event]);
    if (!outcome?.ok) throw new Error(`not created: ${JSON.stringify(outcome)}`);
    return outcome.event;
  };
  const copyIn = (mailbox: SeedPerson, organizer: SeedPerson, eventId: string) => {
    const original = emulator.eventsOf(organizer.id).find((event) => event.id === eventId);
    return emulator
      .eventsOf(mailbox.id)
      .find((event) => event.iCalUId === original?.iCalUId && !event.isOrganizer);
  };

  describe('free/busy', () => {
    const window = () => ({
      start: new Date(Date.now()).toISOString(),
      end: new Date(Date.now() + 14 * DAY).toISOString(),
    });

    it('reads 45 mailboxes in one $batch round trip, with the statuses of their calendars and nothing else', async () => {
      const people = staff.slice(0, 45);
      const range = window();
      const stats = counting();
      const schedules = await calendar.getSchedules(
        people.map((person) => person.userPrincipalName),
        range,
        byLevel('kacho').id,
      );
      expect(stats()).toMatchObject({ batches: 1, schedules: 3 });
      expect(schedules.map((schedule) => schedule.mailbox)).toEqual(
        people.map((person) => person.userPrincipalName),
      );
      const from = Date.parse(range.start);
      const to = Date.parse(range.end);
      const order = (items: CalendarItem[]) =>
        [...items].sort((a, b) => a.start - b.start || a.end - b.end || a.status.localeCompare(b.status));
      people.forEach((person, index) => {
        const expected = emulator
          .eventsOf(person.id)
          .filter(
            (event) =>
              !event.isCancelled &&
              event.showAs !== 'free' &&
              Date.parse(event.startUtc) < to &&
              Date.parse(event.endUtc) > from,
          )
          .map((event) => ({
            start: Date.parse(event.startUtc),
            end: Date.parse(event.endUtc),
            status: event.showAs,
          }));
        expect(order(schedules[index]!.items ?? []), person.displayName).toEqual(order(expected));
      });
      const items = schedules.flatMap((schedule) => schedule.items ?? []);
      expect(new Set(items.map((item) => item.status))).toEqual(
        new Set(['busy', 'tentative', 'oof', 'workingElsewhere']),
      );
      expect(new Set(items.map((item) => Object.keys(item).sort().join()))).toEqual(
        new Set(['end,start,status']),
      );
    });

    it('answers items null with the error for an unknown mailbox, the others still read', async () => {
      const known = byLevel('shuji');
      const schedules = await calendar.getSchedules(
        ['nobody@kodaira-demo.example', known.userPrincipalName],
        window(),
        byLevel('kacho').id,
      );
      expect(schedules[0]).toMatchObject({
        mailbox: 'nobody@kodaira-demo.example',
        items: null,
        error: { code: 'UserNotFound' },
      });
      expect(schedules[1]!.items).not.toBeNull();
    });

    it('marks the mailboxes of a refused or failing getSchedule unreadable with the reason, without raising', async () => {
      const refusedViewer = byLevel('kacho', 1);
      const people = [byLevel('shuji', 1).userPrincipalName, byLevel('shunin', 1).userPrincipalName];
      // Exchange RBAC for Applications: the viewer's mailbox is outside the app's scope.
      emulator.faults.add({ status: 403, mailbox: refusedViewer.id, pathPattern: '/calendar/getSchedule' });
      const refused = await calendar.getSchedules(people, window(), refusedViewer.id);
      expect(refused).toEqual(
        people.map((mailbox) => ({
          mailbox,
          items: null,
          error: { code: 'ErrorAccessDenied', message: expect.stringContaining('AccessPolicy') as unknown },
        })),
      );
      emulator.faults.clear();
      const failingViewer = byLevel('kacho', 2);
      emulator.faults.add({ status: 503, retryAfterSeconds: 0, mailbox: failingViewer.id });
      const failing = await calendar.getSchedules(people, window(), failingViewer.id);
      expect(failing.map((entry) => [entry.items, entry.error?.code])).toEqual([
        [null, 'ServiceUnavailable'],
        [null, 'ServiceUnavailable'],
      ]);
      emulator.faults.clear();
    });

    it('reads 2,250 mailboxes in 113 getSchedule requests and 6 round trips, none throttled although all name one viewer', async () => {
      emulator.faults.setLatency(20);
      const mailboxes = [
        ...staff.map((person) => person.userPrincipalName),
        ...Array.from(
          { length: 2250 - staff.length },
          (_, index) => `synthetic${index}@kodaira-demo.example`,
        ),
      ];
      const stats = counting();
      const schedules = await calendar.getSchedules(mailboxes, window(), byLevel('kacho').id);
      expect(stats()).toMatchObject({ batches: 6, schedules: 113 });
      expect(schedules).toHaveLength(2250);
      expect(schedules.filter((schedule) => schedule.items !== null)).toHaveLength(staff.length);
    });

    it('refuses a window of 62 days before calling Graph', async () => {
      const stats = counting();
      const start = Date.now();
      await expect(
        calendar.getSchedules(
          [byLevel('shuji').userPrincipalName],
          { start: new Date(start).toISOString(), end: new Date(start + 62 * DAY).toISOString() },
          byLevel('kacho').id,
        ),
      ).rejects.toMatchObject({ code: 'validation_failed' });
      expect(stats().batches).toBe(0);
    });
  });

  describe('events', () => {
    it('creates interviews with Teams links in the organizers’ and the attendees’ calendars', async () => {
      const organizers = staff.filter((person) => person.levelId === 'kacho').slice(0, 3);
      const events = organizers.flatMap((organizer) =>
        reportsOf(organizer).map((report, index) => interview(organizer, report, 7 + index)),
      );
      expect(events.length).toBeGreaterThan(6);
      const outcomes = await calendar.createEvents(events);
      outcomes.forEach((outcome, index) => {
        const event = events[index]!;
        if (!outcome.ok) throw new Error(`not created: ${JSON.stringify(outcome)}`);
        expect(outcome.event.transactionId).toBe(event.transactionId);
        expect(outcome.event.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
        expect(outcome.event.webLink).toMatch(/^https:\/\//);
        const organizer = organizers.find((person) => person.userPrincipalName === event.organizer)!;
        const attendee = staff.find((person) => person.userPrincipalName === event.attendees[0]!.address)!;
        const original = emulator
          .eventsOf(organizer.id)
          .find((stored) => stored.id === outcome.event.eventId);
        expect(original).toMatchObject({
          isOrganizer: true,
          transactionId: event.transactionId,
          startUtc: event.start,
          endUtc: event.end,
          subject: '面談（期首）',
          isOnlineMeeting: true,
          onlineMeeting: { joinUrl: outcome.event.joinUrl },
        });
        expect(copyIn(attendee, organizer, outcome.event.eventId)).toMatchObject({
          startUtc: event.start,
          onlineMeeting: { joinUrl: outcome.event.joinUrl },
        });
      });
    });

    it('creates 20 events for one organizer in one batch without being throttled (Graph runs 4 at a time)', async () => {
      emulator.faults.setLatency(30);
      const organizer = byLevel('bucho');
      const events = staff
        .filter((person) => person.id !== organizer.id)
        .slice(0, 20)
        .map((attendee, index) => interview(organizer, attendee, 20 + (index % 5)));
      const stats = counting();
      const outcomes = await calendar.createEvents(events);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect(stats()).toMatchObject({ batches: 1, eventPosts: 20 });
    });

    it('creates one event when the same transactionId is sent twice', async () => {
      const organizer = byLevel('kacho', 1);
      const event = interview(organizer, reportsOf(organizer)[0]!);
      const first = await createOne(event);
      const again = await createOne(event);
      expect(again.eventId).toBe(first.eventId);
      expect(
        emulator.eventsOf(organizer.id).filter((stored) => stored.transactionId === event.transactionId),
      ).toHaveLength(1);
    });

    it('retries events throttled inside the batch (429 with Retry-After) and creates each once', async () => {
      const organizer = byLevel('kacho', 2);
      const events = reportsOf(organizer).map((report) => interview(organizer, report, 12));
      emulator.faults.add({
        status: 429,
        retryAfterSeconds: 1,
        inBatch: true,
        pathPattern: '/events',
        count: 2,
      });
      const stats = counting();
      const outcomes = await calendar.createEvents(events);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect(stats().batches).toBe(2);
      for (const event of events)
        expect(
          emulator.eventsOf(organizer.id).filter((stored) => stored.transactionId === event.transactionId),
        ).toHaveLength(1);
    });

    it('reports each failure on its own: access denied is final, a server error that outlasts the retries is retryable', async () => {
      const allowed = byLevel('kacho', 3);
      const denied = byLevel('kacho', 4);
      const failing = byLevel('kacho', 5);
      emulator.faults.add({ status: 403, inBatch: true, mailbox: denied.id });
      emulator.faults.add({ status: 503, retryAfterSeconds: 0, inBatch: true, mailbox: failing.id });
      const outcomes = await calendar.createEvents([
        interview(allowed, reportsOf(allowed)[0]!),
        interview(denied, reportsOf(denied)[0]!),
        interview(failing, reportsOf(failing)[0]!),
      ]);
      expect(outcomes[0]).toMatchObject({ ok: true });
      expect(outcomes[1]).toMatchObject({
        ok: false,
        status: 403,
        code: 'ErrorAccessDenied',
        retryable: false,
      });
      expect(outcomes[2]).toMatchObject({ ok: false, status: 503, retryable: true });
      expect(emulator.eventsOf(denied.id).filter((event) => !event.seeded)).toHaveLength(0);
    });

    it('moves an event in both calendars', async () => {
      const organizer = byLevel('kakaricho');
      const attendee = reportsOf(organizer)[0]!;
      const created = await createOne(interview(organizer, attendee, 9));
      const moved = slot(11, 5, 45);
      await calendar.moveEvent(organizer.userPrincipalName, created.eventId, moved.start, moved.end);
      const original = emulator.eventsOf(organizer.id).find((event) => event.id === created.eventId);
      expect(original).toMatchObject({ startUtc: moved.start, endUtc: moved.end });
      expect(copyIn(attendee, organizer, created.eventId)).toMatchObject({
        startUtc: moved.start,
        endUtc: moved.end,
      });
    });

    it('cancels an event: the attendee’s copy is cancelled, and cancelling again is done already', async () => {
      const organizer = byLevel('kakaricho', 1);
      const attendee = reportsOf(organizer)[0]!;
      const created = await createOne(interview(organizer, attendee, 9));
      const copy = copyIn(attendee, organizer, created.eventId)!;
      await calendar.cancelEvent(organizer.userPrincipalName, created.eventId, '日程を改めます');
      expect(emulator.eventsOf(attendee.id).find((event) => event.id === copy.id)?.isCancelled).toBe(true);
      expect(emulator.eventsOf(organizer.id).find((event) => event.id === created.eventId)).toBeUndefined();
      await expect(
        calendar.cancelEvent(organizer.userPrincipalName, created.eventId, '日程を改めます'),
      ).resolves.toBeUndefined();
      expect(await calendar.getEvents(organizer.userPrincipalName, [created.eventId])).toEqual([null]);
    });

    it('shows an attendee’s decline in getEvents, adds attendees without losing it, and answers null for a gone event', async () => {
      const organizer = byLevel('kakaricho', 2);
      const [first, second] = reportsOf(organizer);
      const other = staff.find((person) => person.managerId !== organizer.id && person.id !== organizer.id)!;
      const event = interview(organizer, first!, 8);
      const created = await createOne(event);
      const copy = copyIn(first!, organizer, created.eventId)!;
      // The attendee declines in their own Outlook: Graph's decline on their copy, with the app token.
      await graph.post(`/users/${first!.id}/events/${copy.id}/decline`, {
        sendResponse: true,
        comment: '出張',
      });

      const [state, gone] = await calendar.getEvents(organizer.userPrincipalName, [
        created.eventId,
        'AAMkAGone',
      ]);
      expect(gone).toBeNull();
      expect(state).toEqual({
        eventId: created.eventId,
        start: event.start,
        end: event.end,
        isCancelled: false,
        attendees: [{ address: first!.userPrincipalName, response: 'declined' }],
      });

      await calendar.addAttendees(organizer.userPrincipalName, created.eventId, [
        { address: first!.userPrincipalName.toUpperCase(), name: first!.displayName },
        { address: second!.userPrincipalName, name: second!.displayName },
        { address: other.userPrincipalName, name: other.displayName },
      ]);
      const [after] = await calendar.getEvents(organizer.userPrincipalName, [created.eventId]);
      expect(after!.attendees).toEqual([
        { address: first!.userPrincipalName, response: 'declined' },
        { address: second!.userPrincipalName, response: 'none' },
        { address: other.userPrincipalName, response: 'none' },
      ]);
      expect(copyIn(second!, organizer, created.eventId)).toMatchObject({ isCancelled: false });
      expect(copyIn(other, organizer, created.eventId)).toMatchObject({ isCancelled: false });

      // Taking one off keeps everyone else (and their responses); the one taken off gets a cancellation.
      await calendar.removeAttendees(organizer.userPrincipalName, created.eventId, [
        second!.userPrincipalName.toUpperCase(),
      ]);
      const [removed] = await calendar.getEvents(organizer.userPrincipalName, [created.eventId]);
      expect(removed!.attendees).toEqual([
        { address: first!.userPrincipalName, response: 'declined' },
        { address: other.userPrincipalName, response: 'none' },
      ]);
      expect(copyIn(second!, organizer, created.eventId)).toMatchObject({ isCancelled: true });
      expect(copyIn(other, organizer, created.eventId)).toMatchObject({ isCancelled: false });
    });

    it('keeps an attendee added in Outlook between our read and our write (If-Match, re-read on 412)', async () => {
      const organizer = byLevel('kakaricho', 3);
      const [first, second, third] = reportsOf(organizer).concat(
        staff.filter((person) => person.managerId !== organizer.id && person.id !== organizer.id),
      );
      const created = await createOne(interview(organizer, first!, 9));
      const path = `/users/${organizer.id}/events/${created.eventId}`;
      let interfered = false;
      // As if someone edited the meeting in Outlook right after our GET of the attendees.
      const racing: GraphClient = {
        ...graph,
        async batch(requests) {
          const results = await graph.batch(requests);
          if (!interfered && requests[0]?.method === 'GET' && requests[0].url.includes('$select=attendees')) {
            interfered = true;
            const [patched] = await graph.batch([
              {
                id: '1',
                method: 'PATCH',
                url: path,
                body: {
                  attendees: [
                    { emailAddress: { address: first!.userPrincipalName }, type: 'required' },
                    { emailAddress: { address: third!.userPrincipalName }, type: 'required' },
                  ],
                },
              },
            ]);
            expect(patched!.status).toBe(200);
          }
          return results;
        },
      };
      const microsoft = emulatorMicrosoftSettings(emulator);
      const raced = createGraphCalendar({
        microsoft,
        caCertPem: undefined,
        logger: testLogger,
        client: racing,
      });
      await raced.addAttendees(organizer.userPrincipalName, created.eventId, [
        { address: second!.userPrincipalName, name: second!.displayName },
      ]);
      expect(interfered).toBe(true);
      const [after] = await calendar.getEvents(organizer.userPrincipalName, [created.eventId]);
      expect(after!.attendees.map((attendee) => attendee.address).sort()).toEqual(
        [first!, second!, third!].map((person) => person.userPrincipalName).sort(),
      );
    });

    it('answers a PATCH with a stale If-Match with 412 ErrorIrresolvableConflict, as Outlook does', async () => {
      const organizer = byLevel('kakaricho', 4);
      const created = await createOne(interview(organizer, reportsOf(organizer)[0]!, 9));
      const path = `/users/${organizer.id}/events/${created.eventId}`;
      const [read] = await graph.batch([{ id: '1', method: 'GET', url: `${path}?$select=subject` }]);
      const etag = (read!.body as { '@odata.etag': string })['@odata.etag'];
      expect(etag).toMatch(/^W\/"/);
      const patch = (subject: string) =>
        graph.batch([
          { id: '1', method: 'PATCH', url: path, headers: { 'If-Match': etag }, body: { subject } },
        ]);
      expect((await patch('一回目'))[0]!.status).toBe(200);
      const [stale] = await patch('二回目');
      expect(stale).toMatchObject({ status: 412, body: { error: { code: 'ErrorIrresolvableConflict' } } });
    });

    it('refuses a reused transactionId with a different body, and finds events by our key instead', async () => {
      const organizer = byLevel('kakaricho', 5);
      const event = interview(organizer, reportsOf(organizer)[0]!, 11);
      const created = await createOne(event);
      const [again] = await calendar.createEvents([{ ...event, bodyHtml: '<p>議題を変更</p>' }]);
      expect(again).toMatchObject({
        ok: false,
        status: 400,
        code: 'ErrorDuplicateTransactionId',
        retryable: false,
      });
      expect(await calendar.findEventByKey(organizer.userPrincipalName, event.key)).toEqual({
        transactionId: event.key,
        eventId: created.eventId,
        joinUrl: created.joinUrl,
        webLink: created.webLink,
      });
      expect(await calendar.findEventByKey(organizer.userPrincipalName, 'someone-else')).toBeNull();
      // Filters Graph does not take on events are refused, not answered with everything.
      const [unsupported] = await graph.batch([
        {
          id: '1',
          method: 'GET',
          url: `/users/${organizer.id}/events?$filter=${encodeURIComponent("foo/bar eq 'x'")}`,
        },
      ]);
      expect(unsupported!.status).toBe(400);
    });

    it('refuses batch request urls that carry the version, and our client never sends one', async () => {
      const { fetch: tlsFetch, Agent } = await import('undici');
      const token = await createAppTokenProvider(emulatorEntraSettings(emulator))();
      const user = staff[0]!;
      const response = await tlsFetch(`${emulator.graphBaseUrl}/$batch`, {
        method: 'POST',
        dispatcher: new Agent({ connect: { ca: emulator.caCertPem } }),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          requests: [
            { id: '1', method: 'GET', url: `/v1.0/users/${user.id}` },
            { id: '2', method: 'GET', url: `/users/${user.id}` },
          ],
        }),
      });
      const { responses } = (await response.json()) as {
        responses: Array<{ id: string; status: number; body: { error?: { message: string } } }>;
      };
      const byId = new Map(responses.map((entry) => [entry.id, entry]));
      expect(byId.get('1')).toMatchObject({
        status: 400,
        body: { error: { message: "Resource not found for the segment 'v1.0'." } },
      });
      expect(byId.get('2')!.status).toBe(200);
      await expect(graph.batch([{ id: '1', method: 'GET', url: `/v1.0/users/${user.id}` }])).rejects.toThrow(
        /relative, without a version/,
      );
    });

    it('raises a mapped GraphError when an event cannot be moved', async () => {
      const organizer = byLevel('kakaricho', 3);
      const moved = slot(11, 5);
      const failure = await calendar
        .moveEvent(organizer.userPrincipalName, 'AAMkNoSuchEvent', moved.start, moved.end)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(GraphError);
      expect(failure).toMatchObject({ status: 404, code: 'ErrorItemNotFound' });
    });
  });
});
