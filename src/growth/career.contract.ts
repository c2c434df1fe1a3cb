// API contract shared with the tab: career design (キャリアデザイン, policy 7(3)⑤, 7(4)⑥, 7(5)③).
//
// GET /api/people/:personId/career   → CareerDesignResponse (self, supervisor chain, HR; reads by others audited)
// PUT /api/people/:personId/career   ← CareerDesignInput → CareerDesignResponse (self only; 409 on a stale version)

export const CAREER_TEXT_MAX = 2000;
export const CAREER_SHORT_MAX = 100;
export const CAREER_LIST_MAX = 20;
export const ROTATION_MAX = 30;
/** The policy's 能力・適性等評価期間: roughly the first ten years after hiring. */
export const EVALUATION_PERIOD_YEARS = 10;

/** specialist: deepen one field (専門職志向); rotation: broad experience across fields; undecided. */
export type CareerPath = 'specialist' | 'rotation' | 'undecided';

export interface Qualification {
  name: string;
  /** Held: when it was obtained (YYYY-MM); planned: the target (YYYY-MM). Optional. */
  month: string | null;
}

export interface RotationEntry {
  /** YYYY-MM */
  from: string;
  /** YYYY-MM, or null for the current posting. */
  to: string | null;
  /** 部・課 (free text: departments change names over the years). */
  department: string;
  duties: string;
}

export interface CareerDesignInput {
  /** 0 for the first save, then the version last read. */
  version: number;
  visionMidTerm: string;
  visionLongTerm: string;
  path: CareerPath;
  /** The specialist field, or the fields a rotation should cover. */
  pathField: string;
  interests: string[];
  qualificationsHeld: Qualification[];
  qualificationsPlanned: Qualification[];
  trainingsWanted: string[];
  rotation: RotationEntry[];
}

export interface CareerDesignResponse extends Omit<CareerDesignInput, 'rotation'> {
  personId: string;
  /** Only the owner may write. */
  editable: boolean;
  /** From the directory / HR; null when unknown. */
  hireDate: string | null;
  /** hireDate + EVALUATION_PERIOD_YEARS (YYYY-MM-DD), or null. */
  evaluationPeriodEnd: string | null;
  /** Oldest first; each marked when it starts inside the evaluation period. */
  rotation: Array<RotationEntry & { inEvaluationPeriod: boolean }>;
  updatedAt: string | null;
}
