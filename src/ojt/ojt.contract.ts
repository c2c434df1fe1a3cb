// API contract shared with the tab: OJT plans (policy 7(4)①, 係長「部下を指導・育成し、OJTを推進する」)
// and onboarding suggestions (docs/ojt.md).
//
// GET  /api/people/:personId/ojt-plan            → OjtPlanResponse (the person, their chain, HR, the 指導担当)
// POST /api/people/:personId/ojt-plan            ← OjtPlanCreateInput (the chain; 409 when one is active)
// PUT  /api/people/:personId/ojt-plan            ← OjtPlanUpdateInput (the chain; 409 on a stale version)
// POST /api/people/:personId/ojt-plan/ticks      ← OjtTickInput (the chain and the 指導担当)
// POST /api/people/:personId/ojt-plan/guidance   ← OjtGuidanceInput (the chain and the 指導担当)
// POST /api/people/:personId/ojt-plan/complete   ← version (the chain)
// GET  /api/ojt/plans?as=guide                   → OjtGuidedPlan[] (the active plans the caller is 指導担当 of)
// GET  /api/ojt/suggestions                      → OjtSuggestionView[] (the caller's open suggestions)
// POST /api/ojt/suggestions/:suggestionId/dismiss ← version (the supervisor it was made to)

import { z } from 'zod';
import { calendarDay, versionInputSchema, versionedInput } from '../http/contract-fragments.ts';
import { userText } from '../http/user-input.ts';

export const OJT_GOALS_MAX = 10;
export const OJT_CHECKLIST_MAX = 30;
export const OJT_SHORT_MAX = 200;
export const OJT_GUIDANCE_MAX = 2000;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const id = z.string().regex(UUID, 'must be an id');
const day = calendarDay('must be YYYY-MM-DD');
const line = (max: number) =>
  userText.max(max).refine((value) => value.trim().length > 0, 'must not be blank');

/** What a plan holds besides its version: the 指導担当, the period and the goals. */
const planFields = {
  /** The 指導担当: a person in force, normally of the same 課. */
  mentorPersonId: id,
  startsOn: day,
  endsOn: day,
  goals: z.array(line(OJT_SHORT_MAX)).max(OJT_GOALS_MAX),
};

export const ojtPlanCreateInputSchema = z
  .object({
    ...planFields,
    /** The checklist's items, in order. */
    checklist: z.array(line(OJT_SHORT_MAX)).max(OJT_CHECKLIST_MAX),
    /** The onboarding suggestion this plan answers (marked started with the plan), if any. */
    suggestionId: id.nullable().default(null),
  })
  .strict();
export type OjtPlanCreateInput = z.input<typeof ojtPlanCreateInputSchema>;
export type OjtPlanCreate = z.output<typeof ojtPlanCreateInputSchema>;

export const ojtPlanUpdateInputSchema = versionedInput({
  ...planFields,
  /** The whole checklist: an item with its id keeps its tick; one without is new; one left out goes. */
  checklist: z
    .array(z.object({ id: id.nullable(), label: line(OJT_SHORT_MAX) }).strict())
    .max(OJT_CHECKLIST_MAX),
});
export type OjtPlanUpdateInput = z.infer<typeof ojtPlanUpdateInputSchema>;

export const ojtTickInputSchema = versionedInput({ itemId: id, done: z.boolean() });
export type OjtTickInput = z.infer<typeof ojtTickInputSchema>;

export const ojtGuidanceInputSchema = versionedInput({ day, text: line(OJT_GUIDANCE_MAX) });
export type OjtGuidanceInput = z.infer<typeof ojtGuidanceInputSchema>;

export const ojtVersionInputSchema = versionInputSchema;

const personRefSchema = z.object({ id: z.string(), displayName: z.string().nullable() });

export const ojtPlanViewSchema = z.object({
  id: z.string(),
  personId: z.string(),
  mentor: personRefSchema,
  createdById: z.string(),
  status: z.enum(['active', 'completed']),
  startsOn: z.string(),
  endsOn: z.string(),
  goals: z.array(z.string()),
  checklist: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      doneAt: z.string().nullable(),
      doneBy: personRefSchema.nullable(),
    }),
  ),
  /** Newest first. */
  guidance: z.array(
    z.object({ id: z.string(), day: z.string(), text: z.string(), givenBy: personRefSchema }),
  ),
  suggestionId: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type OjtPlanView = z.infer<typeof ojtPlanViewSchema>;

export const ojtPlanResponseSchema = z.object({
  personId: z.string(),
  /** The active plan, or null when there is none. */
  plan: ojtPlanViewSchema.nullable(),
  /** The caller may create, edit and complete the plan (the person's chain). */
  canManage: z.boolean(),
  /** The caller may tick the checklist and log guidance (the chain and the 指導担当). */
  canGuide: z.boolean(),
});
export type OjtPlanResponse = z.infer<typeof ojtPlanResponseSchema>;

export const ojtSuggestionViewSchema = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), displayName: z.string().nullable() }),
  kind: z.enum(['hire', 'transfer']),
  department: z.string().nullable(),
  /** The default checklist for the arrival (docs/ojt.md), to prefill a new plan. */
  defaultChecklist: z.array(z.object({ ja: z.string(), en: z.string() })),
  version: z.number(),
  createdAt: z.string(),
});
export type OjtSuggestionView = z.infer<typeof ojtSuggestionViewSchema>;

export const ojtSuggestionDismissedSchema = z.object({ id: z.string(), status: z.literal('dismissed') });

// GET /api/ojt/plans?as=guide: the active plans whose 指導担当 is the caller, to reach each one. `as` names
// the caller's part in the plans; only `guide` is served (anything else is 400), so the route can grow.
export const ojtPlansQuerySchema = z.object({
  as: z.enum(['guide']).describe('The caller’s part in the plans listed: `guide` (the 指導担当)'),
});
export type OjtPlansQuery = z.infer<typeof ojtPlansQuerySchema>;

export const ojtGuidedPlanSchema = z.object({
  planId: z.string(),
  person: personRefSchema,
  /** The person's 課 in force today. */
  department: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** Checklist progress: items ticked of all items. */
  itemsDone: z.number(),
  itemsTotal: z.number(),
  /** The day guidance was last logged under the plan (by anyone), or null. */
  lastGuidanceOn: z.string().nullable(),
});
export type OjtGuidedPlan = z.infer<typeof ojtGuidedPlanSchema>;
