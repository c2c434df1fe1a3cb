import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { goals } from './goal.schema.ts';

/**
 * The titles of a person's goals for a fiscal year, for other slices (an interview's agenda). No access
 * check: callers are background work or services that checked access themselves.
 */
export function createGoalTitles(db: Db) {
  return {
    async goalTitlesOf(personId: string, fiscalYear: number): Promise<string[]> {
      const rows = await db
        .select({ title: goals.title })
        .from(goals)
        .where(and(eq(goals.personId, personId), eq(goals.fiscalYear, fiscalYear)))
        .orderBy(asc(goals.createdAt));
      return rows.map((row) => row.title);
    },
  };
}
