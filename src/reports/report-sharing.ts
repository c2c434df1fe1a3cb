// Sharing a submitted report (policy 7(5)②): in the submission's own transaction, a summary card is queued
// for the channel HR mapped to the author's 課 and a notice for the author's supervisor. Both go through
// the bot's durable outbox with idempotency keys, so they exist exactly when the submission does and are
// posted once. With no channel mapped the report still counts as submitted; its status says why it was
// not shared.
import { eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { createPeopleStore } from '../people/people.store.ts';
import { createTrainingStore } from '../training/training.store.ts';
import type { BotMessage, BotMessages, BotMessageStatus } from './bot-messages.port.ts';
import { createChannelMappingStore, resolveChannel } from './channel-mapping.store.ts';
import { createConversationReferenceStore } from './conversation-references.store.ts';
import { adaptiveCard, type ReportCardBuilders } from './report-cards.port.ts';
import { isUuid } from './report-context.ts';
import { noticeKey, summaryKey } from './report-outbox-keys.ts';
import type { ReportSharing } from './report.contract.ts';
import { trainingReports } from './report.schema.ts';
import { reportShares } from './report-workflow.schema.ts';

type ReportRow = typeof trainingReports.$inferSelect;

export { noticeKey, summaryKey };

export interface ReportSharingDependencies {
  db: Db;
  botMessages: BotMessages;
  cards: Pick<ReportCardBuilders, 'summary' | 'supervisorNotice'>;
  /** Where the supervisor's link points: a Teams deep link to the tab, or the tab's URL. */
  tabLink: () => string;
  /** The service clock, for the stores it opens on the transaction. */
  now: () => Date;
}

export function createReportSharing(deps: ReportSharingDependencies) {
  return {
    /**
     * Called inside the transaction that marks the report submitted (once: never for a repeat). Reads
     * through `tx` only — the embedded database serialises connections, so a read outside would wait on
     * this very transaction.
     */
    async onSubmitted(tx: Db, report: ReportRow): Promise<void> {
      const people = createPeopleStore(tx, deps.now);
      const training = createTrainingStore(tx, deps.now);
      const author = await people.get(report.personId);
      const session = await training.session(report.sessionId);
      const course = session ? await training.course(session.courseId) : undefined;
      const mapping = author?.department
        ? await createChannelMappingStore(tx).of(author.department)
        : undefined;
      const channel = resolveChannel(
        mapping,
        await createConversationReferenceStore(tx, deps.now).listInstallations(),
      );
      const supervisorId = author?.managerId ?? null;
      await tx
        .insert(reportShares)
        .values({
          reportId: report.id,
          teamId: channel?.teamId ?? null,
          channelId: channel?.channelId ?? null,
          channelName: channel?.channelName ?? null,
          supervisorId,
        })
        .onConflictDoNothing();
      if (!session || !course) return;
      const cardSession = {
        sessionId: session.id,
        courseTitle: { ja: course.titleJa, en: course.titleEn },
        start: session.startsAt.toISOString(),
      };
      const summaryAuthor = { name: author?.displayName ?? '', department: author?.department ?? null };
      const messages: BotMessage[] = [];
      if (channel)
        messages.push({
          key: summaryKey(report.id),
          recipient: { kind: 'channel', teamId: channel.teamId, channelId: channel.channelId },
          attachments: [
            adaptiveCard(deps.cards.summary({ author: summaryAuthor, session: cardSession, report })),
          ],
        });
      if (supervisorId)
        messages.push({
          key: noticeKey(report.id),
          recipient: { kind: 'person', personId: supervisorId },
          attachments: [
            adaptiveCard(
              deps.cards.supervisorNotice({
                reportId: report.id,
                requestId: randomUUID(),
                author: summaryAuthor,
                session: cardSession,
                report,
                link: deps.tabLink(),
              }),
            ),
          ],
        });
      if (messages.length > 0) await deps.botMessages.enqueue(messages, tx);
    },

    /** Where each submitted report stands in being shared; reports never shared (drafts) are absent. */
    async sharingOf(reportIds: string[]): Promise<Map<string, ReportSharing>> {
      const result = new Map<string, ReportSharing>();
      if (reportIds.length === 0) return result;
      const shares = await deps.db
        .select()
        .from(reportShares)
        .where(inArray(reportShares.reportId, reportIds));
      const keys = shares.flatMap((share) => [summaryKey(share.reportId), noticeKey(share.reportId)]);
      const states: Map<string, BotMessageStatus> =
        keys.length > 0 ? await deps.botMessages.status(keys) : new Map<string, BotMessageStatus>();
      for (const share of shares) {
        const summary = states.get(summaryKey(share.reportId));
        const notice = states.get(noticeKey(share.reportId));
        const base = { channelName: share.channelName, supervisorNotified: notice?.state === 'sent' };
        if (!share.channelId)
          result.set(share.reportId, { ...base, status: 'not_shared', reason: 'no_channel_mapped' });
        else if (summary?.state === 'sent')
          result.set(share.reportId, { ...base, status: 'shared', reason: null });
        else if (summary?.state === 'failed')
          result.set(share.reportId, { ...base, status: 'not_shared', reason: 'delivery_failed' });
        else result.set(share.reportId, { ...base, status: 'submitted', reason: null });
      }
      return result;
    },

    /** A report by id (any status), or undefined; for the bot to describe a report on a card again. */
    async reportOf(reportId: string): Promise<ReportRow | undefined> {
      if (!isUuid(reportId)) return undefined;
      return (
        await deps.db.select().from(trainingReports).where(eq(trainingReports.id, reportId)).limit(1)
      )[0];
    },

    /** The share row of one report (who the supervisor was), or undefined before submission. */
    async shareOf(reportId: string) {
      return (
        await deps.db.select().from(reportShares).where(eq(reportShares.reportId, reportId)).limit(1)
      )[0];
    },
  };
}

export type ReportSharingService = ReturnType<typeof createReportSharing>;
