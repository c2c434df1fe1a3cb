// API contract shared with the tab (tab/ may import *.contract.ts files only). One zod schema per shape:
// the routes validate, answer and document with them, and the types are inferred from them.
//
// GET /api/hr/audit?actorId=&subjectId=&action=&from=&to=&views=&cursor=&limit= → AuditPage (HR)
// GET /api/hr/audit/export?actorId=&subjectId=&action=&from=&to=&views=   → CSV (HR; the export is audited)
import { z } from 'zod';
import { calendarDay } from '../http/contract-fragments.ts';
import { dbIntegerFromText, userText } from '../http/user-input.ts';

export const auditActionSchema = z.enum(['read', 'write', 'export', 'delete']);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditPersonSchema = z.object({
  id: z.string(),
  /** From the staff directory; null once the person has left (or was never synced). */
  displayName: z.string().nullable(),
});
export type AuditPerson = z.infer<typeof auditPersonSchema>;

/** One line of the audit log: who did what to whose data, and when. */
export const auditEntryViewSchema = z.object({
  id: z.number(),
  /** ISO 8601 (UTC). */
  occurredAt: z.string(),
  actor: auditPersonSchema,
  subject: auditPersonSchema.nullable(),
  action: auditActionSchema,
  /** What was touched, e.g. `self-check`, `career`, `audit-log`, `personal-data`. */
  resource: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

/** GET /api/hr/audit: one page, newest first; `nextCursor` asks for the next (older) page. */
export const auditPageSchema = z.object({
  entries: z.array(auditEntryViewSchema),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

const isoDay = calendarDay('must be a date, YYYY-MM-DD');

const filterFields = {
  actorId: userText.trim().min(1).max(100).optional().describe('Who acted (directory id)'),
  subjectId: userText.trim().min(1).max(100).optional().describe('Whose data (directory id)'),
  action: auditActionSchema.optional(),
  from: isoDay.optional().describe('First day, Japan time, inclusive (YYYY-MM-DD)'),
  to: isoDay.optional().describe('Last day, Japan time, inclusive (YYYY-MM-DD)'),
  views: z
    .enum(['include', 'exclude'])
    .optional()
    .describe('exclude: leave out page views (action read) unless `action` asks for them; default include'),
};
const rangeInOrder = (filter: { from?: string | undefined; to?: string | undefined }) =>
  !filter.from || !filter.to || filter.from <= filter.to;
const rangeMessage = { message: 'from must not be after to', path: ['to'] };

/** The filters of the log and of its CSV export. */
export const auditFilterSchema = z.object(filterFields).refine(rangeInOrder, rangeMessage);
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditPageQuerySchema = z
  .object({
    ...filterFields,
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, 'must be a cursor from a previous page')
      .optional()
      .describe('nextCursor of the previous page'),
    limit: dbIntegerFromText.min(1).max(200).default(50),
  })
  .refine(rangeInOrder, rangeMessage);
export type AuditPageQuery = z.infer<typeof auditPageQuerySchema>;
