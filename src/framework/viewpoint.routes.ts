import { actorOf } from '../auth/access.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  viewpointInputSchema,
  viewpointListSchema,
  viewpointParamsSchema,
  viewpointSchema,
} from './viewpoint.contract.ts';
import type { ViewpointService } from './viewpoint.service.ts';

export function viewpointRoutes(service: ViewpointService): RouteDefinition[] {
  const route = routeGroup({ tags: ['framework'], auth: 'user' });
  return [
    route({
      method: 'get',
      path: '/api/framework/viewpoints',
      operationId: 'listViewpoints',
      summary: '着眼点 HR wrote per level and competency, for the framework version in force',
      responses: { 200: { description: 'The 着眼点', schema: viewpointListSchema } },
      handler: async () => ({ body: await service.list() }),
    }),
    route({
      method: 'put',
      path: '/api/framework/viewpoints/:levelId/:competencyId',
      operationId: 'writeViewpoint',
      summary: 'Write one 着眼点 (HR); both texts empty clears it',
      request: { params: viewpointParamsSchema, body: viewpointInputSchema },
      responses: {
        200: { description: 'Written', schema: viewpointSchema },
        204: { description: 'Cleared: the self-check shows the policy’s own words again' },
        403: { description: 'Not HR' },
        404: { description: 'No such level or competency' },
        409: { description: 'Changed by someone else meanwhile (version)' },
        422: { description: 'A blank cell: no self-check item at this level' },
      },
      handler: async ({ user, params, body }) => {
        const written = await service.write(actorOf(user), params.levelId, params.competencyId, body);
        return written ? { status: 200 as const, body: written } : { status: 204 as const };
      },
    }),
  ];
}
