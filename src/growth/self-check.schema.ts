import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { draftStatus, personRef, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';
import type { SelfCheckResponse } from './self-check.contract.ts';

// The stored entries have the shape the API answers with (src/growth/self-check.contract.ts).
type Rating = SelfCheckResponse['ratings'][string];
type Feedback = SelfCheckResponse['feedback'][string];

/** A self-check (自己チェック) of one person for one half of a fiscal year. */
export const selfChecks = pgTable(
  'self_checks',
  {
    id: uuidPrimaryKey(),
    personId: personRef(),
    period: text('period').notNull(),
    /** The level and framework it was written against: a promotion later does not rewrite history. */
    levelId: text('level_id').notNull(),
    frameworkVersion: text('framework_version').notNull(),
    status: draftStatus(),
    ratings: jsonb('ratings').$type<Record<string, Rating>>().notNull().default({}),
    reflections: jsonb('reflections').$type<Record<string, string>>().notNull().default({}),
    feedback: jsonb('feedback').$type<Record<string, Feedback>>().notNull().default({}),
    ...versionedRow(),
    submittedAt: timestamptz('submitted_at'),
    /**
     * When the supervisor said their feedback is complete (per-item comments are optional): only then is
     * the self-check 「フィードバック済み」. Who did it is in the audit log.
     */
    feedbackCompletedAt: timestamptz('feedback_completed_at'),
  },
  (table) => [
    unique('self_checks_person_period').on(table.personId, table.period),
    // HR's completion dashboard counts a half's submitted self-checks of everyone.
    index('self_checks_period_person_idx').on(table.period, table.personId),
    // … from the submitted ones alone, without reading the rows (an index-only scan): the rows are wide.
    index('self_checks_submitted_period_person_idx')
      .on(table.period, table.personId)
      .where(sql`${table.status} = 'submitted' and ${table.submittedAt} is not null`),
  ],
);

/**
 * A self-check the person handed in (drafts do not count). The partial index above states the same
 * condition: keep them alike, the planner uses that index only for queries that state it.
 */
export const isSubmittedSelfCheck = () =>
  and(eq(selfChecks.status, 'submitted'), isNotNull(selfChecks.submittedAt));

/**
 * A number for each competency id ever rated, given on first sight and never changed: the position of
 * its rating in `self_check_latest.ratings`. Lets HR's competency dashboard read a rating by array index
 * instead of looking it up in every self-check's JSON (docs/analytics.md).
 */
export const competencySlots = pgTable(
  'competency_slots',
  {
    competencyId: text('competency_id').primaryKey(),
    slot: integer('slot').notNull().generatedAlwaysAsIdentity(),
  },
  (table) => [unique('competency_slots_slot').on(table.slot)],
);

/**
 * Each person's latest submitted self-check, reduced to its ratings (`ratings[slot]`, null where the
 * competency was not rated). Kept by triggers on `self_checks` (the migration that made this table), so
 * every write — a submission, feedback, an erasure, a write path added later — keeps it in step in the
 * same transaction. Read by HR's competency dashboard, which would otherwise sort every self-check ever
 * written to find each person's latest.
 */
export const selfCheckLatest = pgTable('self_check_latest', {
  personId: text('person_id').primaryKey(),
  selfCheckId: uuid('self_check_id').notNull(),
  period: text('period').notNull(),
  ratings: doublePrecision('ratings').array().notNull(),
});
