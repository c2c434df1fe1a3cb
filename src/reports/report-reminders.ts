// Reminders (issue 8 ④): an attendee who has not submitted their report some days after the request gets a
// reminder, at most a configured number of times, each spaced by the same number of days — and only while
// the office is open (9:00–17:00 Japan time on office days: never at night, on weekends, national holidays
// or 12/29–1/3). Keys `report-reminder:<sessionId>:<personId>:<n>` make each one go out once.
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { DEFAULT_OFFICE_HOURS, nextOfficeTime, type OfficeHours } from '../jobs/office-hours.ts';
import { attendanceOf, attendances } from '../training/training.read.ts';
import type { BotMessages } from './bot-messages.port.ts';
import { adaptiveCard, type ReportCardBuilders } from './report-cards.port.ts';
import { reportRequests } from './report-workflow.schema.ts';

export const reminderKey = (sessionId: string, personId: string, reminder: number) =>
  `report-reminder:${sessionId}:${personId}:${reminder}`;

const DAY = 24 * 60 * 60 * 1000;

export interface ReminderPolicy {
  /** Days without a submitted report before the first reminder, and between reminders. */
  afterDays: number;
  /** At most this many reminders per report. */
  max: number;
  hours?: OfficeHours;
}

export interface ReminderState {
  requestedAt: Date;
  remindersSent: number;
  /** When the last reminder was due to go out; null before the first. */
  lastRemindedAt: Date | null;
}

/**
 * The reminder due now, if any: its number and the earliest time it may be posted. A reminder is due once
 * `afterDays` have passed since the request (or the previous reminder) and the office has opened since;
 * it may be posted from now if the office is open, otherwise from its next opening. Pure, for a frozen clock.
 */
export function nextReminder(
  state: ReminderState,
  now: Date,
  policy: ReminderPolicy,
): { reminder: number; notBefore: Date } | undefined {
  if (state.remindersSent >= policy.max) return undefined;
  const hours = policy.hours ?? DEFAULT_OFFICE_HOURS;
  const base = state.lastRemindedAt ?? state.requestedAt;
  const due = nextOfficeTime(base.getTime() + policy.afterDays * DAY, hours);
  if (now < due) return undefined;
  return { reminder: state.remindersSent + 1, notBefore: nextOfficeTime(now, hours) };
}

export interface ReportRemindersDependencies {
  db: Db;
  botMessages: BotMessages;
  cards: Pick<ReportCardBuilders, 'reminder'>;
  policy: ReminderPolicy;
  now: () => Date;
}

export function createReportReminders(deps: ReportRemindersDependencies) {
  const { db, policy } = deps;
  return {
    /** One pass: queues every reminder due now. Safe to run concurrently and repeatedly. */
    async runOnce(): Promise<{ reminded: number }> {
      if (policy.max === 0) return { reminded: 0 };
      const now = deps.now();
      // Requested, still only attended (a submitted report makes the enrolment `reported`), session live.
      const attendance = attendances(db);
      const rows = await db
        .select({
          sessionId: reportRequests.sessionId,
          personId: reportRequests.personId,
          requestedAt: reportRequests.requestedAt,
          remindersSent: reportRequests.remindersSent,
          lastRemindedAt: reportRequests.lastRemindedAt,
          startsAt: attendance.startsAt,
          titleJa: attendance.titleJa,
          titleEn: attendance.titleEn,
        })
        .from(reportRequests)
        .innerJoin(
          attendance,
          and(attendanceOf(attendance, reportRequests), eq(attendance.status, 'attended')),
        )
        .where(and(lt(reportRequests.remindersSent, policy.max), eq(attendance.sessionStatus, 'scheduled')));
      let reminded = 0;
      for (const row of rows) {
        const due = nextReminder(row, now, policy);
        if (!due) continue;
        const card = deps.cards.reminder({
          session: {
            sessionId: row.sessionId,
            courseTitle: { ja: row.titleJa, en: row.titleEn },
            start: row.startsAt.toISOString(),
          },
          reminder: due.reminder,
          max: policy.max,
        });
        const queued = await db.transaction(async (tx) => {
          // Guarded on the count read: a concurrent run that got there first makes this a no-op.
          const [claimed] = await tx
            .update(reportRequests)
            .set({ remindersSent: due.reminder, lastRemindedAt: due.notBefore })
            .where(
              and(
                eq(reportRequests.sessionId, row.sessionId),
                eq(reportRequests.personId, row.personId),
                eq(reportRequests.remindersSent, row.remindersSent),
              ),
            )
            .returning();
          if (!claimed) return false;
          await deps.botMessages.enqueue(
            [
              {
                key: reminderKey(row.sessionId, row.personId, due.reminder),
                recipient: { kind: 'person', personId: row.personId },
                attachments: [adaptiveCard(card)],
                notBefore: due.notBefore,
              },
            ],
            tx,
          );
          return true;
        });
        if (queued) reminded += 1;
      }
      return { reminded };
    },
  };
}

export type ReportReminders = ReturnType<typeof createReportReminders>;
