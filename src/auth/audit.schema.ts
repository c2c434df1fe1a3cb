import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Who viewed, changed or exported whose personnel data, and when. Append-only: the service exposes
 * no update or delete for it (the personal-information law asks for an audit trail).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: text('actor_id').notNull(),
    subjectId: text('subject_id'),
    action: text('action').notNull(),
    resource: text('resource').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [index('audit_log_subject_idx').on(table.subjectId, table.occurredAt)],
);
