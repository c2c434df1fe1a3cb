import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { PeopleService } from './people.service.ts';
import { dbIntegerFromText, userText } from '../http/user-input.ts';

export const meSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  department: z.string().nullable(),
  division: z.string().nullable(),
  jobTitle: z.string().nullable(),
  levelId: z.string().nullable(),
  employmentType: z.enum(['regular', 'fiscalYear']),
  managerId: z.string().nullable(),
  roles: z.array(z.enum(['employee', 'supervisor', 'hr'])),
});

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
        query: z.object({
          search: userText.trim().min(1).max(100),
          limit: dbIntegerFromText.min(1).max(50).default(20),
        }),
      },
      responses: {
        200: {
          description: 'People, by name',
          schema: z.array(
            z.object({
              id: z.string(),
              displayName: z.string(),
              department: z.string().nullable(),
              jobTitle: z.string().nullable(),
              levelId: z.string().nullable(),
            }),
          ),
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
      responses: { 200: { description: 'The signed-in person', schema: meSchema } },
      handler: async ({ user }) => {
        return { body: await service.getProfile(user.id, { isHr: user.isHr }) };
      },
    }),
  ];
}
