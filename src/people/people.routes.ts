import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { meResponseSchema, peopleSearchQuerySchema, personSummarySchema } from './people.contract.ts';
import type { PeopleService } from './people.service.ts';

export function peopleRoutes(service: PeopleService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/people',
      operationId: 'searchPeople',
      summary: 'HR: find staff by name, user name, 課 or job title',
      tags: ['people'],
      auth: 'user',
      request: {
        query: peopleSearchQuerySchema,
      },
      responses: {
        200: {
          description: 'People, by name',
          schema: z.array(personSummarySchema),
        },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => {
        return { body: await service.search({ isHr: user.isHr }, query.search, query.limit) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me',
      operationId: 'getMe',
      summary: "The caller's profile: name, department, job level, roles",
      tags: ['people'],
      auth: 'user',
      responses: { 200: { description: 'The signed-in person', schema: meResponseSchema } },
      handler: async ({ user }) => {
        return { body: await service.getProfile(user.id, { isHr: user.isHr }) };
      },
    }),
  ];
}
