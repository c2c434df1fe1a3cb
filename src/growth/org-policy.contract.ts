// API contract shared with the tab: 部・課の方針 and their goals (issue 20 point 2, docs/growth.md).
//
// GET /api/policies/:fiscalYear/divisions/:division       → OrgPolicyView (everyone signed in)
// PUT /api/policies/:fiscalYear/divisions/:division       ← OrgPolicyInput → OrgPolicyView (the 部's 部長, HR)
// GET /api/policies/:fiscalYear/departments/:department   → OrgPolicyView (everyone signed in)
// PUT /api/policies/:fiscalYear/departments/:department   ← OrgPolicyInput → OrgPolicyView (the 課's 課長, HR)
// GET /api/policies/:fiscalYear/departments/:department/coverage → DepartmentCoverage (the chain above
//     people of the 課, HR; each sees only the goals of the people they read as supervisor or HR)
//
// A 部 is the people's `division`, a 課 their `department` (the values in force). Writes are refused
// (409) for a past fiscal year and for years after the next; a stale version is 409 too.

import { z } from 'zod';
import { expectedVersionOrNew, versionStampFields } from '../http/contract-fragments.ts';
import { userText } from '../http/user-input.ts';

export const ORG_POLICY_MAX = 4000;
export const ORG_GOALS_MAX = 10;
export const ORG_GOAL_TITLE_MAX = 200;
export const ORG_GOAL_DESCRIPTION_MAX = 1000;
export const ORG_UNIT_MAX = 100;

export const orgPolicyKindSchema = z.enum(['division', 'department']);
export type OrgPolicyKind = z.infer<typeof orgPolicyKindSchema>;

/** A 部 or 課 name in a path, as the directory (or HR's record) names it. */
export const orgUnitParam = userText
  .trim()
  .min(1, 'must name a 部 or 課')
  .max(ORG_UNIT_MAX, `must be at most ${ORG_UNIT_MAX} characters`);

export const orgGoalSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  /** A 課 goal: the 部 goal (same fiscal year) it serves, or null. Always null on a 部 goal. */
  divisionGoalId: z.string().nullable(),
});
export type OrgGoal = z.infer<typeof orgGoalSchema>;

export const orgPolicyViewSchema = z.object({
  kind: orgPolicyKindSchema,
  /** The 部 or 課. */
  unit: z.string(),
  fiscalYear: z.number(),
  policy: z.string(),
  goals: z.array(orgGoalSchema),
  /** 0 (and updatedAt null) while nobody has written the year's policy. */
  version: versionStampFields.version,
  updatedAt: z.string().nullable(),
  /** Whether the caller may change it (the unit's 部長/課長 or HR, while the year is open). */
  canEdit: z.boolean(),
});
export type OrgPolicyView = z.infer<typeof orgPolicyViewSchema>;

export const orgGoalInputSchema = z
  .object({
    /** An existing goal's id to keep it (and the personal goals linked to it); absent for a new goal. */
    id: z.uuid('must be the id of a goal of this policy').optional(),
    title: userText.trim().min(1).max(ORG_GOAL_TITLE_MAX),
    description: userText.max(ORG_GOAL_DESCRIPTION_MAX),
    divisionGoalId: z.uuid('must be the id of a goal of the 部').nullable(),
  })
  .strict();
export type OrgGoalInput = z.infer<typeof orgGoalInputSchema>;

export const orgPolicyInputSchema = z
  .object({
    version: expectedVersionOrNew,
    policy: userText.max(ORG_POLICY_MAX),
    goals: z.array(orgGoalInputSchema).max(ORG_GOALS_MAX),
  })
  .strict();
export type OrgPolicyInput = z.infer<typeof orgPolicyInputSchema>;

const coveredGoalSchema = z.object({ id: z.string(), title: z.string() });
const coveredPersonSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  goals: z.array(coveredGoalSchema),
});

/** How the personal goals of a 課's people cover the 課's goals (issue 20 point 2). */
export const departmentCoverageSchema = z.object({
  department: z.string(),
  fiscalYear: z.number(),
  policy: z.string(),
  goals: z.array(
    orgGoalSchema.extend({
      /** The people (that the caller may read) with a goal linked to this one, by name. */
      people: z.array(coveredPersonSchema),
    }),
  ),
  /** The people whose goals link to nothing (or to a 課 goal since removed): the goals concerned. */
  unlinked: z.array(coveredPersonSchema),
});
export type DepartmentCoverage = z.infer<typeof departmentCoverageSchema>;
