import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  createdAt,
  fiscalYearColumn,
  indexWhereSet,
  outlookEventColumns,
  personRef,
  timestamptz,
  uuidPrimaryKey,
  versionedRow,
} from '../db/columns.ts';
import {
  INTERVIEW_TYPES,
  INTERVIEW_REQUEST_STATUSES,
  type ActionItem,
  type AgendaItem,
} from './interview.contract.ts';

/** One confirmation by a supervisor: its idempotency key makes a retried confirmation book once. */
export const interviewBookings = pgTable(
  'interview_bookings',
  {
    id: uuidPrimaryKey(),
    organizerId: personRef('organizer_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('interview_bookings_key').on(table.organizerId, table.idempotencyKey)],
);

/**
 * A recurring 1:1 series: one Outlook recurring meeting (its series master is `eventId`), made by the
 * first occurrence's Outlook create; each occurrence is an interview of its own (`seriesId`, `seriesIndex`).
 */
export const interviewSeries = pgTable(
  'interview_series',
  {
    id: uuidPrimaryKey(),
    organizerId: personRef('organizer_id'),
    personId: personRef(),
    intervalWeeks: integer('interval_weeks').notNull(),
    occurrences: integer('occurrences').notNull(),
    /** The series master's event id in the organizer's calendar, once Outlook made it. */
    eventId: text('event_id'),
    ...versionedRow(),
  },
  (table) => [index('interview_series_person_idx').on(table.personId)],
);

/**
 * A one-on-one interview and its Outlook event. `transactionId` is fixed when the row is written and sent
 * with every attempt to create the event, so Graph drops duplicates of a retried POST; the partial
 * unique index keeps one live formal interview per person, type and fiscal year on our side (1:1s,
 * `oneOnOne`, have no such limit).
 */
export const interviews = pgTable(
  'interviews',
  {
    id: uuidPrimaryKey(),
    bookingId: uuid('booking_id').notNull(),
    organizerId: personRef('organizer_id'),
    personId: personRef(),
    type: text('type', { enum: INTERVIEW_TYPES }).notNull(),
    fiscalYear: fiscalYearColumn(),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    status: text('status', { enum: ['pending', 'booked', 'failed', 'cancelled'] })
      .notNull()
      .default('pending'),
    /** What Outlook still has to be told: create, move or cancel the event (null: in step). */
    outlookAction: text('outlook_action', { enum: ['create', 'move', 'cancel'] }),
    ...outlookEventColumns(),
    response: text('response', { enum: ['none', 'accepted', 'tentative', 'declined'] })
      .notNull()
      .default('none'),
    changedInOutlook: text('changed_in_outlook', { enum: ['moved', 'deleted'] }),
    error: text('error'),
    cancelReason: text('cancel_reason'),
    agenda: jsonb('agenda').$type<AgendaItem[]>().notNull().default([]),
    sharedNotes: text('shared_notes').notNull().default(''),
    privateNotes: text('private_notes').notNull().default(''),
    actionItems: jsonb('action_items').$type<ActionItem[]>().notNull().default([]),
    /**
     * A recurring 1:1 series' occurrence: the series, and its place in it (0: the first, whose Outlook
     * create makes the recurring meeting; the others get their occurrence's event id from it).
     */
    seriesId: uuid('series_id'),
    seriesIndex: integer('series_index'),
    /** The earlier occurrence whose open action items this one took over (once; null: not yet). */
    carriedOverFrom: uuid('carried_over_from'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('interviews_transaction_id').on(table.transactionId),
    uniqueIndex('interviews_one_live_per_type')
      .on(table.personId, table.type, table.fiscalYear)
      .where(sql`${table.status} <> 'cancelled' and ${table.type} <> 'oneOnOne'`),
    uniqueIndex('interviews_series_occurrence').on(table.seriesId, table.seriesIndex),
    index('interviews_organizer_idx').on(table.organizerId, table.startsAt),
    index('interviews_person_idx').on(table.personId, table.startsAt),
    // HR's completion dashboard counts a whole year's interviews.
    index('interviews_year_person_idx').on(table.fiscalYear, table.personId),
    indexWhereSet('interviews_outlook_action_idx', table.outlookAction),
  ],
);

/**
 * A person's request for a 1:1 with their direct supervisor. One open request per person (partial
 * unique index); a booking that accepts it links the interview and makes it `booked`.
 */
export const interviewRequests = pgTable(
  'interview_requests',
  {
    id: uuidPrimaryKey(),
    personId: personRef(),
    supervisorId: personRef('supervisor_id'),
    topic: text('topic').notNull(),
    /** The Monday (YYYY-MM-DD, Japan) of the week the person would like it in. */
    preferredWeek: text('preferred_week'),
    status: text('status', { enum: INTERVIEW_REQUEST_STATUSES }).notNull().default('open'),
    declineReason: text('decline_reason'),
    interviewId: uuid('interview_id'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('interview_requests_one_open')
      .on(table.personId)
      .where(sql`${table.status} = 'open'`),
    index('interview_requests_supervisor_idx').on(table.supervisorId, table.status),
    index('interview_requests_person_idx').on(table.personId, table.createdAt),
  ],
);
