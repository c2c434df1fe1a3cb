import { and, desc, eq, gt } from 'drizzle-orm';
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

    /**
     * Whether the person submitted a self-check after `since` (the DRILL follow-up's answers stay open
     * until then: once submitted they are that self-check's evidence).
     */
    async submittedSince(personId: string, since: Date): Promise<boolean> {
      const rows = await db
        .select({ id: selfChecks.id })
        .from(selfChecks)
        .where(
          and(eq(selfChecks.personId, personId), isSubmittedSelfCheck(), gt(selfChecks.submittedAt, since)),
        )
        .limit(1);
      return rows.length > 0;
    },
  };
}
