// Waiting in integration tests for what a background job brings, and the planning window they book in.
import { isOfficeDay, jstDayOf } from '../../src/interviews/slot-finder.ts';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Polls `probe` every 250 ms until it answers something other than undefined. The timeout catches a hang,
 * not slowness: a wait may span a job's retry delay, and beside another suite it took over 30 s once.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The next `days` office days from tomorrow (Japan time), as a planning window, all in one fiscal year:
 * where they would run past 31 March, the window is the first `days` office days of the new year instead.
 * Interviews count in the fiscal year of their day, so a window across the boundary would split a
 * booking between two years (and late in March there may be no office day left in this one).
 */
export function officeWindow(days: number, now = Date.now()): { firstDay: string; lastDay: string } {
  const found: string[] = [];
  for (let offset = 1; found.length < days; offset += 1) {
    const day = jstDayOf(now + offset * DAY);
    if (!isOfficeDay(day)) continue;
    // The first day of a new fiscal year: start again from it.
    if (found.length > 0 && day.slice(5) >= '04-01' && found.at(-1)!.slice(5) < '04-01') found.length = 0;
    found.push(day);
  }
  return { firstDay: found[0]!, lastDay: found.at(-1)! };
}
