import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from '../db/columns.ts';

/**
 * Exchange's message rate limit per organizer mailbox (src/graph/mailbox-pacer.ts): one row per mailbox
 * with what it sent in the last minute, `[epoch ms, messages]` pairs. In the database so that every
 * instance paces one mailbox together. `reserved_until` (a theoretical arrival time, which let a
 * sliding minute hold almost twice the limit) is no longer read; kept for instances of the previous
 * release during a deploy.
 */
export const mailboxSendPacing = pgTable('mailbox_send_pacing', {
  mailbox: text('mailbox').primaryKey(),
  reservedUntil: timestamptz('reserved_until').notNull(),
  recent: jsonb('recent').$type<Array<[number, number]>>().notNull().default([]),
});
