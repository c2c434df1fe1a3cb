// OJT plans and onboarding suggestions (src/ojt/ojt.routes.ts).
import type { z } from 'zod';
import type * as contract from '../../../../src/ojt/ojt.contract.ts';
import type { Route } from '../route.ts';

type Plan = z.output<typeof contract.ojtPlanResponseSchema>;

export interface OjtRoutes {
  'GET /api/people/:personId/ojt-plan': Route<Plan>;
  'POST /api/people/:personId/ojt-plan': Route<Plan, typeof contract.ojtPlanCreateInputSchema>;
  'PUT /api/people/:personId/ojt-plan': Route<Plan, typeof contract.ojtPlanUpdateInputSchema>;
  'POST /api/people/:personId/ojt-plan/ticks': Route<Plan, typeof contract.ojtTickInputSchema>;
  'POST /api/people/:personId/ojt-plan/guidance': Route<Plan, typeof contract.ojtGuidanceInputSchema>;
  'POST /api/people/:personId/ojt-plan/complete': Route<Plan, typeof contract.ojtVersionInputSchema>;
  'GET /api/ojt/plans': Route<
    Array<z.output<typeof contract.ojtGuidedPlanSchema>>,
    never,
    typeof contract.ojtPlansQuerySchema
  >;
  'GET /api/ojt/suggestions': Route<Array<z.output<typeof contract.ojtSuggestionViewSchema>>>;
  'POST /api/ojt/suggestions/:suggestionId/dismiss': Route<
    z.output<typeof contract.ojtSuggestionDismissedSchema>,
    typeof contract.ojtVersionInputSchema
  >;
}
