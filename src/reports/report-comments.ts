// A supervisor's comment on a submitted report: only someone up the author's reporting chain comments
// (policy 7(4): OJT and feedback come from supervisors); the comment is stored with a 1:1 notice to the
// author queued in the same transaction, so neither is lost and neither is sent twice.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/app-error.ts';
import { createPeopleStore, type PeopleStore } from '../people/people.store.ts';
import { createTrainingStore } from '../training/training.store.ts';
import type { BotMessages } from './bot-messages.port.ts';
import { adaptiveCard, type ReportCardBuilders } from './report-cards.port.ts';
import type { ReportComment, ReportCommentInput, SupervisorReport } from './report.contract.ts';
import { trainingReports } from './report.schema.ts';
import { reportComments } from './report-workflow.schema.ts';
import { commentKey } from './report-outbox-keys.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export { commentKey };

export interface ReportCommentsDependencies {
  db: Db;
  access: AccessPolicy;
  audit: AuditLog;
  people: Pick<PeopleStore, 'get' | 'getMany'>;
  botMessages: BotMessages;
  cards: Pick<ReportCardBuilders, 'commentNotice'>;
  /** Where the author's link points: a Teams deep link to the tab, or the tab's URL. */
  tabLink: () => string;
  now: () => Date;
}

type CommentRow = typeof reportComments.$inferSelect;

export function createReportComments(deps: ReportCommentsDependencies) {
  const auditComment = auditOf(deps.audit, 'training-report-comment');
  const auditReport = auditOf(deps.audit, 'training-report');
  const { db } = deps;

  const views = async (rows: CommentRow[]): Promise<ReportComment[]> => {
    const authors = await deps.people.getMany([...new Set(rows.map((row) => row.authorId))]);
    return rows.map((row) => ({
      id: row.id,
      reportId: row.reportId,
      authorId: row.authorId,
      authorName: authors.find((person) => person.id === row.authorId)?.displayName ?? '',
      text: row.text,
      createdAt: row.createdAt.toISOString(),
    }));
  };

  /** The submitted report a supervisor may comment on; 404 for anything else (drafts stay private). */
  const submittedReport = async (reportId: string) => {
    if (!UUID.test(reportId)) throw new AppError('not_found', 'No such training report.');
    const report = (
      await db.select().from(trainingReports).where(eq(trainingReports.id, reportId)).limit(1)
    )[0];
    if (!report || report.status !== 'submitted') throw new AppError('not_found', 'No such training report.');
    return report;
  };

  return {
    /** Adds a comment as the author's supervisor (anyone up the chain). A repeat of a requestId answers with the stored one. */
    async add(actor: Actor, reportId: string, input: ReportCommentInput): Promise<ReportComment> {
      const report = await submittedReport(reportId);
      await deps.access.require(actor, report.personId, ['supervisor']);
      const now = deps.now();
      const stored = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(reportComments)
          .values({
            reportId,
            authorId: actor.id,
            text: input.text,
            requestId: input.requestId,
            createdAt: now,
          })
          .onConflictDoNothing()
          .returning();
        if (!created) {
          const [existing] = await tx
            .select()
            .from(reportComments)
            .where(eq(reportComments.requestId, input.requestId))
            .limit(1);
          if (!existing || existing.reportId !== reportId || existing.authorId !== actor.id)
            throw new AppError('conflict', 'This comment form was already used for another comment.');
          return existing;
        }
        const training = createTrainingStore(tx, deps.now);
        const session = await training.session(report.sessionId);
        const course = session ? await training.course(session.courseId) : undefined;
        const supervisor = (await createPeopleStore(tx, deps.now).get(actor.id)) ?? undefined;
        if (session && course)
          await deps.botMessages.enqueue(
            [
              {
                key: commentKey(created.id),
                recipient: { kind: 'person', personId: report.personId },
                attachments: [
                  adaptiveCard(
                    deps.cards.commentNotice({
                      supervisorName: supervisor?.displayName ?? '',
                      session: {
                        sessionId: session.id,
                        courseTitle: { ja: course.titleJa, en: course.titleEn },
                        start: session.startsAt.toISOString(),
                      },
                      comment: created.text,
                      link: deps.tabLink(),
                    }),
                  ),
                ],
              },
            ],
            tx,
          );
        return created;
      });
      await auditComment('write', actor, report.personId, { reportId, commentId: stored.id });
      return (await views([stored]))[0]!;
    },

    /** The comments of some reports, oldest first, by report. */
    async of(reportIds: string[]): Promise<Map<string, ReportComment[]>> {
      const result = new Map<string, ReportComment[]>();
      if (reportIds.length === 0) return result;
      const rows = await db
        .select()
        .from(reportComments)
        .where(inArray(reportComments.reportId, reportIds))
        .orderBy(asc(reportComments.createdAt));
      for (const view of await views(rows))
        result.set(view.reportId, [...(result.get(view.reportId) ?? []), view]);
      return result;
    },

    /** For the supervisor's card: the report (checked as above) and the comments the actor made on it. */
    async forSupervisor(actor: Actor, reportId: string) {
      const report = await submittedReport(reportId);
      await deps.access.require(actor, report.personId, ['supervisor']);
      const comments = (await this.of([reportId])).get(reportId) ?? [];
      return { report, comments: comments.filter((comment) => comment.authorId === actor.id) };
    },

    /**
     * For the supervisor's tab (部下の研修): a subordinate's submitted report of a session, with what the
     * notice card shows and the actor's own comments. The chain is checked first, so nobody outside it
     * learns whether a report exists; the read is audited like the other reads of a person's data.
     */
    async readAsSupervisor(actor: Actor, personId: string, sessionId: string): Promise<SupervisorReport> {
      await deps.access.require(actor, personId, ['supervisor']);
      const report = UUID.test(sessionId)
        ? (
            await db
              .select()
              .from(trainingReports)
              .where(and(eq(trainingReports.personId, personId), eq(trainingReports.sessionId, sessionId)))
              .limit(1)
          )[0]
        : undefined;
      if (!report || report.status !== 'submitted' || !report.submittedAt)
        throw new AppError('not_found', 'No such training report.');
      const training = createTrainingStore(db, deps.now);
      const session = await training.session(report.sessionId);
      const course = session ? await training.course(session.courseId) : undefined;
      if (!session || !course) throw new AppError('not_found', 'No such training report.');
      const [author, comments] = await Promise.all([deps.people.get(personId), this.of([report.id])]);
      await auditReport('read', actor, personId, { reportId: report.id });
      return {
        reportId: report.id,
        sessionId: session.id,
        personId,
        personName: author?.displayName ?? '',
        courseTitle: { ja: course.titleJa, en: course.titleEn },
        start: session.startsAt.toISOString(),
        end: session.endsAt.toISOString(),
        submittedAt: report.submittedAt.toISOString(),
        learned: report.learned,
        application: report.application,
        competencyIds: report.competencyIds,
        guidelineIds: report.guidelineIds,
        comments: (comments.get(report.id) ?? []).filter((comment) => comment.authorId === actor.id),
      };
    },
  };
}

export type ReportComments = ReturnType<typeof createReportComments>;
