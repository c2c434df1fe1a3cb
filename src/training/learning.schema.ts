import { date, integer, jsonb, pgTable, text, uniqueIndex, uuid, index } from 'drizzle-orm/pg-core';
import { personRef, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';

/**
 * A catalog course that is self-study (通信教育 / e-learning): it has no dated session, and people enrol,
 * record progress and complete it at their own pace. A course is self-study exactly when it has a row
 * here; HR sets it only while the course has no session (docs/training.md).
 */
export const trainingSelfStudyCourses = pgTable('training_self_study_courses', {
  courseId: uuid('course_id').primaryKey(),
  /** The provider's page (https only). */
  externalUrl: text('external_url'),
  ...versionedRow(),
});

/** One person's enrolment in a self-study course: at most one per person and course. */
export const trainingSelfStudyEnrolments = pgTable(
  'training_self_study_enrolments',
  {
    id: uuidPrimaryKey(),
    courseId: uuid('course_id').notNull(),
    personId: personRef(),
    /** Who enrolled them: themself, or HR. */
    enrolledById: text('enrolled_by_id').notNull(),
    /** The Japan day of the enrolment. */
    enrolledOn: date('enrolled_on').notNull(),
    /** 0 to 100; 100 once completed. */
    progressPercent: integer('progress_percent').notNull().default(0),
    completedOn: date('completed_on'),
    report: text('report').notNull().default(''),
    completedAt: timestamptz('completed_at'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('training_self_study_enrolments_one').on(table.courseId, table.personId),
    index('training_self_study_enrolments_person_idx').on(table.personId),
  ],
);

export interface LearningPathStepRow {
  titleJa: string;
  titleEn: string | null;
  levelIds: string[];
  minYearsOfService: number | null;
  maxYearsOfService: number | null;
  courseIds: string[];
}

/** HR's stepwise learning path (段階的にステップアップ): its steps in order, each for a level and/or years of service. */
export const learningPaths = pgTable('learning_paths', {
  id: uuidPrimaryKey(),
  titleJa: text('title_ja').notNull(),
  titleEn: text('title_en'),
  descriptionJa: text('description_ja').notNull().default(''),
  descriptionEn: text('description_en'),
  steps: jsonb('steps').$type<LearningPathStepRow[]>().notNull(),
  archivedAt: timestamptz('archived_at'),
  ...versionedRow(),
});
