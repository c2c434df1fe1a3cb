import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import type { Db } from '../db/database.ts';
import { unknownFrameworkLinks } from '../framework/framework-loader.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { AppError, type ErrorDetail, versionConflict as staleVersion } from '../http/app-error.ts';
import type { TrainingService } from '../training/training.service.ts';
import type { TrainingStore } from '../training/training.store.ts';
import {
  type DueReport,
  type MyReport,
  type ReportAudience,
  type ReportComment,
  type ReportDraftInput,
  type ReportSharing,
  type ReportSubmissionInput,
  type ReportView,
} from './report.contract.ts';
import { trainingReports } from './report.schema.ts';

type Row = typeof trainingReports.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Enrolment statuses that make someone an attendee of the session, allowed to report on it. */
const ATTENDED = ['attended', 'reported'] as const;

export interface ReportDependencies {
  db: Db;
  store: Pick<
    TrainingStore,
    'session' | 'sessionsById' | 'enrolmentsOfSessions' | 'enrolmentsOfPerson' | 'coursesById'
  >;
  training: Pick<TrainingService, 'markReported'>;
  framework: Framework;
  now: () => Date;
  /** Sharing (report-sharing.ts): runs inside the transaction that submits, once per report. */
  onSubmitted?: (tx: Db, report: Row) => Promise<void>;
  /** Sharing status and supervisors' comments of reports, for the author's views. */
  details?: (
    reportIds: string[],
  ) => Promise<Map<string, { sharing: ReportSharing | null; comments: ReportComment[] }>>;
}

export function createReportService(deps: ReportDependencies) {
  const { db, store, framework } = deps;
  const unique = (ids: string[]) => [...new Set(ids)];

  /** What the person wrote, as stored: the fields a draft or a submission sets. */
  const storedContent = (row: Row) => ({
    learned: row.learned,
    application: row.application,
    competencyIds: row.competencyIds,
    guidelineIds: row.guidelineIds,
    satisfaction: row.satisfaction,
    wantedText: row.wantedText,
    wantedCourseIds: row.wantedCourseIds,
  });

  const view = (personId: string, sessionId: string, row: Row | undefined): ReportView =>
    row
      ? {
          reportId: row.id,
          sessionId,
          personId,
          status: row.status,
          ...storedContent(row),
          version: row.version,
          submittedAt: row.submittedAt?.toISOString() ?? null,
          updatedAt: row.updatedAt.toISOString(),
          audience: row.audience,
        }
      : {
          reportId: null,
          sessionId,
          personId,
          status: 'draft',
          learned: '',
          application: '',
          competencyIds: [],
          guidelineIds: [],
          satisfaction: null,
          wantedText: '',
          wantedCourseIds: [],
          version: 0,
          submittedAt: null,
          updatedAt: null,
          audience: 'department',
        };

  const withDetails = async (report: ReportView): Promise<ReportView> => {
    if (!deps.details || !report.reportId) return report;
    const detail = (await deps.details([report.reportId])).get(report.reportId);
    return {
      ...report,
      sharing: report.status === 'submitted' ? (detail?.sharing ?? null) : null,
      comments: detail?.comments ?? [],
    };
  };

  const load = async (personId: string, sessionId: string): Promise<Row | undefined> =>
    (
      await db
        .select()
        .from(trainingReports)
        .where(and(eq(trainingReports.personId, personId), eq(trainingReports.sessionId, sessionId)))
        .limit(1)
    )[0];

  /** Only an attendee of the session (attended, or already reported) writes or reads its report. */
  const requireAttendee = async (personId: string, sessionId: string) => {
    // Ids from a card arrive unchecked; a non-uuid would make PostgreSQL reject the query.
    if (!UUID.test(sessionId)) throw new AppError('not_found', 'No such training session.');
    const session = await store.session(sessionId);
    if (!session) throw new AppError('not_found', 'No such training session.');
    const enrolment = (await store.enrolmentsOfSessions([sessionId])).find(
      (row) => row.personId === personId && (ATTENDED as readonly string[]).includes(row.status),
    );
    if (!enrolment)
      throw new AppError(
        'forbidden',
        'Only those recorded as having attended this session can report on it.',
      );
    return session;
  };

  /** Framework ids must exist; wanted courses must be live courses of the catalog. */
  const checkLinks = async (input: {
    competencyIds: string[];
    guidelineIds: string[];
    wantedCourseIds: string[];
  }) => {
    const details: ErrorDetail[] = [...unknownFrameworkLinks(framework, input)];
    const wanted = unique(input.wantedCourseIds);
    const live = new Set(
      (await store.coursesById(wanted.filter((id) => UUID.test(id))))
        .filter((course) => course.archivedAt === null)
        .map((course) => course.id),
    );
    details.push(
      ...wanted
        .filter((id) => !live.has(id))
        .map((id) => ({ path: 'body.wantedCourseIds', message: `no such course in the catalog: ${id}` })),
    );
    if (details.length > 0)
      throw new AppError('validation_failed', 'The report refers to things that do not exist.', details);
  };

  const content = (input: Omit<ReportDraftInput, 'version'>) => ({
    learned: input.learned,
    application: input.application,
    competencyIds: unique(input.competencyIds),
    guidelineIds: unique(input.guidelineIds),
    satisfaction: input.satisfaction,
    wantedText: input.wantedText,
    wantedCourseIds: unique(input.wantedCourseIds),
  });
  /** The author's choice of audience when the input makes one; absent keeps what is stored. */
  const audienceOf = (input: { audience?: ReportAudience | undefined }) =>
    input.audience ? { audience: input.audience } : {};

  const versionConflict = (current: number) =>
    staleVersion(
      `This report was saved elsewhere in the meantime (now version ${current}). Reload it; your text is still in the form.`,
      current,
    );
  const alreadySubmitted = () =>
    new AppError('conflict', 'This report has been submitted; it can no longer be changed.');
  /** A second submission is the first one again only if it says the same; anything else is refused. */
  const isSameSubmission = (row: Row, input: ReportSubmissionInput) =>
    JSON.stringify(content(input)) === JSON.stringify(storedContent(row));
  const repeatOf = (row: Row, input: ReportSubmissionInput) => {
    if (isSameSubmission(row, input)) return row;
    throw new AppError(
      'already_submitted',
      'This report was submitted already, with other content; this submission was not stored. Open the submitted report to see it.',
    );
  };

  return {
    /** The sessions I attended and have not reported on yet, the latest first. */
    async due(actor: Actor): Promise<DueReport[]> {
      const enrolments = (await store.enrolmentsOfPerson(actor.id)).filter(
        (row) => row.status === 'attended',
      );
      if (enrolments.length === 0) return [];
      const sessionIds = unique(enrolments.map((row) => row.sessionId));
      const sessions = (await store.sessionsById(sessionIds)).filter(
        (session) => session.status === 'scheduled',
      );
      const courses = await store.coursesById(unique(sessions.map((session) => session.courseId)));
      const reports = await db
        .select()
        .from(trainingReports)
        .where(and(eq(trainingReports.personId, actor.id), inArray(trainingReports.sessionId, sessionIds)))
        .orderBy(desc(trainingReports.updatedAt));
      return sessions
        .flatMap((session): DueReport[] => {
          const course = courses.find((candidate) => candidate.id === session.courseId);
          const report = reports.find((candidate) => candidate.sessionId === session.id);
          if (!course || report?.status === 'submitted') return [];
          return [
            {
              sessionId: session.id,
              courseId: course.id,
              courseTitle: { ja: course.titleJa, en: course.titleEn },
              start: session.startsAt.toISOString(),
              end: session.endsAt.toISOString(),
              hasDraft: report !== undefined,
            },
          ];
        })
        .sort((a, b) => b.start.localeCompare(a.start));
    },

    /** My report of a session: the draft, the submitted report, or an empty draft at version 0. */
    async get(actor: Actor, sessionId: string): Promise<ReportView> {
      await requireAttendee(actor.id, sessionId);
      return withDetails(view(actor.id, sessionId, await load(actor.id, sessionId)));
    },

    /** Every report I started or submitted, the latest session first, with sharing status and comments. */
    async mine(actor: Actor): Promise<MyReport[]> {
      const rows = await db.select().from(trainingReports).where(eq(trainingReports.personId, actor.id));
      if (rows.length === 0) return [];
      const sessions = await store.sessionsById(unique(rows.map((row) => row.sessionId)));
      const courses = await store.coursesById(unique(sessions.map((session) => session.courseId)));
      const details =
        (await deps.details?.(rows.map((row) => row.id))) ??
        new Map<string, { sharing: ReportSharing | null; comments: ReportComment[] }>();
      return rows
        .flatMap((row): MyReport[] => {
          const session = sessions.find((candidate) => candidate.id === row.sessionId);
          const course = courses.find((candidate) => candidate.id === session?.courseId);
          if (!session || !course) return [];
          const detail = details.get(row.id);
          return [
            {
              reportId: row.id,
              sessionId: session.id,
              courseId: course.id,
              courseTitle: { ja: course.titleJa, en: course.titleEn },
              start: session.startsAt.toISOString(),
              end: session.endsAt.toISOString(),
              status: row.status,
              submittedAt: row.submittedAt?.toISOString() ?? null,
              sharing: row.status === 'submitted' ? (detail?.sharing ?? null) : null,
              comments: detail?.comments ?? [],
              audience: row.audience,
              version: row.version,
            },
          ];
        })
        .sort((a, b) => b.start.localeCompare(a.start));
    },

    /** Saves the draft as it stands; version 0 creates it. */
    async saveDraft(actor: Actor, sessionId: string, input: ReportDraftInput): Promise<ReportView> {
      await requireAttendee(actor.id, sessionId);
      const current = await load(actor.id, sessionId);
      if (current?.status === 'submitted') throw alreadySubmitted();
      await checkLinks(input);
      const now = deps.now();
      if (input.version === 0) {
        const [created] = await db
          .insert(trainingReports)
          .values({ personId: actor.id, sessionId, ...content(input), ...audienceOf(input), updatedAt: now })
          .onConflictDoNothing()
          .returning();
        if (!created) throw versionConflict(current?.version ?? 1);
        return view(actor.id, sessionId, created);
      }
      const [saved] = await db
        .update(trainingReports)
        .set({ ...content(input), ...audienceOf(input), version: input.version + 1, updatedAt: now })
        .where(
          and(
            eq(trainingReports.personId, actor.id),
            eq(trainingReports.sessionId, sessionId),
            eq(trainingReports.version, input.version),
            eq(trainingReports.status, 'draft'),
          ),
        )
        .returning();
      if (saved) return view(actor.id, sessionId, saved);
      const latest = await load(actor.id, sessionId);
      if (latest?.status === 'submitted') throw alreadySubmitted();
      throw latest
        ? versionConflict(latest.version)
        : new AppError('not_found', 'There is no draft to update; save it with version 0.');
    },

    /**
     * Submits the report, once the session has ended. It is committed before this returns, so whoever
     * acknowledges it to the person (the bot, the tab) only does so once it is stored. A repeat with the
     * same content — the same form sent twice, a retry — stores nothing more and answers with the stored
     * report; a submission with other content after the first is refused (409 already_submitted), so
     * nobody believes their second text was kept.
     */
    async submit(actor: Actor, sessionId: string, input: ReportSubmissionInput): Promise<ReportView> {
      const session = await requireAttendee(actor.id, sessionId);
      if (session.endsAt > deps.now())
        throw new AppError(
          'session_not_ended',
          'The session has not ended yet; submit the report once it is over.',
        );
      const before = await load(actor.id, sessionId);
      if (before?.status !== 'submitted') await checkLinks(input);
      const now = deps.now();
      const submitted = {
        ...content(input),
        ...audienceOf(input),
        status: 'submitted' as const,
        submissionId: input.submissionId,
        submittedAt: now,
        updatedAt: now,
      };
      const row =
        before?.status === 'submitted'
          ? repeatOf(before, input)
          : await db.transaction(async (tx) => {
              const [created] = await tx
                .insert(trainingReports)
                .values({ personId: actor.id, sessionId, ...submitted })
                .onConflictDoNothing()
                .returning();
              if (created) {
                await deps.onSubmitted?.(tx, created);
                return created;
              }
              // A draft exists (or a concurrent submission won): lock it and decide once.
              const [locked] = await tx
                .select()
                .from(trainingReports)
                .where(and(eq(trainingReports.personId, actor.id), eq(trainingReports.sessionId, sessionId)))
                .for('update');
              if (!locked) throw new Error('report row vanished while submitting');
              if (locked.status === 'submitted') return repeatOf(locked, input);
              const [saved] = await tx
                .update(trainingReports)
                .set({ ...submitted, version: locked.version + 1 })
                .where(eq(trainingReports.id, locked.id))
                .returning();
              await deps.onSubmitted?.(tx, saved!);
              return saved!;
            });
      // After the commit, and on every repeat too: markReported is idempotent, so a crash between the two
      // writes heals on the next submission.
      await deps.training.markReported(actor.id, sessionId);
      return withDetails(view(actor.id, sessionId, row));
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
