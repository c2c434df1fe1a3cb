import { describe, expect, it } from 'vitest';
import { isOfficeOpen, nextOfficeTime } from '../../../src/jobs/office-hours.ts';

/** A JST wall-clock time as a Date. */
const jst = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`);

describe('isOfficeOpen', () => {
  it('is open 9:00–17:00 Japan time on a weekday, closed at 8:59 and from 17:00', () => {
    expect(isOfficeOpen(jst('2026-12-01', '09:00'))).toBe(true);
    expect(isOfficeOpen(jst('2026-12-01', '16:59'))).toBe(true);
    expect(isOfficeOpen(jst('2026-12-01', '08:59'))).toBe(false);
    expect(isOfficeOpen(jst('2026-12-01', '17:00'))).toBe(false);
    expect(isOfficeOpen(jst('2026-12-01', '23:30'))).toBe(false);
  });

  it('is closed all day on weekends, national holidays and 12/29–1/3', () => {
    expect(isOfficeOpen(jst('2026-12-05', '10:00'))).toBe(false); // Saturday
    expect(isOfficeOpen(jst('2026-11-23', '10:00'))).toBe(false); // 勤労感謝の日
    expect(isOfficeOpen(jst('2026-12-29', '10:00'))).toBe(false);
    expect(isOfficeOpen(jst('2027-01-02', '10:00'))).toBe(false);
  });

  it('reads the day in Japan time, not UTC (01:00 UTC Monday is 10:00 JST Monday)', () => {
    expect(isOfficeOpen(new Date('2026-11-30T01:00:00Z'))).toBe(true);
    expect(isOfficeOpen(new Date('2026-11-29T23:30:00Z'))).toBe(false); // Monday 08:30 JST
  });

  it('takes other hours', () => {
    expect(isOfficeOpen(jst('2026-12-01', '08:45'), { start: '08:30', end: '17:15' })).toBe(true);
  });
});

describe('nextOfficeTime', () => {
  it('is the instant itself during office hours', () => {
    expect(nextOfficeTime(jst('2026-12-01', '11:23'))).toEqual(jst('2026-12-01', '11:23'));
  });

  it('waits for 9:00 the same morning, and for the next morning after 17:00', () => {
    expect(nextOfficeTime(jst('2026-12-01', '06:00'))).toEqual(jst('2026-12-01', '09:00'));
    expect(nextOfficeTime(jst('2026-12-01', '17:00'))).toEqual(jst('2026-12-02', '09:00'));
  });

  it('skips the weekend and a Monday holiday', () => {
    expect(nextOfficeTime(jst('2026-11-20', '18:00'))).toEqual(jst('2026-11-24', '09:00')); // Fri → Tue (11/23 holiday)
  });

  it('skips the year-end closure: 12/28 evening waits until 1/4', () => {
    expect(nextOfficeTime(jst('2026-12-28', '17:30'))).toEqual(jst('2027-01-04', '09:00'));
  });
});
