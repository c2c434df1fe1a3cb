// The rules of a fiscal year's windows, pure: the day comes in, nothing is read from outside, so they are
// tested with a frozen clock. The fiscal year runs from 1 April to 31 March (Japan time).
import { FIRST_FISCAL_YEAR } from '../shared/fiscal-period.ts';
import { AppError, type ErrorDetail } from '../http/app-error.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import type { CycleKind, CycleWindowState } from './cycle.contract.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Today's date in Japan (YYYY-MM-DD): windows end at the end of their last day there. */
export function japanToday(instant: Date): string {
  return jstDayOf(instant.getTime());
}

/** The fiscal year a day (YYYY-MM-DD) belongs to: April to March. */
export function fiscalYearOfDay(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? year : year - 1;
}

export function fiscalYearBounds(fiscalYear: number): { first: string; last: string } {
  return { first: `${fiscalYear}-04-01`, last: `${fiscalYear + 1}-03-31` };
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export const SELF_CHECK_KINDS = { 1: 'selfCheckH1', 2: 'selfCheckH2' } as const satisfies Record<
  1 | 2,
  CycleKind
>;

export function halfOfKind(kind: CycleKind): 1 | 2 | undefined {
  return kind === 'selfCheckH1' ? 1 : kind === 'selfCheckH2' ? 2 : undefined;
}

/** The half's last day: 30 September or 31 March. */
export function lastDayOfHalf(fiscalYear: number, half: 1 | 2): string {
  return half === 1 ? `${fiscalYear}-09-30` : `${fiscalYear + 1}-03-31`;
}

export interface StoredWindowState {
  state: CycleWindowState;
  closesOn: string;
}

/**
 * What a window is today. HR opens and closes windows by hand; the last day is the deadline, so an open
 * window whose last day has passed reads as closed ("ended") without anyone having to close it.
 */
export function effectiveState(
  window: StoredWindowState,
  today: string,
): { state: CycleWindowState; ended: boolean } {
  if (window.state === 'open' && today > window.closesOn) return { state: 'closed', ended: true };
  return { state: window.state, ended: false };
}

/** Years HR may plan: from the policy's first year up to next year (opened ahead, e.g. in March). */
export function checkPlannableYear(fiscalYear: number, today: string): void {
  const last = fiscalYearOfDay(today) + 1;
  if (fiscalYear < FIRST_FISCAL_YEAR || fiscalYear > last)
    throw new AppError(
      'unprocessable',
      `There is no cycle for fiscal year ${fiscalYear}: years run from ${FIRST_FISCAL_YEAR} to ${last}.`,
      [{ path: 'body.fiscalYear', message: `must be from ${FIRST_FISCAL_YEAR} to ${last}` }],
    );
}

/** Planned days: both inside the fiscal year, and the window cannot end before it begins. */
export function checkPlannedDays(fiscalYear: number, opensOn: string, closesOn: string): void {
  const { first, last } = fiscalYearBounds(fiscalYear);
  const details: ErrorDetail[] = [];
  for (const [path, day] of [
    ['body.opensOn', opensOn],
    ['body.closesOn', closesOn],
  ] as const) {
    if (day < first || day > last)
      details.push({ path, message: `must fall in fiscal year ${fiscalYear} (${first} to ${last})` });
  }
  if (closesOn < opensOn)
    details.push({ path: 'body.closesOn', message: 'must not be before the first day' });
  if (details.length > 0)
    throw new AppError('unprocessable', 'The window’s days do not fit its fiscal year.', details);
}

/**
 * Opening (or reopening) needs a last day still ahead: a window cannot be opened only to read as ended
 * at once. Nor can one be opened once its fiscal year is over.
 */
export function checkOpenable(
  window: { fiscalYear: number; state: CycleWindowState; closesOn: string },
  today: string,
): void {
  const { state } = effectiveState(window, today);
  if (state === 'open') throw new AppError('conflict', 'This window is already open.');
  if (today > fiscalYearBounds(window.fiscalYear).last)
    throw new AppError('conflict', `Fiscal year ${window.fiscalYear} is over; its windows stay closed.`);
  if (window.closesOn < today)
    throw new AppError(
      'unprocessable',
      `The last day (${window.closesOn}) has passed: give a new last day.`,
      [{ path: 'body.closesOn', message: `must be today (${today}) or later` }],
    );
}

/** Closing needs an opened window: a window cannot close before it opens. */
export function checkClosable(window: { state: CycleWindowState }): void {
  if (window.state === 'scheduled')
    throw new AppError('conflict', 'This window has not been opened, so it cannot be closed.');
  if (window.state === 'closed') throw new AppError('conflict', 'This window is already closed.');
}

/**
 * Which reminder a person owing something gets today: 1 once the window is open, 2 in its last week,
 * 3 in its last two days. Only the stage reached today is sent, so a window opened late does not send
 * three messages at once, and each stage goes out once (its idempotency key carries the stage).
 */
export function reminderStage(today: string, closesOn: string): 1 | 2 | 3 {
  const left = daysBetween(today, closesOn);
  return left <= 1 ? 3 : left <= 7 ? 2 : 1;
}
