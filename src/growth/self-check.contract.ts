// API contract shared with the tab.

/** The rating scale of a self-check item, 1 to 5. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const EVIDENCE_MAX = 400;
export const REFLECTION_MAX = 1000;
export const FEEDBACK_MAX = 1000;

export interface SelfCheckResponse {
  personId: string;
  period: string;
  /** `new` until the first save. */
  status: 'new' | 'draft' | 'submitted';
  /** Open for the owner to write (the current half, not yet submitted). */
  editable: boolean;
  levelId: string | null;
  frameworkVersion: string;
  /** The competencies this self-check covers: every item the level's row marks. */
  items: Array<{ competencyId: string; mark: 'evaluated' | 'maintain' | 'parttime' }>;
  ratings: Record<string, { rating: number; evidence: string }>;
  reflections: Record<string, string>;
  feedback: Record<string, { comment: string; authorId: string; at: string }>;
  version: number;
  submittedAt: string | null;
}

export interface SelfCheckHistoryResponse {
  personId: string;
  periods: Array<{ period: string; status: 'draft' | 'submitted'; averages: Record<string, number> }>;
}
