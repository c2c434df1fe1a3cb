// API contract shared with the tab: a supervisor's own 育成 page (issue 19 point 6, policy 2(1)).
//
// GET /api/people/:personId/development?fiscalYear= → DevelopmentPage: what the supervisor did in the
// fiscal year to develop their direct reports, per person and in total, beside their level's role
// bullets from the policy. The supervisor themself, anyone above them in the reporting lines and HR.
import { z } from 'zod';
import { analyticsYearCsvQuerySchema, analyticsYearQuerySchema } from '../analytics/analytics.contract.ts';
import { fiscalYearListQuery } from '../http/contract-fragments.ts';
import { personSummarySchema } from '../people/people.contract.ts';

/** What a supervisor did towards one person (or all of them) in a fiscal year: counts. */
export const developmentCountsSchema = z.object({
  goalComments: z.number().describe('Comments written on the person’s goals of the fiscal year'),
  selfCheckComments: z
    .number()
    .describe('Feedback comments on items of the person’s self-checks of the year'),
  interviews: z.number().describe('Formal interviews held (over, not cancelled or failed)'),
  oneOnOnes: z.number().describe('1:1s held (over, not cancelled or failed)'),
  recommendations: z.number().describe('Training recommendations (推薦) made for the person'),
  reportComments: z.number().describe('Comments written on the person’s training reports'),
  ojtGuidance: z.number().describe('OJT guidance logged for the person (by the day it was given)'),
});
export type DevelopmentCounts = z.infer<typeof developmentCountsSchema>;

export const developmentPageSchema = z.object({
  fiscalYear: z.number(),
  supervisor: personSummarySchema,
  /** The supervisor's level's role bullets from the policy (empty when their level is unknown). */
  roles: z.array(z.object({ ja: z.string(), en: z.string() })),
  totals: developmentCountsSchema,
  /** Each direct report in force today, with what was done with them. */
  reports: z.array(personSummarySchema.extend(developmentCountsSchema.shape)),
});
export type DevelopmentPage = z.infer<typeof developmentPageSchema>;

export const developmentQuerySchema = z.object({ fiscalYear: fiscalYearListQuery });

// GET /api/hr/development?fiscalYear= → DevelopmentRollUp (HR only): every supervisor's measures of the
// year, those with nothing done included, and their sums by 部 and 課. GET /api/hr/development.csv: the
// supervisors' rows as CSV (UTF-8 with BOM, `lang` for the column labels).

export const developmentSupervisorRowSchema = personSummarySchema.extend({
  /** 部 */
  division: z.string().nullable(),
  directReports: z.number(),
  ...developmentCountsSchema.shape,
});
export type DevelopmentSupervisorRow = z.infer<typeof developmentSupervisorRowSchema>;

export const developmentGroupRowSchema = z.object({
  /** 部 */
  division: z.string().nullable(),
  /** 課; null in the rows by 部 */
  department: z.string().nullable(),
  supervisors: z.number(),
  /** Supervisors with nothing counted in the year. */
  inactive: z.number(),
  directReports: z.number(),
  ...developmentCountsSchema.shape,
});
export type DevelopmentGroupRow = z.infer<typeof developmentGroupRowSchema>;

export const developmentRollUpSchema = z.object({
  fiscalYear: z.number(),
  supervisors: z.array(developmentSupervisorRowSchema),
  departments: z.array(developmentGroupRowSchema),
  divisions: z.array(developmentGroupRowSchema),
  totals: developmentCountsSchema,
});
export type DevelopmentRollUp = z.infer<typeof developmentRollUpSchema>;

export const developmentRollUpQuerySchema = analyticsYearQuerySchema;
export const developmentRollUpCsvQuerySchema = analyticsYearCsvQuerySchema;
