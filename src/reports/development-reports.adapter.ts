// The reports slice's side of the growth slice's DevelopmentSources port (src/growth/development-sources.ts):
// the comments each supervisor wrote on training reports in a fiscal year, per report author.
import { and, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { activityCounts } from '../growth/activity-counts.ts';
import type { DevelopmentSources } from '../growth/development-sources.ts';
import { trainingReports } from './report.schema.ts';
import { reportComments } from './report-workflow.schema.ts';

export function createDevelopmentReports(db: Db): Pick<DevelopmentSources, 'reportComments'> {
  return {
    reportComments: (authorIds, fiscalYear) =>
      activityCounts(authorIds, fiscalYear, ({ from, to }) =>
        db
          .select({ authorId: reportComments.authorId, personId: trainingReports.personId, n: count() })
          .from(reportComments)
          .innerJoin(trainingReports, eq(trainingReports.id, reportComments.reportId))
          .where(
            and(
              inArray(reportComments.authorId, authorIds),
              gte(reportComments.createdAt, from),
              lt(reportComments.createdAt, to),
            ),
          )
          .groupBy(reportComments.authorId, trainingReports.personId),
      ),
  };
}
