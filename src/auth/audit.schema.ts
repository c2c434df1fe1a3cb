import { bigserial, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { personRef, timestamptz } from '../db/columns.ts';

/**
 * Who viewed, changed or exported whose personnel data, and when. Append-only: the service exposes
 * no update or delete for it (the personal-information law asks for an audit trail), and a trigger
 * (migration append_only_guards) refuses UPDATE, DELETE and TRUNCATE in the database itself.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
    actorId: personRef('actor_id'),
    subjectId: text('subject_id'),
    action: text('action').notNull(),
    resource: text('resource').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  // Newest first, by keyset (occurred_at, id): the HR view pages on it, filtered by actor or subject.
  (table) => [
    index('audit_log_subject_idx').on(table.subjectId, table.occurredAt),
    index('audit_log_occurred_idx').on(table.occurredAt, table.id),
    index('audit_log_actor_idx').on(table.actorId, table.occurredAt),
  ],
);
