import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  draftStatus,
  frameworkLinks,
  personRef,
  timestamptz,
  uuidPrimaryKey,
  versionedRow,
} from '../db/columns.ts';

/**
 * A post-training report (研修報告): one per person and session, a draft until submitted. `submissionId`
 * is the id of the form that submitted it, kept so a repeated submission is recognised as the same one.
 */
export const trainingReports = pgTable(
  'training_reports',
  {
    id: uuidPrimaryKey(),
    personId: personRef(),
    sessionId: uuid('session_id').notNull(),
    status: draftStatus(),
    learned: text('learned').notNull().default(''),
    application: text('application').notNull().default(''),
    ...frameworkLinks(),
    satisfaction: integer('satisfaction'),
    wantedText: text('wanted_text').notNull().default(''),
    wantedCourseIds: jsonb('wanted_course_ids').$type<string[]>().notNull().default([]),
    submissionId: text('submission_id'),
    submittedAt: timestamptz('submitted_at'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('training_reports_person_session').on(table.personId, table.sessionId),
    index('training_reports_session_idx').on(table.sessionId),
  ],
);
