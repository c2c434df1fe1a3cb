import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { personRef, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';

/**
 * The DRILL follow-up (issue 19 ⑤): some months after a session a person attended, the attendee is asked
 * whether they could apply it in their work (`role: attendee`: `answer` and `text` the example), and
 * their supervisor for a one-line observation of them (`role: supervisor`: `text`). One row per session,
 * person and role (the unique index), written in the transaction that queues its bot message, so a re-run
 * or a second instance asks no one twice. The row is the tab's pending item too: nothing depends on the card.
 */
export const trainingFollowUps = pgTable(
  'training_follow_ups',
  {
    id: uuidPrimaryKey(),
    sessionId: uuid('session_id').notNull(),
    /** The attendee the follow-up is about. */
    personId: personRef(),
    role: text('role', { enum: ['attendee', 'supervisor'] }).notNull(),
    /** Who is asked: the attendee, or the supervisor in force when the follow-up was chosen. */
    recipientId: personRef('recipient_id'),
    requestedAt: timestamptz('requested_at').notNull(),
    /** The attendee's short answer; null until answered (and always for the supervisor's row). */
    answer: text('answer', { enum: ['applied', 'partly', 'notYet'] }),
    /** The attendee's example, or the supervisor's observation; null until answered. */
    text: text('text'),
    answeredAt: timestamptz('answered_at'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('training_follow_ups_session_person_role').on(table.sessionId, table.personId, table.role),
    index('training_follow_ups_recipient_idx').on(table.recipientId),
    index('training_follow_ups_person_idx').on(table.personId),
  ],
);
