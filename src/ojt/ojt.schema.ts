import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, personRef, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';

/**
 * An OJT plan (policy 7(4)①: 日常業務を通じての指導・助言・対話) for a new or transferred person, made by
 * their supervisor: a 指導担当, a period and goals. Its checklist and guidance log hang off it. At most one
 * active plan per person (the partial unique index); a completed plan stays as the record of what was done.
 */
export const ojtPlans = pgTable(
  'ojt_plans',
  {
    id: uuidPrimaryKey(),
    personId: personRef(),
    /** The 指導担当: ticks the checklist and logs guidance besides the chain. */
    mentorPersonId: personRef('mentor_person_id'),
    createdById: personRef('created_by_id'),
    status: text('status', { enum: ['active', 'completed'] })
      .notNull()
      .default('active'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    goals: jsonb('goals').$type<string[]>().notNull().default([]),
    /** The onboarding suggestion the plan was started from, if any. */
    suggestionId: uuid('suggestion_id'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('ojt_plans_one_active_idx')
      .on(table.personId)
      .where(sql`${table.status} = 'active'`),
    index('ojt_plans_mentor_idx').on(table.mentorPersonId),
  ],
);

/** One item of a plan's checklist; ticked with who and when. */
export const ojtChecklistItems = pgTable(
  'ojt_checklist_items',
  {
    id: uuidPrimaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => ojtPlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    doneAt: timestamptz('done_at'),
    doneById: text('done_by_id'),
  },
  (table) => [index('ojt_checklist_items_plan_idx').on(table.planId, table.position)],
);

/** Guidance given under a plan (date, what, by whom): the chain and the 指導担当 add entries. */
export const ojtGuidance = pgTable(
  'ojt_guidance',
  {
    id: uuidPrimaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => ojtPlans.id, { onDelete: 'cascade' }),
    /** Whom the guidance was for (the plan's person), so the 育成 page counts without a join. */
    personId: personRef(),
    day: date('day').notNull(),
    text: text('text').notNull(),
    givenById: personRef('given_by_id'),
    createdAt: createdAt(),
  },
  (table) => [
    index('ojt_guidance_plan_idx').on(table.planId, table.day),
    index('ojt_guidance_given_by_idx').on(table.givenById, table.day),
  ],
);

/**
 * A suggestion to a supervisor to make an onboarding OJT plan for someone who arrived (a new person, or
 * one whose 課 changed). `arrivalKey` names the arrival (person, 課, day), so a sync retried or run on
 * two instances suggests it once.
 */
export const ojtSuggestions = pgTable(
  'ojt_suggestions',
  {
    id: uuidPrimaryKey(),
    personId: personRef(),
    supervisorId: personRef('supervisor_id'),
    arrivalKey: text('arrival_key').notNull(),
    kind: text('kind', { enum: ['hire', 'transfer'] }).notNull(),
    department: text('department'),
    status: text('status', { enum: ['open', 'started', 'dismissed'] })
      .notNull()
      .default('open'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('ojt_suggestions_arrival_idx').on(table.arrivalKey),
    index('ojt_suggestions_supervisor_idx').on(table.supervisorId, table.status),
  ],
);
