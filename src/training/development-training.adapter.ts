// The training slice's side of the growth slice's DevelopmentSources port (src/growth/development-sources.ts):
// the recommendations (推薦) each supervisor made in a fiscal year, per person recommended.
import { and, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { activityCounts } from '../growth/activity-counts.ts';
import type { DevelopmentSources } from '../growth/development-sources.ts';
import { trainingEnrolments } from './training.schema.ts';

export function createDevelopmentTraining(db: Db): Pick<DevelopmentSources, 'recommendations'> {
  return {
    // Every recommendation made counts, also one later withdrawn or declined: it is what the supervisor did.
    recommendations: (authorIds, fiscalYear) =>
      activityCounts(authorIds, fiscalYear, ({ from, to }) =>
        db
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
          .groupBy(trainingEnrolments.requestedById, trainingEnrolments.personId),
      ),
  };
}
