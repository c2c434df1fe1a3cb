// API contract shared with the tab: 自己申告 (self-declaration, policy 7(3)③). Confidential: the person and
// HR only — not the supervisor chain.
//
// GET  /api/declaration-windows                          → DeclarationWindow[] (anyone signed in)
// POST /api/declaration-windows                          ← OpenWindowInput → DeclarationWindow (HR; 409 if that year has one open)
// POST /api/declaration-windows/:fiscalYear/close        → DeclarationWindow (HR)
// GET  /api/people/:personId/declarations/:fiscalYear    → DeclarationResponse (self, HR; HR reads audited)
// PUT  /api/people/:personId/declarations/:fiscalYear    ← DeclarationDraftInput → DeclarationResponse (self, window open, not submitted)
// POST /api/people/:personId/declarations/:fiscalYear/submit ← { version } → DeclarationResponse (self, window open)

export const TRANSFER_WISHES_MAX = 3;
export const DECLARATION_TEXT_MAX = 2000;
export const DECLARATION_SHORT_MAX = 100;

export interface DeclarationWindow {
  fiscalYear: number;
  /** ISO instants. */
  openedAt: string;
  /** The last day to submit (YYYY-MM-DD, Japan time, inclusive). */
  closesOn: string;
  /** Set when HR closed it (or null while open; a window is also closed after closesOn). */
  closedAt: string | null;
  isOpen: boolean;
}

export interface OpenWindowInput {
  fiscalYear: number;
  closesOn: string;
}

export interface TransferWish {
  /** The workplace or field wished for (課 or 分野). */
  department: string;
  /** Its positive reason (前向きな理由). */
  reason: string;
}

export interface DeclarationDraftInput {
  /** 0 for the first save, then the version last read. */
  version: number;
  /** At most TRANSFER_WISHES_MAX, in order of preference; each needs its reason. */
  transferWishes: TransferWish[];
  /** 考慮してほしい事情 (health, care, family …). */
  circumstances: string;
  comment: string;
}

export interface DeclarationResponse extends Omit<DeclarationDraftInput, 'version'> {
  personId: string;
  fiscalYear: number;
  /** `new` until the first save. */
  status: 'new' | 'draft' | 'submitted';
  /** The owner, while the year's window is open and the form not yet submitted. */
  editable: boolean;
  window: DeclarationWindow | null;
  version: number;
  submittedAt: string | null;
}
