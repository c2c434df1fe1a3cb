import { randomUUID } from 'node:crypto';
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../auth/access.ts';
import { createAuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/app-error.ts';
import { excludeFromDirectory } from '../people/directory-exclusions.ts';
import type { Directory } from '../people/directory.port.ts';
import { people } from '../people/people.schema.ts';
import type { EraseInput, ErasureCounts, ErasurePreview, ErasureRecordView } from './erasure.contract.ts';
import { ERASURE_RULES, type ErasureRule } from './erasure-plan.ts';
import { erasureRecords } from './erasure.schema.ts';

export interface ErasureDependencies {
  db: Db;
  /** Whether the person is still in the organisation directory (Entra ID). */
  directory: Pick<Directory, 'getUser'>;
  /** The service clock: when the erasure happened. */
  now: () => Date;
}

type Executor = Pick<Db, 'execute'>;

const countOf = async (executor: Executor, query: SQL): Promise<number> => {
  // Both drivers (node-postgres, PGlite) answer with `rows`; the shared Db type does not say so.
  const result: unknown = await executor.execute<{ n: number | string }>(query);
  const { rows } = result as { rows: Array<{ n: number | string }> };
  return Number(rows[0]?.n ?? 0);
};

const whereOf = (rule: ErasureRule, personId: string): SQL =>
  rule.where ? rule.where(personId) : sql`${sql.identifier(rule.column)} = ${personId}`;

const keyOf = (rule: ErasureRule) => `${rule.table}.${rule.column}`;

const total = (counts: { deletes: ErasureCounts; detaches: ErasureCounts }) =>
  [...Object.values(counts.deletes), ...Object.values(counts.detaches)].reduce((sum, n) => sum + n, 0);

/** Splits the stored counts (`delete:table.column`, `detach:table.column`) for the view. */
const splitCounts = (counts: Record<string, number>) => {
  const deletes: ErasureCounts = {};
  const detaches: ErasureCounts = {};
  for (const [key, n] of Object.entries(counts)) {
    if (key.startsWith('delete:')) deletes[key.slice(7)] = n;
    else if (key.startsWith('detach:')) detaches[key.slice(7)] = n;
  }
  return { deletes, detaches };
};

/**
 * HR erases a leaver's personal data (see erasure-plan.ts for what goes, what is detached and what is
 * kept), in one transaction, and keeps a record that it did. While the directory still lists the person
 * the erasure is refused unless HR forces it with a reason: a person who is still at work would lose
 * their records by a slip.
 */
export function createErasureService({ db, directory, now }: ErasureDependencies) {
  const requireHr = (actor: Actor) => {
    if (!actor.isHr) throw new AppError('forbidden', 'Only HR may erase personal data.');
  };
  const erasedBy = alias(people, 'erased_by_person');

  const tally = async (executor: Executor, personId: string) => {
    const deletes: ErasureCounts = {};
    const detaches: ErasureCounts = {};
    for (const rule of ERASURE_RULES) {
      if (rule.treatment === 'keep') continue;
      const n = await countOf(
        executor,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(rule.table)} WHERE ${whereOf(rule, personId)}`,
      );
      if (n > 0) (rule.treatment === 'delete' ? deletes : detaches)[keyOf(rule)] = n;
    }
    return { deletes, detaches };
  };

  const displayNameOf = async (personId: string) =>
    (await db.select({ name: people.displayName }).from(people).where(eq(people.id, personId)).limit(1))[0]
      ?.name ?? null;

  /** The erasure records, newest first (of one person, or of everyone). */
  const list = async (actor: Actor, personId?: string): Promise<ErasureRecordView[]> => {
    requireHr(actor);
    const rows = await db
      .select({ record: erasureRecords, erasedByName: erasedBy.displayName })
      .from(erasureRecords)
      .leftJoin(erasedBy, eq(erasedBy.id, erasureRecords.erasedBy))
      .where(personId ? eq(erasureRecords.erasedPersonId, personId) : undefined)
      .orderBy(desc(erasureRecords.erasedAt))
      .limit(200);
    return rows.map(({ record, erasedByName }) => ({
      id: record.id,
      personId: record.erasedPersonId,
      displayName: record.erasedDisplayName,
      erasedBy: { id: record.erasedBy, displayName: erasedByName },
      erasedAt: record.erasedAt.toISOString(),
      forced: record.forced,
      reason: record.reason,
      ...splitCounts(record.counts),
    }));
  };

  return {
    async preview(actor: Actor, personId: string): Promise<ErasurePreview> {
      requireHr(actor);
      const [counts, displayName, inDirectory] = await Promise.all([
        tally(db, personId),
        displayNameOf(personId),
        directory.getUser(personId),
      ]);
      if (!displayName && !inDirectory && total(counts) === 0)
        throw new AppError('not_found', 'Nobody with that id: not in the directory and no data held.');
      return {
        personId,
        displayName: displayName ?? inDirectory?.displayName ?? null,
        activeInDirectory: inDirectory !== null,
        ...counts,
      };
    },

    async erase(actor: Actor, personId: string, input: EraseInput): Promise<ErasureRecordView> {
      requireHr(actor);
      if (input.confirmPersonId !== personId)
        throw new AppError('validation_failed', 'The confirmation does not name this person.', [
          { path: 'confirmPersonId', message: 'must repeat the id of the person to erase' },
        ]);
      if (personId === actor.id) throw new AppError('conflict', 'HR cannot erase their own data.');
      const inDirectory = await directory.getUser(personId);
      if (inDirectory && !input.force)
        throw new AppError(
          'conflict',
          'This person is still active in the directory. Erase their data after they leave, or force it with a reason.',
        );
      const displayName = (await displayNameOf(personId)) ?? inDirectory?.displayName ?? null;
      if (!displayName && !inDirectory && total(await tally(db, personId)) === 0)
        throw new AppError('not_found', 'Nobody with that id: not in the directory and no data held.');
      const id = randomUUID();
      const tombstone = `erased:${id}`;
      const counts: Record<string, number> = {};
      await db.transaction(async (tx) => {
        for (const rule of ERASURE_RULES) {
          if (rule.treatment !== 'delete') continue;
          const n = await countOf(
            tx,
            sql`WITH gone AS (DELETE FROM ${sql.identifier(rule.table)} WHERE ${whereOf(rule, personId)} RETURNING 1)
                SELECT count(*)::int AS n FROM gone`,
          );
          if (n > 0) counts[`delete:${keyOf(rule)}`] = n;
        }
        for (const rule of ERASURE_RULES) {
          if (rule.treatment !== 'detach') continue;
          const set = rule.detach
            ? rule.detach(personId, tombstone)
            : sql`${sql.identifier(rule.column)} = ${tombstone}`;
          const n = await countOf(
            tx,
            sql`WITH changed AS (UPDATE ${sql.identifier(rule.table)} SET ${set} WHERE ${whereOf(rule, personId)} RETURNING 1)
                SELECT count(*)::int AS n FROM changed`,
          );
          if (n > 0) counts[`detach:${keyOf(rule)}`] = n;
        }
        // Their directory entry would come back with the next sync: keep them out until HR lets them back.
        const at = now();
        await excludeFromDirectory(tx, personId, id, at);
        await tx.insert(erasureRecords).values({
          id,
          erasedAt: at,
          erasedPersonId: personId,
          erasedDisplayName: displayName,
          erasedBy: actor.id,
          forced: input.force,
          reason: input.reason || null,
          counts,
        });
        // In the same transaction: an erasure without its audit row must not happen.
        await createAuditLog(tx).record({
          actorId: actor.id,
          subjectId: personId,
          action: 'delete',
          resource: 'personal-data',
          details: { erasureId: id, forced: input.force, counts },
        });
      });
      // This erasure's record, by its id: the newest by time need not be it on a clock a test moved back.
      return (await list(actor, personId)).find((record) => record.id === id)!;
    },

    list,
  };
}

export type ErasureService = ReturnType<typeof createErasureService>;
