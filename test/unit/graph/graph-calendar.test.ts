import type { Client } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import type { MicrosoftConfig } from '../../../src/config.ts';
import { AppError } from '../../../src/http/app-error.ts';
import type { NewCalendarEvent } from '../../../src/interviews/calendar.port.ts';
import type { BatchRequest, BatchResult, GraphClient } from '../../../src/graph/graph-client.ts';
import {
  batchRoundTrips,
  createGraphCalendar,
  dateTimeIn,
  instantOf,
  isRetryableStatus,
} from '../../../src/graph/graph-calendar.ts';
import { testLogger } from '../../support/logger.ts';

/** A Graph client that records what the adapter asks and answers through `answer`. */
function fakeGraph(answer: (request: BatchRequest) => Omit<BatchResult, 'id'>) {
  const calls: BatchRequest[][] = [];
  const client: GraphClient = {
    sdk: {} as Client,
    get: () => Promise.reject(new Error('the calendar adapter batches everything')),
    post: () => Promise.reject(new Error('the calendar adapter batches everything')),
    patch: () => Promise.reject(new Error('the calendar adapter batches everything')),
    delete: () => Promise.reject(new Error('the calendar adapter batches everything')),
    getAll: () => Promise.reject(new Error('the calendar adapter batches everything')),
    batch: async (requests) => {
      calls.push(requests);
      return requests.map((request) => ({ id: request.id, ...answer(request) }));
    },
  };
  const calendar = createGraphCalendar({
    microsoft: {} as MicrosoftConfig,
    caCertPem: undefined,
    logger: testLogger,
    client,
  });
  return { calls, calendar };
}

const freeBusy = (request: BatchRequest) => {
  const body = request.body as { schedules: string[] };
  return {
    status: 200,
    headers: {},
    body: {
      value: body.schedules.map((scheduleId) => ({
        scheduleId,
        availabilityView: '2',
        scheduleItems: [
          {
            status: 'busy',
            subject: 'secret subject',
            location: 'secret room',
            isPrivate: false,
            start: { dateTime: '2026-12-08T01:00:00.0000000', timeZone: 'UTC' },
            end: { dateTime: '2026-12-08T10:30:00.0000000', timeZone: 'Tokyo Standard Time' },
          },
        ],
      })),
    },
  };
};

const window = { start: '2026-12-01T00:00:00Z', end: '2026-12-31T00:00:00Z' };
const event = (index: number, organizer = `boss${index % 250}@example.test`): NewCalendarEvent => ({
  transactionId: `tx-${index}`,
  key: `key-${index}`,
  organizer,
  subject: '面談',
  bodyHtml: '<p>agenda</p>',
  start: '2026-12-08T01:00:00Z',
  end: '2026-12-08T01:30:00Z',
  attendees: [{ address: `staff${index}@example.test`, name: `Staff ${index}` }],
  online: true,
});

describe('Graph time zones', () => {
  it('reads a dateTime in the zone Graph names beside it, from the zone database', () => {
    expect(instantOf({ dateTime: '2026-12-08T10:00:00.0000000', timeZone: 'Tokyo Standard Time' })).toBe(
      Date.parse('2026-12-08T01:00:00Z'),
    );
    expect(instantOf({ dateTime: '2026-12-08T01:00:00.5000000', timeZone: 'UTC' })).toBe(
      Date.parse('2026-12-08T01:00:00.500Z'),
    );
    // Daylight saving time shows there is no fixed offset anywhere.
    expect(instantOf({ dateTime: '2026-07-01T09:00:00', timeZone: 'Eastern Standard Time' })).toBe(
      Date.parse('2026-07-01T13:00:00Z'),
    );
    expect(instantOf({ dateTime: '2026-12-01T09:00:00', timeZone: 'America/New_York' })).toBe(
      Date.parse('2026-12-01T14:00:00Z'),
    );
    expect(instantOf({ dateTime: '2026-12-08T10:00:00+09:00' })).toBe(Date.parse('2026-12-08T01:00:00Z'));
  });

  it('refuses a zone it does not know or a text that is no date', () => {
    expect(instantOf({ dateTime: '2026-12-08T10:00:00', timeZone: 'Mars Standard Time' })).toBeUndefined();
    expect(instantOf({ dateTime: 'tomorrow', timeZone: 'UTC' })).toBeUndefined();
  });

  it('writes an instant as Japan wall-clock time for Outlook', () => {
    expect(
      dateTimeIn(Date.parse('2026-12-08T15:30:00Z'), { graph: 'Tokyo Standard Time', iana: 'Asia/Tokyo' }),
    ).toEqual({
      dateTime: '2026-12-09T00:30:00.000',
      timeZone: 'Tokyo Standard Time',
    });
  });
});

describe('packing free/busy and events into batches', () => {
  it('asks for 2,250 mailboxes in 113 getSchedule requests of at most 20, which is 6 $batch round trips', async () => {
    const { calls, calendar } = fakeGraph(freeBusy);
    const mailboxes = Array.from({ length: 2250 }, (_, index) => `person${index}@example.test`);
    const schedules = await calendar.getSchedules(mailboxes, window, 'viewer@example.test');
    expect(calls).toHaveLength(1);
    const requests = calls[0]!;
    expect(requests).toHaveLength(113);
    expect(batchRoundTrips(requests.length)).toBe(6);
    const asked = requests.flatMap((request) => (request.body as { schedules: string[] }).schedules);
    expect(asked).toEqual(mailboxes);
    for (const request of requests) {
      expect(request).toMatchObject({
        method: 'POST',
        url: '/users/viewer%40example.test/calendar/getSchedule',
        headers: { Prefer: 'outlook.timezone="UTC"' },
      });
      expect((request.body as { schedules: string[] }).schedules.length).toBeLessThanOrEqual(20);
    }
    expect(schedules.map((schedule) => schedule.mailbox)).toEqual(mailboxes);
  });

  it('keeps only start, end and status of each schedule item, read in their own time zones', async () => {
    const { calendar } = fakeGraph(freeBusy);
    const [schedule] = await calendar.getSchedules(['a@example.test'], window, 'viewer@example.test');
    expect(schedule!.items).toEqual([
      { start: Date.parse('2026-12-08T01:00:00Z'), end: Date.parse('2026-12-08T01:30:00Z'), status: 'busy' },
    ]);
    expect(JSON.stringify(schedule)).not.toMatch(/secret/);
  });

  it('asks for a mailbox once whatever its case, and answers in the order of first appearance', async () => {
    const { calls, calendar } = fakeGraph(freeBusy);
    const schedules = await calendar.getSchedules(
      ['B@example.test', 'a@example.test', 'b@EXAMPLE.test', 'c@example.test', 'A@example.test'],
      window,
      'viewer@example.test',
    );
    expect((calls[0]![0]!.body as { schedules: string[] }).schedules).toEqual([
      'B@example.test',
      'a@example.test',
      'c@example.test',
    ]);
    expect(schedules.map((schedule) => schedule.mailbox)).toEqual([
      'B@example.test',
      'a@example.test',
      'c@example.test',
    ]);
  });

  it('refuses a window of 62 days or more before calling Graph', async () => {
    const { calls, calendar } = fakeGraph(freeBusy);
    const start = Date.parse(window.start);
    const days = (count: number) => new Date(start + count * 86_400_000).toISOString();
    await expect(
      calendar.getSchedules(
        ['a@example.test'],
        { start: window.start, end: days(62) },
        'viewer@example.test',
      ),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      calendar.getSchedules(
        ['a@example.test'],
        { start: window.start, end: window.start },
        'viewer@example.test',
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(calls).toHaveLength(0);
    await calendar.getSchedules(
      ['a@example.test'],
      { start: window.start, end: days(61.9) },
      'viewer@example.test',
    );
    expect(calls).toHaveLength(1);
  });

  it('sends 2,000 events as 2,000 POSTs, which is 100 $batch round trips, one outcome each in order', async () => {
    const { calls, calendar } = fakeGraph((request) => ({
      status: 201,
      headers: {},
      body: {
        id: `id-${request.id}`,
        webLink: 'https://outlook.example/x',
        onlineMeeting: { joinUrl: 'https://teams.example/j' },
      },
    }));
    const events = Array.from({ length: 2000 }, (_, index) => event(index));
    const outcomes = await calendar.createEvents(events);
    expect(calls[0]).toHaveLength(2000);
    expect(batchRoundTrips(calls[0]!.length)).toBe(100);
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.event.transactionId : ''))).toEqual(
      events.map((candidate) => candidate.transactionId),
    );
    expect(calls[0]![0]).toMatchObject({
      method: 'POST',
      url: '/users/boss0%40example.test/events',
      body: {
        subject: '面談',
        body: { contentType: 'HTML', content: '<p>agenda</p>' },
        start: { dateTime: '2026-12-08T10:00:00.000', timeZone: 'Tokyo Standard Time' },
        end: { dateTime: '2026-12-08T10:30:00.000', timeZone: 'Tokyo Standard Time' },
        attendees: [{ emailAddress: { address: 'staff0@example.test', name: 'Staff 0' }, type: 'required' }],
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
        transactionId: 'tx-0',
      },
    });
  });

  it('sends one POST for a transactionId repeated in one call, and both get its outcome', async () => {
    const { calls, calendar } = fakeGraph((request) => ({
      status: 201,
      headers: {},
      body: { id: `id-${request.id}` },
    }));
    const outcomes = await calendar.createEvents([
      event(1, 'boss@example.test'),
      event(1, 'boss@example.test'),
    ]);
    expect(calls[0]).toHaveLength(1);
    expect(outcomes).toEqual([
      { ok: true, event: { transactionId: 'tx-1', eventId: 'id-0', joinUrl: null, webLink: null } },
      { ok: true, event: { transactionId: 'tx-1', eventId: 'id-0', joinUrl: null, webLink: null } },
    ]);
  });

  it('reports each failed event on its own: throttling and server errors retryable, refusals not', async () => {
    const statuses = [201, 403, 404, 400, 429, 503, 504, 500];
    const { calendar } = fakeGraph((request) => {
      const status = statuses[Number(request.id)]!;
      return status === 201
        ? { status, headers: {}, body: { id: 'ok' } }
        : { status, headers: {}, body: { error: { code: `Code${status}`, message: `message ${status}` } } };
    });
    const outcomes = await calendar.createEvents(statuses.map((_, index) => event(index)));
    expect(
      outcomes.map((outcome) =>
        outcome.ok ? 'ok' : `${outcome.status} ${outcome.code} ${outcome.retryable}`,
      ),
    ).toEqual([
      'ok',
      '403 Code403 false',
      '404 Code404 false',
      '400 Code400 false',
      '429 Code429 true',
      '503 Code503 true',
      '504 Code504 true',
      '500 Code500 true',
    ]);
    expect(isRetryableStatus(424)).toBe(true);
  });

  it('answers an event whose end is not after its start without calling Graph', async () => {
    const { calls, calendar } = fakeGraph(() => ({ status: 201, headers: {}, body: { id: 'x' } }));
    const [outcome] = await calendar.createEvents([{ ...event(1), end: event(1).start }]);
    expect(outcome).toMatchObject({ ok: false, status: 400, retryable: false });
    expect(calls[0] ?? []).toHaveLength(0);
  });
});
