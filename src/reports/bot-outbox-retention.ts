// Retention for the bot outbox (docs/operations.md): a row that was sent, or given up on, only serves
// support questions once it is old, so it is deleted after the configured number of days. Pending rows are
// never deleted. The key of a row is an idempotency key ("one message per person, window and stage, ever"):
// deleting it early would let the same reminder go out again, so the retention is at least a fiscal year,
// the longest span anything keyed in the outbox can be enqueued over (config.ts enforces the minimum).
import { and, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { botOutbox } from './bot-outbox.schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export function createBotOutboxRetention(deps: { db: Db; retentionDays: number; now: () => Date }) {
  return {
    /** Deletes sent and failed rows created before the retention window; safe to run on every instance. */
    async runOnce(): Promise<{ deleted: number }> {
      const cutoff = new Date(deps.now().getTime() - deps.retentionDays * DAY_MS);
      const deleted = await deps.db
        .delete(botOutbox)
        .where(and(inArray(botOutbox.state, ['sent', 'failed']), lt(botOutbox.createdAt, cutoff)))
        .returning({ id: botOutbox.id });
      return { deleted: deleted.length };
    },
  };
}
