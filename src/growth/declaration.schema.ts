import { integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { TransferWish } from './declaration.contract.ts';

// The year's 自己申告 window is a fiscal-year cycle window of kind 'declaration' (src/cycles, issue 9).

/** A person's 自己申告 (self-declaration) for one fiscal year. Confidential: the person and HR only. */
export const declarations = pgTable(
  'declarations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: text('person_id').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    status: text('status', { enum: ['draft', 'submitted'] })
      .notNull()
      .default('draft'),
    /** 現職継続 (stay), 異動 (transfer) or either; null until the person answers (and for older forms). */
    placement: text('placement', { enum: ['stay', 'transfer', 'either'] }),
    transferWishes: jsonb('transfer_wishes').$type<TransferWish[]>().notNull().default([]),
    circumstances: text('circumstances').notNull().default(''),
    comment: text('comment').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** The last revision of a submitted form (while the window was open); null when never revised. */
    revisedAt: timestamp('revised_at', { withTimezone: true }),
    revisions: integer('revisions').notNull().default(0),
  },
  (table) => [unique('declarations_person_year').on(table.personId, table.fiscalYear)],
);
