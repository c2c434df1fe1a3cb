// API contract shared with the tab: the supervisor's view (policy 7(4)).
//
// GET /api/team → TeamResponse: everyone below the caller in the reporting lines (direct reports first,
// then their reports …), with where each stands in the current half-year and fiscal year. Empty for
// people without reports. Opening a person uses the per-person routes (self-checks, goals, career) with
// their id; those routes decide what the supervisor may see.
//
// One zod schema per shape: the route documents (and outside production checks) its answer with it, and
// the types are inferred from it.
import { z } from 'zod';
import { FORMAL_INTERVIEW_TYPES } from '../interviews/interview.contract.ts';
import { personPlacementFields, personSummarySchema } from '../people/people.contract.ts';

/**
 * The current half's self-check: none, draft, submitted (feedback not complete), reviewed (the
 * supervisor marked their feedback complete; per-item comments alone do not make it so).
 */
export const selfCheckStateSchema = z.enum(['none', 'draft', 'submitted', 'reviewed']);
export type SelfCheckState = z.infer<typeof selfCheckStateSchema>;

/**
 * A career milestone reached (docs/growth.md, "Career milestones") and still open: no career interview with
 * the person starts after it was prompted.
 */
export const careerPromptSchema = z.object({
  id: z.string(),
  kind: z.enum(['career-interview', 'path-choice']),
  years: z.number().describe('Years of service at the milestone'),
  dueOn: z.string().describe('The hire date’s anniversary it fell due on, YYYY-MM-DD'),
});
export type CareerPrompt = z.infer<typeof careerPromptSchema>;

export const teamMemberSchema = personSummarySchema.extend({
  managerId: personPlacementFields.managerId,
  depth: z.number().describe('1 for a direct report, 2 for their reports, …'),
  selfCheck: selfCheckStateSchema,
  /** Of a submitted self-check: how many of its items have a comment so far (e.g. 2 of 7). */
  selfCheckFeedback: z.object({ commented: z.number(), items: z.number() }).nullable().optional(),
  goals: z.number().describe('Goals set for the current fiscal year'),
  /** This fiscal year's next formal interview (booked), else the latest held (done); null when none. 1:1s do not count. */
  interview: z
    .object({ status: z.enum(['booked', 'done']), type: z.enum(FORMAL_INTERVIEW_TYPES), start: z.string() })
    .nullable(),
  /** Open career milestone prompts, oldest first (always sent; optional for older clients' fixtures). */
  careerPrompts: z.array(careerPromptSchema).optional(),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const teamResponseSchema = z.object({
  period: z.string().describe('The current half of the fiscal year, e.g. 2026-H2'),
  fiscalYear: z.number(),
  members: z.array(teamMemberSchema),
});
export type TeamResponse = z.infer<typeof teamResponseSchema>;
