import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { TeamService } from './team.service.ts';

const teamSchema = z.object({
  period: z.string().describe('The current half of the fiscal year, e.g. 2026-H2'),
  fiscalYear: z.number(),
  members: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      jobTitle: z.string().nullable(),
      levelId: z.string().nullable(),
      department: z.string().nullable(),
      managerId: z.string().nullable(),
      depth: z.number().describe('1 for a direct report, 2 for their reports, …'),
      selfCheck: z.enum(['none', 'draft', 'submitted', 'reviewed']),
      goals: z.number().describe('Goals set for the current fiscal year'),
      interview: z
        .object({ status: z.enum(['booked', 'done']), type: z.string(), start: z.string() })
        .nullable(),
    }),
  ),
});

export function teamRoutes(service: TeamService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/team',
      operationId: 'getTeam',
      summary: "Everyone below me in the reporting lines, with this half's self-check and this year's goals",
      tags: ['growth'],
      auth: 'user',
      responses: { 200: { description: 'My team (empty without reports)', schema: teamSchema } },
      handler: async ({ user }) => {
        return { body: await service.overview({ id: user.id, isHr: user.isHr }) };
      },
    }),
  ];
}
