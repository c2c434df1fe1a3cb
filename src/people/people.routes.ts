import { z } from 'zod';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import { hrRouteGroup } from '../http/route-kinds.ts';
import { meResponseSchema, peopleSearchQuerySchema, personSummarySchema } from './people.contract.ts';
import type { PeopleService } from './people.service.ts';

export function peopleRoutes(service: PeopleService): RouteDefinition[] {
  const route = routeGroup({ tags: ['people'], auth: 'user' });
  const hr = hrRouteGroup({ tags: ['people'] });
  return [
    hr({
      method: 'get',
      path: '/api/people',
      operationId: 'searchPeople',
      summary: 'HR: find staff by name, user name, 課 or job title',
      request: {
        query: peopleSearchQuerySchema,
      },
      responses: {
        200: {
          description: 'People, by name',
          schema: z.array(personSummarySchema),
        },
      },
      handler: async ({ user, query }) => {
        return { body: await service.search({ isHr: user.isHr }, query.search, query.limit) };
      },
    }),
    route({
      method: 'get',
      path: '/api/me',
      operationId: 'getMe',
      summary: "The caller's profile: name, department, job level, roles",
      responses: { 200: { description: 'The signed-in person', schema: meResponseSchema } },
      handler: async ({ user }) => {
        return { body: await service.getProfile(user.id, { isHr: user.isHr }) };
      },
    }),
  ];
}
