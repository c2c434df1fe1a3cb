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
  return {
    async record(entry: AuditEntry): Promise<void> {
      await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
