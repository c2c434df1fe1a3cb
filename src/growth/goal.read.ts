// What other slices may read of people's goals (docs/architecture.md, "Boundaries"): the 人事評価 form
// rates each goal of the person's fiscal year (src/evaluation). Nothing here writes; no access check
// (callers checked access themselves).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { goals } from './goal.schema.ts';

/** A person's goals of one fiscal year (id and title), by due date. */
export async function goalsOfYear(
  db: Db,
  personId: string,
  fiscalYear: number,
): Promise<Array<{ id: string; title: string }>> {
  return db
    .select({ id: goals.id, title: goals.title })
    .from(goals)
    .where(and(eq(goals.personId, personId), eq(goals.fiscalYear, fiscalYear)))
    .orderBy(asc(goals.dueDate), asc(goals.id));
}

/** The titles of the given goals, by id (a goal since deleted is absent). */
export async function goalTitles(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: goals.id, title: goals.title })
    .from(goals)
    .where(inArray(goals.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row.title]));
}
