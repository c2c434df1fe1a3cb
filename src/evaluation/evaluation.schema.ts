import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { personFiscalYear, personRef, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';

/**
 * A person's 人事評価 for one fiscal year (docs/evaluation.md): drafted and submitted by the 1次評価者,
 * adjusted and confirmed by the 2次評価者. Who they were is kept as they acted (the lines may change).
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuidPrimaryKey(),
    ...personFiscalYear(),
    /** The person's level when the 1次 first saved: the ● items rated are that level's. */
    levelId: text('level_id'),
    status: text('status', { enum: ['draft', 'submitted', 'confirmed'] })
      .notNull()
      .default('draft'),
    firstEvaluatorId: personRef('first_evaluator_id'),
    secondEvaluatorId: text('second_evaluator_id'),
    submittedAt: timestamptz('submitted_at'),
    confirmedAt: timestamptz('confirmed_at'),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('evaluations_person_year_idx').on(table.personId, table.fiscalYear),
    index('evaluations_year_status_idx').on(table.fiscalYear, table.status),
  ],
);

/** One rating of an evaluation: the 1次's, and the 2次's adjustment with its reason beside it. */
export const evaluationRatings = pgTable(
  'evaluation_ratings',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['competency', 'goal'] }).notNull(),
    itemId: text('item_id').notNull(),
    position: integer('position').notNull(),
    firstRating: text('first_rating').notNull(),
    firstComment: text('first_comment').notNull().default(''),
    adjustedRating: text('adjusted_rating'),
    adjustReason: text('adjust_reason'),
  },
  (table) => [primaryKey({ columns: [table.evaluationId, table.kind, table.itemId] })],
);

/** HR's choice of a person's evaluators for a year, where the reporting lines do not give the right one. */
export const evaluatorOverrides = pgTable(
  'evaluator_overrides',
  {
    id: uuidPrimaryKey(),
    ...personFiscalYear(),
    firstEvaluatorId: text('first_evaluator_id'),
    secondEvaluatorId: text('second_evaluator_id'),
    setById: personRef('set_by_id'),
    ...versionedRow(),
  },
  (table) => [uniqueIndex('evaluator_overrides_person_year_idx').on(table.personId, table.fiscalYear)],
);

/** That an evaluator completed the year's 評価者研修, as HR recorded it. */
export const evaluatorTrainings = pgTable(
  'evaluator_trainings',
  {
    ...personFiscalYear(),
    completed: boolean('completed').notNull(),
    recordedById: personRef('recorded_by_id'),
    recordedAt: timestamptz('recorded_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.personId, table.fiscalYear] })],
);
