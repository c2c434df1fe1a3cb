import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ActionItem, AgendaItem } from './interview.contract.ts';

/** One confirmation by a supervisor: its idempotency key makes a retried confirmation book once. */
export const interviewBookings = pgTable(
  'interview_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizerId: text('organizer_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('interview_bookings_key').on(table.organizerId, table.idempotencyKey)],
);

/**
 * A one-on-one interview and its Outlook event. `transactionId` is fixed when the row is written and sent
 * with every attempt to create the event, so Graph drops duplicates of a retried POST; the partial
 * unique index keeps one live interview per person, type and fiscal year on our side.
 */
export const interviews = pgTable(
  'interviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id').notNull(),
    organizerId: text('organizer_id').notNull(),
    personId: text('person_id').notNull(),
    type: text('type', { enum: ['goalSetting', 'midYear', 'yearEnd', 'career'] }).notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['pending', 'booked', 'failed', 'cancelled'] })
      .notNull()
      .default('pending'),
    /** What Outlook still has to be told: create, move or cancel the event (null: in step). */
    outlookAction: text('outlook_action', { enum: ['create', 'move', 'cancel'] }),
    /** A worker holds the row until then while it talks to Outlook; after a crash the lease runs out. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** How often the Outlook action was tried; a create that was never tried left nothing in Outlook. */
    outlookAttempts: integer('outlook_attempts').notNull().default(0),
    transactionId: text('transaction_id').notNull(),
    eventId: text('event_id'),
    joinUrl: text('join_url'),
    webLink: text('web_link'),
    /**
     * The event was created but no Teams meeting came with it, even after reading it back: the organizer's
     * mailbox cannot host Teams meetings (no Teams licence, or Teams not among its calendar's allowed
     * online meeting providers). Shown to the organizer; an administrator fixes the mailbox.
     */
    noTeamsLink: boolean('no_teams_link').notNull().default(false),
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
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('interviews_transaction_id').on(table.transactionId),
    uniqueIndex('interviews_one_live_per_type')
      .on(table.personId, table.type, table.fiscalYear)
      .where(sql`${table.status} <> 'cancelled'`),
    index('interviews_organizer_idx').on(table.organizerId, table.startsAt),
    index('interviews_person_idx').on(table.personId, table.startsAt),
    // HR's completion dashboard counts a whole year's interviews.
    index('interviews_year_person_idx').on(table.fiscalYear, table.personId),
    index('interviews_outlook_action_idx')
      .on(table.outlookAction)
      .where(sql`${table.outlookAction} is not null`),
  ],
);
