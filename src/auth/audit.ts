import type { Db } from '../db/database.ts';
import type { AuditAction } from './audit.contract.ts';
import { auditLog } from './audit.schema.ts';

export interface AuditEntry {
  actorId: string;
  subjectId: string | null;
  action: AuditAction;
  resource: string;
  details?: Record<string, unknown>;
}

/** Append-only: this module offers no update or delete. */
export function createAuditLog(db: Db) {
  const record = async (entry: AuditEntry): Promise<void> => {
    await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
  };
  return {
    record,
    /**
     * A read of a person's record by the caller, whose `relation` to the person the access policy gave:
     * recorded unless the person reads their own.
     */
    async readUnlessSelf(relation: string, entry: Omit<AuditEntry, 'action'>): Promise<void> {
      if (relation !== 'self') await record({ ...entry, action: 'read' });
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

/**
 * A slice's audit rows under its one `resource`: each call says only what was done (read or write), by
 * whom, to whose data (null for data of many), and the details.
 */
export function auditOf(audit: Pick<AuditLog, 'record'>, resource: string) {
  return (
    action: AuditAction,
    actor: { id: string },
    subjectId: string | null,
    details: Record<string, unknown>,
  ) => audit.record({ actorId: actor.id, subjectId, action, resource, details });
}
