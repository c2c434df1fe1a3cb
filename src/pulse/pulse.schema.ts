import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { personRef, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';

/** A question of a pulse, in both languages; every rated question is on the 1–5 scale. */
export interface PulseQuestionText {
  ja: string;
  en: string;
}

/**
 * A quarterly やりがい pulse (docs/pulse.md): three to five questions HR writes, an optional free-text
 * question, and the days it is open (Japan time). One per fiscal quarter. `sentAt` is set once the bot's
 * cards for it were queued (the outbox's keys make each person's card once whatever the job does).
 */
export const pulses = pgTable(
  'pulses',
  {
    id: uuidPrimaryKey(),
    /** `2026-Q1` (fiscal quarter). */
    quarter: text('quarter').notNull(),
    questions: jsonb('questions').$type<PulseQuestionText[]>().notNull(),
    freeTextQuestion: jsonb('free_text_question').$type<PulseQuestionText | null>(),
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
    sentAt: timestamptz('sent_at'),
    createdById: personRef('created_by_id'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('pulses_quarter_idx').on(table.quarter),
    check('pulses_dates_check', sql`${table.closesOn} >= ${table.opensOn}`),
  ],
);

/**
 * Who answered a pulse, and nothing of what they answered: the one-answer-per-person rule and the bot's
 * "already answered" need it. Erasing a leaver deletes their row; their answer stays, unlinked.
 */
export const pulseParticipations = pgTable(
  'pulse_participations',
  {
    pulseId: uuid('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    personId: personRef(),
  },
  (table) => [primaryKey({ columns: [table.pulseId, table.personId] })],
);

/**
 * An answer, deliberately without a person and without a time: only the 課 the person was in when they
 * answered, the 1–5 ratings in question order, and the free text. Results are counted from these rows in
 * SQL, by 課, and withheld below the threshold (pulse-results.ts).
 */
export const pulseAnswers = pgTable(
  'pulse_answers',
  {
    id: uuidPrimaryKey(),
    pulseId: uuid('pulse_id')
      .notNull()
      .references(() => pulses.id, { onDelete: 'cascade' }),
    department: text('department'),
    ratings: integer('ratings').array().notNull(),
    freeText: text('free_text').notNull().default(''),
  },
  (table) => [index('pulse_answers_pulse_department_idx').on(table.pulseId, table.department)],
);

/** What a 課's 課長 or 係長 will do about the quarter's results (one per 課 and quarter). */
export const pulseActions = pgTable(
  'pulse_actions',
  {
    id: uuidPrimaryKey(),
    department: text('department').notNull(),
    quarter: text('quarter').notNull(),
    text: text('text').notNull(),
    updatedById: personRef('updated_by_id'),
    ...versionedRow(),
  },
  (table) => [uniqueIndex('pulse_actions_department_quarter_idx').on(table.department, table.quarter)],
);
