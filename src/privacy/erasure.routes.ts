import type { RouteDefinition } from '../http/route.ts';
import { hrPersonRoutes, hrRouteGroup, queryRead } from '../http/route-kinds.ts';
import {
  eraseInputSchema,
  erasureListQuerySchema,
  erasurePersonParamsSchema as personParams,
  erasurePreviewSchema,
  erasureRecordViewSchema as recordSchema,
} from './erasure.contract.ts';
import type { ErasureService } from './erasure.service.ts';

/** HR erases a leaver's personal data, sees beforehand what would go, and reads the records kept. */
export function erasureRoutes(service: ErasureService): RouteDefinition[] {
  const route = hrRouteGroup({ tags: ['privacy'] });
  /** HR's erasure of one person, by the id as given (also someone the directory no longer lists). */
  const person = hrPersonRoutes({
    tags: ['privacy'],
    params: personParams,
    id: 'as given',
    errors: { 404: { description: 'Nobody with that id: not in the directory and no data' } },
  });
  return [
    person({
      method: 'get',
      path: '/erasure-preview',
      operationId: 'previewErasure',
      summary:
        'HR: what erasing a person would delete and detach, and whether the directory still lists them',
      ok: { description: 'Row counts by table and column', schema: erasurePreviewSchema },
      act: (actor, personId) => service.preview(actor, personId),
    }),
    person({
      method: 'post',
      path: '/erase',
      operationId: 'erasePersonalData',
      summary: "HR: erase a leaver's personal data from every table, keeping a record of the erasure",
      body: eraseInputSchema,
      status: 201,
      ok: { description: 'Erased; the record kept', schema: recordSchema },
      errors: {
        409: { description: 'Still active in the directory (force with a reason), or HR’s own data' },
      },
      act: (actor, personId, body) => service.erase(actor, personId, body),
    }),
    queryRead(route, {
      path: '/api/hr/erasures',
      operationId: 'listErasures',
      summary: 'HR: the erasure records, newest first',
      query: erasureListQuerySchema,
      ok: { description: 'Records', schema: recordSchema.array() },
      read: (actor, query) => service.list(actor, query.personId),
    }),
  ];
}
