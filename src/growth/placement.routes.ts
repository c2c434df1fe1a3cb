import { z } from 'zod';
import { csvDownload, hrRouteGroup, queryRead } from '../http/route-kinds.ts';
import type { RouteDefinition } from '../http/route.ts';
import { fiscalYearParam } from '../http/params.ts';
import { personParam, subjectOf } from '../http/params.ts';
import { placementCsv } from './placement-csv.ts';
import {
  placementCsvQuerySchema,
  placementFormSchema,
  placementPageQuerySchema,
  placementPageSchema,
  placementRollUpQuerySchema,
  placementRollUpsSchema,
} from './placement.contract.ts';
import type { PlacementService } from './placement.service.ts';

const badFilter = { 400: { description: 'A filter, cursor or fiscal year that is not valid' } } as const;

export function placementRoutes(service: PlacementService): RouteDefinition[] {
  const hr = hrRouteGroup({ tags: ['growth'] });
  return [
    queryRead(hr, {
      path: '/api/hr/placement/declarations',
      operationId: 'listPlacementDeclarations',
      summary: "HR's 配置 workspace: a page of the fiscal year's 自己申告, filtered (audited)",
      query: placementPageQuerySchema,
      ok: { description: 'The page', schema: placementPageSchema },
      errors: badFilter,
      read: (actor, query) => service.list(actor, query),
    }),
    csvDownload(hr, {
      path: '/api/hr/placement/declarations.csv',
      operationId: 'exportPlacementDeclarations',
      summary: "HR's 配置 workspace: the filtered 自己申告 with their texts as CSV (audited as an export)",
      query: placementCsvQuerySchema,
      description: 'The forms as CSV (UTF-8 with BOM)',
      errors: badFilter,
      table: async (actor, { lang, ...filter }) => {
        const exported = await service.export(actor, filter);
        return placementCsv(exported.fiscalYear, exported.rows, lang);
      },
    }),
    hr({
      method: 'get',
      path: '/api/hr/placement/declarations/:fiscalYear/:personId',
      operationId: 'getPlacementDeclaration',
      summary: "HR's 配置 workspace: one person's 自己申告 with their placement and career path (audited)",
      request: { params: z.object({ fiscalYear: fiscalYearParam, personId: personParam }) },
      responses: {
        200: {
          description: 'The form (blank, status new, before the first save)',
          schema: placementFormSchema,
        },
        404: { description: 'No such person in force today, or no such fiscal year' },
      },
      handler: async ({ user, params }) => {
        const subject = subjectOf(user, params.personId);
        return { body: await service.form(subject.actor, params.fiscalYear, subject.personId) };
      },
    }),
    queryRead(hr, {
      path: '/api/hr/placement/roll-ups',
      operationId: 'getPlacementRollUps',
      summary:
        "HR's 配置 workspace: transfer wishes by 課, career paths, the 評価期間's end and rotation coverage (audited)",
      query: placementRollUpQuerySchema,
      ok: { description: 'The roll-ups', schema: placementRollUpsSchema },
      errors: badFilter,
      read: (actor, query) => service.rollUps(actor, query.fiscalYear),
    }),
  ];
}
