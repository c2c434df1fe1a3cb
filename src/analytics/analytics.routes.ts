import type { z } from 'zod';
import type { Actor } from '../auth/access.ts';
import type { Framework } from '../framework/framework.schema.ts';
import type { RouteDefinition } from '../http/route.ts';
import { csvDownload, hrRouteGroup, queryRead } from '../http/route-kinds.ts';
import {
  analyticsYearCsvQuerySchema as yearCsvQuery,
  analyticsYearQuerySchema as yearQuery,
  competencyCsvQuerySchema,
  competencyQuerySchema,
  competencyReportSchema,
  completionCsvQuerySchema,
  completionQuerySchema,
  completionReportSchema,
  demandReportSchema,
  submissionReportSchema,
  wantedReportSchema,
  type CsvLanguage,
} from './analytics.contract.ts';
import { createCsvTables, type CsvTable } from './analytics.csv-tables.ts';
import type { AnalyticsService } from './analytics.service.ts';

/** HR's roll-ups: JSON for the tab, and every table again as CSV for Excel. */
export function analyticsRoutes(service: AnalyticsService, framework: Framework): RouteDefinition[] {
  const route = hrRouteGroup({ tags: ['analytics'] });
  const csv = createCsvTables(framework);

  type Query = z.ZodType<Record<string, unknown>>;

  /** A table of a roll-up as a CSV download; its reads are audited as exports. */
  const csvExport = <Q extends Query>(
    spec: { path: string; operationId: string; summary: string; query: Q },
    table: (actor: Actor, query: z.infer<Q>) => Promise<CsvTable>,
  ) => csvDownload(route, { ...spec, description: 'The table as CSV (UTF-8 with BOM)', table });

  /** The four tables of 今後受けたい研修, each its own download. */
  const wantedCsv = (
    path: string,
    operationId: string,
    summary: string,
    table: (report: Awaited<ReturnType<AnalyticsService['wanted']>>, language: CsvLanguage) => CsvTable,
  ) =>
    csvExport({ path, operationId, summary, query: yearCsvQuery }, async (actor, query) =>
      table(await service.wanted(actor, query, 'export', operationId), query.lang),
    );

  return [
    queryRead(route, {
      path: '/api/hr/reports/submission',
      operationId: 'getReportSubmission',
      summary: 'HR: post-training report submission rate per ended session of the fiscal year',
      query: yearQuery,
      ok: { description: 'Sessions, the latest first', schema: submissionReportSchema },
      read: (actor, query) => service.submission(actor, query),
    }),
    csvExport(
      {
        path: '/api/hr/reports/submission.csv',
        operationId: 'exportReportSubmission',
        summary: 'HR: the submission rate per session as CSV',
        query: yearCsvQuery,
      },
      async (actor, query) => csv.submission(await service.submission(actor, query, 'export'), query.lang),
    ),
    queryRead(route, {
      path: '/api/hr/reports/wanted',
      operationId: 'getTrainingsWanted',
      summary:
        'HR: 今後受けたい研修 of the year’s reports by course, level and 課 (free text only where 3 or more wrote)',
      query: yearQuery,
      ok: { description: 'The aggregation', schema: wantedReportSchema },
      read: (actor, query) => service.wanted(actor, query),
    }),
    wantedCsv(
      '/api/hr/reports/wanted-courses.csv',
      'exportTrainingsWantedByCourse',
      'HR: trainings wanted by course (and level) as CSV',
      (report, language) => csv.wantedCourses(report, language),
    ),
    wantedCsv(
      '/api/hr/reports/wanted-levels.csv',
      'exportTrainingsWantedByLevel',
      'HR: trainings wanted by level as CSV',
      (report, language) => csv.wantedLevels(report, language),
    ),
    wantedCsv(
      '/api/hr/reports/wanted-departments.csv',
      'exportTrainingsWantedByDepartment',
      'HR: trainings wanted by 課 as CSV',
      (report, language) => csv.wantedDepartments(report, language),
    ),
    wantedCsv(
      '/api/hr/reports/wanted-texts.csv',
      'exportTrainingsWantedTexts',
      'HR: the free text of trainings wanted per 課 as CSV (hidden where fewer than 3 wrote)',
      (report, language) => csv.wantedTexts(report, language),
    ),
    queryRead(route, {
      path: '/api/hr/dashboards/completion',
      operationId: 'getCompletionDashboard',
      summary: 'HR: self-checks, goals, interviews and training reports of the fiscal year by 課 or 部',
      query: completionQuerySchema,
      ok: { description: 'One row per group', schema: completionReportSchema },
      read: (actor, query) => service.completion(actor, query),
    }),
    csvExport(
      {
        path: '/api/hr/dashboards/completion.csv',
        operationId: 'exportCompletionDashboard',
        summary: 'HR: completion by 課 or 部 as CSV',
        query: completionCsvQuerySchema,
      },
      async (actor, query) => csv.completion(await service.completion(actor, query, 'export'), query.lang),
    ),
    queryRead(route, {
      path: '/api/hr/dashboards/competencies',
      operationId: 'getCompetencyPicture',
      summary:
        'HR: average self-assessed rating per competency by level or 課 (latest submitted self-checks; cells under 3 people withheld)',
      query: competencyQuerySchema,
      ok: { description: 'One row per group', schema: competencyReportSchema },
      read: (actor, query) => service.competencies(actor, query),
    }),
    csvExport(
      {
        path: '/api/hr/dashboards/competencies.csv',
        operationId: 'exportCompetencyPicture',
        summary: 'HR: the competency picture as CSV (withheld cells say so)',
        query: competencyCsvQuerySchema,
      },
      async (actor, query) =>
        csv.competencies(await service.competencies(actor, query, 'export'), query.lang),
    ),
    queryRead(route, {
      path: '/api/hr/dashboards/demand',
      operationId: 'getTrainingDemand',
      summary: 'HR: training demand — courses wanted in the year’s reports, by level',
      query: yearQuery,
      ok: { description: 'Most wanted first', schema: demandReportSchema },
      read: (actor, query) => service.demand(actor, query),
    }),
    csvExport(
      {
        path: '/api/hr/dashboards/demand.csv',
        operationId: 'exportTrainingDemand',
        summary: 'HR: training demand as CSV',
        query: yearCsvQuery,
      },
      async (actor, query) =>
        csv.wantedCourses(await service.demand(actor, query, 'export'), query.lang, 'training-demand'),
    ),
  ];
}
