// What other slices may read of the people slice in SQL (docs/architecture.md, "Boundaries"): small
// published relations and queries over the directory copy, so a join stays one statement while the
// table's shape stays this slice's own. Nothing here writes.
import { count, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { people } from './people.schema.ts';

/**
 * Everyone's id and display name, as a relation to join (e.g. the audit log's actor and subject). `name`
 * is the alias in the statement, so one statement may join it twice.
 */
export function personNames(db: Db, name: string) {
  return db.select({ id: people.id, displayName: people.displayName }).from(people).as(name);
}

/** The 課 named in the directory copy, with how many people each has. */
export async function departmentHeadcounts(db: Db): Promise<Array<{ department: string; people: number }>> {
  const rows = await db
    .select({ department: people.department, people: count() })
    .from(people)
    .where(isNotNull(people.department))
    .groupBy(people.department);
  return rows.filter((row): row is { department: string; people: number } => !!row.department);
}

/** Level and employment type of the given people (everyone when `ids` is undefined). */
export async function levelsOf(
  db: Db,
  ids: string[] | undefined,
): Promise<Array<{ id: string; levelId: string | null; employmentType: 'regular' | 'fiscalYear' }>> {
  if (ids?.length === 0) return [];
  return db
    .select({ id: people.id, levelId: people.levelId, employmentType: people.employmentType })
    .from(people)
    .where(ids ? inArray(people.id, ids) : undefined);
}

/** Up to `limit` people's ids after `afterId` (from the start when null), in id order: one page. */
export async function personIdsAfter(db: Db, afterId: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(afterId === null ? undefined : gt(people.id, afterId))
    .orderBy(people.id)
    .limit(limit);
  return rows.map((row) => row.id);
}
