// A Teams link is verified, never assumed. An app-only create with isOnlineMeeting can answer 201 with
// no online meeting: the organizer's mailbox may not host Teams meetings (no Teams licence — shared and
// resource mailboxes have none — or Teams not in its calendar's allowedOnlineMeetingProviders), and the
// link may also come a moment after the create. So events created without a link are read back a few
// times, with growing pauses, inside the durable Outlook job; what is still without one is marked
// "no Teams link" for the organizer to see. The pauses come from an injected sleeper (tests pass one
// that does not wait), and they are short and few, so a job keeps its lease.
import type { Calendar } from './calendar.port.ts';

/** Pauses before each read-back: about 6.5 s in all, once per claimed batch, not per event. */
export const READ_BACK_DELAYS_MS: readonly number[] = [500, 1500, 4500];

export interface ReadBackOptions {
  sleep: (ms: number) => Promise<void>;
  delaysMs?: readonly number[];
}

export const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The join URL of each event, read back until every one has one or the tries are spent; null for those
 * still without one (or gone). All events are read in one batched round per try.
 */
export async function readBackJoinUrls(
  calendar: Pick<Calendar, 'getJoinUrls'>,
  events: ReadonlyArray<{ organizer: string; eventId: string }>,
  options: ReadBackOptions,
): Promise<Array<string | null>> {
  const found = new Array<string | null>(events.length).fill(null);
  let waiting = events.map((_, index) => index);
  for (const delay of options.delaysMs ?? READ_BACK_DELAYS_MS) {
    if (waiting.length === 0) break;
    await options.sleep(delay);
    const urls = await calendar.getJoinUrls(waiting.map((index) => events[index]!));
    waiting.forEach((index, position) => (found[index] = urls[position] ?? null));
    waiting = waiting.filter((index) => !found[index]);
  }
  return found;
}
