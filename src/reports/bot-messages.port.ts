// What the report workflow (and HR's cycle reminders) asks of the bot's delivery: messages are written to
// a durable outbox and posted later, paced under Teams' limits. Callers never talk to the connector.
import type { Db } from '../db/database.ts';
import type { BotAttachment, BotRecipient } from './bot-message-parts.ts';

export type { BotAttachment, BotRecipient };

export interface BotMessage {
  /**
   * Idempotency key: a key already in the outbox is ignored, so enqueueing the same message twice
   * (a retried job, a double click) posts it once. E.g. `report-request:<sessionId>:<personId>`.
   */
  key: string;
  recipient: BotRecipient;
  text?: string;
  attachments?: BotAttachment[];
  /** Not posted before this time (reminders respecting office hours). Default: now. */
  notBefore?: Date;
}

export type BotMessageState =
  /** Waiting its turn, or waiting to retry after a 429/412/502/504. */
  | 'pending'
  | 'sent'
  /** Gave up: the connector refused for good (e.g. 403: the app was removed) or no conversation is known. */
  | 'failed';

export interface BotMessageStatus {
  key: string;
  state: BotMessageState;
  attempts: number;
  sentAt: Date | null;
  error: string | null;
}

export interface BotMessages {
  /** Stores the messages; with `tx`, inside the caller's transaction, so they exist iff the change does. */
  enqueue(messages: BotMessage[], tx?: Db): Promise<void>;
  /** The state of messages by key; unknown keys are absent from the map. */
  status(keys: string[]): Promise<Map<string, BotMessageStatus>>;
}
