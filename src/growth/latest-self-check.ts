import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { isSubmittedSelfCheck, selfChecks } from './self-check.schema.ts';

/**
 * A person's latest submitted self-check (its period, level and ratings), for other slices (training
 * recommendations). Drafts are not read: only what the person handed in counts. No access check: callers
 * checked access themselves.
 */
export function createLatestSelfCheck(db: Db) {
  return {
    async latestSubmittedOf(
      personId: string,
    ): Promise<{ period: string; levelId: string; ratings: Record<string, number> } | undefined> {
      const rows = await db
        .select()
        .from(selfChecks)
        .where(and(eq(selfChecks.personId, personId), isSubmittedSelfCheck()))
        .orderBy(desc(selfChecks.period))
        .limit(1);
      const row = rows[0];
      if (!row) return undefined;
      return {
        period: row.period,
        levelId: row.levelId,
        ratings: Object.fromEntries(Object.entries(row.ratings).map(([id, entry]) => [id, entry.rating])),
      };
    },
  };
}
