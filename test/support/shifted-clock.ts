import type { Clock } from '../../src/shared/clock.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { jstMidnight } from '../../src/shared/japan-time.ts';

/** A server clock that runs with the machine's, `offsetMs` ahead (or behind); a test may move it. */
export interface ShiftedClock extends Clock {
  /** A function of its own, so a test may hand `clock.now` on as a service's `now`. */
  now: () => Date;
  /** From now on, `offsetMs` ahead of the machine's clock (0: the machine's time again). */
  setOffset: (offsetMs: number) => void;
}

export function shiftedClock(offsetMs = 0): ShiftedClock {
  let offset = offsetMs;
  return {
    now: () => new Date(Date.now() + offset),
    setOffset: (next) => {
      offset = next;
    },
  };
}

/**
 * Reads with the clock at the start (00:00 Japan time) of `day` when `day` falls in another fiscal year
 * than today, and at the machine's time otherwise; then runs with the machine's time again. Views of
 * "this year" (the team view) show interviews of today's year, which bookings made at the end of March
 * for days in April are not yet.
 */
export async function readInFiscalYearOf<T>(
  clock: ShiftedClock,
  day: string,
  read: () => Promise<T>,
): Promise<T> {
  const sameYear =
    halfPeriodAt(new Date()).fiscalYear === halfPeriodAt(new Date(jstMidnight(day))).fiscalYear;
  if (sameYear) return read();
  clock.setOffset(jstMidnight(day) - Date.now());
  try {
    return await read();
  } finally {
    clock.setOffset(0);
  }
}

/**
 * How far back (whole weeks, or 0) to shift a clock so that its Japan day is at least `days` days before
 * the fiscal year's last day (31 March). A test that plans windows some weeks ahead inside this year runs
 * on such a clock late in March, when the year has no such weeks left. Whole weeks keep the weekday and
 * the time of day, so office hours stay as they are.
 */
export function offsetFromYearEnd(days: number, now = Date.now()): number {
  const WEEK = 7 * 24 * 60 * 60 * 1000;
  const yearEnd = jstMidnight(`${halfPeriodAt(new Date(now)).fiscalYear + 1}-03-31`);
  let offset = 0;
  while (yearEnd - (now + offset) < days * 24 * 60 * 60 * 1000) offset -= WEEK;
  return offset;
}
