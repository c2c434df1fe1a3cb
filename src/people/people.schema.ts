import { date, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Staff as the directory (Entra ID via Graph) describes them, kept locally so lists, reporting lines and
 * authorization checks need no Graph call. Job level and employment type are derived from the directory
 * for now; HR's import (effective-dated) takes over later.
 */
export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(),
    userPrincipalName: text('user_principal_name').notNull(),
    displayName: text('display_name').notNull(),
    mail: text('mail'),
    jobTitle: text('job_title'),
    department: text('department'),
    division: text('division'),
    employeeType: text('employee_type'),
    hireDate: date('hire_date'),
    managerId: text('manager_id'),
    levelId: text('level_id'),
    employmentType: text('employment_type', { enum: ['regular', 'fiscalYear'] })
      .notNull()
      .default('regular'),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('people_manager_idx').on(table.managerId),
    index('people_upn_idx').on(table.userPrincipalName),
  ],
);

/** Completed full copies of the directory. Until one exists, the table may lack reporting lines. */
export const directorySyncs = pgTable('directory_syncs', {
  id: serial('id').primaryKey(),
  completedAt: timestamp('completed_at', { withTimezone: true }).notNull().defaultNow(),
  people: integer('people').notNull(),
});
