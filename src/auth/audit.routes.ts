import { z } from 'zod';
import { actorOf } from './access.ts';
import { CSV_CONTENT_TYPE, csvAttachment } from '../shared/csv.ts';
import type { RouteDefinition } from '../http/route.ts';
import { hrRouteGroup, queryRead } from '../http/route-kinds.ts';
import { auditFilterSchema, auditPageQuerySchema, auditPageSchema } from './audit.contract.ts';
import type { AuditQuery } from './audit-query.ts';

/** HR's view of the audit log: filtered pages, newest first, and the same filters as a CSV file. */
export function auditRoutes(query: AuditQuery): RouteDefinition[] {
  const route = hrRouteGroup({ tags: ['audit'] });
  return [
    queryRead(route, {
      path: '/api/hr/audit',
      operationId: 'listAuditEntries',
      summary: 'HR: the audit log, newest first, filtered by actor, subject, action and dates',
      query: auditPageQuerySchema,
      ok: { description: 'One page; nextCursor asks for the next, older one', schema: auditPageSchema },
      read: (actor, filter) => query.page(actor, filter),
    }),
    route({
      method: 'get',
      path: '/api/hr/audit/export',
      operationId: 'exportAuditEntries',
      summary: 'HR: the filtered audit log as CSV (UTF-8 with BOM); the export itself is audited',
      request: { query: auditFilterSchema },
      responses: {
        200: { description: 'CSV, newest first', schema: z.string(), contentType: 'text/csv' },
        422: { description: 'Too many entries for one file: narrow the filters' },
      },
      handler: async ({ user, query: filter }) => {
        const { csv } = await query.exportCsv(actorOf(user), filter);
        const day = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
        return {
          raw: csv,
          contentType: CSV_CONTENT_TYPE,
          headers: {
            'content-disposition': csvAttachment(`audit-log-${day}.csv`),
            'cache-control': 'no-store',
          },
        };
      },
    }),
  ];
}
