import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz, updatedAt } from '../db/columns.ts';

/**
 * Our Graph change-notification subscriptions, one per watched mailbox (`users/{id}/events`). The
 * clientState is a random secret per subscription: a notification is believed only when it names a
 * subscription we hold and carries that subscription's secret.
 */
export const outlookSubscriptions = pgTable(
  'outlook_subscriptions',
  {
    /** Graph's subscription id. */
    id: text('id').primaryKey(),
    mailbox: text('mailbox').notNull(),
    resource: text('resource').notNull(),
    clientState: text('client_state').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    createdAt: createdAt(),
    renewedAt: timestamptz('renewed_at'),
  },
  (table) => [uniqueIndex('outlook_subscriptions_mailbox').on(table.mailbox)],
);

/** Where the next calendarView delta round of a mailbox starts, and the window its links keep. */
export const outlookDeltaLinks = pgTable('outlook_delta_links', {
  mailbox: text('mailbox').primaryKey(),
  deltaLink: text('delta_link').notNull(),
  windowStart: timestamptz('window_start').notNull(),
  windowEnd: timestamptz('window_end').notNull(),
  updatedAt: updatedAt(),
});
