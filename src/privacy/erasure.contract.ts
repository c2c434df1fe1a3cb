// API contract shared with the tab (tab/ may import *.contract.ts files only).

/** `table.column` → rows. */
export type ErasureCounts = Record<string, number>;

/** GET /api/hr/people/{personId}/erasure-preview: what erasing this person would remove or detach. */
export interface ErasurePreview {
  personId: string;
  displayName: string | null;
  /** Still in the organisation directory: erasing then needs `force` and a reason. */
  activeInDirectory: boolean;
  /** Rows deleted outright (the person's own data). */
  deletes: ErasureCounts;
  /** Rows of other people's data that keep their content and lose the link to this person. */
  detaches: ErasureCounts;
}

/** The record kept of an erasure (never deleted). */
export interface ErasureRecordView {
  id: string;
  personId: string;
  displayName: string | null;
  erasedBy: { id: string; displayName: string | null };
  erasedAt: string;
  forced: boolean;
  reason: string | null;
  deletes: ErasureCounts;
  detaches: ErasureCounts;
}
