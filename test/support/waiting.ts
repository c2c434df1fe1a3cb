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

/** The next `days` office days from tomorrow (Japan time), as a planning window. */
export function officeWindow(days: number): { firstDay: string; lastDay: string } {
  const found: string[] = [];
  for (let offset = 1; found.length < days; offset += 1) {
    const day = jstDayOf(Date.now() + offset * DAY);
    if (isOfficeDay(day)) found.push(day);
  }
  return { firstDay: found[0]!, lastDay: found.at(-1)! };
}
