// What other slices may read of people's goals (docs/architecture.md, "Boundaries"): the 人事評価 form
// rates each goal of the person's fiscal year (src/evaluation). Nothing here writes; no access check
// (callers checked access themselves).
import { and, asc, eq } from 'drizzle-orm';
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
