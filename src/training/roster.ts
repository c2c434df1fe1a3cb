// Capacity and the waiting list of a session, as pure decisions over its enrolments. The service applies
// them inside one transaction, so two confirmations at once cannot both take the last seat.
import type { EnrolmentStatus } from './training.contract.ts';

export interface RosterEntry {
  id: string;
  status: EnrolmentStatus;
  /** When put on the waiting list (ISO or Date): the list is served in this order. */
  waitlistedAt: Date | null;
  createdAt: Date;
}

/** Statuses that hold a seat: confirmed people, and those who came (the seat was theirs). */
const SEATED: ReadonlySet<EnrolmentStatus> = new Set(['confirmed', 'attended', 'reported']);

export function seatsTaken(entries: readonly RosterEntry[]): number {
  return entries.filter((entry) => SEATED.has(entry.status)).length;
}

/** Confirming someone: a seat if one is free, else the end of the waiting list. */
export function placeOnConfirm(
  entries: readonly RosterEntry[],
  capacity: number,
): 'confirmed' | 'waitlisted' {
  return seatsTaken(entries) < capacity ? 'confirmed' : 'waitlisted';
}

/** The waiting list in order: first waitlisted first (ties by when they enrolled, then id). */
export function waitingList<E extends RosterEntry>(entries: readonly E[]): E[] {
  return entries
    .filter((entry) => entry.status === 'waitlisted')
    .sort(
      (a, b) =>
        (a.waitlistedAt?.getTime() ?? 0) - (b.waitlistedAt?.getTime() ?? 0) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.id.localeCompare(b.id),
    );
}

/** Who moves up from the waiting list to fill the free seats (after a withdrawal or more capacity). */
export function promotions<E extends RosterEntry>(entries: readonly E[], capacity: number): E[] {
  const free = Math.max(0, capacity - seatsTaken(entries));
  return waitingList(entries).slice(0, free);
}
