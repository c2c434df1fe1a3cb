// The growth slice's side of the cycles slice's GrowthStatus port (src/cycles/growth-status.ts): bulk
// answers over self-checks, goals and declarations, one query each, reading no one's content. Who the
// people are comes from the people slice's published reads.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { GrowthStatus } from '../cycles/growth-status.ts';
import type { Db } from '../db/database.ts';
import { levelsOf, personIdsAfter } from '../people/people.read.ts';
import { declarations } from './declaration.schema.ts';
import { goals } from './goal.schema.ts';
import { selfChecks } from './self-check.schema.ts';

export function createGrowthStatus(db: Db): GrowthStatus {
  const among = (column: Parameters<typeof inArray>[0], ids: string[] | undefined): SQL | undefined =>
    ids ? inArray(column, ids) : undefined;
  /** Who among `ids` (everyone when absent) submitted their form of `scope` (a half, a fiscal year). */
  const submittedAmong = async (
    form: typeof selfChecks | typeof declarations,
    scope: SQL,
    ids: string[] | undefined,
  ): Promise<Set<string>> => {
    if (ids?.length === 0) return new Set();
    const rows = await db
      .select({ personId: form.personId })
      .from(form)
      .where(and(scope, eq(form.status, 'submitted'), among(form.personId, ids)));
    return new Set(rows.map((row) => row.personId));
  };
  return {
    assignees: (ids) => levelsOf(db, ids),

    idsAfter: (afterId, limit) => personIdsAfter(db, afterId, limit),

    submittedSelfChecks: (period, ids) => submittedAmong(selfChecks, eq(selfChecks.period, period), ids),

    async goalStats(fiscalYear, progressSince, ids) {
      if (ids?.length === 0) return new Map();
      // Progress entries carry ISO instants, which compare as text.
      const since = progressSince?.toISOString() ?? '';
      const rows = await db
        .select({
          personId: goals.personId,
          goals: sql<number>`count(*)::int`,
          midYearOwed: sql<number>`(count(*) filter (where btrim(${goals.midReflection}) = '' or not exists (select 1 from jsonb_array_elements(${goals.progress}) as entry where entry->>'at' >= ${since})))::int`,
          yearEndOwed: sql<number>`(count(*) filter (where btrim(${goals.yearEndReflection}) = ''))::int`,
        })
        .from(goals)
        .where(and(eq(goals.fiscalYear, fiscalYear), among(goals.personId, ids)))
        .groupBy(goals.personId);
      return new Map(rows.map(({ personId, ...stats }) => [personId, stats]));
    },

    submittedDeclarations: (fiscalYear, ids) =>
      submittedAmong(declarations, eq(declarations.fiscalYear, fiscalYear), ids),
  };
}
