import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Exchange's message rate limit per organizer mailbox (src/graph/mailbox-pacer.ts): one row per mailbox,
 * the instant by which every invitation reserved so far will have counted out (a "theoretical arrival
 * time"). In the database so that every instance paces one mailbox together.
 */
export const mailboxSendPacing = pgTable('mailbox_send_pacing', {
  mailbox: text('mailbox').primaryKey(),
  reservedUntil: timestamp('reserved_until', { withTimezone: true }).notNull(),
});
