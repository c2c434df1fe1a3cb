import { actorOf } from '../auth/access.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  eraseInputSchema,
  erasureListQuerySchema,
  erasurePersonParamsSchema as personParam,
  erasurePreviewSchema,
  erasureRecordViewSchema as recordSchema,
} from './erasure.contract.ts';
import type { ErasureService } from './erasure.service.ts';

/** HR erases a leaver's personal data, sees beforehand what would go, and reads the records kept. */
export function erasureRoutes(service: ErasureService): RouteDefinition[] {
  const route = routeGroup({ tags: ['privacy'], auth: 'user' });
  return [
    route({
      method: 'get',
      path: '/api/hr/people/:personId/erasure-preview',
      operationId: 'previewErasure',
      summary:
        'HR: what erasing a person would delete and detach, and whether the directory still lists them',
      request: { params: personParam },
      responses: {
        200: {
          description: 'Row counts by table and column',
          schema: erasurePreviewSchema,
        },
        403: { description: 'Not HR' },
        404: { description: 'Nobody with that id: not in the directory and no data' },
      },
      handler: async ({ user, params }) => ({ body: await service.preview(actorOf(user), params.personId) }),
    }),
    route({
      method: 'post',
      path: '/api/hr/people/:personId/erase',
      operationId: 'erasePersonalData',
      summary: "HR: erase a leaver's personal data from every table, keeping a record of the erasure",
      request: { params: personParam, body: eraseInputSchema },
      responses: {
        201: { description: 'Erased; the record kept', schema: recordSchema },
        403: { description: 'Not HR' },
        404: { description: 'Nobody with that id: not in the directory and no data' },
        409: { description: 'Still active in the directory (force with a reason), or HR’s own data' },
      },
      handler: async ({ user, params, body }) => ({
        status: 201,
        body: await service.erase(actorOf(user), params.personId, body),
      }),
    }),
    route({
      method: 'get',
      path: '/api/hr/erasures',
      operationId: 'listErasures',
      summary: 'HR: the erasure records, newest first',
      request: { query: erasureListQuerySchema },
      responses: {
        200: { description: 'Records', schema: recordSchema.array() },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => ({ body: await service.list(actorOf(user), query.personId) }),
    }),
  ];
}
