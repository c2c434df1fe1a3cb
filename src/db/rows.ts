// Reads and writes of rows that several stores make alike. Each takes the table, so a
// store keeps its own tables and types; only the statement is written once.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './database.ts';

/** The first row a query finds (it asks for one), or undefined when it finds none. */
export async function firstRow<Row>(query: {
  limit(count: number): PromiseLike<Row[]>;
}): Promise<Row | undefined> {
  return (await query.limit(1))[0];
}

type KeyedTable = PgTable & { id: PgColumn };
type VersionedTable = KeyedTable & { version: PgColumn; updatedAt: PgColumn };

/** Reads by id of one table keyed by a uuid `id`: one row, several, and the insert that returns it. */
export function rowsById<T extends KeyedTable>(db: Db, table: T) {
  type Row = T['$inferSelect'];
  // Widened for select(): drizzle cannot tell a generic table from a data-modifying subquery.
  const source: PgTable = table;
  return {
    one: async (id: string): Promise<Row | undefined> =>
      firstRow(db.select().from(source).where(eq(table.id, id))),
    many: async (ids: string[]): Promise<Row[]> =>
      ids.length === 0 ? [] : db.select().from(source).where(inArray(table.id, ids)),
    insert: async (row: T['$inferInsert']): Promise<Row> =>
      (await db.insert(table).values(row).returning())[0]!,
  };
}

/**
 * Optimistic update: changes the row only if nobody changed it since `expected` (its version), and bumps
 * the version; undefined when someone did (or there is no such row).
 */
export async function updateAtVersion<T extends VersionedTable>(
  db: Db,
  table: T,
  id: string,
  expected: number,
  changes: Partial<T['$inferInsert']>,
  /** The update's stamp, from the caller's clock. */
  now: Date,
): Promise<T['$inferSelect'] | undefined> {
  const rows = await db
    .update(table)
    .set({ ...changes, version: sql`${table.version} + 1`, updatedAt: now })
    .where(and(eq(table.id, id), eq(table.version, expected)))
    .returning();
  return (rows as Array<T['$inferSelect']>)[0];
}
