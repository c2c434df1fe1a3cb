import { index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { fiscalYearColumn, uuidPrimaryKey, versionedRow } from '../db/columns.ts';

/** One goal of a 部 or 課 for the fiscal year; a 課 goal may serve one goal of its 部. */
export interface OrgGoal {
  id: string;
  title: string;
  description: string;
  /** A 課 goal only: the goal of its 部 (same fiscal year) it serves, or null. */
  divisionGoalId: string | null;
}

/**
 * 部・課の方針 (issue 20 point 2): the policy text and the short list of goals a 部長 (`division`) or a
 * 課長 (`department`) sets out for one fiscal year. A 部 is the people's `division`, a 課 their
 * `department` (the values in force, as workplace training reads them). One row per unit and year.
 */
export const orgPolicies = pgTable(
  'org_policies',
  {
    id: uuidPrimaryKey(),
    fiscalYear: fiscalYearColumn(),
    kind: text('kind', { enum: ['division', 'department'] }).notNull(),
    /** The 部 or 課 name, as `people.division` / `people.department` hold it. */
    unit: text('unit').notNull(),
    policy: text('policy').notNull().default(''),
    goals: jsonb('goals').$type<OrgGoal[]>().notNull().default([]),
    ...versionedRow(),
  },
  (table) => [
    uniqueIndex('org_policies_year_kind_unit').on(table.fiscalYear, table.kind, table.unit),
    index('org_policies_kind_unit_idx').on(table.kind, table.unit),
  ],
);
