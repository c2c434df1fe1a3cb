import { csvDownload, hrRouteGroup, personRead, queryRead } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  developmentPageSchema,
  developmentQuerySchema,
  developmentRollUpCsvQuerySchema,
  developmentRollUpQuerySchema,
  developmentRollUpSchema,
} from './development.contract.ts';
import { developmentCsv } from './development-csv.ts';
import type { DevelopmentService } from './development.service.ts';

export function developmentRoutes(service: DevelopmentService): RouteDefinition[] {
  const route = routeGroup({ tags: ['growth'], auth: 'user' });
  const hr = hrRouteGroup({ tags: ['growth'] });
  return [
    personRead(route, {
      path: '/api/people/:personId/development',
      operationId: 'getDevelopment',
      summary:
        "A supervisor's 育成 page: what they did for their direct reports in a fiscal year, and their level's roles (the supervisor, their chain and HR; others' reads are audited)",
      query: developmentQuerySchema,
      ok: { description: 'The page (no reports: an empty list)', schema: developmentPageSchema },
      errors: {
        403: { description: 'Not the supervisor, someone above them or HR' },
        404: { description: 'No such person' },
      },
      read: (actor, personId, query) => service.page(actor, personId, query.fiscalYear),
    }),
    queryRead(hr, {
      path: '/api/hr/development',
      operationId: 'getDevelopmentRollUp',
      summary:
        "HR: every supervisor's 育成 measures of a fiscal year (those with none included), summed by 部 and 課",
      query: developmentRollUpQuerySchema,
      ok: { description: 'The roll-up', schema: developmentRollUpSchema },
      read: (actor, query) => service.rollUp(actor, query.fiscalYear),
    }),
    csvDownload(hr, {
      path: '/api/hr/development.csv',
      operationId: 'exportDevelopmentRollUp',
      summary: 'HR: the supervisors of the 育成 roll-up as CSV',
      query: developmentRollUpCsvQuerySchema,
      description: 'The table as CSV (UTF-8 with BOM)',
      table: async (actor, query) =>
        developmentCsv(await service.rollUp(actor, query.fiscalYear, 'export'), query.lang),
    }),
  ];
}
