// The generic half of an outbox kept in a slice's own table: rows that owe an external system an action
// (Outlook, for interviews and training sessions) are claimed with a lease, tried, and either settled by
// the slice or postponed with backoff. A crashed worker leaves its lease to run out; the next run takes
// the rows again. Settling is shared too; which claim is still current (a version, an outbox sequence) and
// which facts to keep stay in the slice, because they differ per table.
import {
  and,
  asc,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';

/** The columns an outbox table needs; each must belong to the table. */
export interface OutboxColumns {
  id: PgColumn;
  /** Non-null while the row owes an action. */
  action: PgColumn;
  leaseUntil: PgColumn;
  /** Integer count of attempts. */
  attempts: PgColumn;
  /** Text: why the last attempt failed. */
  error: PgColumn;
  /** Claims go oldest first. */
  createdAt: PgColumn;
}

/** The outbox columns of a table with the Outlook event columns (src/db/columns.ts outlookEventColumns). */
export function outlookOutboxColumns(table: {
  id: PgColumn;
  outlookAction: PgColumn;
  leaseUntil: PgColumn;
  outlookAttempts: PgColumn;
  error: PgColumn;
  createdAt: PgColumn;
}): OutboxColumns {
  return {
    id: table.id,
    action: table.outlookAction,
    leaseUntil: table.leaseUntil,
    attempts: table.outlookAttempts,
    error: table.error,
    createdAt: table.createdAt,
  };
}

export function createOutbox<T extends PgTable>(db: Db, table: T, columns: OutboxColumns) {
  // drizzle's update().set() takes property keys, not columns: find each column's key once.
  const keyOf = (column: PgColumn): string => {
    const found = Object.entries(getTableColumns(table)).find(([, candidate]) => candidate === column);
    if (!found) throw new Error(`outbox: column ${column.name} is not a column of the table`);
    return found[0];
  };
  const keys = {
    action: keyOf(columns.action),
    leaseUntil: keyOf(columns.leaseUntil),
    attempts: keyOf(columns.attempts),
    error: keyOf(columns.error),
  };
  // Widened for select(): drizzle cannot tell a generic table from a data-modifying subquery.
  const source: PgTable = table;
  const setOf = (values: Record<string, unknown>) => values as PgUpdateSetSource<T>;

  return {
    /**
     * Claims up to `limit` rows that owe an action and are not leased, for `leaseMs`: another worker (or
     * this one after a crash) takes them again only once the lease has run out. `scope` narrows the claim
     * (e.g. one booking).
     */
    claim: async (limit: number, leaseMs: number, scope?: SQL): Promise<Array<T['$inferSelect']>> => {
      // The machine's time, not the service clock: a lease measures elapsed time (src/shared/clock.ts).
      // A postponed row's retry time, which shares the lease column, comes from its caller's clock: on a
      // clock a test moved, it is due by that clock's offset earlier or later.
      const now = new Date();
      const free = or(isNull(columns.leaseUntil), lt(columns.leaseUntil, now));
      const candidates = db
        .select({ id: columns.id })
        .from(source)
        .where(and(isNotNull(columns.action), free, ...(scope ? [scope] : [])))
        .orderBy(asc(columns.createdAt))
        .limit(limit);
      const claimed = await db
        .update(table)
        .set(setOf({ [keys.leaseUntil]: new Date(now.getTime() + leaseMs) }))
        .where(and(inArray(columns.id, candidates), free))
        .returning();
      return claimed as Array<T['$inferSelect']>;
    },

    /** A retryable failure: try again after `retryAt`, noting why. */
    postpone: async (id: string, retryAt: Date, error: string): Promise<void> => {
      await db
        .update(table)
        .set(setOf({ [keys.leaseUntil]: retryAt, [keys.error]: error }))
        .where(eq(columns.id, id));
    },

    /**
     * Records what the other system did and releases the lease. While the claim is still `current` (no
     * newer request came meanwhile) the row owes nothing more and `outcome` applies too: true. Otherwise
     * the newer request keeps its action — and once the thing exists (`created`), a pending create becomes
     * a move — while `facts` are kept either way: false, the row is overtaken and free to claim again.
     */
    settle: async (
      id: string,
      current: SQL,
      update: { facts: Partial<T['$inferInsert']>; outcome: Partial<T['$inferInsert']>; created: boolean },
    ): Promise<boolean> => {
      const { facts, outcome, created } = update;
      const settled = await db
        .update(table)
        .set(setOf({ ...facts, ...outcome, [keys.action]: null, [keys.leaseUntil]: null }))
        .where(and(eq(columns.id, id), current))
        .returning({ id: columns.id });
      if (settled.length > 0) return true;
      const action = columns.action;
      await db
        .update(table)
        .set(
          setOf({
            ...facts,
            [keys.leaseUntil]: null,
            ...(created
              ? { [keys.action]: sql`case when ${action} = 'create' then 'move' else ${action} end` }
              : {}),
          }),
        )
        .where(eq(columns.id, id));
      return false;
    },

    /** Counted before each attempt: an action never tried left nothing behind in the other system. */
    countAttempt: async (id: string): Promise<void> => {
      await db
        .update(table)
        .set(setOf({ [keys.attempts]: sql`${columns.attempts} + 1` }))
        .where(eq(columns.id, id));
    },
  };
}

export type Outbox<T extends PgTable> = ReturnType<typeof createOutbox<T>>;

/** The HTTP status an adapter attached to an error, if any. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Throttling, server trouble and network failures are worth another try; refusals are not. */
export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** When to try again after `attempts` failures: `baseMs` doubling per attempt, at most 15 minutes. */
export function retryAt(now: Date, attempts: number, baseMs: number): Date {
  return new Date(now.getTime() + Math.min(15 * 60_000, baseMs * 2 ** Math.max(0, attempts - 1)));
}

/**
 * The transactionId for one attempt at creating an event: the row's own key on the first attempt, a GUID
 * derived from it and the attempt number after that. Graph's transactionId only protects a POST retried
 * with the same body (the client's own retries inside one attempt); users report that reusing it with a
 * different body is refused (400 ErrorDuplicateTransactionId). A later attempt may carry an edited body,
 * so it gets its own id; finding an event an earlier attempt made is done by our key instead.
 */
export function attemptTransactionId(key: string, attempt: number): string {
  if (attempt <= 0) return key;
  const hex = createHash('sha256').update(`${key}\n${attempt}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
