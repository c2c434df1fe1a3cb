import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The `set` of an upsert that takes the proposed row's value (`excluded.<column>`) for each of these
 * columns: `onConflictDoUpdate({ target, set: { ...takeExcluded(table, ['a', 'b']), updatedAt: … } })`.
 */
export function takeExcluded<T extends PgTable>(
  table: T,
  keys: readonly (keyof T['$inferInsert'] & string)[],
): Record<string, SQL> {
  const columns: Record<string, { name: string }> = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, sql.raw(`excluded.${columns[key]!.name}`)]));
}

/**
 * Calls `write` with `rows` in slices of `size`, one after another: one statement per slice keeps the
 * number of bound parameters well under PostgreSQL's limit.
 */
export async function inSlices<T>(
  rows: readonly T[],
  size: number,
  write: (slice: T[]) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += size) await write(rows.slice(start, start + size));
}

/**
 * Calls `read` with `items` in slices of `size`, one after another, and gathers what each found in order:
 * a long list of ids stays within PostgreSQL's bound-parameter limit.
 */
export async function readInSlices<T, Row>(
  items: readonly T[],
  size: number,
  read: (slice: T[]) => Promise<Row[]>,
): Promise<Row[]> {
  const found: Row[] = [];
  await inSlices(items, size, async (slice) => void found.push(...(await read(slice))));
  return found;
}
