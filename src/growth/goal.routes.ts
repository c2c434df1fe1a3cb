import { z } from 'zod';
import { answeringRecord, personRead, queryRead } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  goalCommentInputSchema,
  goalInputSchema,
  goalProgressInputSchema,
  goalReflectionInputSchema,
  goalUpdateSchema,
  goalViewSchema as goalSchema,
  goalYearQuerySchema,
  workplaceGoalsResponseSchema,
} from './goal.contract.ts';
import type { GoalService } from './goal.service.ts';
import { personParam, subjectOf, uuidParam } from '../http/params.ts';
import { personRecordRoutes } from './person-record-route.ts';

export function goalRoutes(service: GoalService): RouteDefinition[] {
  const route = routeGroup({ tags: ['growth'], auth: 'user' });
  const goalRoute = answeringRecord(
    personRecordRoutes({
      path: '/api/people/:personId/goals/:goalId',
      key: uuidParam,
      errors: {
        404: { description: 'No such goal' },
        409: { description: 'Read-only or changed meanwhile' },
      },
    }),
    { description: 'The goal', schema: goalSchema },
  );
  return [
    queryRead(route, {
      path: '/api/workplace/goals',
      operationId: 'listWorkplaceGoals',
      summary:
        'The goals of my 課 (titles, due dates and progress), as the policy shares them in the workplace',
      query: goalYearQuerySchema,
      ok: { description: 'My colleagues with their goals', schema: workplaceGoalsResponseSchema },
      read: (actor, query) => service.workplace(actor, query.fiscalYear),
    }),
    personRead(route, {
      path: '/api/people/:personId/goals',
      operationId: 'listGoals',
      summary: "A person's goals for a fiscal year (colleagues of the same 課 see titles and progress)",
      query: goalYearQuerySchema,
      ok: { description: 'Goals', schema: z.array(goalSchema) },
      read: (actor, personId, query) => service.list(actor, personId, query.fiscalYear),
    }),
    route({
      method: 'post',
      path: '/api/people/:personId/goals',
      operationId: 'createGoal',
      summary: 'Set a goal for a fiscal year',
      request: { params: z.object({ personId: personParam }), body: goalInputSchema },
      responses: {
        201: { description: 'Created', schema: goalSchema },
        200: { description: 'Made before by a request with the same idempotencyKey', schema: goalSchema },
      },
      handler: async ({ user, params, body }) => {
        const subject = subjectOf(user, params.personId);
        const { goal, created } = await service.create(subject.actor, subject.personId, body);
        return { status: created ? 201 : 200, body: goal };
      },
    }),
    goalRoute({
      method: 'put',
      path: '',
      operationId: 'updateGoal',
      summary: 'Change a goal',
      body: goalUpdateSchema,
      act: (actor, personId, goalId, body) => service.update(actor, personId, goalId, body),
    }),
    goalRoute({
      method: 'post',
      path: '/progress',
      operationId: 'addGoalProgress',
      summary: 'Record progress on a goal',
      body: goalProgressInputSchema,
      act: (actor, personId, goalId, body) => service.addProgress(actor, personId, goalId, body),
    }),
    goalRoute({
      method: 'put',
      path: '/reflection',
      operationId: 'reflectOnGoal',
      summary: 'My mid-year or year-end reflection on a goal',
      body: goalReflectionInputSchema,
      act: (actor, personId, goalId, body) => service.reflect(actor, personId, goalId, body),
    }),
    goalRoute({
      method: 'post',
      path: '/comments',
      operationId: 'commentOnGoal',
      summary: "A supervisor's comment on a goal (at setting, mid-year or year-end)",
      body: goalCommentInputSchema,
      act: (actor, personId, goalId, body) => service.comment(actor, personId, goalId, body),
    }),
  ];
}
