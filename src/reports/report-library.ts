// The organisation-wide library of training reports (研修報告ライブラリ, policy 7(5)②: training results
// returned to the workplace and to the whole organisation). The author of a report chooses who reads it
// beyond the 課: `department` (課内のみ, the default) or `organisation` (全庁に公開). Only submitted reports
// at `organisation` are in the library — its entries, its counts and its search matches alike: every
// statement below starts from the same `inLibrary` condition. Withdrawing the choice takes a report out at
// once (there is no copy: the library reads the report's own row). An erased person's reports are deleted
// by the erasure plan, and a report whose author has left the directory copy is not shown (the join).
//
// Free text: staff write Japanese, which has no spaces to split words on. At about 2,000 staff and a few
// thousand reports a substring match is enough: the query and the searched text are both NFKC-normalised
// and lower-cased (full-width letters and digits, half-width katakana fold into one form), then matched
// with `strpos`, which has no wildcards to escape. No tokenizer, no index: a full scan of the shared
// reports, a few milliseconds at this size (docs/reports.md, "The library").
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { AppError, type ErrorDetail, versionConflict } from '../http/app-error.ts';
import { personPlacements } from '../people/people.read.ts';
import { sessionCourses } from '../training/training.read.ts';
import type { TrainingStore } from '../training/training.store.ts';
import type {
  LibraryPage,
  LibraryQuery,
  ReportAudienceInput,
  ReportAudienceView,
} from './report.contract.ts';
import { trainingReports } from './report.schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ReportLibraryDependencies {
  db: Db;
  audit: Pick<AuditLog, 'record'>;
  framework: Pick<Framework, 'competencies' | 'guidelines'>;
  courses: Pick<TrainingStore, 'coursesById'>;
  now: () => Date;
}

/** The text a search matches, in the same normal form as the query (see the top of the file). */
const folded = (text: SQL) => sql`lower(normalize(${text}, NFKC))`;
export const foldSearchText = (text: string) => text.normalize('NFKC').toLowerCase();

export function createReportLibrary(deps: ReportLibraryDependencies) {
  const { db } = deps;

  /** Unknown competency, guideline or course ids are refused, so a typo does not look like "nothing". */
  const checkQuery = async (query: LibraryQuery) => {
    const details: ErrorDetail[] = [];
    if (
      query.competencyId !== undefined &&
      !deps.framework.competencies.some((competency) => competency.id === query.competencyId)
    )
      details.push({ path: 'query.competencyId', message: `unknown competency ${query.competencyId}` });
    if (
      query.guidelineId !== undefined &&
      !deps.framework.guidelines.some((guideline) => guideline.id === query.guidelineId)
    )
      details.push({ path: 'query.guidelineId', message: `unknown guideline ${query.guidelineId}` });
    if (query.courseId !== undefined && (await deps.courses.coursesById([query.courseId])).length === 0)
      details.push({ path: 'query.courseId', message: `no such course in the catalog: ${query.courseId}` });
    if (details.length > 0)
      throw new AppError('validation_failed', 'The library search names things that do not exist.', details);
  };

  return {
    /**
     * The author (only) chooses who reads the report beyond the 課. Versioned like the report (a stale
     * version is 409) and audited; `department` takes it out of the library with this very write.
     */
    async setAudience(
      actor: Actor,
      reportId: string,
      input: ReportAudienceInput,
    ): Promise<ReportAudienceView> {
      const [current] = UUID.test(reportId)
        ? await db.select().from(trainingReports).where(eq(trainingReports.id, reportId)).limit(1)
        : [];
      if (!current) throw new AppError('not_found', 'No such training report.');
      if (current.personId !== actor.id)
        throw new AppError('forbidden', 'Only the author of a report chooses who may read it.');
      const [saved] = await db
        .update(trainingReports)
        .set({ audience: input.audience, version: input.version + 1, updatedAt: deps.now() })
        .where(and(eq(trainingReports.id, reportId), eq(trainingReports.version, input.version)))
        .returning();
      if (!saved) {
        const [latest] = await db
          .select({ version: trainingReports.version })
          .from(trainingReports)
          .where(eq(trainingReports.id, reportId));
        throw versionConflict(
          `This report was changed elsewhere in the meantime (now version ${latest?.version ?? 0}). Reload it and choose again.`,
          latest?.version ?? 0,
        );
      }
      await deps.audit.record({
        actorId: actor.id,
        subjectId: actor.id,
        action: 'write',
        resource: 'training-report-audience',
        details: { reportId, from: current.audience, to: saved.audience, version: saved.version },
      });
      return { reportId, audience: saved.audience, version: saved.version };
    },

    /** One page of the library, newest first, with the total and the per-course counts of the search. */
    async search(_actor: Actor, query: LibraryQuery): Promise<LibraryPage> {
      await checkQuery(query);
      const author = personPlacements(db, 'library_author');
      const session = sessionCourses(db, 'library_session');
      // The one rule of the library: submitted, and shared 全庁に公開 by its author. Every statement below
      // starts from it, so nothing kept to the 課 is listed, counted or matched.
      const inLibrary = and(
        eq(trainingReports.status, 'submitted'),
        eq(trainingReports.audience, 'organisation'),
      )!;
      const filters: SQL[] = [];
      if (query.competencyId !== undefined)
        filters.push(sql`${trainingReports.competencyIds} @> ${JSON.stringify([query.competencyId])}::jsonb`);
      if (query.guidelineId !== undefined)
        filters.push(sql`${trainingReports.guidelineIds} @> ${JSON.stringify([query.guidelineId])}::jsonb`);
      if (query.department !== undefined) filters.push(eq(author.department, query.department));
      if (query.q !== undefined) {
        const searched = sql`${trainingReports.learned} || ' ' || ${trainingReports.application} || ' ' || ${session.titleJa} || ' ' || coalesce(${session.titleEn}, '') || ' ' || ${author.displayName}`;
        filters.push(sql`strpos(${folded(searched)}, ${foldSearchText(query.q)}) > 0`);
      }
      const ofCourse = query.courseId !== undefined ? [eq(session.courseId, query.courseId)] : [];
      // PostgreSQL keeps microseconds, a cursor milliseconds: order and page on the same truncation.
      const stamp = sql`date_trunc('milliseconds', ${trainingReports.submittedAt})`;
      const after = query.cursor
        ? (() => {
            const [ms, id] = query.cursor.split('_') as [string, string];
            return [
              sql`(${stamp}, ${trainingReports.id}) < (${new Date(Number(ms)).toISOString()}::timestamptz, ${id}::uuid)`,
            ];
          })()
        : [];
      const base = () =>
        db
          .select({
            reportId: trainingReports.id,
            personId: trainingReports.personId,
            personName: author.displayName,
            department: author.department,
            sessionId: trainingReports.sessionId,
            courseId: session.courseId,
            titleJa: session.titleJa,
            titleEn: session.titleEn,
            startsAt: session.startsAt,
            endsAt: session.endsAt,
            learned: trainingReports.learned,
            application: trainingReports.application,
            competencyIds: trainingReports.competencyIds,
            guidelineIds: trainingReports.guidelineIds,
            submittedAt: trainingReports.submittedAt,
          })
          .from(trainingReports)
          .innerJoin(author, eq(author.id, trainingReports.personId))
          .innerJoin(session, eq(session.sessionId, trainingReports.sessionId));
      const rows = await base()
        .where(and(inLibrary, ...filters, ...ofCourse, ...after))
        .orderBy(desc(stamp), desc(trainingReports.id))
        .limit(query.limit + 1);
      const [totals] = await db
        .select({ reports: count() })
        .from(trainingReports)
        .innerJoin(author, eq(author.id, trainingReports.personId))
        .innerJoin(session, eq(session.sessionId, trainingReports.sessionId))
        .where(and(inLibrary, ...filters, ...ofCourse));
      const perCourse = await db
        .select({
          courseId: session.courseId,
          titleJa: session.titleJa,
          titleEn: session.titleEn,
          reports: count(),
        })
        .from(trainingReports)
        .innerJoin(author, eq(author.id, trainingReports.personId))
        .innerJoin(session, eq(session.sessionId, trainingReports.sessionId))
        .where(and(inLibrary, ...filters))
        .groupBy(session.courseId, session.titleJa, session.titleEn)
        .orderBy(desc(count()), session.titleJa);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        entries: page.map((row) => ({
          reportId: row.reportId,
          personId: row.personId,
          personName: row.personName,
          department: row.department,
          sessionId: row.sessionId,
          courseId: row.courseId,
          courseTitle: { ja: row.titleJa, en: row.titleEn },
          start: row.startsAt.toISOString(),
          end: row.endsAt.toISOString(),
          learned: row.learned,
          application: row.application,
          competencyIds: row.competencyIds,
          guidelineIds: row.guidelineIds,
          submittedAt: row.submittedAt!.toISOString(),
        })),
        nextCursor:
          rows.length > query.limit && last ? `${last.submittedAt!.getTime()}_${last.reportId}` : null,
        total: Number(totals?.reports ?? 0),
        courses: perCourse.map((row) => ({
          courseId: row.courseId,
          courseTitle: { ja: row.titleJa, en: row.titleEn },
          reports: Number(row.reports),
        })),
      };
    },
  };
}

export type ReportLibrary = ReturnType<typeof createReportLibrary>;
