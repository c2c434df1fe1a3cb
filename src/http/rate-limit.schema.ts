import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Write requests per person and tier in the current window (src/http/rate-limit.ts). One row per person
 * and tier, rewritten in place: the table never grows past people × tiers, so nothing has to prune it.
 * In the database rather than in memory so that every instance behind the load balancer counts together.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    personId: text('person_id').notNull(),
    tier: text('tier').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (table) => [primaryKey({ columns: [table.personId, table.tier] })],
);
