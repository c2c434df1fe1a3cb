import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alternativesFor,
  blockingIntervals,
  candidateSlots,
  isOfficeDay,
  isSlotAvailable,
  jstDayOf,
  planInterviews,
  type CalendarItem,
  type FreeBusyStatus,
  type Interval,
  type SlotSearch,
} from '../../../src/interviews/slot-finder.ts';

const MINUTE = 60_000;
/** A JST wall-clock time as an instant. */
const jst = (day: string, time: string) => Date.parse(`${day}T${time}:00+09:00`);
const item = (day: string, from: string, to: string, status: FreeBusyStatus = 'busy'): CalendarItem => ({
  start: jst(day, from),
  end: jst(day, to),
  status,
});
const hhmm = (instant: number) => new Date(instant + 9 * 60 * MINUTE).toISOString().slice(11, 16);
const describeSlot = (slot: Interval) => `${jstDayOf(slot.start)} ${hhmm(slot.start)}-${hhmm(slot.end)}`;

/** Frozen clock: Monday 2026-11-30, 09:00 in Tokyo. */
const NOW = jst('2026-11-30', '09:00');

function search(overrides: Partial<SlotSearch> = {}): SlotSearch {
  return {
    now: NOW,
    firstDay: '2026-12-01',
    lastDay: '2026-12-04',
    durationMinutes: 30,
    hours: { start: '08:30', end: '17:15', breaks: [{ start: '12:00', end: '13:00' }] },
    bufferMinutes: 0,
    minimumNoticeMinutes: 0,
    organizer: { calendar: [] },
    attendees: [{ personId: 'a', calendar: [] }],
    booked: [],
    ...overrides,
  };
}

describe('office days', () => {
  it('closes on weekends, national holidays and 12/29–1/3, from the holiday package', () => {
    expect(isOfficeDay('2026-12-01')).toBe(true); // Tuesday
    expect(isOfficeDay('2026-12-05')).toBe(false); // Saturday
    expect(isOfficeDay('2026-11-23')).toBe(false); // 勤労感謝の日 (Monday)
    expect(isOfficeDay('2026-12-28')).toBe(true); // 御用納め
    expect(isOfficeDay('2026-12-29')).toBe(false);
    expect(isOfficeDay('2027-01-04')).toBe(true); // 御用始め
    expect(isOfficeDay('2027-01-11')).toBe(false); // 成人の日
  });
});

describe('candidate slots', () => {
  it('lie inside 8:30–17:15 Japan time, clear of lunch, on a 15-minute grid', () => {
    const slots = candidateSlots(search({ firstDay: '2026-12-01', lastDay: '2026-12-01' }));
    expect(describeSlot(slots[0]!)).toBe('2026-12-01 08:30-09:00');
    expect(describeSlot(slots.at(-1)!)).toBe('2026-12-01 16:45-17:15');
    expect(slots.map(describeSlot)).not.toContain('2026-12-01 11:45-12:15');
    expect(slots.map(describeSlot)).not.toContain('2026-12-01 12:30-13:00');
    expect(slots.map(describeSlot)).toContain('2026-12-01 11:30-12:00');
    expect(slots.map(describeSlot)).toContain('2026-12-01 13:00-13:30');
    // 8:30–12:00 offers 13 starts (8:30 … 11:30), 13:00–17:15 offers 16 (13:00 … 16:45).
    expect(slots).toHaveLength(29);
  });

  it('respect the minimum notice from the frozen clock', () => {
    const slots = candidateSlots(
      search({ firstDay: '2026-11-30', lastDay: '2026-11-30', minimumNoticeMinutes: 120 }),
    );
    expect(describeSlot(slots[0]!)).toBe('2026-11-30 11:00-11:30');
  });

  it('skip the year-end closure and the weekend', () => {
    const days = new Set(
      candidateSlots(search({ firstDay: '2026-12-25', lastDay: '2027-01-05' })).map((slot) =>
        jstDayOf(slot.start),
      ),
    );
    expect([...days]).toEqual(['2026-12-25', '2026-12-28', '2027-01-04', '2027-01-05']);
  });

  it('refuse nonsense windows and hours', () => {
    expect(() => candidateSlots(search({ firstDay: '2026-12-04', lastDay: '2026-12-01' }))).toThrow(
      RangeError,
    );
    expect(() => candidateSlots(search({ firstDay: '2026-02-30' }))).toThrow(/no such day/);
    expect(() => candidateSlots(search({ durationMinutes: 0 }))).toThrow(RangeError);
    expect(() => candidateSlots(search({ hours: { start: '17:00', end: '09:00', breaks: [] } }))).toThrow(
      RangeError,
    );
  });

  it('follow every change of rules between calls, though the last grid is kept for a season of plans', () => {
    const oneDay = { firstDay: '2026-12-01', lastDay: '2026-12-01' };
    const first = candidateSlots(search(oneDay));
    // A caller changing what it got does not change what the next plan sees.
    first[0]!.start = 0;
    expect(candidateSlots(search(oneDay))).toHaveLength(29);
    expect(describeSlot(candidateSlots(search(oneDay))[0]!)).toBe('2026-12-01 08:30-09:00');
    const changes: Array<[Partial<SlotSearch>, number]> = [
      [{ now: jst('2026-12-01', '10:00') }, 23],
      [{ minimumNoticeMinutes: 24 * 60 + 30 }, 25],
      [{ durationMinutes: 60 }, 11 + 14],
      [{ stepMinutes: 30 }, 7 + 8],
      [{ hours: { start: '08:30', end: '17:15', breaks: [] } }, 34],
      [{ hours: { start: '09:00', end: '17:15', breaks: [{ start: '12:00', end: '13:00' }] } }, 27],
      [{ lastDay: '2026-12-02' }, 58],
    ];
    for (const [change, count] of changes) {
      expect(candidateSlots(search({ ...oneDay, ...change }))).toHaveLength(count);
      expect(candidateSlots(search(oneDay))).toHaveLength(29);
    }
    expect(() => candidateSlots(search({ ...oneDay, bufferMinutes: -5 }))).toThrow(RangeError);
    expect(planInterviews(search(oneDay)).slots.map(describeSlot)).toEqual(['2026-12-01 08:30-09:00']);
  });
});

describe('free/busy', () => {
  it('counts busy, tentative, out-of-office and unknown as blocking; free and working elsewhere not', () => {
    const blocks = blockingIntervals([
      item('2026-12-01', '09:00', '10:00', 'busy'),
      item('2026-12-01', '10:00', '10:30', 'tentative'),
      item('2026-12-01', '11:00', '11:30', 'workingElsewhere'),
      item('2026-12-01', '13:00', '14:00', 'free'),
      item('2026-12-02', '08:30', '17:15', 'oof'),
      item('2026-12-03', '09:00', '09:30', 'unknown'),
    ]);
    expect(blocks.map(describeSlot)).toEqual([
      '2026-12-01 09:00-10:30',
      '2026-12-02 08:30-17:15',
      '2026-12-03 09:00-09:30',
    ]);
  });
});

describe('planning', () => {
  it('gives each report the time free for both nearest its place in the spread', () => {
    // Three people over four office days aim at Tuesday 8:30, Wednesday after lunch and Thursday
    // mid-morning (targetsOf); each gets the free time nearest their aim.
    const plan = planInterviews(
      search({
        organizer: { calendar: [item('2026-12-01', '08:30', '10:00')] },
        attendees: [
          { personId: 'a', calendar: [item('2026-12-01', '10:00', '11:00', 'tentative')] },
          { personId: 'b', calendar: [item('2026-12-01', '08:30', '17:15', 'oof')] },
          { personId: 'c', calendar: [item('2026-12-01', '10:00', '10:30', 'workingElsewhere')] },
        ],
      }),
    );
    expect(plan.unplaced).toEqual([]);
    expect(Object.fromEntries(plan.slots.map((slot) => [slot.personId, describeSlot(slot)]))).toEqual({
      a: '2026-12-01 11:00-11:30',
      b: '2026-12-02 13:15-13:45',
      c: '2026-12-03 10:15-10:45',
    });
  });

  it('keeps the buffer between interviews and around those already booked', () => {
    const plan = planInterviews(
      search({
        firstDay: '2026-12-01',
        lastDay: '2026-12-01',
        bufferMinutes: 15,
        // A short morning, so the two must sit next to each other and the buffer decides where.
        hours: { start: '08:30', end: '10:30', breaks: [] },
        booked: [{ start: jst('2026-12-01', '08:30'), end: jst('2026-12-01', '09:00') }],
        attendees: [
          { personId: 'a', calendar: [] },
          { personId: 'b', calendar: [] },
        ],
      }),
    );
    expect(plan.slots.map(describeSlot)).toEqual(['2026-12-01 09:15-09:45', '2026-12-01 10:00-10:30']);
  });

  it('moves someone to another of their options when that frees the only slot of another', () => {
    // a and b both have two options, a first in order; a's earliest option is the only time b's options
    // do not collide with, so a must move to the afternoon for b to fit.
    const plan = planInterviews(
      search({
        firstDay: '2026-12-01',
        lastDay: '2026-12-01',
        attendees: [
          {
            personId: 'a',
            calendar: [
              item('2026-12-01', '08:30', '09:00'),
              item('2026-12-01', '09:30', '14:00'),
              item('2026-12-01', '14:30', '17:15'),
            ],
          },
          {
            personId: 'b',
            calendar: [item('2026-12-01', '08:30', '09:00'), item('2026-12-01', '09:45', '17:15')],
          },
        ],
      }),
    );
    expect(plan.unplaced).toEqual([]);
    expect(Object.fromEntries(plan.slots.map((slot) => [slot.personId, describeSlot(slot)]))).toEqual({
      a: '2026-12-01 14:00-14:30',
      b: '2026-12-01 09:00-09:30',
    });
  });

  it('says for each person why no slot fits', () => {
    const busyAllWeek = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map((day) =>
      item(day, '08:30', '17:15'),
    );
    const plan = planInterviews(
      search({
        organizer: { calendar: busyAllWeek.slice(1) }, // free on Tuesday only
        attendees: [
          { personId: 'unreadable', calendar: null },
          { personId: 'busy', calendar: busyAllWeek },
          { personId: 'elsewhere', calendar: [item('2026-12-01', '08:30', '17:15', 'oof')] },
          { personId: 'first', calendar: [item('2026-12-01', '08:30', '16:45')] },
          { personId: 'second', calendar: [item('2026-12-01', '08:30', '16:45')] },
        ],
      }),
    );
    expect(plan.slots.map((slot) => `${slot.personId} ${describeSlot(slot)}`)).toEqual([
      'first 2026-12-01 16:45-17:15',
    ]);
    expect(plan.unplaced).toEqual([
      { personId: 'unreadable', reason: 'calendar_unavailable' },
      { personId: 'busy', reason: 'attendee_busy' },
      { personId: 'elsewhere', reason: 'no_common_time' },
      { personId: 'second', reason: 'taken_by_other_interviews' },
    ]);

    expect(planInterviews(search({ organizer: { calendar: busyAllWeek } })).unplaced[0]?.reason).toBe(
      'organizer_busy',
    );
    expect(
      planInterviews(search({ firstDay: '2026-12-05', lastDay: '2026-12-06' })).unplaced[0]?.reason,
    ).toBe('no_working_time');
  });

  it('spreads a team over the days of the window and the times of day, not all on the first morning', () => {
    const team = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((personId) => ({ personId, calendar: [] }));
    const plan = planInterviews(
      search({ firstDay: '2026-11-30', lastDay: '2026-12-04', bufferMinutes: 10, attendees: team }),
    );
    expect(plan.unplaced).toEqual([]);
    expect(plan.slots.map((slot) => `${slot.personId} ${describeSlot(slot)}`)).toEqual([
      // Monday's first slot is 9:00: the frozen clock says it is 9:00 on Monday now.
      'a 2026-11-30 09:00-09:30',
      'b 2026-11-30 13:30-14:00',
      'c 2026-12-01 10:15-10:45',
      'd 2026-12-01 15:00-15:30',
      'e 2026-12-02 09:15-09:45',
      'g 2026-12-03 11:00-11:30',
      'f 2026-12-03 14:15-14:45',
      'h 2026-12-04 16:00-16:30',
    ]);
  });

  it('is deterministic', () => {
    const input = search({
      attendees: ['a', 'b', 'c', 'd'].map((personId) => ({ personId, calendar: [] })),
      bufferMinutes: 10,
    });
    expect(planInterviews(input)).toEqual(planInterviews(input));
  });

  it('offers swaps only into time free for both and clear of the other planned slots', () => {
    const input = search({
      firstDay: '2026-12-01',
      lastDay: '2026-12-01',
      bufferMinutes: 15,
      attendees: [
        { personId: 'a', calendar: [item('2026-12-01', '13:00', '17:15')] },
        { personId: 'b', calendar: [] },
      ],
    });
    const plan = planInterviews(input);
    const alternatives = alternativesFor(input, plan, 'a');
    const b = plan.slots.find((slot) => slot.personId === 'b')!;
    expect(alternatives.length).toBeGreaterThan(0);
    for (const option of alternatives) {
      expect(option.start >= b.end + 15 * MINUTE || option.end + 15 * MINUTE <= b.start).toBe(true);
      expect(option.end <= jst('2026-12-01', '12:00')).toBe(true);
    }
    expect(isSlotAvailable(input, plan, 'a', alternatives[0]!)).toBe(true);
    expect(isSlotAvailable(input, plan, 'a', { start: b.start, end: b.end })).toBe(false);
    expect(
      isSlotAvailable(input, plan, 'a', {
        start: jst('2026-12-01', '14:00'),
        end: jst('2026-12-01', '14:30'),
      }),
    ).toBe(false);
  });
});

describe('planning, for any calendars (property)', () => {
  const days = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07'];
  const status = fc.constantFrom<FreeBusyStatus>(
    'free',
    'tentative',
    'busy',
    'oof',
    'workingElsewhere',
    'unknown',
  );
  const calendarItem = fc
    .record({
      day: fc.constantFrom(...days),
      startMinute: fc.integer({ min: 7 * 60, max: 18 * 60 }),
      length: fc.integer({ min: 5, max: 240 }),
      status,
    })
    .map(({ day, startMinute, length, status: itemStatus }) => {
      const start = jst(day, '00:00') + startMinute * MINUTE;
      return { start, end: start + length * MINUTE, status: itemStatus };
    });
  const calendar = fc.array(calendarItem, { maxLength: 25 });
  const input = fc.record({
    organizer: calendar,
    attendees: fc.array(fc.option(calendar, { freq: 10 }), { minLength: 1, maxLength: 10 }),
    booked: fc.array(calendarItem, { maxLength: 5 }),
    durationMinutes: fc.constantFrom(15, 30, 45, 60, 90),
    bufferMinutes: fc.constantFrom(0, 5, 10, 15, 30),
    minimumNoticeMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  });

  it('never overlaps anyone’s blocking time, another interview or a booked one, and places or explains everyone', () => {
    fc.assert(
      fc.property(input, (generated) => {
        const request = search({
          firstDay: days[0],
          lastDay: days.at(-1),
          durationMinutes: generated.durationMinutes,
          bufferMinutes: generated.bufferMinutes,
          minimumNoticeMinutes: generated.minimumNoticeMinutes,
          organizer: { calendar: generated.organizer },
          attendees: generated.attendees.map((attendeeCalendar, index) => ({
            personId: `p${index}`,
            calendar: attendeeCalendar,
          })),
          booked: generated.booked.map(({ start, end }) => ({ start, end })),
        });
        const plan = planInterviews(request);
        const buffer = generated.bufferMinutes * MINUTE;
        const overlaps = (a: Interval, b: Interval, pad = 0) =>
          a.start < b.end + pad && b.start < a.end + pad;
        const organizerBlocks = blockingIntervals(generated.organizer);

        const accounted = [
          ...plan.slots.map((slot) => slot.personId),
          ...plan.unplaced.map((u) => u.personId),
        ];
        expect(accounted.sort()).toEqual(request.attendees.map((attendee) => attendee.personId).sort());

        const candidates = candidateSlots(request).map(describeSlot);
        for (const slot of plan.slots) {
          expect(candidates).toContain(describeSlot(slot));
          expect(slot.end - slot.start).toBe(generated.durationMinutes * MINUTE);
          expect(slot.start).toBeGreaterThanOrEqual(NOW + generated.minimumNoticeMinutes * MINUTE);
          const attendee = request.attendees.find((candidate) => candidate.personId === slot.personId)!;
          for (const block of [...organizerBlocks, ...blockingIntervals(attendee.calendar ?? [])])
            expect(overlaps(slot, block)).toBe(false);
          for (const booked of request.booked) expect(overlaps(slot, booked, buffer)).toBe(false);
          for (const other of plan.slots)
            if (other !== slot) expect(overlaps(slot, other, buffer)).toBe(false);
        }
        for (const { personId, reason } of plan.unplaced) {
          const attendee = request.attendees.find((candidate) => candidate.personId === personId)!;
          if (reason === 'calendar_unavailable') expect(attendee.calendar).toBeNull();
          if (reason === 'attendee_busy') {
            const blocks = blockingIntervals(attendee.calendar ?? []);
            expect(
              candidateSlots(request).some((slot) => blocks.every((block) => !overlaps(slot, block))),
            ).toBe(false);
          }
        }
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });
});

describe('spreading, for any team and window (property)', () => {
  it('uses the days of the window evenly and more than one time of day when the calendars allow', () => {
    const firstDays = ['2026-12-01', '2026-12-07', '2026-12-21', '2027-01-12', '2027-03-29'];
    fc.assert(
      fc.property(
        fc.record({
          firstDay: fc.constantFrom(...firstDays),
          length: fc.integer({ min: 0, max: 13 }),
          people: fc.integer({ min: 1, max: 12 }),
          durationMinutes: fc.constantFrom(15, 30, 45, 60),
          bufferMinutes: fc.constantFrom(0, 5, 10, 15, 30),
        }),
        ({ firstDay, length, people, durationMinutes, bufferMinutes }) => {
          const lastDay = new Date(Date.parse(`${firstDay}T00:00:00Z`) + length * 24 * 60 * MINUTE)
            .toISOString()
            .slice(0, 10);
          const request = search({
            firstDay,
            lastDay,
            durationMinutes,
            bufferMinutes,
            attendees: Array.from({ length: people }, (_, index) => ({
              personId: `p${index}`,
              calendar: [],
            })),
          });
          const officeDays = [...new Set(candidateSlots(request).map((slot) => jstDayOf(slot.start)))];
          // Only windows with room for everyone on their share of days: at most two a day here.
          fc.pre(officeDays.length > 0 && people <= officeDays.length * 2);
          const plan = planInterviews(request);
          expect(plan.unplaced).toEqual([]);
          const perDay = officeDays.map(
            (day) => plan.slots.filter((slot) => jstDayOf(slot.start) === day).length,
          );
          // Evenly over the days: never more than one apart, so nobody's day is piled up.
          expect(Math.max(...perDay) - Math.min(...perDay)).toBeLessThanOrEqual(1);
          // And not all at the same time of day.
          const times = new Set(plan.slots.map((slot) => hhmm(slot.start)));
          expect(times.size).toBeGreaterThanOrEqual(Math.min(people, 2));
        },
      ),
      { numRuns: 200, seed: 20261205 },
    );
  });
});
