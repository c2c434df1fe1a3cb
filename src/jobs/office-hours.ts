// When the city office is open, in Japan time: weekdays that are neither national holidays nor in the
// 12/29–1/3 closure, within the daily office hours. Messages that ask staff to do something (reminders)
// wait for these hours instead of arriving at night or on a holiday; the slot finder plans interviews on
// the same days. Pure: the instant comes in, nothing is read from outside.
import holidayJp from '@holiday-jp/holiday_jp';
import { JST_OFFSET_MS as JST_OFFSET, jstDayOf, jstMidnight } from '../shared/japan-time.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Longer than any run of closed days (a year of holidays cannot close a whole year). */
const MAX_DAYS_AHEAD = 366;

/** Daily office hours, HH:MM in Japan time; open from `start` (inclusive) to `end` (exclusive). */
export interface OfficeHours {
  start: string;
  end: string;
}

/** The hours in which the app contacts staff unprompted. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: '09:00', end: '17:00' };

/** Minutes after midnight of an HH:MM time of day. */
export function minutesOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`time must be HH:MM, got ${time}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59 || minutes > 24 * 60) throw new RangeError(`no such time of day: ${time}`);
  return minutes;
}

/** A day the city office is open: a weekday that is neither a national holiday nor in 12/29–1/3. */
export function isOfficeDay(day: string): boolean {
  const date = new Date(jstMidnight(day) + JST_OFFSET);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const month = date.getUTCMonth() + 1;
  const dayOfMonth = date.getUTCDate();
  if ((month === 12 && dayOfMonth >= 29) || (month === 1 && dayOfMonth <= 3)) return false;
  return !(day in holidayJp.holidays);
}

function validHours(hours: OfficeHours): { open: number; close: number } {
  const open = minutesOfDay(hours.start) * MINUTE;
  const close = minutesOfDay(hours.end) * MINUTE;
  if (close <= open) throw new RangeError('the office closes before it opens');
  return { open, close };
}

const instantOf = (date: Date | number): number => (typeof date === 'number' ? date : date.getTime());

/** Whether the office is open at this instant: an office day, within the office hours. */
export function isOfficeOpen(date: Date | number, hours: OfficeHours = DEFAULT_OFFICE_HOURS): boolean {
  const instant = instantOf(date);
  const { open, close } = validHours(hours);
  const day = jstDayOf(instant);
  const sinceMidnight = instant - jstMidnight(day);
  return isOfficeDay(day) && sinceMidnight >= open && sinceMidnight < close;
}

/**
 * The first instant at or after `date` when the office is open: `date` itself during office hours,
 * otherwise the opening time of the next office day (today's, if it has not opened yet).
 */
export function nextOfficeTime(date: Date | number, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  const instant = instantOf(date);
  const { open, close } = validHours(hours);
  let midnight = jstMidnight(jstDayOf(instant));
  for (let days = 0; days <= MAX_DAYS_AHEAD; days += 1, midnight += DAY) {
    if (!isOfficeDay(jstDayOf(midnight))) continue;
    if (instant < midnight + open) return new Date(midnight + open);
    if (instant < midnight + close) return new Date(instant);
  }
  throw new RangeError('no office day within a year');
}
