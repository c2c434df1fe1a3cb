import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, personRef, timestamptz, uuidPrimaryKey } from '../db/columns.ts';

/**
 * The report form sent to an attendee after a session (one per person and session), and the reminders
 * since. The row is written in the same transaction that enqueues the message, so a re-run of the job
 * finds it and sends nothing more; the reminder clock starts at `requestedAt`, not at the session's end,
 * so attendance marked days later does not bring a reminder with the request.
 */
export const reportRequests = pgTable(
  'report_requests',
  {
    sessionId: uuid('session_id').notNull(),
    personId: personRef(),
    requestedAt: timestamptz('requested_at').notNull(),
    remindersSent: integer('reminders_sent').notNull().default(0),
    /** When the last reminder was due to go out (its notBefore): the next one is spaced from it. */
    lastRemindedAt: timestamptz('last_reminded_at'),
  },
  (table) => [primaryKey({ columns: [table.sessionId, table.personId] })],
);

/**
 * Where a submitted report was shared, decided in the submission's transaction: the channel mapped to the
 * author's 課 at that moment (null: none was mapped) and the supervisor notified (null: none).
 */
export const reportShares = pgTable('report_shares', {
  reportId: uuid('report_id').primaryKey(),
  teamId: text('team_id'),
  channelId: text('channel_id'),
  channelName: text('channel_name'),
  supervisorId: text('supervisor_id'),
  createdAt: createdAt(),
});

/**
 * A supervisor's comment on a report. `requestId` is made once per form (card or tab), so a double click
 * or a retried invoke stores the comment once.
 */
export const reportComments = pgTable(
  'report_comments',
  {
    id: uuidPrimaryKey(),
    reportId: uuid('report_id').notNull(),
    authorId: personRef('author_id'),
    text: text('text').notNull(),
    requestId: text('request_id').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index('report_comments_report_idx').on(table.reportId, table.createdAt),
    uniqueIndex('report_comments_request_id').on(table.requestId),
  ],
);
