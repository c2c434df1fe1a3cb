// Who lost whom above them when reporting lines changed. Pure: two maps of person → manager in, the
// people whose chain lost someone out. The interviews slice re-routes their pending work from it.
import type { Db } from '../db/database.ts';

export interface ChainChange {
  personId: string;
  /** Supervisors who were in the person's chain before and are not any more. */
  removed: string[];
  /** The person's direct supervisor now (null: nobody). */
  supervisorId: string | null;
}

/**
 * Work that follows the supervisor chain (pending interviews). Called inside the transaction that
 * changed the reporting lines, so the change and the re-routing commit together; `afterCommit` tells
 * workers (Outlook) once both are stored.
 */
export interface ChainChangeHandler {
  reroute(
    db: Db,
    changes: readonly ChainChange[],
    now: Date,
  ): Promise<{ reassigned: number; afterCommit: () => Promise<void> }>;
}

const MAX_CHAIN = 12;

function chainOf(managers: ReadonlyMap<string, string | null>, personId: string): string[] {
  const chain: string[] = [];
  let current = managers.get(personId) ?? null;
  while (current && chain.length < MAX_CHAIN && current !== personId && !chain.includes(current)) {
    chain.push(current);
    current = managers.get(current) ?? null;
  }
  return chain;
}

export function chainChanges(
  before: ReadonlyMap<string, string | null>,
  after: ReadonlyMap<string, string | null>,
): ChainChange[] {
  const changes: ChainChange[] = [];
  for (const personId of after.keys()) {
    if (!before.has(personId)) continue;
    const old = chainOf(before, personId);
    if (old.length === 0) continue;
    const now = new Set(chainOf(after, personId));
    const removed = old.filter((id) => !now.has(id));
    if (removed.length > 0) changes.push({ personId, removed, supervisorId: after.get(personId) ?? null });
  }
  return changes;
}
