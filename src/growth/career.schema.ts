import { date, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { personRef, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';
import type { Qualification, RotationEntry } from './career.contract.ts';

/** A person's career design (キャリアデザイン): one per person, rewritten as their plans change. */
export const careerDesigns = pgTable('career_designs', {
  personId: text('person_id').primaryKey(),
  visionMidTerm: text('vision_mid_term').notNull().default(''),
  visionLongTerm: text('vision_long_term').notNull().default(''),
  path: text('path', { enum: ['specialist', 'rotation', 'undecided'] })
    .notNull()
    .default('undecided'),
  pathField: text('path_field').notNull().default(''),
  interests: jsonb('interests').$type<string[]>().notNull().default([]),
  qualificationsHeld: jsonb('qualifications_held').$type<Qualification[]>().notNull().default([]),
  qualificationsPlanned: jsonb('qualifications_planned').$type<Qualification[]>().notNull().default([]),
  trainingsWanted: jsonb('trainings_wanted').$type<string[]>().notNull().default([]),
  /** Stored oldest first. */
  rotation: jsonb('rotation').$type<RotationEntry[]>().notNull().default([]),
  ...versionedRow(),
});

/**
 * A career milestone reached (docs/growth.md, "Career milestones"): one row per person and milestone key
 * (`career-interview-3`, `path-choice-10`), written once by the daily job whatever retries or instances do
 * (the unique index, insert-or-ignore). Open until a career interview with the person starts after it.
 */
export const careerPrompts = pgTable(
  'career_prompts',
  {
    id: uuidPrimaryKey(),
    personId: personRef(),
    milestoneKey: text('milestone_key').notNull(),
    kind: text('kind', { enum: ['career-interview', 'path-choice'] }).notNull(),
    /** Years of service when it fell due. */
    years: integer('years').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** When the job recorded it (the injected clock). */
    promptedAt: timestamptz('prompted_at').notNull(),
  },
  (table) => [uniqueIndex('career_prompts_person_milestone').on(table.personId, table.milestoneKey)],
);
