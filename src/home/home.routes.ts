import { actorOf } from '../auth/access.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { homeSummarySchema } from './home.contract.ts';
import type { HomeService } from './home.service.ts';

export function homeRoutes(service: HomeService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/home',
      operationId: 'getHome',
      summary:
        'The home: what I have to do, what is coming up, what is new for me, and what waits on me from my direct reports',
      tags: ['home'],
      auth: 'user',
      responses: { 200: { description: 'My home', schema: homeSummarySchema } },
      handler: async ({ user }) => ({ body: await service.summary(actorOf(user)) }),
    }),
  ];
}
