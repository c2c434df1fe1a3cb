import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, serial, text, unique, uuid } from 'drizzle-orm/pg-core';
import { fiscalYearColumn, personRef, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';
import { CYCLE_KINDS } from './cycle.contract.ts';

/**
 * A window of a fiscal year that HR (職員課) opens and closes: 期首 goal setting, 中間, 期末, the two
 * self-check halves and 自己申告. One per kind and year, so "the year's goal-setting window" is never
 * ambiguous; reopening rewrites its state, and every change is kept in cycle_window_events.
 */
export const cycleWindows = pgTable(
  'cycle_windows',
  {
    id: uuidPrimaryKey(),
    fiscalYear: fiscalYearColumn(),
    kind: text('kind', { enum: CYCLE_KINDS }).notNull(),
    /** As HR set it; an open window whose last day has passed reads as closed (see cycle-rules.ts). */
    state: text('state', { enum: ['scheduled', 'open', 'closed'] })
      .notNull()
      .default('scheduled'),
    /** Planned first and last day (Japan time, inclusive), inside the fiscal year. */
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
    openedAt: timestamptz('opened_at'),
    openedBy: text('opened_by'),
    closedAt: timestamptz('closed_at'),
    closedBy: text('closed_by'),
    createdBy: personRef('created_by'),
    ...versionedRow(),
  },
  (table) => [
    unique('cycle_windows_year_kind').on(table.fiscalYear, table.kind),
    check('cycle_windows_closes_after_opens', sql`${table.closesOn} >= ${table.opensOn}`),
  ],
);

/** Every change HR made to a window, oldest first. Append-only (the database refuses UPDATE/DELETE). */
export const cycleWindowEvents = pgTable(
  'cycle_window_events',
  {
    id: serial('id').primaryKey(),
    windowId: uuid('window_id')
      .notNull()
      .references(() => cycleWindows.id),
    at: timestamptz('at').notNull().defaultNow(),
    actorId: personRef('actor_id'),
    action: text('action', { enum: ['scheduled', 'rescheduled', 'opened', 'reopened', 'closed'] }).notNull(),
    /** The window's state and planned days after the change. */
    state: text('state', { enum: ['scheduled', 'open', 'closed'] }).notNull(),
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
  },
  (table) => [index('cycle_window_events_window_idx').on(table.windowId, table.id)],
);
