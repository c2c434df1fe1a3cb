// Goals (src/growth/goal.routes.ts) and the team view (src/growth/team.routes.ts).
import type { z } from 'zod';
import type * as goals from '../../../../src/growth/goal.contract.ts';
import type * as team from '../../../../src/growth/team.contract.ts';
import type { Route } from '../route.ts';

type Goal = z.output<typeof goals.goalViewSchema>;

export interface GoalRoutes {
  'GET /api/team': Route<typeof team.teamResponseSchema>;
  'GET /api/workplace/goals': Route<
    typeof goals.workplaceGoalsResponseSchema,
    never,
    typeof goals.goalYearQuerySchema
  >;
  'GET /api/people/:personId/goals': Route<Goal[], never, typeof goals.goalYearQuerySchema>;
  'POST /api/people/:personId/goals': Route<Goal, typeof goals.goalInputSchema>;
  'PUT /api/people/:personId/goals/:goalId': Route<Goal, typeof goals.goalUpdateSchema>;
  'POST /api/people/:personId/goals/:goalId/progress': Route<Goal, typeof goals.goalProgressInputSchema>;
  'PUT /api/people/:personId/goals/:goalId/reflection': Route<Goal, typeof goals.goalReflectionInputSchema>;
  'POST /api/people/:personId/goals/:goalId/comments': Route<Goal, typeof goals.goalCommentInputSchema>;
}
