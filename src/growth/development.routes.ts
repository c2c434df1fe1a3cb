import { z } from 'zod';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import { developmentPageSchema, developmentQuerySchema } from './development.contract.ts';
import type { DevelopmentService } from './development.service.ts';
import { personParam, subjectOf } from './growth-params.ts';

export function developmentRoutes(service: DevelopmentService): RouteDefinition[] {
  const route = routeGroup({ tags: ['growth'], auth: 'user' });
  return [
    route({
      method: 'get',
      path: '/api/people/:personId/development',
      operationId: 'getDevelopment',
      summary:
        "A supervisor's 育成 page: what they did for their direct reports in a fiscal year, and their level's roles (the supervisor, their chain and HR; others' reads are audited)",
      request: { params: z.object({ personId: personParam }), query: developmentQuerySchema },
      responses: {
        200: { description: 'The page (no reports: an empty list)', schema: developmentPageSchema },
        403: { description: 'Not the supervisor, someone above them or HR' },
        404: { description: 'No such person' },
      },
      handler: async ({ user, params, query }) => {
        const subject = subjectOf(user, params.personId);
        return { body: await service.page(subject.actor, subject.personId, query.fiscalYear) };
      },
    }),
  ];
}
