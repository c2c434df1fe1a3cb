// The Calendar port on Microsoft Graph with the app's own identity (Calendars.ReadWrite, granted through
// Exchange RBAC for Applications on the organizers' and the training mailboxes: free/busy is read from the
// organizer's mailbox with getSchedule, events are written there). Every call goes through JSON batching, so
// the inner 429/503/504 retries with Retry-After live in one place (GraphClient.batch).
//
// Round trips: getSchedule takes 20 mailboxes and a $batch takes 20 requests, so N mailboxes cost
// ⌈⌈N/20⌉/20⌉ round trips (2,250 → 113 getSchedule requests → 6 $batch calls); N events cost ⌈N/20⌉.
//
// Outlook allows 4 concurrent requests per app and mailbox. A batch of up to 20 events for one organizer
// is still fine: Graph documents that it hands the Outlook requests of an unordered batch to Outlook at
// most four at a time, whatever their mailboxes ("Outlook service limits for JSON batching" in Graph's
// throttling limits), and this adapter sends its batches one after another. So batches are packed in
// input order, 20 to a call, without spreading organizers or chaining requests with dependsOn (a batch
// must be fully sequential or fully parallel, and a chain would make one failure fail the rest with 424).
// Other processes touching the same mailbox at the same moment can still draw a 429: the client retries it.
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import type {
  AttendeeResponse,
  Calendar,
  CalendarEventState,
  CreateEventOutcome,
  MailboxSchedule,
  NewCalendarEvent,
  ScheduleWindow,
} from '../interviews/calendar.port.ts';
import type { CalendarItem, FreeBusyStatus } from '../interviews/slot-finder.ts';
import { appGraphClient, type AppGraphInput } from './app-graph-client.ts';
import { batchResultError, type BatchRequest, type BatchResult } from './graph-client.ts';
import { GraphError } from './graph-errors.ts';

export const SCHEDULES_PER_REQUEST = 20;
export const REQUESTS_PER_BATCH = 20;
/** getSchedule refuses windows of 62 days or more. */
export const MAX_SCHEDULE_WINDOW_MS = 62 * 24 * 60 * 60 * 1000;

/** Answers in UTC; every dateTime is still read with the timeZone Graph returns beside it. */
const PREFER_UTC = { Prefer: 'outlook.timezone="UTC"' };
/**
 * Our own id on every event we create: a String single-value extended property in a namespace GUID of
 * our own ("Add custom data to resources using extended properties"; "Create single-value extended
 * property"). Recovery after a crash finds events by it with
 * `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')`.
 */
export const EVENT_KEY_PROPERTY = 'String {6f1c2b7e-4a9d-4c53-9e8f-2d7b5a13c4e0} Name HagukumiKey';
/** How often a read-then-replace of attendees is retried when Outlook changed the event in between. */
const CONFLICT_RETRIES = 3;

/** Events are written in Japan time, so Outlook shows them with the city's own time zone. */
const EVENT_ZONE = { graph: 'Tokyo Standard Time', iana: 'Asia/Tokyo' };

// ---- time zones ----

/** The Windows names Graph uses for the zones we meet; IANA names are taken as they are. */
const WINDOWS_ZONES: Record<string, string> = {
  utc: 'UTC',
  'coordinated universal time': 'UTC',
  'tokyo standard time': 'Asia/Tokyo',
  'korea standard time': 'Asia/Seoul',
  'china standard time': 'Asia/Shanghai',
  'gmt standard time': 'Europe/London',
  'w. europe standard time': 'Europe/Berlin',
  'eastern standard time': 'America/New_York',
  'pacific standard time': 'America/Los_Angeles',
};

const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatterFor(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    try {
      formatters.set(
        zone,
        new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        }),
      );
    } catch {
      formatters.set(zone, null);
    }
  }
  return formatters.get(zone) ?? null;
}

/** Wall-clock fields of an instant in an IANA zone, as if they were UTC (epoch ms). */
function wallClockMs(format: Intl.DateTimeFormat, instant: number): number {
  const parts = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/**
 * The instant of a Graph dateTimeTimeZone, or undefined when its zone is unknown or the text is not a
 * date. Offsets come from the zone database, never from a constant.
 */
export function instantOf(value: {
  dateTime: string;
  timeZone?: string | null | undefined;
}): number | undefined {
  const text = value.dateTime.trim();
  if (/(?:[zZ]|[+-]\d\d:\d\d)$/.test(text)) {
    const parsed = Date.parse(text);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(text);
  if (!match) return undefined;
  const zoneName = (value.timeZone ?? 'UTC').trim();
  const zone = WINDOWS_ZONES[zoneName.toLowerCase()] ?? zoneName;
  const format = formatterFor(zone);
  if (!format) return undefined;
  const milliseconds = Number(`0.${match[7] ?? '0'}`) * 1000;
  const wall =
    Date.UTC(
      Number(match[1]),
      Number(match[2]) - 1,
      Number(match[3]),
      Number(match[4]),
      Number(match[5]),
      Number(match[6] ?? 0),
    ) + Math.round(milliseconds);
  const offsetAt = (instant: number) => wallClockMs(format, instant) - Math.floor(instant / 1000) * 1000;
  // Guess with the offset at the wall time read as UTC, then correct once (enough around DST changes).
  return wall - offsetAt(wall - offsetAt(wall));
}

/** An instant as Graph's dateTimeTimeZone in the given zone. */
export function dateTimeIn(instant: number, zone: { graph: string; iana: string }) {
  const format = formatterFor(zone.iana);
  if (!format) throw new Error(`Unknown time zone ${zone.iana}`);
  const wall = wallClockMs(format, instant) + (((instant % 1000) + 1000) % 1000);
  return { dateTime: new Date(wall).toISOString().slice(0, 23), timeZone: zone.graph };
}

// ---- packing ----

/** Mailboxes without case-insensitive repeats, first spelling and order kept. */
export function uniqueMailboxes(mailboxes: readonly string[]): string[] {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const mailbox of mailboxes) {
    const trimmed = mailbox.trim();
    const key = trimmed.toLowerCase();
    if (!trimmed || seen.has(key)) continue;
    seen.add(key);
    unique.push(trimmed);
  }
  return unique;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** The $batch round trips a number of Graph requests costs at best (GraphClient.batch packs 20). */
export function batchRoundTrips(requests: number): number {
  return Math.ceil(requests / REQUESTS_PER_BATCH);
}

// ---- what we read from Graph ----

const FREE_BUSY: readonly FreeBusyStatus[] = [
  'free',
  'tentative',
  'busy',
  'oof',
  'workingElsewhere',
  'unknown',
];
const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });

// Only start, end and status: zod drops subject, location and anything else Graph sends along.
const scheduleResponseSchema = z.object({
  value: z.array(
    z.object({
      scheduleId: z.string(),
      scheduleItems: z
        .array(
          z.object({
            status: z.enum(FREE_BUSY).catch('unknown'),
            start: dateTimeTimeZone,
            end: dateTimeTimeZone,
          }),
        )
        .nullish(),
      error: z.object({ message: z.string().nullish(), responseCode: z.string().nullish() }).nullish(),
    }),
  ),
});

const createdEventSchema = z.object({
  id: z.string().min(1),
  webLink: z.string().nullish(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
});

const onlineMeetingSchema = z.object({
  id: z.string().min(1),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
});

const RESPONSES = [
  'none',
  'organizer',
  'tentativelyAccepted',
  'accepted',
  'declined',
  'notResponded',
] as const;
const attendeeSchema = z.object({
  type: z.enum(['required', 'optional', 'resource']).catch('required'),
  status: z.object({ response: z.enum(RESPONSES).catch('none') }).nullish(),
  emailAddress: z.object({ address: z.string().min(1), name: z.string().nullish() }),
});
const eventAttendeesSchema = z.object({
  '@odata.etag': z.string().min(1).nullish(),
  attendees: z.array(attendeeSchema).default([]),
});
const foundEventsSchema = z.object({ value: z.array(createdEventSchema) });
const eventStateSchema = z.object({
  id: z.string().min(1),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  isCancelled: z.boolean().nullish(),
  attendees: z.array(attendeeSchema).default([]),
});

const instancesSchema = z.object({
  value: z.array(
    z.object({
      id: z.string().min(1),
      originalStart: z.string().nullish(),
      start: dateTimeTimeZone,
      end: dateTimeTimeZone,
    }),
  ),
  '@odata.nextLink': z.string().nullish(),
});

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/**
 * Graph's patternedRecurrence for a weekly series ("patternedRecurrence", "recurrencePattern" and
 * "recurrenceRange" resource types): weekly on the first start's weekday, a numbered range starting on
 * its date, both in Japan time.
 */
export function recurrenceOf(series: { intervalWeeks: number; occurrences: number }, start: number) {
  const local = dateTimeIn(start, EVENT_ZONE).dateTime;
  const day = local.slice(0, 10);
  return {
    pattern: {
      type: 'weekly',
      interval: series.intervalWeeks,
      daysOfWeek: [WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!],
      firstDayOfWeek: 'sunday',
    },
    range: {
      type: 'numbered',
      startDate: day,
      numberOfOccurrences: series.occurrences,
      recurrenceTimeZone: EVENT_ZONE.graph,
    },
  };
}

const invalidResponse = (what: string) =>
  new GraphError(
    502,
    'InvalidGraphResponse',
    `Graph returned ${what} in an unexpected shape`,
    undefined,
    undefined,
  );

/** Worth trying again later: throttling, server trouble, a failed dependency or a conflict. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408 || status === 409 || status === 424;
}

const users = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}`;
const eventPath = (organizer: string, eventId: string) =>
  `${users(organizer)}/events/${encodeURIComponent(eventId)}`;

function validInstant(value: string, name: string): number {
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new AppError('validation_failed', `${name} is not a date and time`);
  return parsed;
}

export function createGraphCalendar(input: AppGraphInput): Calendar {
  const graph = appGraphClient(input);

  /** One request through $batch: the same round trip as a direct call, with the batch's retries. */
  const single = async (request: Omit<BatchRequest, 'id'>): Promise<BatchResult> => {
    const [result] = await graph.batch([{ id: '1', ...request }]);
    return result!;
  };
  const failIfError = (result: BatchResult): BatchResult => {
    if (result.status >= 400) throw batchResultError(result);
    return result;
  };

  const scheduleOf = (
    mailbox: string,
    entry: z.infer<typeof scheduleResponseSchema>['value'][number] | undefined,
  ): MailboxSchedule => {
    if (!entry)
      return {
        mailbox,
        items: null,
        error: { code: 'MissingSchedule', message: 'Graph returned no schedule for this mailbox' },
      };
    if (entry.error)
      return {
        mailbox,
        items: null,
        error: {
          code: entry.error.responseCode ?? 'ScheduleUnavailable',
          message: entry.error.message ?? 'Graph could not read this schedule',
        },
      };
    const items: CalendarItem[] = [];
    for (const item of entry.scheduleItems ?? []) {
      const start = instantOf(item.start);
      const end = instantOf(item.end);
      if (start === undefined || end === undefined)
        return {
          mailbox,
          items: null,
          error: {
            code: 'UnsupportedTimeZone',
            message: 'A schedule item came in a time zone we cannot read',
          },
        };
      items.push({ start, end, status: item.status });
    }
    return { mailbox, items };
  };

  const eventBody = (event: NewCalendarEvent, start: number, end: number) => ({
    subject: event.subject,
    body: { contentType: 'HTML', content: event.bodyHtml },
    start: dateTimeIn(start, EVENT_ZONE),
    end: dateTimeIn(end, EVENT_ZONE),
    attendees: event.attendees.map((attendee) => ({
      emailAddress: { address: attendee.address, name: attendee.name },
      type: 'required',
    })),
    ...(event.online ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : {}),
    ...(event.location ? { location: { displayName: event.location } } : {}),
    ...(event.recurrence ? { recurrence: recurrenceOf(event.recurrence, start) } : {}),
    transactionId: event.transactionId,
    singleValueExtendedProperties: [{ id: EVENT_KEY_PROPERTY, value: event.key }],
  });

  type Attendees = z.infer<typeof eventAttendeesSchema>['attendees'];
  /**
   * PATCH attendees replaces the whole list, so it is a read-then-replace: the PATCH carries If-Match
   * with the @odata.etag of the read, and if Outlook changed the event in between (412) the list is
   * read again and the change re-applied, a few times at most, so an attendee someone added in Outlook
   * meanwhile is not dropped.
   */
  const replaceAttendees = async (
    organizer: string,
    eventId: string,
    change: (current: Attendees) => Array<{ address: string; name?: string | null; type: string }> | null,
  ) => {
    for (let attempt = 0; ; attempt += 1) {
      const current = failIfError(
        await single({ method: 'GET', url: `${eventPath(organizer, eventId)}?$select=attendees` }),
      );
      const parsed = eventAttendeesSchema.safeParse(current.body);
      if (!parsed.success) throw invalidResponse('the event attendees');
      const next = change(parsed.data.attendees);
      if (!next) return;
      const etag = parsed.data['@odata.etag'];
      const result = await single({
        method: 'PATCH',
        url: eventPath(organizer, eventId),
        ...(etag ? { headers: { 'If-Match': etag } } : {}),
        body: {
          attendees: next.map((attendee) => ({
            emailAddress: { address: attendee.address, ...(attendee.name ? { name: attendee.name } : {}) },
            type: attendee.type,
          })),
        },
      });
      if (result.status === 412 && attempt < CONFLICT_RETRIES) continue;
      failIfError(result);
      return;
    }
  };

  const outcomeOf = (event: NewCalendarEvent, result: BatchResult): CreateEventOutcome => {
    if (result.status === 200 || result.status === 201) {
      const parsed = createdEventSchema.safeParse(result.body);
      if (parsed.success)
        return {
          ok: true,
          event: {
            transactionId: event.transactionId,
            eventId: parsed.data.id,
            joinUrl: parsed.data.onlineMeeting?.joinUrl ?? null,
            webLink: parsed.data.webLink ?? null,
          },
        };
      input.logger.warn({ transactionId: event.transactionId }, 'Graph created an event we cannot read');
      const error = invalidResponse('the created event');
      return {
        ok: false,
        transactionId: event.transactionId,
        status: 502,
        code: error.code,
        message: error.message,
        retryable: false,
      };
    }
    const error = batchResultError(result);
    return {
      ok: false,
      transactionId: event.transactionId,
      status: error.status,
      code: error.code,
      message: error.message,
      retryable: isRetryableStatus(error.status),
    };
  };

  return {
    async getSchedules(mailboxes, window: ScheduleWindow, viewer) {
      const start = validInstant(window.start, 'The window start');
      const end = validInstant(window.end, 'The window end');
      if (end <= start) throw new AppError('validation_failed', 'The window must end after it starts');
      if (end - start >= MAX_SCHEDULE_WINDOW_MS)
        throw new AppError('validation_failed', 'Free/busy can be read for less than 62 days at a time');
      const unique = uniqueMailboxes(mailboxes);
      if (unique.length === 0) return [];
      const groups = chunk(unique, SCHEDULES_PER_REQUEST);
      const utc = { graph: 'UTC', iana: 'UTC' };
      // Only scheduleItems are read; the availabilityView Graph always adds is kept short (one digit a
      // day, or one for a window under a day) instead of 30-minute digits for every mailbox.
      const interval = Math.min(1440, Math.max(5, Math.floor((end - start) / 60_000)));
      const results = await graph.batch(
        groups.map((schedules, index) => ({
          id: String(index),
          method: 'POST' as const,
          url: `${users(viewer)}/calendar/getSchedule`,
          headers: PREFER_UTC,
          body: {
            schedules,
            startTime: dateTimeIn(start, utc),
            endTime: dateTimeIn(end, utc),
            availabilityViewInterval: interval,
          },
        })),
      );
      return groups.flatMap((schedules, index) => {
        const result = results[index]!;
        if (result.status >= 400) {
          // A request refused (e.g. 403 ErrorAccessDenied: the viewer's mailbox is outside the app's
          // Exchange RBAC scope) or still failing after the client's retries: its mailboxes are unreadable,
          // with Graph's reason, and the rest of the plan goes on.
          const error = batchResultError(result);
          input.logger.warn({ status: error.status, code: error.code }, 'a getSchedule request failed');
          return schedules.map((mailbox) => ({
            mailbox,
            items: null,
            error: { code: error.code, message: error.message },
          }));
        }
        const parsed = scheduleResponseSchema.safeParse(result.body);
        if (!parsed.success) {
          input.logger.warn(
            { issues: parsed.error.issues.length },
            'getSchedule answered in an unexpected shape',
          );
          throw invalidResponse('a schedule');
        }
        const byId = new Map(parsed.data.value.map((entry) => [entry.scheduleId.toLowerCase(), entry]));
        return schedules.map((mailbox, position) =>
          scheduleOf(
            mailbox,
            byId.get(mailbox.toLowerCase()) ??
              // Graph answers in the order asked; fall back on it if it spelled the id differently.
              (parsed.data.value.length === schedules.length ? parsed.data.value[position] : undefined),
          ),
        );
      });
    },

    async createEvents(events) {
      const outcomes = new Array<CreateEventOutcome | undefined>(events.length);
      const requests: BatchRequest[] = [];
      const requestOf = new Map<string, string>();
      events.forEach((event, index) => {
        const start = Date.parse(event.start);
        const end = Date.parse(event.end);
        if (Number.isNaN(start) || Number.isNaN(end) || end <= start || !event.transactionId) {
          outcomes[index] = {
            ok: false,
            transactionId: event.transactionId,
            status: 400,
            code: 'InvalidEvent',
            message: 'The event needs a transaction id and an end after its start',
            retryable: false,
          };
          return;
        }
        // The same transactionId twice in one call is one event: send it once.
        const key = `${event.organizer.toLowerCase()}\n${event.transactionId}`;
        if (requestOf.has(key)) return;
        requestOf.set(key, String(index));
        requests.push({
          id: String(index),
          method: 'POST',
          url: `${users(event.organizer)}/events`,
          headers: PREFER_UTC,
          body: eventBody(event, start, end),
        });
      });
      const answered = requests.length > 0 ? await graph.batch(requests) : [];
      const results = new Map(answered.map((result) => [result.id, result]));
      return events.map((event, index) => {
        const done = outcomes[index];
        if (done) return done;
        const result = results.get(
          requestOf.get(`${event.organizer.toLowerCase()}\n${event.transactionId}`)!,
        )!;
        return outcomeOf(event, result);
      });
    },

    async moveEvent(organizer, eventId, start, end, details = {}) {
      const from = validInstant(start, 'The start');
      const to = validInstant(end, 'The end');
      if (to <= from) throw new AppError('validation_failed', 'The event must end after it starts');
      failIfError(
        await single({
          method: 'PATCH',
          url: eventPath(organizer, eventId),
          headers: PREFER_UTC,
          body: {
            start: dateTimeIn(from, EVENT_ZONE),
            end: dateTimeIn(to, EVENT_ZONE),
            ...(details.location !== undefined ? { location: { displayName: details.location } } : {}),
            ...(details.subject !== undefined ? { subject: details.subject } : {}),
            ...(details.bodyHtml !== undefined
              ? { body: { contentType: 'HTML', content: details.bodyHtml } }
              : {}),
          },
        }),
      );
    },

    async cancelEvent(organizer, eventId, comment) {
      const result = await single({
        method: 'POST',
        url: `${eventPath(organizer, eventId)}/cancel`,
        body: { comment },
      });
      // Already cancelled or deleted in Outlook: the attendees were told then.
      if (result.status === 404) return;
      failIfError(result);
    },

    async listInstances(organizer, seriesMasterId, window) {
      const start = validInstant(window.start, 'The window start');
      const end = validInstant(window.end, 'The window end');
      const utc = { graph: 'UTC', iana: 'UTC' };
      const found: Array<{ eventId: string; originalStart: string; start: string; end: string }> = [];
      let url: string | null =
        `${eventPath(organizer, seriesMasterId)}/instances?startDateTime=${dateTimeIn(start, utc).dateTime}Z` +
        `&endDateTime=${dateTimeIn(end, utc).dateTime}Z&$select=id,originalStart,start,end&$top=50`;
      while (url) {
        const result = failIfError(await single({ method: 'GET', url, headers: PREFER_UTC }));
        const parsed = instancesSchema.safeParse(result.body);
        if (!parsed.success) throw invalidResponse('the instances of a series');
        for (const instance of parsed.data.value) {
          const from = instantOf(instance.start);
          const to = instantOf(instance.end);
          if (from === undefined || to === undefined) throw invalidResponse('an instance time');
          const original = instance.originalStart ? Date.parse(instance.originalStart) : from;
          found.push({
            eventId: instance.id,
            originalStart: new Date(Number.isNaN(original) ? from : original).toISOString(),
            start: new Date(from).toISOString(),
            end: new Date(to).toISOString(),
          });
        }
        const next = parsed.data['@odata.nextLink'];
        // A next link is absolute; a $batch request takes the path after the version.
        url = next ? next.replace(/^https:\/\/[^/]+\/v1\.0/, '') : null;
      }
      return found;
    },

    async findEventByKey(organizer, key) {
      const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
      const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${quote(EVENT_KEY_PROPERTY)} and ep/value eq ${quote(key)})`;
      const result = failIfError(
        await single({
          method: 'GET',
          url: `${users(organizer)}/events?$filter=${encodeURIComponent(filter)}&$select=id,webLink,onlineMeeting`,
          headers: PREFER_UTC,
        }),
      );
      const parsed = foundEventsSchema.safeParse(result.body);
      if (!parsed.success) throw invalidResponse('the events found by our key');
      const [found] = parsed.data.value;
      return found
        ? {
            transactionId: key,
            eventId: found.id,
            joinUrl: found.onlineMeeting?.joinUrl ?? null,
            webLink: found.webLink ?? null,
          }
        : null;
    },

    async addAttendees(organizer, eventId, attendees) {
      // Sending only the new people would uninvite everyone else (they would get cancellations), so the
      // current list goes back with the additions; existing attendees keep their type and responses.
      await replaceAttendees(organizer, eventId, (current) => {
        const known = new Set(current.map((attendee) => attendee.emailAddress.address.toLowerCase()));
        const added = uniqueMailboxes(attendees.map((attendee) => attendee.address))
          .filter((address) => !known.has(address.toLowerCase()))
          .map((address) => attendees.find((attendee) => attendee.address.trim() === address)!);
        if (added.length === 0) return null;
        return [
          ...current.map((attendee) => ({
            address: attendee.emailAddress.address,
            name: attendee.emailAddress.name,
            type: attendee.type,
          })),
          ...added.map((attendee) => ({
            address: attendee.address.trim(),
            name: attendee.name,
            type: 'required',
          })),
        ];
      });
    },

    async removeAttendees(organizer, eventId, addresses) {
      const leaving = new Set(addresses.map((address) => address.trim().toLowerCase()));
      await replaceAttendees(organizer, eventId, (current) => {
        const kept = current.filter((attendee) => !leaving.has(attendee.emailAddress.address.toLowerCase()));
        if (kept.length === current.length) return null;
        return kept.map((attendee) => ({
          address: attendee.emailAddress.address,
          name: attendee.emailAddress.name,
          type: attendee.type,
        }));
      });
    },

    async getJoinUrls(events) {
      if (events.length === 0) return [];
      const results = await graph.batch(
        events.map(({ organizer, eventId }, index) => ({
          id: String(index),
          method: 'GET' as const,
          url: `${eventPath(organizer, eventId)}?$select=id,isOnlineMeeting,onlineMeeting`,
        })),
      );
      return results.map((result) => {
        if (result.status === 404) return null;
        failIfError(result);
        const parsed = onlineMeetingSchema.safeParse(result.body);
        if (!parsed.success) throw invalidResponse('an online meeting');
        return parsed.data.onlineMeeting?.joinUrl || null;
      });
    },

    async getEvents(organizer, eventIds) {
      if (eventIds.length === 0) return [];
      const results = await graph.batch(
        eventIds.map((eventId, index) => ({
          id: String(index),
          method: 'GET' as const,
          url: `${eventPath(organizer, eventId)}?$select=id,start,end,isCancelled,attendees`,
          headers: PREFER_UTC,
        })),
      );
      return results.map((result): CalendarEventState | null => {
        if (result.status === 404) return null;
        failIfError(result);
        const parsed = eventStateSchema.safeParse(result.body);
        const start = parsed.success ? instantOf(parsed.data.start) : undefined;
        const end = parsed.success ? instantOf(parsed.data.end) : undefined;
        if (!parsed.success || start === undefined || end === undefined) throw invalidResponse('an event');
        return {
          eventId: parsed.data.id,
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
          isCancelled: parsed.data.isCancelled ?? false,
          attendees: parsed.data.attendees.map((attendee): AttendeeResponse => ({
            address: attendee.emailAddress.address,
            response: attendee.status?.response ?? 'none',
          })),
        };
      });
    },
  };
}
