import { date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { fiscalYearColumn, personRef, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';
import { APPLICATION_STATUSES } from './qualification.contract.ts';

/**
 * A 資格取得 support application (issue 20 point 5): a person asks for support to take a qualification;
 * their supervisor approves or returns it, then HR approves or refuses it, then the person records the
 * result. `fiscalYear` is the exam day's, the year whose training budget the cost counts against.
 */
export const qualificationApplications = pgTable(
  'qualification_applications',
  {
    id: uuidPrimaryKey(),
    personId: personRef(),
    qualificationName: text('qualification_name').notNull(),
    examDate: date('exam_date', { mode: 'string' }).notNull(),
    fiscalYear: fiscalYearColumn(),
    costYen: integer('cost_yen').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
    /** The supervisor who approved or returned it (the person's supervisor in force then). */
    supervisorId: text('supervisor_id'),
    supervisorComment: text('supervisor_comment').notNull().default(''),
    supervisorDecidedAt: timestamptz('supervisor_decided_at'),
    /** The HR member who approved or refused it. */
    hrDecidedById: text('hr_decided_by_id'),
    hrComment: text('hr_comment').notNull().default(''),
    hrDecidedAt: timestamptz('hr_decided_at'),
    /** The day of the result (passed or failed), in Japan. */
    resultDate: date('result_date', { mode: 'string' }),
    ...versionedRow(),
  },
  (table) => [
    index('qualification_applications_person_idx').on(table.personId),
    index('qualification_applications_year_status_idx').on(table.fiscalYear, table.status),
  ],
);

/** HR's training budget for one fiscal year (予算調整, policy 7(2)③), in yen. */
export const trainingBudgets = pgTable(
  'training_budgets',
  {
    id: uuidPrimaryKey(),
    fiscalYear: fiscalYearColumn(),
    amountYen: integer('amount_yen').notNull(),
    /** Who set it last (HR). */
    updatedById: text('updated_by_id'),
    ...versionedRow(),
  },
  (table) => [uniqueIndex('training_budgets_fiscal_year').on(table.fiscalYear)],
);
