// API contract shared with the tab (tab/ may import *.contract.ts files only). One zod schema per shape:
// the routes validate, answer and document with them, and the types are inferred from them.
//
// GET  /api/hr/people/:personId/erasure-preview      → ErasurePreview (HR)
// POST /api/hr/people/:personId/erase                ← EraseInput → 201 ErasureRecordView (HR)
// GET  /api/hr/erasures?personId=                    → ErasureRecordView[] (HR, newest first)
import { z } from 'zod';
import { auditPersonSchema } from '../auth/audit.contract.ts';
import { userText } from '../http/user-input.ts';

/** `table.column` → rows. */
export const erasureCountsSchema = z.record(z.string(), z.number());
export type ErasureCounts = z.infer<typeof erasureCountsSchema>;

/** GET /api/hr/people/{personId}/erasure-preview: what erasing this person would remove or detach. */
export const erasurePreviewSchema = z.object({
  personId: z.string(),
  displayName: z.string().nullable(),
  /** Still in the organisation directory: erasing then needs `force` and a reason. */
  activeInDirectory: z.boolean(),
  /** Rows deleted outright (the person's own data). */
  deletes: erasureCountsSchema,
  /** Rows of other people's data that keep their content and lose the link to this person. */
  detaches: erasureCountsSchema,
});
export type ErasurePreview = z.infer<typeof erasurePreviewSchema>;

/** The record kept of an erasure (never deleted). */
export const erasureRecordViewSchema = z.object({
  id: z.string(),
  personId: z.string(),
  displayName: z.string().nullable(),
  erasedBy: auditPersonSchema,
  erasedAt: z.string(),
  forced: z.boolean(),
  reason: z.string().nullable(),
  deletes: erasureCountsSchema,
  detaches: erasureCountsSchema,
});
export type ErasureRecordView = z.infer<typeof erasureRecordViewSchema>;

// Entra object ids are GUIDs; anything else cannot name a person and is refused before any query.
const personId = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'must be a directory id (GUID)',
  )
  .describe('Directory id (Entra object id) of the leaver');
export const erasurePersonParamsSchema = z.object({ personId });
export const erasureListQuerySchema = z.object({
  personId: personId.optional().describe('Only this person'),
});

/** Why HR erases someone still in the directory. */
export const ERASURE_REASON_MAX = 500;

export const eraseInputSchema = z
  .object({
    /** Typed again by HR, so a slip of the mouse on the wrong person cannot erase them. */
    confirmPersonId: userText.min(1).max(100),
    force: z.boolean().default(false),
    reason: userText.trim().max(ERASURE_REASON_MAX).default(''),
  })
  .refine((input) => !input.force || input.reason.length > 0, {
    message: 'A forced erasure needs a reason',
    path: ['reason'],
  });
export type EraseInput = z.infer<typeof eraseInputSchema>;
