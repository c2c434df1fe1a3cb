import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { eraseInputSchema, type ErasureService } from './erasure.service.ts';

// Entra object ids are GUIDs; anything else cannot name a person and is refused before any query.
const personId = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'must be a directory id (GUID)',
  )
  .describe('Directory id (Entra object id) of the leaver');
const personParam = z.object({ personId });
const countsSchema = z.record(z.string(), z.number());
const recordSchema = z.object({
  id: z.string(),
  personId: z.string(),
  displayName: z.string().nullable(),
  erasedBy: z.object({ id: z.string(), displayName: z.string().nullable() }),
  erasedAt: z.string(),
  forced: z.boolean(),
  reason: z.string().nullable(),
  deletes: countsSchema,
  detaches: countsSchema,
});

/** HR erases a leaver's personal data, sees beforehand what would go, and reads the records kept. */
export function erasureRoutes(service: ErasureService): RouteDefinition[] {
  const tags = ['privacy'];
  return [
    defineRoute({
      method: 'get',
      path: '/api/hr/people/:personId/erasure-preview',
      operationId: 'previewErasure',
      summary:
        'HR: what erasing a person would delete and detach, and whether the directory still lists them',
      tags,
      auth: 'user',
      request: { params: personParam },
      responses: {
        200: {
          description: 'Row counts by table and column',
          schema: z.object({
            personId: z.string(),
            displayName: z.string().nullable(),
            activeInDirectory: z.boolean(),
            deletes: countsSchema,
            detaches: countsSchema,
          }),
        },
        403: { description: 'Not HR' },
        404: { description: 'Nobody with that id: not in the directory and no data' },
      },
      handler: async ({ user, params }) => ({ body: await service.preview(actorOf(user), params.personId) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/hr/people/:personId/erase',
      operationId: 'erasePersonalData',
      summary: "HR: erase a leaver's personal data from every table, keeping a record of the erasure",
      tags,
      auth: 'user',
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
    defineRoute({
      method: 'get',
      path: '/api/hr/erasures',
      operationId: 'listErasures',
      summary: 'HR: the erasure records, newest first',
      tags,
      auth: 'user',
      request: {
        query: z.object({ personId: personId.optional().describe('Only this person') }),
      },
      responses: {
        200: { description: 'Records', schema: z.array(recordSchema) },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => ({ body: await service.list(actorOf(user), query.personId) }),
    }),
  ];
}
