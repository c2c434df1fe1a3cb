// Report requests (issue 8 ①): once a session has ended, each attendee HR marked as attended gets the report
// form 1:1 from the bot. A job runs this every few minutes; attendance marked after the end is picked up
// by the next run. The request row and the outbox message are written in one transaction, and the outbox
// key `report-request:<sessionId>:<personId>` is unique, so re-runs (or two instances) never send twice.
import { and, eq, isNull, lte } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { attendanceHeading, attendanceOf, attendances } from '../training/training.read.ts';
import type { BotMessages } from './bot-messages.port.ts';
import { adaptiveCard, type ReportCardBuilders } from './report-cards.port.ts';
import { reportRequests } from './report-workflow.schema.ts';

export const requestKey = (sessionId: string, personId: string) => `report-request:${sessionId}:${personId}`;

/** Rows per query: a large session's attendees are requested in several rounds of one run. */
const BATCH = 200;

export interface ReportRequestsDependencies {
  db: Db;
  botMessages: BotMessages;
  cards: Pick<ReportCardBuilders, 'requestForm'>;
  now: () => Date;
}

export function createReportRequests(deps: ReportRequestsDependencies) {
  const { db } = deps;

  /**
   * Attended enrolments of ended, not cancelled sessions that have no request yet. One join over the
   * training slice's published attendances: a per-session walk through its store would cost a query per
   * session.
   */
  const attendance = attendances(db);
  const pending = async (now: Date) =>
    db
      .select(attendanceHeading(attendance))
      .from(attendance)
      .leftJoin(reportRequests, attendanceOf(attendance, reportRequests))
      .where(
        and(
          eq(attendance.status, 'attended'),
          eq(attendance.sessionStatus, 'scheduled'),
          lte(attendance.endsAt, now),
          isNull(reportRequests.personId),
        ),
      )
      .limit(BATCH);

  return {
    /** One pass: requests every report now due a request. Safe to run concurrently and repeatedly. */
    async runOnce(): Promise<{ requested: number }> {
      const now = deps.now();
      let requested = 0;
      for (;;) {
        const rows = await pending(now);
        for (const row of rows) {
          const session = {
            sessionId: row.sessionId,
            courseTitle: { ja: row.titleJa, en: row.titleEn },
            start: row.startsAt.toISOString(),
          };
          // Built before the transaction: it reads the catalog, and the embedded database runs one
          // connection, which the transaction holds.
          const form = await deps.cards.requestForm({ session, submissionId: randomUUID() });
          const inserted = await db.transaction(async (tx) => {
            const [created] = await tx
              .insert(reportRequests)
              .values({ sessionId: row.sessionId, personId: row.personId, requestedAt: now })
              .onConflictDoNothing()
              .returning();
            if (!created) return false;
            await deps.botMessages.enqueue(
              [
                {
                  key: requestKey(row.sessionId, row.personId),
                  recipient: { kind: 'person', personId: row.personId },
                  attachments: [adaptiveCard(form)],
                },
              ],
              tx,
            );
            return true;
          });
          if (inserted) requested += 1;
        }
        if (rows.length < BATCH) return { requested };
      }
    },
  };
}

export type ReportRequests = ReturnType<typeof createReportRequests>;
