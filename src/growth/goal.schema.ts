import { date, jsonb, pgTable, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { frameworkLinks, personFiscalYear, uuidPrimaryKey, versionedRow } from '../db/columns.ts';

export interface ProgressEntry {
  at: string;
  percent: number;
  note: string;
}

export interface SupervisorComment {
  at: string;
  authorId: string;
  stage: 'setting' | 'mid' | 'yearEnd';
  text: string;
}

/** A goal of 目標管理 for one fiscal year. */
export const goals = pgTable(
  'goals',
  {
    id: uuidPrimaryKey(),
    ...personFiscalYear(),
    title: text('title').notNull(),
    successCriteria: text('success_criteria').notNull().default(''),
    dueDate: date('due_date').notNull(),
    ...frameworkLinks(),
    progress: jsonb('progress').$type<ProgressEntry[]>().notNull().default([]),
    midReflection: text('mid_reflection').notNull().default(''),
    yearEndReflection: text('year_end_reflection').notNull().default(''),
    comments: jsonb('comments').$type<SupervisorComment[]>().notNull().default([]),
    ...versionedRow(),
    /** The client's key of the form submission that made the goal (null for goals made before keys). */
    idempotencyKey: text('idempotency_key'),
    /**
     * Who sees the goal beyond the person, the supervisor chain and HR: `workplace` shares its title,
     * due date and progress with the 課 (policy 7(4)④, the default); `private` keeps it to those above.
     */
    visibility: text('visibility', { enum: ['workplace', 'private'] })
      .notNull()
      .default('workplace'),
    /**
     * The goal of the person's 課 (an `org_policies` goal id of the same fiscal year) this goal serves;
     * null when it names none (every goal made before the cascade).
     */
    departmentGoalId: text('department_goal_id'),
  },
  (table) => [
    index('goals_person_year_idx').on(table.personId, table.fiscalYear),
    // HR's completion dashboard counts a whole year's goal setters.
    index('goals_year_person_idx').on(table.fiscalYear, table.personId),
    uniqueIndex('goals_person_idempotency_key').on(table.personId, table.idempotencyKey),
  ],
);
