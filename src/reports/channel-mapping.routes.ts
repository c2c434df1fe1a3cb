import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import type { RouteDefinition } from '../http/route.ts';
import { callerRead, hrRouteGroup } from '../http/route-kinds.ts';
import {
  channelMappingOverviewSchema,
  channelMappingSchema,
  channelUnmapQuery,
  departmentParam,
} from './channel-mapping.contract.ts';
import type { ChannelMappingService } from './channel-mapping.service.ts';

export function channelMappingRoutes(service: ChannelMappingService): RouteDefinition[] {
  const route = hrRouteGroup({ tags: ['reports'] });
  const params = z.object({ department: departmentParam });
  const answer = {
    200: {
      description: 'Installed teams and every 課 with its channel',
      schema: channelMappingOverviewSchema,
    },
  };
  return [
    callerRead(route, {
      path: '/api/reports/channel-mappings',
      operationId: 'listReportChannelMappings',
      summary: 'HR: the teams the app is installed in and the channel each 課 shares its reports to',
      ok: answer[200],
      read: (actor) => service.overview(actor),
    }),
    route({
      method: 'put',
      path: '/api/reports/channel-mappings/:department',
      operationId: 'mapReportChannel',
      summary: 'HR: share the reports of a 課 to a channel of a team the app is installed in',
      request: { params, body: channelMappingSchema },
      responses: {
        ...answer,
        400: { description: 'The team is not installed, or the channel is not one of its channels' },
        409: { description: 'Changed by someone else meanwhile' },
      },
      handler: async ({ user, params: { department }, body }) => ({
        body: await service.put(actorOf(user), department, body),
      }),
    }),
    route({
      method: 'delete',
      path: '/api/reports/channel-mappings/:department',
      operationId: 'unmapReportChannel',
      summary: 'HR: stop sharing the reports of a 課',
      request: { params, query: channelUnmapQuery },
      responses: {
        ...answer,
        404: { description: 'The 課 is not mapped' },
        409: { description: 'Changed by someone else meanwhile' },
      },
      handler: async ({ user, params: { department }, query }) => ({
        body: await service.remove(actorOf(user), department, query.version),
      }),
    }),
  ];
}
