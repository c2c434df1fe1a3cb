// Goals (src/growth/goal.routes.ts) and the team view (src/growth/team.routes.ts).
import type { z } from 'zod';
import type {
  goalCommentInputSchema,
  goalInputSchema,
  goalProgressInputSchema,
  goalReflectionInputSchema,
  goalUpdateSchema,
  goalViewSchema,
  goalYearQuerySchema,
  workplaceGoalsResponseSchema,
} from '../../../../src/growth/goal.contract.ts';
import type { teamResponseSchema } from '../../../../src/growth/team.contract.ts';
import type { Route } from '../route.ts';

type Goal = z.output<typeof goalViewSchema>;

export interface GoalRoutes {
  'GET /api/team': Route<z.output<typeof teamResponseSchema>>;
  'GET /api/workplace/goals': Route<
    z.output<typeof workplaceGoalsResponseSchema>,
    never,
    z.input<typeof goalYearQuerySchema>
  >;
  'GET /api/people/:personId/goals': Route<Goal[], never, z.input<typeof goalYearQuerySchema>>;
  'POST /api/people/:personId/goals': Route<Goal, z.input<typeof goalInputSchema>>;
  'PUT /api/people/:personId/goals/:goalId': Route<Goal, z.input<typeof goalUpdateSchema>>;
  'POST /api/people/:personId/goals/:goalId/progress': Route<Goal, z.input<typeof goalProgressInputSchema>>;
  'PUT /api/people/:personId/goals/:goalId/reflection': Route<
    Goal,
    z.input<typeof goalReflectionInputSchema>
  >;
  'POST /api/people/:personId/goals/:goalId/comments': Route<Goal, z.input<typeof goalCommentInputSchema>>;
}
