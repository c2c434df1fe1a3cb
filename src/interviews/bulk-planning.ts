// Planning an interview season for many supervisors at once (HR opening 期首面談 for a department or the
// whole city). Reading free/busy once per supervisor would cost a round trip each; here everyone's
// free/busy comes from ONE Calendar.getSchedules call (20 mailboxes a getSchedule, 20 getSchedule
// requests a $batch: 2,250 mailboxes in 6 round trips), and the pure slot finder then plans each
// supervisor on their own. Booking the result goes through the interviews table and the Outlook worker
// like any booking (events 20 a $batch); `npm run bench -- interviews` measures the whole season.
import type { Calendar, MailboxSchedule, ScheduleWindow } from './calendar.port.ts';
import {
  jstMidnight,
  planInterviews,
  type CalendarItem,
  type Interval,
  type Plan,
  type SlotSearch,
} from './slot-finder.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface OrganizerRequest {
  organizerId: string;
  /** The organizer's mailbox (UPN or mail): read for free/busy. */
  organizerMailbox: string;
  /** The people to meet, in the organizer's order. */
  attendees: Array<{ personId: string; mailbox: string }>;
  /** Interviews the organizer already has in the window. */
  booked?: Interval[];
}

/** The same rules for every organizer: the slot search without the calendars. */
export type BulkPlanOptions = Omit<SlotSearch, 'organizer' | 'attendees' | 'booked'>;

export interface OrganizerPlan {
  organizerId: string;
  plan: Plan;
}

/** Free/busy by lower-cased mailbox; null where Graph could not read it. */
export type ScheduleBook = ReadonlyMap<string, MailboxSchedule>;

/** Exchange RBAC for Applications refused the app this mailbox (Graph 403 ErrorAccessDenied). */
export function isAccessDenied(schedule: MailboxSchedule | undefined): boolean {
  return schedule?.error?.code === 'ErrorAccessDenied';
}

/** The getSchedule window of a plan: Japan-time midnight of the first day to the one after the last. */
export function scheduleWindowOf(options: Pick<BulkPlanOptions, 'firstDay' | 'lastDay'>): ScheduleWindow {
  return {
    start: new Date(jstMidnight(options.firstDay)).toISOString(),
    end: new Date(jstMidnight(options.lastDay) + DAY_MS).toISOString(),
  };
}

/** Every mailbox the requests need, each once whatever its case: a 係長 met by their 課長 is read once. */
export function mailboxesOf(requests: readonly OrganizerRequest[]): string[] {
  const seen = new Set<string>();
  const mailboxes: string[] = [];
  for (const mailbox of requests.flatMap((request) => [
    request.organizerMailbox,
    ...request.attendees.map((attendee) => attendee.mailbox),
  ])) {
    if (seen.has(mailbox.toLowerCase())) continue;
    seen.add(mailbox.toLowerCase());
    mailboxes.push(mailbox);
  }
  return mailboxes;
}

/** One free/busy read for everyone in the requests. */
export async function readSchedules(
  calendar: Calendar,
  requests: readonly OrganizerRequest[],
  options: Pick<BulkPlanOptions, 'firstDay' | 'lastDay'>,
  viewer: string,
): Promise<ScheduleBook> {
  const mailboxes = mailboxesOf(requests);
  if (mailboxes.length === 0) return new Map();
  const schedules = await calendar.getSchedules(mailboxes, scheduleWindowOf(options), viewer);
  return new Map(schedules.map((schedule) => [schedule.mailbox.toLowerCase(), schedule]));
}

/**
 * Plans every organizer from one free/busy read. The read predates all of these plans, so slots placed
 * for earlier organizers are added as busy time for later ones: someone who is met by their supervisor
 * and holds interviews of their own, or who is listed by two organizers, is never in two places at once.
 * An organizer whose own calendar could not be read gets no slots; their people are `calendar_unavailable`.
 */
export function planFromSchedules(
  requests: readonly OrganizerRequest[],
  schedules: ScheduleBook,
  options: BulkPlanOptions,
): OrganizerPlan[] {
  const placedSoFar = new Map<string, CalendarItem[]>();
  const calendarOf = (mailbox: string): CalendarItem[] | null => {
    const items = schedules.get(mailbox.toLowerCase())?.items ?? null;
    const placed = placedSoFar.get(mailbox.toLowerCase());
    return items && placed ? [...items, ...placed] : items;
  };
  const markBusy = (mailbox: string, slot: Interval) => {
    const key = mailbox.toLowerCase();
    const list = placedSoFar.get(key) ?? [];
    list.push({ start: slot.start, end: slot.end, status: 'busy' });
    placedSoFar.set(key, list);
  };

  return requests.map((request) => {
    const organizerCalendar = calendarOf(request.organizerMailbox);
    if (!organizerCalendar)
      return {
        organizerId: request.organizerId,
        plan: {
          slots: [],
          unplaced: request.attendees.map((attendee) => ({
            personId: attendee.personId,
            reason: isAccessDenied(schedules.get(request.organizerMailbox.toLowerCase()))
              ? ('calendar_access_denied' as const)
              : ('calendar_unavailable' as const),
          })),
        },
      };
    const plan = planInterviews({
      ...options,
      organizer: { calendar: organizerCalendar },
      attendees: request.attendees.map((attendee) => ({
        personId: attendee.personId,
        calendar: calendarOf(attendee.mailbox),
        calendarDenied: isAccessDenied(schedules.get(attendee.mailbox.toLowerCase())),
      })),
      booked: request.booked ?? [],
    });
    const mailboxOfPerson = new Map(
      request.attendees.map((attendee) => [attendee.personId, attendee.mailbox]),
    );
    for (const slot of plan.slots) {
      markBusy(request.organizerMailbox, slot);
      markBusy(mailboxOfPerson.get(slot.personId)!, slot);
    }
    return { organizerId: request.organizerId, plan };
  });
}

/** Reads everyone's free/busy once, then plans each organizer. */
export async function planForOrganizers(
  calendar: Calendar,
  requests: readonly OrganizerRequest[],
  options: BulkPlanOptions,
  viewer: string,
): Promise<OrganizerPlan[]> {
  if (requests.length === 0) return [];
  return planFromSchedules(requests, await readSchedules(calendar, requests, options, viewer), options);
}
