import { integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { draftStatus, personFiscalYear, timestamptz, uuidPrimaryKey, versionedRow } from '../db/columns.ts';
import type { TransferWish } from './declaration.contract.ts';

// The year's 自己申告 window is a fiscal-year cycle window of kind 'declaration' (src/cycles, issue 9).

/** A person's 自己申告 (self-declaration) for one fiscal year. Confidential: the person and HR only. */
export const declarations = pgTable(
  'declarations',
  {
    id: uuidPrimaryKey(),
    ...personFiscalYear(),
    status: draftStatus(),
    /** 現職継続 (stay), 異動 (transfer) or either; null until the person answers (and for older forms). */
    placement: text('placement', { enum: ['stay', 'transfer', 'either'] }),
    transferWishes: jsonb('transfer_wishes').$type<TransferWish[]>().notNull().default([]),
    circumstances: text('circumstances').notNull().default(''),
    comment: text('comment').notNull().default(''),
    /** 資質・貢献度の振り返り: the person's own look back on their qualities and contribution (policy 7(3)③). */
    reflection: text('reflection').notNull().default(''),
    ...versionedRow(),
    submittedAt: timestamptz('submitted_at'),
    /** The last revision of a submitted form (while the window was open); null when never revised. */
    revisedAt: timestamptz('revised_at'),
    revisions: integer('revisions').notNull().default(0),
  },
  (table) => [unique('declarations_person_year').on(table.personId, table.fiscalYear)],
);
