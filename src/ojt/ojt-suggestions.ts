import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import type { Arrival } from '../people/arrivals.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { DEFAULT_ONBOARDING_CHECKLIST } from './default-checklist.ts';
import type { OjtSuggestionView } from './ojt.contract.ts';
import type { SuggestionMade } from './ojt-notices.ts';
import { ojtSuggestions } from './ojt.schema.ts';

/** What names an arrival once: the same person arriving (hired or moved) in the same 課 on the same day. */
export function arrivalKeyOf(arrival: Arrival): string {
  return `${arrival.personId}|${arrival.kind}|${arrival.department ?? ''}|${arrival.day}`;
}

/**
 * Inside the transaction that records the arrival (the people sync's or the import's): one suggestion per
 * arrival, to the person's supervisor. A retried sync, or a second instance, meets the unique key and
 * adds nothing. Returns the suggestions made (for the bot notice).
 */
export async function suggestOnboarding(
  tx: Db,
  arrivals: readonly Arrival[],
  now: Date,
): Promise<SuggestionMade[]> {
  const rows = arrivals
    .filter((arrival) => arrival.supervisorId !== null && arrival.supervisorId !== arrival.personId)
    .map((arrival) => ({
      personId: arrival.personId,
      supervisorId: arrival.supervisorId!,
      arrivalKey: arrivalKeyOf(arrival),
      kind: arrival.kind,
      department: arrival.department,
      createdAt: now,
      updatedAt: now,
    }));
  if (rows.length === 0) return [];
  return tx
    .insert(ojtSuggestions)
    .values(rows)
    .onConflictDoNothing({ target: ojtSuggestions.arrivalKey })
    .returning({
      id: ojtSuggestions.id,
      personId: ojtSuggestions.personId,
      supervisorId: ojtSuggestions.supervisorId,
      kind: ojtSuggestions.kind,
      department: ojtSuggestions.department,
    });
}

export function createOjtSuggestions(deps: {
  db: Db;
  people: PeopleStore;
  audit: AuditLog;
  now: () => Date;
}) {
  const { db } = deps;
  const audited = auditOf(deps.audit, 'ojt-suggestion');
  return {
    /** The caller's open suggestions, oldest first. */
    async list(actor: Actor): Promise<OjtSuggestionView[]> {
      const rows = await db
        .select()
        .from(ojtSuggestions)
        .where(and(eq(ojtSuggestions.supervisorId, actor.id), eq(ojtSuggestions.status, 'open')))
        .orderBy(asc(ojtSuggestions.createdAt));
      const names = new Map(
        (await deps.people.getMany(rows.map((row) => row.personId))).map((person) => [
          person.id,
          person.displayName,
        ]),
      );
      return rows.map((row) => ({
        id: row.id,
        person: { id: row.personId, displayName: names.get(row.personId) ?? null },
        kind: row.kind,
        department: row.department,
        defaultChecklist: DEFAULT_ONBOARDING_CHECKLIST[row.kind].map((item) => ({ ...item })),
        version: row.version,
        createdAt: row.createdAt.toISOString(),
      }));
    },

    async dismiss(
      actor: Actor,
      id: string,
      input: { version: number },
    ): Promise<{ id: string; status: 'dismissed' }> {
      const [row] = await db.select().from(ojtSuggestions).where(eq(ojtSuggestions.id, id)).limit(1);
      if (!row) throw new AppError('not_found', 'No such suggestion.');
      if (row.supervisorId !== actor.id)
        throw new AppError('forbidden', 'Only the supervisor the suggestion was made to dismisses it.');
      if (row.status !== 'open') throw new AppError('conflict', `The suggestion is already ${row.status}.`);
      const updated = await db
        .update(ojtSuggestions)
        .set({ status: 'dismissed', version: sql`${ojtSuggestions.version} + 1`, updatedAt: deps.now() })
        .where(and(eq(ojtSuggestions.id, id), eq(ojtSuggestions.version, input.version)))
        .returning({ id: ojtSuggestions.id });
      if (updated.length === 0)
        throw versionConflict('The suggestion changed in the meantime. Reload to see it.', row.version);
      await audited('write', actor, row.personId, { suggestionId: id, dismissed: true });
      return { id, status: 'dismissed' };
    },
  };
}

export type OjtSuggestions = ReturnType<typeof createOjtSuggestions>;
