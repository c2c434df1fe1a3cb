// The date helpers the integration tests plan with: they must keep a test's days in one fiscal year on
// any day of the year, which the suite otherwise meets only in the last weeks of March.
import { describe, expect, it } from 'vitest';
import { jstMidnight } from '../../../src/shared/japan-time.ts';
import { jstDay, jstDayInFiscalYear, weekdaysInFiscalYearOf } from '../../support/fiscal-days.ts';
import { offsetFromYearEnd } from '../../support/shifted-clock.ts';
import { officeWindow } from '../../support/waiting.ts';

const at = (day: string, hour = 10) => jstMidnight(day) + hour * 3_600_000;
const DAY = 24 * 3_600_000;

describe('days for tests, across the end of a fiscal year', () => {
  it('counts Japan days, and keeps a day ahead inside the fiscal year', () => {
    // 23:30 on 10 March in Japan is still 14:30 UTC that day; 30 days on is April, the next year.
    expect(jstDay(0, at('2027-03-10', 23.5))).toBe('2027-03-10');
    expect(jstDay(30, at('2027-03-10'))).toBe('2027-04-09');
    expect(jstDayInFiscalYear(30, at('2027-03-10'))).toBe('2027-03-31');
    expect(jstDayInFiscalYear(30, at('2026-12-07'))).toBe('2027-01-06');
    expect(jstDayInFiscalYear(-5, at('2027-04-02'))).toBe('2027-04-01');
  });

  it('offers weekdays of the instant’s year: from the offset on, then those before it backwards', () => {
    const days = weekdaysInFiscalYearOf('2027-03-30T01:00:00Z', 21, at('2027-03-25'));
    // 25 March is a Thursday: 21 days on is April, so only the weekdays before, backwards to tomorrow.
    expect(days).toEqual(['2027-03-31', '2027-03-30', '2027-03-29', '2027-03-26']);
    const later = weekdaysInFiscalYearOf('2027-04-07T01:00:00Z', 21, at('2027-03-29'));
    expect(later[0]).toBe('2027-04-19');
    expect(later).not.toContain('2027-03-31');
    expect(later.every((day) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()))).toBe(true);
  });

  it('moves a clock back by whole weeks only when the year has fewer days left than asked', () => {
    expect(offsetFromYearEnd(30, at('2026-12-07'))).toBe(0);
    const offset = offsetFromYearEnd(30, at('2027-03-29'));
    // Four weeks back (1 March, 10:00) leaves 29.6 days to 31 March; five (22 February) leave 36.6.
    expect(offset).toBe(-5 * 7 * DAY);
    expect(jstMidnight('2027-03-31') - (at('2027-03-29') + offset)).toBeGreaterThanOrEqual(30 * DAY);
  });

  it('plans office days in one fiscal year: a window across 31 March starts in April instead', () => {
    // Friday 26 March: Monday 29 to Wednesday 31 are left; ten office days run into April.
    expect(officeWindow(10, at('2027-03-26'))).toEqual({ firstDay: '2027-04-01', lastDay: '2027-04-14' });
    expect(officeWindow(3, at('2027-03-26'))).toEqual({ firstDay: '2027-03-29', lastDay: '2027-03-31' });
    // The 12/29–1/3 closure is skipped, and December to January is one fiscal year.
    expect(officeWindow(10, at('2026-12-07'))).toEqual({ firstDay: '2026-12-08', lastDay: '2026-12-21' });
    expect(officeWindow(20, at('2026-12-07')).lastDay).toBe('2027-01-08');
  });
});
