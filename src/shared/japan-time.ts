// Japan time, for the server and the tab alike. Japan has no daylight saving time: Asia/Tokyo is UTC+9
// all year, so an offset is exact. Pure: the instant comes in, nothing is read from outside.

export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Midnight (Japan time) of a YYYY-MM-DD day, as epoch ms. */
export function jstMidnight(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`day must be YYYY-MM-DD, got ${day}`);
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(utc).toISOString().slice(0, 10) !== day) throw new RangeError(`no such day: ${day}`);
  return utc - JST_OFFSET_MS;
}

/** The Japan-time calendar day (YYYY-MM-DD) of an instant. */
export function jstDayOf(instant: number): string {
  return new Date(instant + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Monday (YYYY-MM-DD) of the week a YYYY-MM-DD day falls in. */
export function mondayOf(day: string): string {
  const midnight = jstMidnight(day);
  const weekday = new Date(midnight + JST_OFFSET_MS).getUTCDay(); // 0 = Sunday
  return jstDayOf(midnight - ((weekday + 6) % 7) * 24 * 60 * 60 * 1000);
}

/** An instant as ISO 8601 in Japan time (`2026-12-05T19:30:00.000+09:00`), as people read times. */
export function jstIso(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().replace('Z', '+09:00');
}
