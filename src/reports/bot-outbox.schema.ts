import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz, uuidPrimaryKey } from '../db/columns.ts';
import type { BotAttachment, BotRecipient } from './bot-message-parts.ts';

/** What is posted: the activity's content, without the addressing the worker resolves at send time. */
export interface BotOutboxPayload {
  text?: string;
  attachments?: BotAttachment[];
}

/**
 * Every message the bot posts without being spoken to (proactive), written before anyone is told it
 * will be sent, then posted by the outbox worker under Teams' rate limits. `key` is the caller's
 * idempotency key: a second enqueue of the same key is ignored, so a message is posted once.
 */
export const botOutbox = pgTable(
  'bot_outbox',
  {
    id: uuidPrimaryKey(),
    key: text('key').notNull(),
    recipient: jsonb('recipient').$type<BotRecipient>().notNull(),
    payload: jsonb('payload').$type<BotOutboxPayload>().notNull(),
    state: text('state', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    /** Posts tried (a deferral for pacing is not an attempt). */
    attempts: integer('attempts').notNull().default(0),
    /** Not claimed before this time: the caller's notBefore, a pacing deferral or a retry's backoff. */
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    /** Held by a worker until then; a crashed worker's rows are taken again once it has run out. */
    leaseUntil: timestamptz('lease_until'),
    /** The worker holding the lease, so only it renews it (null on rows claimed by an older release). */
    leaseOwner: text('lease_owner'),
    /** The conversation it went to, once resolved (for pacing after a restart and for support). */
    conversationId: text('conversation_id'),
    sentAt: timestamptz('sent_at'),
    /** The activity id the connector returned. */
    activityId: text('activity_id'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('bot_outbox_key').on(table.key),
    index('bot_outbox_due_idx').on(table.state, table.nextAttemptAt),
    index('bot_outbox_sent_idx').on(table.sentAt),
  ],
);

/**
 * Who posts the outbox now: one row (`name` = 'sender'), held by one worker at a time under a short lease
 * that the worker renews while it drains (its heartbeat). A worker that dies stops renewing, and another
 * takes the row over once the lease has run out: seconds, not the queue job's expiry.
 */
export const botOutboxSender = pgTable('bot_outbox_sender', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  leaseUntil: timestamptz('lease_until').notNull(),
});

/**
 * The tenant's pacer, held in PostgreSQL: one row per request the sender made to the connector (a post,
 * or creating a 1:1 conversation), written before the request leaves — only while its writer holds the
 * sender lease (the insert checks it) — and given its answer time when the answer arrives. A sender
 * taking over primes its pacer from here: every window of the tenant and of each conversation, and the
 * requests of a previous sender whose answers it never learnt, counted as in flight until `settleUntil`.
 */
export const botOutboxRequests = pgTable(
  'bot_outbox_requests',
  {
    id: uuid('id').primaryKey(),
    /** The worker that made the request. */
    owner: text('owner').notNull(),
    /** The outbox row it was for (null when the row is gone): sends of older releases have none. */
    outboxId: uuid('outbox_id'),
    tenantId: text('tenant_id').notNull(),
    /** Null for requests outside a conversation (creating a 1:1 conversation). */
    conversationId: text('conversation_id'),
    startedAt: timestamptz('started_at').notNull(),
    /** The latest its answer can come (start + the lease margin, longer than the connector timeout). */
    settleUntil: timestamptz('settle_until').notNull(),
    /** When its answer (any answer: success, 429, error) arrived; null while unknown. */
    answeredAt: timestamptz('answered_at'),
  },
  (table) => [
    index('bot_outbox_requests_started_idx').on(table.startedAt),
    index('bot_outbox_requests_outbox_idx').on(table.outboxId),
  ],
);
