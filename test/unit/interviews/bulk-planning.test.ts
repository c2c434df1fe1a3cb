import { describe, expect, it } from 'vitest';
import {
  planForOrganizers,
  type BulkPlanOptions,
  type OrganizerRequest,
} from '../../../src/interviews/bulk-planning.ts';
import type {
  Calendar,
  CreateEventOutcome,
  MailboxSchedule,
  NewCalendarEvent,
  ScheduleWindow,
} from '../../../src/interviews/calendar.port.ts';
import type { CalendarItem, Interval } from '../../../src/interviews/slot-finder.ts';

/** A JST wall-clock time as an instant. */
const jst = (day: string, time: string) => Date.parse(`${day}T${time}:00+09:00`);
const busy = (day: string, from: string, to: string): CalendarItem => ({
  start: jst(day, from),
  end: jst(day, to),
  status: 'busy',
});
const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/** Frozen clock: Monday 2026-11-30, 09:00 in Tokyo. */
const OPTIONS: BulkPlanOptions = {
  now: jst('2026-11-30', '09:00'),
  firstDay: '2026-12-01',
  lastDay: '2026-12-04',
  durationMinutes: 30,
  hours: { start: '08:30', end: '17:15', breaks: [{ start: '12:00', end: '13:00' }] },
  bufferMinutes: 0,
  minimumNoticeMinutes: 0,
};

/** A Calendar that answers from fixed free/busy and records what it was asked. */
function fakeCalendar(freeBusy: Record<string, CalendarItem[] | null> = {}) {
  const scheduleCalls: Array<{ mailboxes: string[]; window: ScheduleWindow; viewer: string }> = [];
  const createCalls: NewCalendarEvent[][] = [];
  const unused = () => Promise.reject(new Error('not used by bulk planning'));
  const calendar: Calendar = {
    async getSchedules(mailboxes, window, viewer) {
      scheduleCalls.push({ mailboxes, window, viewer });
      return mailboxes.map((mailbox): MailboxSchedule => {
        const items = freeBusy[mailbox.toLowerCase()];
        return items === null
          ? {
              mailbox,
              items: null,
              error: { code: 'ErrorMailboxStoreUnavailable', message: 'cannot be read' },
            }
          : { mailbox, items: items ?? [] };
      });
    },
    async createEvents(events) {
      createCalls.push(events);
      return events.map((event, index): CreateEventOutcome =>
        index === 1
          ? {
              ok: false,
              transactionId: event.transactionId,
              status: 403,
              code: 'ErrorAccessDenied',
              message: 'blocked',
              retryable: false,
            }
          : {
              ok: true,
              event: {
                transactionId: event.transactionId,
                eventId: `ev-${index}`,
                joinUrl: null,
                webLink: null,
              },
            },
      );
    },
    moveEvent: unused,
    findEventByKey: unused,
    cancelEvent: unused,
    addAttendees: unused,
    removeAttendees: unused,
    getEvents: unused,
    getJoinUrls: unused,
    listInstances: unused,
  };
  return { calendar, scheduleCalls, createCalls };
}

const team = (organizer: string, people: string[]): OrganizerRequest => ({
  organizerId: organizer,
  organizerMailbox: `${organizer}@city.example`,
  attendees: people.map((person) => ({ personId: person, mailbox: `${person}@city.example` })),
});

describe('planning for many organizers at once', () => {
  it('reads everyone’s free/busy in one getSchedules call, each mailbox once, for the Japan-time window', async () => {
    const { calendar, scheduleCalls } = fakeCalendar();
    const requests = [
      team('kacho', ['kakaricho-a', 'kakaricho-b']),
      team('kakaricho-a', ['shuji-1', 'shuji-2']),
      // The same person spelled in another case is the same mailbox.
      { ...team('kakaricho-b', ['shuji-3']), organizerMailbox: 'KAKARICHO-B@city.example' },
    ];
    const plans = await planForOrganizers(calendar, requests, OPTIONS, 'hr@city.example');

    expect(scheduleCalls).toHaveLength(1);
    expect(scheduleCalls[0]!.mailboxes).toEqual([
      'kacho@city.example',
      'kakaricho-a@city.example',
      'kakaricho-b@city.example',
      'shuji-1@city.example',
      'shuji-2@city.example',
      'shuji-3@city.example',
    ]);
    expect(scheduleCalls[0]!.viewer).toBe('hr@city.example');
    expect(scheduleCalls[0]!.window).toEqual({
      start: '2026-11-30T15:00:00.000Z',
      end: '2026-12-04T15:00:00.000Z',
    });
    expect(plans.map((entry) => entry.organizerId)).toEqual(['kacho', 'kakaricho-a', 'kakaricho-b']);
    expect(plans.map((entry) => entry.plan.slots.length)).toEqual([2, 2, 1]);
  });

  it('keeps every organizer’s slots inside both calendars’ free time', async () => {
    // Busy all of 12/1 and the morning of 12/2 for the organizer; the attendee until 15:00 on 12/2.
    const { calendar } = fakeCalendar({
      'kacho@city.example': [busy('2026-12-01', '08:00', '18:00'), busy('2026-12-02', '08:00', '12:00')],
      'shuji-1@city.example': [busy('2026-12-02', '08:00', '15:00')],
    });
    const [entry] = await planForOrganizers(calendar, [team('kacho', ['shuji-1'])], OPTIONS, 'kacho');

    expect(entry!.plan.unplaced).toEqual([]);
    expect(entry!.plan.slots).toEqual([
      { personId: 'shuji-1', start: jst('2026-12-02', '15:00'), end: jst('2026-12-02', '15:30') },
    ]);
  });

  it('never puts someone in two interviews at once when they are met by their supervisor and hold their own', async () => {
    // Empty calendars: without carrying earlier plans forward, both plans would take 12/1 8:30 and the
    // 係長 would be in two interviews at the same time.
    const { calendar } = fakeCalendar();
    const plans = await planForOrganizers(
      calendar,
      [team('kacho', ['kakaricho-a']), team('kakaricho-a', ['shuji-1', 'shuji-2'])],
      OPTIONS,
      'kacho',
    );
    const withSupervisor = plans[0]!.plan.slots[0]!;
    const ownInterviews = plans[1]!.plan.slots;

    expect(withSupervisor.start).toBe(jst('2026-12-01', '08:30'));
    expect(ownInterviews).toHaveLength(2);
    for (const slot of ownInterviews) expect(overlaps(slot, withSupervisor)).toBe(false);
  });

  it('never double-books a person listed by two organizers', async () => {
    const { calendar } = fakeCalendar();
    const plans = await planForOrganizers(
      calendar,
      [team('kacho-a', ['shared']), team('kacho-b', ['shared'])],
      OPTIONS,
      'kacho-a',
    );
    const [first, second] = plans.map((entry) => entry.plan.slots[0]!);

    expect(first && second).toBeTruthy();
    expect(overlaps(first!, second!)).toBe(false);
  });

  it('leaves the people of an organizer whose calendar cannot be read unplaced, and plans the others', async () => {
    const { calendar } = fakeCalendar({
      'kacho-a@city.example': null,
      'shuji-3@city.example': null,
    });
    const plans = await planForOrganizers(
      calendar,
      [team('kacho-a', ['shuji-1', 'shuji-2']), team('kacho-b', ['shuji-3', 'shuji-4'])],
      OPTIONS,
      'kacho-b',
    );

    expect(plans[0]!.plan).toEqual({
      slots: [],
      unplaced: [
        { personId: 'shuji-1', reason: 'calendar_unavailable' },
        { personId: 'shuji-2', reason: 'calendar_unavailable' },
      ],
    });
    expect(plans[1]!.plan.slots.map((slot) => slot.personId)).toEqual(['shuji-4']);
    expect(plans[1]!.plan.unplaced).toEqual([{ personId: 'shuji-3', reason: 'calendar_unavailable' }]);
  });

  it('asks Graph for nothing when there is nobody to plan', async () => {
    const { calendar, scheduleCalls } = fakeCalendar();
    expect(await planForOrganizers(calendar, [], OPTIONS, 'kacho')).toEqual([]);
    expect(scheduleCalls).toEqual([]);
  });
});
