import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A post-training report (研修報告): one per person and session, a draft until submitted. `submissionId`
 * is the id of the form that submitted it, kept so a repeated submission is recognised as the same one.
 */
export const trainingReports = pgTable(
  'training_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: text('person_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    status: text('status', { enum: ['draft', 'submitted'] })
      .notNull()
      .default('draft'),
    learned: text('learned').notNull().default(''),
    application: text('application').notNull().default(''),
    competencyIds: jsonb('competency_ids').$type<string[]>().notNull().default([]),
    guidelineIds: jsonb('guideline_ids').$type<string[]>().notNull().default([]),
    satisfaction: integer('satisfaction'),
    wantedText: text('wanted_text').notNull().default(''),
    wantedCourseIds: jsonb('wanted_course_ids').$type<string[]>().notNull().default([]),
    submissionId: text('submission_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('training_reports_person_session').on(table.personId, table.sessionId),
    index('training_reports_session_idx').on(table.sessionId),
  ],
);
