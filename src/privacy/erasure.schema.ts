import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { personRef, timestamptz, uuidPrimaryKey } from '../db/columns.ts';

/**
 * That a leaver's personal data was erased: whose id, by whom, when, why (when forced) and how many rows
 * of which table. It holds ids and counts, never content, and is never deleted (a database trigger
 * refuses UPDATE, DELETE and TRUNCATE), so the city can show what it erased and when.
 */
export const erasureRecords = pgTable(
  'erasure_records',
  {
    id: uuidPrimaryKey(),
    erasedPersonId: personRef('erased_person_id'),
    /** What the leaver was called, so HR can recognise the record; their name is not personnel data. */
    erasedDisplayName: text('erased_display_name'),
    erasedBy: personRef('erased_by'),
    erasedAt: timestamptz('erased_at').notNull().defaultNow(),
    /** The person was still active in the directory and HR overrode that, with a reason. */
    forced: boolean('forced').notNull().default(false),
    reason: text('reason'),
    /** `table.column` → rows deleted or anonymised. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
  },
  (table) => [index('erasure_records_person_idx').on(table.erasedPersonId)],
);
