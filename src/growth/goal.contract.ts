// API contract shared with the tab: goals of 目標管理 (policy 7(3)①), one fiscal year at a time.
//
// GET  /api/people/:personId/goals?fiscalYear=YYYY       → GoalView[] (self, supervisor chain, HR; the same 課 sees the shared part)
// POST /api/people/:personId/goals                       ← GoalInput → 201 GoalView (self; the current or next fiscal year; 200 with the same goal for a repeated idempotencyKey)
// PUT  /api/people/:personId/goals/:goalId               ← GoalUpdateInput → GoalView (self; 409 on a stale version or a past year)
// POST /api/people/:personId/goals/:goalId/progress      ← GoalProgressInput → GoalView (self)
// PUT  /api/people/:personId/goals/:goalId/reflection    ← GoalReflectionInput → GoalView (self)
// POST /api/people/:personId/goals/:goalId/comments      ← GoalCommentInput → GoalView (supervisor chain)
// GET  /api/workplace/goals?fiscalYear=YYYY              → WorkplaceGoalsResponse (anyone: the shared part of my 課's goals)

// The tab works out the current fiscal year by the same rule as the server (1 April, Japan time).
export { FIRST_FISCAL_YEAR, halfPeriodAt } from '../shared/fiscal-period.ts';

export const GOAL_TITLE_MAX = 200;
export const GOAL_CRITERIA_MAX = 1000;
/** Competencies and DRILL guidelines a goal may link, each. */
export const GOAL_LINKS_MAX = 10;
export const PROGRESS_NOTE_MAX = 1000;
export const GOAL_REFLECTION_MAX = 2000;
export const GOAL_COMMENT_MAX = 1000;

export interface GoalProgressEntry {
  /** ISO instant. */
  at: string;
  /** 0–100 */
  percent: number;
  note: string;
}

export type GoalCommentStage = 'setting' | 'mid' | 'yearEnd';

export interface GoalComment {
  at: string;
  authorId: string;
  /** 期首 (when the goal is set), 中間 (mid-year) or 期末 (year-end). */
  stage: GoalCommentStage;
  text: string;
}

/** What a reader sees: colleagues of the same 課 get the shared part only (title and progress). */
export interface GoalView {
  id: string;
  personId: string;
  fiscalYear: number;
  title: string;
  /** YYYY-MM-DD, inside the fiscal year. */
  dueDate: string;
  /** Oldest first. */
  progress: GoalProgressEntry[];
  version: number;
  /** True when the caller sees only the part shared with the workplace. */
  shared: boolean;
  successCriteria?: string;
  competencyIds?: string[];
  guidelineIds?: string[];
  midReflection?: string;
  yearEndReflection?: string;
  comments?: GoalComment[];
}

export interface GoalInput {
  fiscalYear: number;
  title: string;
  successCriteria: string;
  dueDate: string;
  competencyIds: string[];
  guidelineIds: string[];
  /**
   * A UUID the client makes once per form submission: a repeat with the same key (a double click, a
   * retried request) answers with the goal the first one made instead of making another.
   */
  idempotencyKey: string;
}

export type GoalUpdateInput = Omit<GoalInput, 'fiscalYear' | 'idempotencyKey'> & { version: number };

export interface GoalProgressInput {
  version: number;
  percent: number;
  note: string;
}

export interface GoalReflectionInput {
  version: number;
  stage: 'mid' | 'yearEnd';
  text: string;
}

export interface GoalCommentInput {
  version: number;
  stage: GoalCommentStage;
  text: string;
}

/** My workplace's goals (policy 7(3)①: goals are shared in the 課): titles, due dates and progress only. */
export interface WorkplaceGoalsResponse {
  /** My 課, or null when the directory gives me none (then nobody is listed). */
  department: string | null;
  fiscalYear: number;
  /** Everyone else of my 課 who set goals for the year, by name. */
  people: Array<{ id: string; displayName: string; jobTitle: string | null; goals: GoalView[] }>;
}
