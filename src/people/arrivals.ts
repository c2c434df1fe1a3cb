// Who arrived in a 課 when the people in force changed (a sync, HR's import, a 発令 whose day came): new
// staff, and staff whose 課 changed. Pure, like supervisor-changes.ts; the OJT slice suggests an
// onboarding plan to their supervisor from it (docs/ojt.md).
import type { Db } from '../db/database.ts';

/** Someone who arrived in a 課: newly in the directory (hire), or their 課 changed (transfer). */
export interface Arrival {
  personId: string;
  /** Their direct supervisor in force now (null: nobody to suggest anything to). */
  supervisorId: string | null;
  kind: 'hire' | 'transfer';
  department: string | null;
  /** The day the arrival was seen (YYYY-MM-DD, Japan). */
  day: string;
}

/**
 * Work that follows an arrival (an onboarding suggestion). Called inside the transaction that changed the
 * people in force, so the change and what follows from it commit together or not at all.
 */
export interface ArrivalHandler {
  arrived(db: Db, arrivals: readonly Arrival[], now: Date): Promise<void>;
}

/**
 * A person new to the table counts as hired when their hire date is known and at most this many days
 * before today (or ahead): the first copy of the directory lists everyone, and long-serving staff are no
 * arrivals.
 */
export const HIRE_WINDOW_DAYS = 90;

interface State {
  id: string;
  department: string | null;
  hireDate: string | null;
  managerId: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function arrivalsOf(before: readonly State[], after: readonly State[], today: string): Arrival[] {
  const old = new Map(before.map((person) => [person.id, person]));
  const earliestHire = new Date(Date.parse(`${today}T00:00:00Z`) - HIRE_WINDOW_DAYS * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const arrivals: Arrival[] = [];
  for (const person of after) {
    const previous = old.get(person.id);
    const base = {
      personId: person.id,
      supervisorId: person.managerId,
      department: person.department,
      day: today,
    };
    if (!previous) {
      if (person.hireDate !== null && person.hireDate >= earliestHire)
        arrivals.push({ ...base, kind: 'hire' });
    } else if (person.department !== null && previous.department !== person.department)
      arrivals.push({ ...base, kind: 'transfer' });
  }
  return arrivals;
}
