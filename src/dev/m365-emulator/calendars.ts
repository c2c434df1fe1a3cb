// Calendars of the emulated tenant: seeded busy time around "now", plus events created through Graph.
import { randomUUID } from 'node:crypto';
import holidayJp from '@holiday-jp/holiday_jp';
import { JST_OFFSET_MS } from '../../shared/japan-time.ts';
import { seededRandom, type SeedPerson } from './seed-organisation.ts';

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

export interface Attendee {
  type: 'required' | 'optional' | 'resource';
  status: {
    response: 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
    time: string;
  };
  emailAddress: { name: string; address: string };
}

export interface StoredEvent {
  id: string;
  mailboxId: string;
  iCalUId: string;
  transactionId: string | null;
  subject: string;
  bodyPreview: string;
  body: { contentType: 'text' | 'html'; content: string };
  /** UTC instants; rendered in the caller's time zone. */
  startUtc: string;
  endUtc: string;
  showAs: ShowAs;
  isAllDay: boolean;
  isCancelled: boolean;
  isOrganizer: boolean;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: 'teamsForBusiness' | 'unknown';
  onlineMeeting: { joinUrl: string } | null;
  organizer: { emailAddress: { name: string; address: string } };
  attendees: Attendee[];
  responseStatus: Attendee['status'];
  location: { displayName: string };
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  /** The create body sent with `transactionId` (canonical JSON): a reuse must send the same one. */
  transactionBody?: string | null;
  /** Single-value extended properties set on create ({ id, value }); ids as sent. */
  extendedProperties?: Array<{ id: string; value: string }>;
  /** Seeded events are regenerated from the clock, never persisted. */
  seeded: boolean;
  /**
   * A recurring meeting is stored as its series master (with `recurrence`, never in calendarView or
   * free/busy) and one stored event per occurrence (`seriesMasterId`, `originalStartUtc`); an occurrence
   * changed on its own becomes an `exception`. Absent: `singleInstance`.
   */
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  seriesMasterId?: string | null;
  originalStartUtc?: string | null;
  recurrence?: unknown;
}

/** Occurrences and exceptions stand in calendarView and free/busy; a series master does not. */
export const isInstance = (event: StoredEvent) => event.type !== 'seriesMaster';
/** `…/events` lists single events and series masters, not the occurrences ("List events"). */
export const isListedEvent = (event: StoredEvent) =>
  event.type !== 'occurrence' && event.type !== 'exception';

/** A JST wall-clock time on the JST calendar day of `dayUtc`, as a UTC Date. */
function jst(dayUtc: Date, hours: number, minutes = 0): Date {
  const jstDay = new Date(dayUtc.getTime() + JST_OFFSET_MS);
  return new Date(
    Date.UTC(jstDay.getUTCFullYear(), jstDay.getUTCMonth(), jstDay.getUTCDate(), hours, minutes) -
      JST_OFFSET_MS,
  );
}

function isWorkingDay(dayUtc: Date): boolean {
  const jstDay = new Date(dayUtc.getTime() + JST_OFFSET_MS);
  const weekday = jstDay.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const month = jstDay.getUTCMonth() + 1;
  const date = jstDay.getUTCDate();
  if ((month === 12 && date >= 29) || (month === 1 && date <= 3)) return false;
  const local = new Date(jstDay.getUTCFullYear(), jstDay.getUTCMonth(), jstDay.getUTCDate());
  return !holidayJp.isHoliday(local);
}

function makeEvent(
  person: SeedPerson,
  start: Date,
  end: Date,
  subject: string,
  showAs: ShowAs,
  seedKey: string,
): StoredEvent {
  const stamp = new Date(start.getTime() - 14 * 24 * 3600 * 1000).toISOString();
  return {
    id: `seed-${seedKey}`,
    mailboxId: person.id,
    iCalUId: `seed-${seedKey}`,
    transactionId: null,
    subject,
    bodyPreview: '',
    body: { contentType: 'text', content: '' },
    startUtc: start.toISOString(),
    endUtc: end.toISOString(),
    showAs,
    isAllDay: false,
    isCancelled: false,
    isOrganizer: true,
    isOnlineMeeting: false,
    onlineMeetingProvider: 'unknown',
    onlineMeeting: null,
    organizer: { emailAddress: { name: person.displayName, address: person.mail } },
    attendees: [],
    responseStatus: { response: 'organizer', time: stamp },
    location: { displayName: '' },
    createdDateTime: stamp,
    lastModifiedDateTime: stamp,
    changeKey: 'seed',
    seeded: true,
  };
}

/**
 * Plausible busy time from a week before `now` to five weeks after: weekly section meetings, team
 * meetings, 議会 days for managers, business trips and remote days (workingElsewhere), tentative
 * holds and days of leave (oof). Deterministic for a given person and day.
 */
export function seedCalendar(person: SeedPerson, now: Date): StoredEvent[] {
  if (person.isMailbox) return [];
  const events: StoredEvent[] = [];
  const dayMs = 24 * 3600 * 1000;
  const firstDay = new Date(
    Math.floor((now.getTime() + JST_OFFSET_MS) / dayMs) * dayMs - JST_OFFSET_MS - 7 * dayMs,
  );
  const isManager = person.levelId === 'bucho' || person.levelId === 'kacho';
  for (let offset = 0; offset < 42; offset += 1) {
    const day = new Date(firstDay.getTime() + offset * dayMs + 12 * 3600 * 1000);
    if (!isWorkingDay(day)) continue;
    const dayKey = new Date(day.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
    const random = seededRandom(
      Number.parseInt(person.id.slice(0, 8), 16) ^ Number(dayKey.replaceAll('-', '')),
    );
    const key = (suffix: string) => `${person.id.slice(0, 8)}-${dayKey}-${suffix}`;
    const weekday = new Date(day.getTime() + JST_OFFSET_MS).getUTCDay();

    if (random() < 0.04) {
      events.push(makeEvent(person, jst(day, 8, 30), jst(day, 17, 15), '年次休暇', 'oof', key('leave')));
      continue;
    }
    // 議会 days: managers sit in the assembly in early December, most of the day.
    const month = new Date(day.getTime() + JST_OFFSET_MS).getUTCMonth() + 1;
    const date = new Date(day.getTime() + JST_OFFSET_MS).getUTCDate();
    if (
      isManager &&
      ((month === 12 && date <= 18 && weekday % 2 === 0) || (month === 3 && date <= 20 && weekday % 2 === 1))
    ) {
      events.push(makeEvent(person, jst(day, 10), jst(day, 17), '市議会 本会議', 'busy', key('gikai')));
      continue;
    }
    if (weekday === 1 && person.department) {
      events.push(
        makeEvent(person, jst(day, 9), jst(day, 10), `${person.department} 課内会議`, 'busy', key('section')),
      );
    }
    if (weekday === 3) {
      events.push(makeEvent(person, jst(day, 15), jst(day, 16), '係ミーティング', 'busy', key('team')));
    }
    if (random() < 0.08) {
      events.push(
        makeEvent(person, jst(day, 13), jst(day, 17), '出張（東京都庁）', 'workingElsewhere', key('trip')),
      );
    }
    const meetings = Math.floor(random() * 3);
    for (let index = 0; index < meetings; index += 1) {
      const startHour = 9 + Math.floor(random() * 7);
      if (startHour === 12) continue;
      const tentative = random() < 0.2;
      const length = random() < 0.5 ? 30 : 60;
      const start = jst(day, startHour, random() < 0.5 ? 0 : 30);
      events.push(
        makeEvent(
          person,
          start,
          new Date(start.getTime() + length * 60_000),
          tentative
            ? '（仮）打合せ'
            : ['窓口対応応援', '庁内調整会議', '事業者打合せ', '資料作成'][index % 4]!,
          tentative ? 'tentative' : 'busy',
          key(`m${index}`),
        ),
      );
    }
  }
  return events;
}

export function newEventIds(): { id: string; iCalUId: string } {
  const id = Buffer.from(randomUUID()).toString('base64url');
  return {
    id: `AAMk${id}`,
    iCalUId: `040000008200E00074C5B7101A82E008${randomUUID().replaceAll('-', '').toUpperCase()}`,
  };
}
