import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { REPORT_AUDIENCES } from './report.contract.ts';
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
    /**
     * Who beyond the workplace may read it: `department` (課内のみ, the default: the 課's channel, the
     * supervisor, HR) or `organisation` (全庁に公開: also the organisation-wide library). The author
     * chooses it and may change it after submission.
     */
    audience: text('audience', { enum: REPORT_AUDIENCES }).notNull().default('department'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('training_reports_person_session').on(table.personId, table.sessionId),
    index('training_reports_session_idx').on(table.sessionId),
    index('training_reports_library_idx').on(table.audience, table.submittedAt),
  ],
);
