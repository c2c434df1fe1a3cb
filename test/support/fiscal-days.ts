import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { jstDayOf } from '../../src/shared/japan-time.ts';

// Days for tests that plan "a few weeks ahead" on the machine's clock. Such a day can fall in the next
// fiscal year from mid-March on, where the server rightly refuses it for this year's window, budget or
// plan; `jstDayInFiscalYear` keeps it in the year the test works in.

const DAY = 24 * 60 * 60 * 1000;

/** A day (YYYY-MM-DD, Japan time) `offset` days from today. */
export function jstDay(offset: number, now = Date.now()): string {
  return jstDayOf(now + offset * DAY);
}

/** `jstDay(offset)`, but no earlier than 1 April and no later than 31 March of today's fiscal year. */
export function jstDayInFiscalYear(offset: number, now = Date.now()): string {
  const { fiscalYear } = halfPeriodAt(new Date(now));
  const first = `${fiscalYear}-04-01`;
  const last = `${fiscalYear + 1}-03-31`;
  const day = jstDay(offset, now);
  return day < first ? first : day > last ? last : day;
}

/**
 * Weekdays (YYYY-MM-DD, Japan time) in the fiscal year of the instant `of`, after today: from `offset`
 * days on to the year's end first, then those before, backwards to tomorrow.
 */
export function weekdaysInFiscalYearOf(of: string, offset: number, now = Date.now()): string[] {
  const last = `${halfPeriodAt(new Date(of)).fiscalYear + 1}-03-31`;
  const first = `${halfPeriodAt(new Date(of)).fiscalYear}-04-01`;
  const tomorrow = jstDay(1, now);
  const weekday = (day: string) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
  const inYear = (day: string) => day >= first && day <= last && day >= tomorrow;
  const later: string[] = [];
  for (let ahead = offset; jstDay(ahead, now) <= last; ahead += 1) {
    const day = jstDay(ahead, now);
    if (weekday(day) && inYear(day)) later.push(day);
  }
  const earlier: string[] = [];
  for (let back = offset - 1; back >= 1; back -= 1) {
    const day = jstDay(back, now);
    if (weekday(day) && inYear(day)) earlier.push(day);
  }
  return [...later, ...earlier];
}
