import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { hrRouteGroup } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import { CSV_CONTENT_TYPE, csvResult } from '../shared/csv.ts';
import {
  developmentPageSchema,
  developmentQuerySchema,
  developmentRollUpCsvQuerySchema,
  developmentRollUpQuerySchema,
  developmentRollUpSchema,
} from './development.contract.ts';
import { developmentCsv } from './development-csv.ts';
import type { DevelopmentService } from './development.service.ts';
import { personParam, subjectOf } from './growth-params.ts';

export function developmentRoutes(service: DevelopmentService): RouteDefinition[] {
  const route = routeGroup({ tags: ['growth'], auth: 'user' });
  const hr = hrRouteGroup({ tags: ['growth'] });
  return [
    route({
      method: 'get',
      path: '/api/people/:personId/development',
      operationId: 'getDevelopment',
      summary:
        "A supervisor's 育成 page: what they did for their direct reports in a fiscal year, and their level's roles (the supervisor, their chain and HR; others' reads are audited)",
      request: { params: z.object({ personId: personParam }), query: developmentQuerySchema },
      responses: {
        200: { description: 'The page (no reports: an empty list)', schema: developmentPageSchema },
        403: { description: 'Not the supervisor, someone above them or HR' },
        404: { description: 'No such person' },
      },
      handler: async ({ user, params, query }) => {
        const subject = subjectOf(user, params.personId);
        return { body: await service.page(subject.actor, subject.personId, query.fiscalYear) };
      },
    }),
    hr({
      method: 'get',
      path: '/api/hr/development',
      operationId: 'getDevelopmentRollUp',
      summary:
        "HR: every supervisor's 育成 measures of a fiscal year (those with none included), summed by 部 and 課",
      request: { query: developmentRollUpQuerySchema },
      responses: { 200: { description: 'The roll-up', schema: developmentRollUpSchema } },
      handler: async ({ user, query }) => ({ body: await service.rollUp(actorOf(user), query.fiscalYear) }),
    }),
    hr({
      method: 'get',
      path: '/api/hr/development.csv',
      operationId: 'exportDevelopmentRollUp',
      summary: 'HR: the supervisors of the 育成 roll-up as CSV',
      request: { query: developmentRollUpCsvQuerySchema },
      responses: {
        200: {
          description: 'The table as CSV (UTF-8 with BOM)',
          schema: z.string(),
          contentType: CSV_CONTENT_TYPE,
        },
      },
      handler: async ({ user, query }) => {
        const table = developmentCsv(
          await service.rollUp(actorOf(user), query.fiscalYear, 'export'),
          query.lang,
        );
        return csvResult(table.name, table.header, table.rows);
      },
    }),
  ];
}
