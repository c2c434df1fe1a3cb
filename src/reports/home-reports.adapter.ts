// The reports slice's side of the home's ReportNews port (src/home/home-sources.ts): submitted reports
// of a supervisor's direct reports that the supervisor has not commented on yet, in one statement with
// the course's title from the training slice's published relation.
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { ReportNews } from '../home/home-sources.ts';
import { attendanceOf, attendances } from '../training/training.read.ts';
import { trainingReports } from './report.schema.ts';
import { reportComments } from './report-workflow.schema.ts';

export function createHomeReports(db: Db): ReportNews {
  return {
    async awaitingComment(authorIds, commenterId, since) {
      if (authorIds.length === 0) return [];
      const attended = attendances(db, 'home_attendances');
      const rows = await db
        .select({
          reportId: trainingReports.id,
          personId: trainingReports.personId,
          sessionId: trainingReports.sessionId,
          submittedAt: trainingReports.submittedAt,
          titleJa: attended.titleJa,
          titleEn: attended.titleEn,
        })
        .from(trainingReports)
        .innerJoin(attended, attendanceOf(attended, trainingReports))
        .where(
          and(
            inArray(trainingReports.personId, authorIds),
            eq(trainingReports.status, 'submitted'),
            gte(trainingReports.submittedAt, since),
            sql`not exists (select 1 from ${reportComments} where ${reportComments.reportId} = ${trainingReports.id} and ${reportComments.authorId} = ${commenterId})`,
          ),
        );
      return rows.flatMap((row) => (row.submittedAt ? [{ ...row, submittedAt: row.submittedAt }] : []));
    },
  };
}
