// Proposed attendance (issue 19 ④): what the Teams attendance report of a session's meeting says, read
// after the session, and the proposal HR confirms in one action. Nothing here changes an enrolment by
// itself: only a person's confirmation turns the proposal into `attended` (src/training/attendance.service.ts).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { personRef, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';
import { ATTENDANCE_PROPOSAL_STATES } from './attendance.contract.ts';

/**
 * One session's proposal from its Teams meeting: its state (waiting for the report, proposed, refused by
 * Graph, …), the job's attempts and lease (several instances run the job; one holds a session at a time),
 * and who confirmed it. `minSharePercent` is the share the proposal was computed with.
 */
export const trainingAttendanceProposals = pgTable(
  'training_attendance_proposals',
  {
    id: uuidPrimaryKey(),
    sessionId: uuid('session_id').notNull(),
    /** teams: read from the meeting's attendance report; checkin: people checked in with the room's code. */
    source: text('source', { enum: ['teams', 'checkin'] })
      .notNull()
      .default('teams'),
    state: text('state', { enum: ATTENDANCE_PROPOSAL_STATES }).notNull().default('waiting'),
    /** A room session's check-in code; accepted around the session's time as it is now (attendance.service.ts). */
    checkinCode: text('checkin_code'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at'),
    leaseUntil: timestamptz('lease_until'),
    error: text('error'),
    minSharePercent: integer('min_share_percent').notNull(),
    /** The meeting's length by its report(s), in seconds, and when the report was read. */
    meetingSeconds: integer('meeting_seconds'),
    fetchedAt: timestamptz('fetched_at'),
    confirmedAt: timestamptz('confirmed_at'),
    confirmedById: text('confirmed_by_id'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('training_attendance_proposals_session').on(table.sessionId),
    uniqueIndex('training_attendance_proposals_code').on(table.checkinCode),
    index('training_attendance_proposals_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`${table.state} = 'waiting'`),
  ],
);

/**
 * One person in a proposal: someone on the roster (`onRoster`) with the seconds the report gives them
 * (0 when absent from it) and whether that reaches the share, or someone in the report who is not on
 * the roster, matched by their Entra object id and only listed, never added.
 */
export const trainingAttendanceMarks = pgTable(
  'training_attendance_marks',
  {
    id: uuidPrimaryKey(),
    sessionId: uuid('session_id').notNull(),
    personId: personRef(),
    displayName: text('display_name').notNull().default(''),
    onRoster: boolean('on_roster').notNull(),
    attendedSeconds: integer('attended_seconds').notNull().default(0),
    proposedPresent: boolean('proposed_present').notNull(),
    /** When the person checked in with the room's code (check-in proposals). */
    checkedInAt: timestamptz('checked_in_at'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('training_attendance_marks_person').on(table.sessionId, table.personId),
    index('training_attendance_marks_person_idx').on(table.personId),
  ],
);

/**
 * Wrong check-in codes per person in the current window (brute force): one row per person, rewritten in
 * place, in the database so that every instance counts together.
 */
export const trainingCheckinFailures = pgTable(
  'training_checkin_failures',
  {
    personId: personRef(),
    windowStartedAt: timestamptz('window_started_at').notNull(),
    hits: integer('hits').notNull(),
  },
  (table) => [primaryKey({ columns: [table.personId] })],
);
