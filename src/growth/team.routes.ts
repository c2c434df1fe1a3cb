import { actorOf } from '../auth/access.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { teamResponseSchema } from './team.contract.ts';
import type { TeamService } from './team.service.ts';

export function teamRoutes(service: TeamService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/team',
      operationId: 'getTeam',
      summary: "Everyone below me in the reporting lines, with this half's self-check and this year's goals",
      tags: ['growth'],
      auth: 'user',
      responses: { 200: { description: 'My team (empty without reports)', schema: teamResponseSchema } },
      handler: async ({ user }) => {
        return { body: await service.overview(actorOf(user)) };
      },
    }),
  ];
}
