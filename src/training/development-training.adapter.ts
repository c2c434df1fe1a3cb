// The training slice's side of the growth slice's DevelopmentSources port (src/growth/development-sources.ts):
// the recommendations (推薦) each supervisor made in a fiscal year, per person recommended.
import { and, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { DevelopmentSources } from '../growth/development-sources.ts';
import { fiscalYearBounds } from '../shared/fiscal-period.ts';
import { trainingEnrolments } from './training.schema.ts';

export function createDevelopmentTraining(db: Db): Pick<DevelopmentSources, 'recommendations'> {
  return {
    async recommendations(authorIds, fiscalYear) {
      if (authorIds.length === 0) return [];
      const { from, to } = fiscalYearBounds(fiscalYear);
      // Every recommendation made counts, also one later withdrawn or declined: it is what the supervisor did.
      const rows = await db
        .select({
          authorId: trainingEnrolments.requestedById,
          personId: trainingEnrolments.personId,
          n: count(),
        })
        .from(trainingEnrolments)
        .where(
          and(
            eq(trainingEnrolments.origin, 'recommendation'),
            inArray(trainingEnrolments.requestedById, authorIds),
            gte(trainingEnrolments.createdAt, from),
            lt(trainingEnrolments.createdAt, to),
          ),
        )
        .groupBy(trainingEnrolments.requestedById, trainingEnrolments.personId);
      return rows.flatMap((row) =>
        row.authorId ? [{ authorId: row.authorId, personId: row.personId, n: Number(row.n) }] : [],
      );
    },
  };
}
