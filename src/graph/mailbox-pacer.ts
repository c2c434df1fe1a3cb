// Paces what a mailbox sends under Exchange Online's message rate limit ("Exchange Online limits",
// sending limits: 30 messages a minute per mailbox). Every meeting invitation, and every cancellation,
// is a message the organizer's mailbox sends; we count one per recipient (stricter than Exchange, which
// counts a meeting request to many people once), so a season of interviews booked by one supervisor or a
// training session for 200 people is spread over minutes instead of running into the limit.
//
// The budget is a sliding minute: the row keeps what the mailbox sent in the last 60 s, and a send is
// granted when it and those together are at most `limit` — so no 60 s window ever holds more than
// `limit` messages (a cell-rate budget with a minute of burst let one hold almost twice that).
// A refused send reserves nothing and learns when it would fit. One row per mailbox in PostgreSQL,
// updated under a row lock, so every instance paces a mailbox together. Instants come from the app's
// clock (injected, so tests can run minutes in microseconds); instances' clocks agree to well within
// the headroom below.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { mailboxSendPacing } from './mailbox-pacing.schema.ts';

/** Exchange's 30 a minute, with headroom for clock differences and messages sent from Outlook itself. */
export const DEFAULT_MESSAGES_PER_MINUTE = 25;
const MINUTE_MS = 60_000;

export type PaceDecision = { granted: true } | { granted: false; retryAt: Date };

export interface MailboxPacer {
  /** The most messages one send may carry to be granted at all (larger sends wait for an empty minute). */
  readonly messagesPerMinute: number;
  /**
   * Asks to send `messages` (one per recipient) from `mailbox` now. Granted: they are counted, send them.
   * Refused: nothing is counted; ask again at `retryAt`.
   */
  acquire(mailbox: string, messages: number): Promise<PaceDecision>;
}

export interface MailboxPacerOptions {
  now: () => Date;
  messagesPerMinute?: number;
}

export function createMailboxPacer(db: Db, options: MailboxPacerOptions): MailboxPacer {
  const limit = options.messagesPerMinute ?? DEFAULT_MESSAGES_PER_MINUTE;
  if (!Number.isInteger(limit) || limit < 1) throw new Error('messagesPerMinute must be a positive integer');
  return {
    messagesPerMinute: limit,
    async acquire(mailbox, messages) {
      if (messages <= 0) return { granted: true };
      const key = mailbox.trim().toLowerCase();
      // More recipients than a minute holds: they go together into an empty minute, and fill it.
      const cost = Math.min(messages, limit);
      return db.transaction(async (tx) => {
        const at = options.now().getTime();
        await tx
          .insert(mailboxSendPacing)
          .values({ mailbox: key, reservedUntil: new Date(at), recent: [] })
          .onConflictDoNothing();
        const [row] = await tx
          .select({ recent: mailboxSendPacing.recent })
          .from(mailboxSendPacing)
          .where(eq(mailboxSendPacing.mailbox, key))
          .for('update');
        // A send at t counts until t + 1 minute.
        const recent = (row?.recent ?? [])
          .filter(([sentAt]) => sentAt > at - MINUTE_MS)
          .sort((a, b) => a[0] - b[0]);
        const used = recent.reduce((sum, [, count]) => sum + count, 0);
        if (used + cost > limit) {
          let freed = 0;
          for (const [sentAt, count] of recent) {
            freed += count;
            if (used - freed + cost <= limit)
              return { granted: false, retryAt: new Date(sentAt + MINUTE_MS) };
          }
          return { granted: false, retryAt: new Date(at + MINUTE_MS) };
        }
        recent.push([at, cost]);
        await tx
          .update(mailboxSendPacing)
          .set({ recent, reservedUntil: new Date(at + MINUTE_MS) })
          .where(eq(mailboxSendPacing.mailbox, key));
        return { granted: true };
      });
    },
  };
}
