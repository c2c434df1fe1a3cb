import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { PeopleService } from './people.service.ts';

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
      path: '/api/me',
      operationId: 'getMe',
      summary: "The caller's profile: name, department, job level, roles",
      tags: ['people'],
      auth: 'user',
      responses: { 200: { description: 'The signed-in person', schema: meSchema } },
      handler: async ({ user }) => {
        if (!user) throw new AppError('unauthenticated', 'Sign in first.');
        return { body: await service.getProfile(user.id, { isHr: user.isHr }) };
      },
    }),
  ];
}
