// API contract shared with the tab (tab/ may import *.contract.ts files only).

export type AuditAction = 'read' | 'write' | 'export' | 'delete';

export interface AuditPerson {
  id: string;
  /** From the staff directory; null once the person has left (or was never synced). */
  displayName: string | null;
}

/** One line of the audit log: who did what to whose data, and when. */
export interface AuditEntryView {
  id: number;
  /** ISO 8601 (UTC). */
  occurredAt: string;
  actor: AuditPerson;
  subject: AuditPerson | null;
  action: AuditAction;
  /** What was touched, e.g. `self-check`, `career`, `audit-log`, `personal-data`. */
  resource: string;
  details: Record<string, unknown>;
}

/** GET /api/hr/audit: one page, newest first; `nextCursor` asks for the next (older) page. */
export interface AuditPage {
  entries: AuditEntryView[];
  nextCursor: string | null;
}
