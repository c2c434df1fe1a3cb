// What the cycles slice needs to know of people's growth records to say what they still owe: bulk answers
// for a whole team or the whole city in one query each, without reading anyone's content. An adapter
// over the growth and people tables, kept here so those slices' services need not grow per-person
// lookups that would also write an audit row for every reminder.
import { and, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { declarations } from '../growth/declaration.schema.ts';
import { goals } from '../growth/goal.schema.ts';
import { selfChecks } from '../growth/self-check.schema.ts';
import { people } from '../people/people.schema.ts';

export interface Assignee {
  id: string;
  levelId: string | null;
  employmentType: 'regular' | 'fiscalYear';
}

export interface GoalStats {
  goals: number;
  /** Goals without a mid-year reflection, or without progress recorded since the window opened. */
  midYearOwed: number;
  /** Goals without a year-end reflection. */
  yearEndOwed: number;
}

/** `ids` undefined means everyone. */
export interface GrowthStatus {
  assignees(ids?: string[]): Promise<Assignee[]>;
  /** Up to `limit` people's ids after `afterId` (from the start when null), in id order: one page. */
  idsAfter(afterId: string | null, limit: number): Promise<string[]>;
  submittedSelfChecks(period: string, ids?: string[]): Promise<Set<string>>;
  goalStats(fiscalYear: number, progressSince: Date | null, ids?: string[]): Promise<Map<string, GoalStats>>;
  submittedDeclarations(fiscalYear: number, ids?: string[]): Promise<Set<string>>;
}

export function createGrowthStatus(db: Db): GrowthStatus {
  const among = (column: Parameters<typeof inArray>[0], ids: string[] | undefined): SQL | undefined =>
    ids ? inArray(column, ids) : undefined;
  return {
    async assignees(ids) {
      if (ids?.length === 0) return [];
      return db
        .select({ id: people.id, levelId: people.levelId, employmentType: people.employmentType })
        .from(people)
        .where(among(people.id, ids));
    },

    async idsAfter(afterId, limit) {
      const rows = await db
        .select({ id: people.id })
        .from(people)
        .where(afterId === null ? undefined : gt(people.id, afterId))
        .orderBy(people.id)
        .limit(limit);
      return rows.map((row) => row.id);
    },

    async submittedSelfChecks(period, ids) {
      if (ids?.length === 0) return new Set();
      const rows = await db
        .select({ personId: selfChecks.personId })
        .from(selfChecks)
        .where(
          and(
            eq(selfChecks.period, period),
            eq(selfChecks.status, 'submitted'),
            among(selfChecks.personId, ids),
          ),
        );
      return new Set(rows.map((row) => row.personId));
    },

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

    async submittedDeclarations(fiscalYear, ids) {
      if (ids?.length === 0) return new Set();
      const rows = await db
        .select({ personId: declarations.personId })
        .from(declarations)
        .where(
          and(
            eq(declarations.fiscalYear, fiscalYear),
            eq(declarations.status, 'submitted'),
            among(declarations.personId, ids),
          ),
        );
      return new Set(rows.map((row) => row.personId));
    },
  };
}
