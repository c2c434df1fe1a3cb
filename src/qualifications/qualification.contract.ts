// API contract shared with the tab: 資格取得 support applications and HR's training budget (issue 20
// point 5, policy 7(2)③ and the 資格取得 support it names; docs/training.md "資格取得 support and budget").
//
// GET  /api/qualifications/applications                    → the caller's applications (newest exam first)
// POST /api/qualifications/applications                    ← ApplicationInput → ApplicationView (anyone, for themself)
// PUT  /api/qualifications/applications/:applicationId     ← versioned ApplicationInput (the applicant, before
//      their supervisor approved it; a returned one goes back to the supervisor)
// POST …/:applicationId/supervisor-decision               ← { version, decision: approve|return, comment } (the
//      applicant's supervisor in force)
// POST …/:applicationId/hr-decision                       ← { version, decision: approve|refuse, comment } (HR,
//      after the supervisor approved; never on their own application)
// POST …/:applicationId/result                            ← { version, result: passed|failed, resultDate } (the
//      applicant, after HR approved; a pass is added to their career design's qualifications held)
// GET  /api/qualifications/approvals                       → what waits for the caller as supervisor
// GET  /api/hr/qualifications?fiscalYear=                  → every application of the year (HR)
// GET  /api/hr/training-budget/:fiscalYear                 → TrainingBudgetView (HR)
// PUT  /api/hr/training-budget/:fiscalYear                 ← { version, amountYen } (HR; version 0 the first time)

import { z } from 'zod';
import {
  BUDGET_YEN_MAX,
  calendarDay,
  COST_YEN_MAX,
  expectedVersionOrNew,
  fiscalYearListQuery,
  versionedInput,
  yenAmount,
} from '../http/contract-fragments.ts';
import { userText } from '../http/user-input.ts';
import { courseCategorySchema } from '../training/training.contract.ts';

export const QUALIFICATION_NAME_MAX = 100;
export const APPLICATION_REASON_MAX = 2000;
export const DECISION_COMMENT_MAX = 1000;

/**
 * awaitingSupervisor → (supervisor) approve: awaitingHr | return: returned (the applicant edits it and it
 * awaits the supervisor again) → (HR) approve: approved | refuse: refused → (applicant) passed | failed.
 */
export const APPLICATION_STATUSES = [
  'awaitingSupervisor',
  'returned',
  'awaitingHr',
  'approved',
  'refused',
  'passed',
  'failed',
] as const;
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;
/** The statuses whose cost HR has committed from the year's budget. */
export const COMMITTED_STATUSES = ['approved', 'passed', 'failed'] as const satisfies ApplicationStatus[];

const examDay = calendarDay('must be a day, YYYY-MM-DD');

export const applicationFields = {
  /** The qualification or licence (e.g. 社会福祉士, 宅地建物取引士). */
  qualificationName: userText
    .trim()
    .min(1, 'must name the qualification')
    .max(QUALIFICATION_NAME_MAX, `must be at most ${QUALIFICATION_NAME_MAX} characters`),
  /** The exam day; not in the past when sent. */
  examDate: examDay,
  /** What support is asked for (受験料, 講習費 …), whole yen; at most COST_YEN_MAX. */
  costYen: yenAmount(COST_YEN_MAX),
  /** Why the qualification serves their work. */
  reason: userText
    .trim()
    .min(1, 'must say why')
    .max(APPLICATION_REASON_MAX, `must be at most ${APPLICATION_REASON_MAX} characters`),
};
export const applicationInputSchema = z.object(applicationFields).strict();
export type ApplicationInput = z.infer<typeof applicationInputSchema>;
export const applicationUpdateSchema = versionedInput(applicationFields);
export type ApplicationUpdate = z.infer<typeof applicationUpdateSchema>;

const comment = userText.trim().max(DECISION_COMMENT_MAX);

export const supervisorDecisionSchema = versionedInput({
  decision: z.enum(['approve', 'return']),
  /** Required when returning it: what to change. */
  comment,
});
export type SupervisorDecision = z.infer<typeof supervisorDecisionSchema>;

export const hrDecisionSchema = versionedInput({
  decision: z.enum(['approve', 'refuse']),
  /** Required when refusing it: why. */
  comment,
});
export type HrDecision = z.infer<typeof hrDecisionSchema>;

export const applicationResultSchema = versionedInput({
  result: z.enum(['passed', 'failed']),
  /** The day the result came (合格発表); not after today. */
  resultDate: examDay,
});
export type ApplicationResult = z.infer<typeof applicationResultSchema>;

const decisionOf = z.object({
  /** Who decided (null once they left: erased). */
  byId: z.string().nullable(),
  byName: z.string().nullable(),
  comment: z.string(),
  /** ISO instant. */
  at: z.string(),
});

export const applicationViewSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string().nullable(),
  department: z.string().nullable(),
  qualificationName: z.string(),
  examDate: z.string(),
  fiscalYear: z.number(),
  costYen: z.number(),
  reason: z.string(),
  status: applicationStatusSchema,
  /** The supervisor's last decision (approve or return), null before it. */
  supervisorDecision: decisionOf.nullable(),
  /** HR's decision, null before it. */
  hrDecision: decisionOf.nullable(),
  resultDate: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

export const applicationListSchema = z.object({ applications: z.array(applicationViewSchema) });
export type ApplicationList = z.infer<typeof applicationListSchema>;

export const budgetInputSchema = z
  .object({ version: expectedVersionOrNew, amountYen: yenAmount(BUDGET_YEN_MAX) })
  .strict();
export type BudgetInput = z.infer<typeof budgetInputSchema>;

export const budgetCategoryRowSchema = z.object({
  category: courseCategorySchema,
  /** Costs of the courses' confirmed attendees (confirmed, attended, reported) in sessions of the year. */
  coursesYen: z.number(),
  /** Costs of the 資格取得 applications HR approved for an exam in the year (category qualification). */
  applicationsYen: z.number(),
});

export const trainingBudgetViewSchema = z.object({
  fiscalYear: z.number(),
  /** null while HR has not set the year's budget. */
  amountYen: z.number().nullable(),
  /** 0 while unset. */
  version: z.number(),
  updatedAt: z.string().nullable(),
  categories: z.array(budgetCategoryRowSchema),
  committedYen: z.number(),
  /** amountYen − committedYen (negative when over); null while unset. */
  remainingYen: z.number().nullable(),
  /** Confirmed attendees of courses that carry no cost: not counted above. */
  attendeesWithoutCost: z.number(),
});
export type TrainingBudgetView = z.infer<typeof trainingBudgetViewSchema>;

/** `?fiscalYear=` of HR's list: the current fiscal year when absent. */
export const applicationYearQuerySchema = z.object({ fiscalYear: fiscalYearListQuery });
