import { describe, expect, it } from 'vitest';
import type { PlanResponse } from '../../../src/interviews/interview.contract.ts';
import {
  defaultSettings,
  formatSlot,
  hasOverlap,
  initialChoices,
  jstDayOf,
  jstInstant,
  jstTimeOf,
  optionsFor,
  requestWindow,
  seasonSettings,
  settingsProblems,
} from '../../../tab/src/interviews/schedule.ts';

const at = (day: string, time: string) => jstInstant(day, time);
const slot = (day: string, from: string, to: string) => ({ start: at(day, from), end: at(day, to) });

describe('the booking panel’s Japan-time dates', () => {
  it('takes the Japan-time day, not the UTC one, late in the UTC evening', () => {
    const instant = new Date('2026-11-30T16:30:00Z'); // 01:30 on 1 December in Tokyo
    expect(jstDayOf(instant)).toBe('2026-12-01');
    expect(jstTimeOf(instant)).toBe('01:30');
    expect(jstInstant('2026-12-01', '09:00')).toBe('2026-12-01T00:00:00.000Z');
  });

  it('books a 1:1 request in its preferred week, from tomorrow at the earliest, and not in a week gone by', () => {
    // Wednesday 2 December 2026, 10:00 in Tokyo.
    const now = new Date(jstInstant('2026-12-02', '10:00'));
    expect(requestWindow('2026-12-14', now)).toEqual({ firstDay: '2026-12-14', lastDay: '2026-12-18' });
    expect(requestWindow('2026-11-30', now)).toEqual({ firstDay: '2026-12-03', lastDay: '2026-12-04' });
    // Friday 4 December, 23:30 in Tokyo: that week has no day left from tomorrow.
    expect(requestWindow('2026-11-30', new Date(jstInstant('2026-12-04', '23:30')))).toBeUndefined();
    expect(requestWindow(null, now)).toBeUndefined();
  });

  it('defaults to 30 minutes over the next two weeks from tomorrow, 8:30–17:15 with lunch free', () => {
    const settings = defaultSettings(new Date('2026-11-25T03:00:00Z'));
    expect(settings).toMatchObject({
      durationMinutes: 30,
      firstDay: '2026-11-26',
      lastDay: '2026-12-09',
      dayStart: '08:30',
      dayEnd: '17:15',
      breaks: [{ start: '12:00', end: '13:00' }],
    });
  });

  it("defaults to the interview of the season HR has open, ending with HR's window", () => {
    const now = new Date('2026-10-05T03:00:00Z');
    // 中間面談 open until 10/12: two weeks would run past it, so the window ends there.
    expect(
      seasonSettings(
        [
          { kind: 'selfCheckH2', closesOn: '2026-10-31' },
          { kind: 'midYear', closesOn: '2026-10-12' },
        ],
        now,
      ),
    ).toEqual({ type: 'midYear', firstDay: '2026-10-06', lastDay: '2026-10-12' });
    // A season open for longer keeps the two weeks.
    expect(seasonSettings([{ kind: 'yearEnd', closesOn: '2027-03-31' }], now)).toEqual({
      type: 'yearEnd',
      firstDay: '2026-10-06',
      lastDay: '2026-10-19',
    });
  });

  it('offers no 期首面談 in December when no interview season is open, but a career interview', () => {
    const december = new Date('2026-12-05T03:00:00Z');
    expect(seasonSettings([{ kind: 'selfCheckH2', closesOn: '2026-12-25' }], december)).toEqual({
      type: 'career',
      firstDay: '2026-12-06',
      lastDay: '2026-12-19',
    });
    // A season whose last day is today has no days left to book.
    expect(seasonSettings([{ kind: 'goalSetting', closesOn: '2026-12-05' }], december).type).toBe('career');
  });

  it('shows a slot in Japan time in Japanese and in English', () => {
    const range = slot('2026-12-01', '09:00', '09:30');
    expect(formatSlot(range, 'ja')).toBe('12月1日(火) 9:00～9:30');
    expect(formatSlot(range, 'ja', true)).toBe('2026年12月1日(火) 9:00～9:30');
    expect(formatSlot(range, 'en')).toBe('Tue, Dec 1, 9:00 AM – 9:30 AM');
  });

  it('names the settings the server would refuse', () => {
    const good = defaultSettings(new Date('2026-11-25T03:00:00Z'));
    expect(settingsProblems(good, '2026-11-25')).toEqual([]);
    expect(
      settingsProblems({ ...good, lastDay: '2026-11-20', dayEnd: '08:00', durationMinutes: 5 }, '2026-11-25'),
    ).toEqual(['windowOrder', 'windowOver', 'hoursOrder', 'duration']);
    expect(settingsProblems({ ...good, lastDay: '2027-02-01' }, '2026-11-25')).toEqual(['windowTooLong']);
    expect(
      settingsProblems(
        {
          ...good,
          firstDay: '',
          breaks: [{ start: '13:00', end: '12:00' }],
          bufferMinutes: 2.5,
          minimumNoticeMinutes: 15 * 24 * 60,
        },
        '2026-11-25',
      ),
    ).toEqual(['windowMissing', 'breakOrder', 'buffer', 'notice']);
  });
});

describe('swapping a proposed slot', () => {
  const day = '2026-12-01';
  const plan: PlanResponse = {
    slots: [
      {
        personId: 'a',
        displayName: 'A',
        ...slot(day, '09:00', '09:30'),
        alternatives: [slot(day, '10:00', '10:30'), slot(day, '13:00', '13:30'), slot(day, '15:00', '15:30')],
      },
      {
        personId: 'b',
        displayName: 'B',
        ...slot(day, '10:00', '10:30'),
        // Computed against A's original 9:00: 9:30 would touch it within the 10-minute buffer, so it is absent.
        alternatives: [slot(day, '13:00', '13:30'), slot(day, '13:20', '13:50'), slot(day, '16:00', '16:30')],
      },
    ],
    unplaced: [],
  };

  it('offers the proposal and its alternatives, minus the times another person holds now', () => {
    const choices = initialChoices(plan);
    const forA = optionsFor(plan.slots[0]!, choices, 10).map((option) => option.start);
    // 10:00 is B's time: not offered to A.
    expect(forA).toEqual([at(day, '09:00'), at(day, '13:00'), at(day, '15:00')]);
  });

  it('after a swap, no one else can pick a time that overlaps it (buffer included)', () => {
    const choices = { ...initialChoices(plan), a: slot(day, '13:00', '13:30') };
    const forB = optionsFor(plan.slots[1]!, choices, 10).map((option) => option.start);
    // 13:00 is A's now, 13:20 starts within 10 minutes of A's end: both gone; B's own 10:00 stays.
    expect(forB).toEqual([at(day, '10:00'), at(day, '16:00')]);
    expect(hasOverlap(choices, 10)).toBe(false);
    expect(hasOverlap({ ...choices, b: slot(day, '13:20', '13:50') }, 10)).toBe(true);
  });

  it('never lets two people hold overlapping times, whatever order the swaps come in', () => {
    let choices = initialChoices(plan);
    for (let round = 0; round < 20; round += 1) {
      for (const planned of plan.slots) {
        const options = optionsFor(planned, choices, 10);
        choices = {
          ...choices,
          [planned.personId]: options[(round * 7 + planned.personId.length) % options.length]!,
        };
        expect(hasOverlap(choices, 10)).toBe(false);
      }
    }
  });
});
