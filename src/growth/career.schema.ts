import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { versionedRow } from '../db/columns.ts';
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
