// API contract shared with the tab: 自己申告 (self-declaration, policy 7(3)③). Confidential: the person and
// HR only — not the supervisor chain.
//
// GET  /api/declaration-windows                          → DeclarationWindow[] (anyone signed in)
// POST /api/declaration-windows                          ← OpenWindowInput → DeclarationWindow (HR; 409 if that year has one open)
// POST /api/declaration-windows/:fiscalYear/close        → DeclarationWindow (HR)
// GET  /api/people/:personId/declarations/:fiscalYear    → DeclarationResponse (self, HR; HR reads audited)
// PUT  /api/people/:personId/declarations/:fiscalYear    ← DeclarationDraftInput → DeclarationResponse (self, window open, not submitted)
// POST /api/people/:personId/declarations/:fiscalYear/submit ← { version } → DeclarationResponse (self, window open)
// POST /api/people/:personId/declarations/:fiscalYear/revise ← DeclarationDraftInput → DeclarationResponse (self, submitted, window open; audited)
//
// 自己申告 applies to regular staff (常勤職員), who are subject to transfer; 会計年度任用職員 get 403 on their own.
//
// One zod schema per shape: the server validates requests and (outside production) checks its answers with
// them, the OpenAPI document is built from them, and the types below (which the tab imports) are inferred.

import { z } from 'zod';
import { fiscalYearInput, versionedOrNewInput, versionInputSchema } from '../http/contract-fragments.ts';
import { calendarDateSchema } from '../cycles/cycle.contract.ts';
import { userText } from '../http/user-input.ts';

export const TRANSFER_WISHES_MAX = 3;
export const DECLARATION_TEXT_MAX = 2000;
export const DECLARATION_SHORT_MAX = 100;

export const declarationWindowSchema = z.object({
  fiscalYear: z.number(),
  /** ISO instant. */
  openedAt: z.string(),
  closesOn: z.string().describe('Last day to submit (YYYY-MM-DD, Japan time, inclusive)'),
  /** Set when HR closed it (or null while open; a window is also closed after closesOn). */
  closedAt: z.string().nullable(),
  isOpen: z.boolean(),
});
export type DeclarationWindow = z.infer<typeof declarationWindowSchema>;

export const openWindowInputSchema = z
  .object({ fiscalYear: fiscalYearInput, closesOn: calendarDateSchema })
  .strict();
export type OpenWindowInput = z.infer<typeof openWindowInputSchema>;

const notBlank = (value: string) => value.trim().length > 0;

/** 現職継続を希望 (stay), 異動を希望 (transfer), どちらでもよい (either). */
export const DECLARATION_PLACEMENTS = ['stay', 'transfer', 'either'] as const;
export const placementSchema = z.enum(DECLARATION_PLACEMENTS);
export type Placement = z.infer<typeof placementSchema>;

export const transferWishInputSchema = z
  .object({
    /** The workplace or field wished for (課 or 分野). */
    department: userText.max(DECLARATION_SHORT_MAX).refine(notBlank, 'name the workplace or field'),
    /** Its positive reason (前向きな理由). */
    reason: userText.max(DECLARATION_TEXT_MAX).refine(notBlank, 'give a reason for this wish'),
  })
  .strict();
export type TransferWish = z.infer<typeof transferWishInputSchema>;

export const declarationDraftInputSchema = versionedOrNewInput({
  /** Stay in my post, move, or either; null (or absent) while not answered. */
  placement: placementSchema.nullable().optional(),
  /** At most TRANSFER_WISHES_MAX, in order of preference; each needs its reason. */
  transferWishes: z
    .array(transferWishInputSchema)
    .max(TRANSFER_WISHES_MAX, `at most ${TRANSFER_WISHES_MAX} transfer wishes`),
  /** 考慮してほしい事情 (health, care, family …). */
  circumstances: userText.max(DECLARATION_TEXT_MAX),
  comment: userText.max(DECLARATION_TEXT_MAX),
  /** 資質・貢献度の振り返り; optional (absent is blank), limited like the texts above. */
  reflection: userText.max(DECLARATION_TEXT_MAX).optional(),
});
export type DeclarationDraftInput = z.infer<typeof declarationDraftInputSchema>;

export const declarationSubmitInputSchema = versionInputSchema;
export type DeclarationSubmitInput = z.infer<typeof declarationSubmitInputSchema>;

export const declarationResponseSchema = z.object({
  personId: z.string(),
  fiscalYear: z.number(),
  /** `new` until the first save. */
  status: z.enum(['new', 'draft', 'submitted']),
  editable: z.boolean().describe('The owner, while the window is open and the form not yet submitted'),
  revisable: z
    .boolean()
    .describe('The owner, while the window is open and the form is submitted: POST …/revise replaces it'),
  window: declarationWindowSchema.nullable(),
  version: z.number(),
  placement: placementSchema.nullable(),
  transferWishes: z.array(z.object({ department: z.string(), reason: z.string() })),
  circumstances: z.string(),
  comment: z.string(),
  /** 資質・貢献度の振り返り (blank when not written). */
  reflection: z.string(),
  /** The first submission (ISO instant). */
  submittedAt: z.string().nullable(),
  /** The last revision of the submitted form (ISO instant), or null when never revised. */
  revisedAt: z.string().nullable(),
  revisions: z.number(),
});
export type DeclarationResponse = z.infer<typeof declarationResponseSchema>;
