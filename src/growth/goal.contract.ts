// API contract shared with the tab: goals of 目標管理 (policy 7(3)①), one fiscal year at a time.
//
// GET  /api/people/:personId/goals?fiscalYear=YYYY       → GoalView[] (self, supervisor chain, HR; the same 課 sees the shared part)
// POST /api/people/:personId/goals                       ← GoalInput → 201 GoalView (self; the current or next fiscal year; 200 with the same goal for a repeated idempotencyKey)
// PUT  /api/people/:personId/goals/:goalId               ← GoalUpdateInput → GoalView (self; 409 on a stale version or a past year)
// POST /api/people/:personId/goals/:goalId/progress      ← GoalProgressInput → GoalView (self)
// PUT  /api/people/:personId/goals/:goalId/reflection    ← GoalReflectionInput → GoalView (self)
// POST /api/people/:personId/goals/:goalId/comments      ← GoalCommentInput → GoalView (supervisor chain)
// GET  /api/workplace/goals?fiscalYear=YYYY              → WorkplaceGoalsResponse (anyone: the shared part of my 課's goals)

import { z } from 'zod';
import {
  dayFormat,
  expectedVersion,
  fiscalYearInput,
  fiscalYearListQuery,
  versionedInput,
} from '../http/contract-fragments.ts';
import { dbInteger, userText } from '../http/user-input.ts';
import { personSummarySchema } from '../people/people.contract.ts';

// The tab works out the current fiscal year by the same rule as the server (1 April, Japan time).
export { FIRST_FISCAL_YEAR, halfPeriodAt } from '../shared/fiscal-period.ts';

export const GOAL_TITLE_MAX = 200;
export const GOAL_CRITERIA_MAX = 1000;
/** Competencies and DRILL guidelines a goal may link, each. */
export const GOAL_LINKS_MAX = 10;
export const PROGRESS_NOTE_MAX = 1000;
export const GOAL_REFLECTION_MAX = 2000;
export const GOAL_COMMENT_MAX = 1000;

// One zod schema per shape: the server validates requests with them, the OpenAPI document is built from
// them, and the types below (which the tab imports) are inferred from them.

export const goalProgressEntrySchema = z.object({
  /** ISO instant. */
  at: z.string(),
  /** 0–100 */
  percent: z.number(),
  note: z.string(),
});
export type GoalProgressEntry = z.infer<typeof goalProgressEntrySchema>;

/**
 * Who sees a goal besides me, my supervisor chain and HR: `workplace` (the default) shares its title, due
 * date and progress with my 課, as the policy asks (7(4)④: goals shared in the workplace); `private`
 * keeps it to the supervisor chain and HR.
 */
export const goalVisibilitySchema = z.enum(['workplace', 'private']);
export type GoalVisibility = z.infer<typeof goalVisibilitySchema>;

/** 期首 (when the goal is set), 中間 (mid-year) or 期末 (year-end). */
export const goalCommentStageSchema = z.enum(['setting', 'mid', 'yearEnd']);
export type GoalCommentStage = z.infer<typeof goalCommentStageSchema>;

export const goalCommentSchema = z.object({
  at: z.string(),
  authorId: z.string(),
  stage: goalCommentStageSchema,
  text: z.string(),
});
export type GoalComment = z.infer<typeof goalCommentSchema>;

/** What a reader sees: colleagues of the same 課 get the shared part only (title and progress). */
export const goalViewSchema = z.object({
  id: z.string(),
  personId: z.string(),
  fiscalYear: z.number(),
  title: z.string(),
  /** YYYY-MM-DD, inside the fiscal year. */
  dueDate: z.string(),
  /** Oldest first. */
  progress: z.array(goalProgressEntrySchema),
  version: z.number(),
  shared: z
    .boolean()
    .describe('true when the caller is a colleague and sees only the part shared with the workplace'),
  successCriteria: z.string().optional(),
  competencyIds: z.array(z.string()).optional(),
  guidelineIds: z.array(z.string()).optional(),
  visibility: goalVisibilitySchema.optional().describe('Full view only: who sees the shared part'),
  midReflection: z.string().optional(),
  yearEndReflection: z.string().optional(),
  comments: z.array(goalCommentSchema).optional(),
  departmentGoalId: z
    .string()
    .nullable()
    .optional()
    .describe('Full view only: the goal of my 課 (部・課の方針, same fiscal year) this goal serves, or null'),
});
export type GoalView = z.infer<typeof goalViewSchema>;

export const goalInputSchema = z
  .object({
    fiscalYear: fiscalYearInput,
    title: userText.trim().min(1).max(GOAL_TITLE_MAX),
    successCriteria: userText.max(GOAL_CRITERIA_MAX),
    dueDate: dayFormat,
    competencyIds: z.array(userText.max(64)).max(GOAL_LINKS_MAX),
    guidelineIds: z.array(userText.max(64)).max(GOAL_LINKS_MAX),
    /** Shared with my 課 unless I choose otherwise; absent on a change: left as it is. */
    visibility: goalVisibilitySchema.optional(),
    /**
     * The goal of my 課's policy for the same fiscal year that this goal serves (a goal of another 課 or
     * year is refused, 400); null for none; absent on a change: left as it is.
     */
    departmentGoalId: z.uuid('must be the id of a goal of my 課').nullable().optional(),
    /**
     * A UUID the client makes once per form submission: a repeat with the same key (a double click, a
     * retried request) answers with the goal the first one made instead of making another.
     */
    idempotencyKey: z.uuid('must be a UUID the client makes once per form submission'),
  })
  .strict();
export type GoalInput = z.infer<typeof goalInputSchema>;

export const goalUpdateSchema = goalInputSchema
  .omit({ fiscalYear: true, idempotencyKey: true })
  .extend({ version: expectedVersion })
  .strict();
export type GoalUpdateInput = z.infer<typeof goalUpdateSchema>;

export const goalProgressInputSchema = versionedInput({
  percent: dbInteger.min(0).max(100),
  note: userText.max(PROGRESS_NOTE_MAX),
});
export type GoalProgressInput = z.infer<typeof goalProgressInputSchema>;

export const goalReflectionInputSchema = versionedInput({
  stage: goalCommentStageSchema.exclude(['setting']),
  text: userText.max(GOAL_REFLECTION_MAX),
});
export type GoalReflectionInput = z.infer<typeof goalReflectionInputSchema>;

export const goalCommentInputSchema = versionedInput({
  stage: goalCommentStageSchema,
  text: userText.trim().min(1).max(GOAL_COMMENT_MAX),
});
export type GoalCommentInput = z.infer<typeof goalCommentInputSchema>;

/** My workplace's goals (policy 7(3)①: goals are shared in the 課): titles, due dates and progress only. */
export const workplaceGoalsResponseSchema = z.object({
  /** My 課, or null when the directory gives me none (then nobody is listed). */
  department: z.string().nullable(),
  fiscalYear: z.number(),
  /** Everyone else of my 課 who set goals for the year, by name. */
  people: z.array(
    personSummarySchema
      .pick({ id: true, displayName: true, jobTitle: true })
      .extend({ goals: z.array(goalViewSchema) }),
  ),
});
export type WorkplaceGoalsResponse = z.infer<typeof workplaceGoalsResponseSchema>;

/** `?fiscalYear=` of the goal lists: the current fiscal year when absent. */
export const goalYearQuerySchema = z.object({ fiscalYear: fiscalYearListQuery });
