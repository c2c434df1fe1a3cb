import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
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
import { CSV_CONTENT_TYPE, csvResult } from '../shared/csv.ts';

const csvResponses = {
  200: {
    description: 'The table as CSV (UTF-8 with BOM)',
    schema: z.string(),
    contentType: CSV_CONTENT_TYPE,
  },
  403: { description: 'Not HR' },
};

const download = (table: CsvTable) => csvResult(table.name, table.header, table.rows);

/** HR's roll-ups: JSON for the tab, and every table again as CSV for Excel. */
export function analyticsRoutes(service: AnalyticsService, framework: Framework): RouteDefinition[] {
  const route = routeGroup({ tags: ['analytics'], auth: 'user' });
  const csv = createCsvTables(framework);

  /** The four tables of 今後受けたい研修, each its own download. */
  const wantedCsv = (
    path: string,
    operationId: string,
    summary: string,
    table: (report: Awaited<ReturnType<AnalyticsService['wanted']>>, language: CsvLanguage) => CsvTable,
  ) =>
    route({
      method: 'get',
      path,
      operationId,
      summary,
      request: { query: yearCsvQuery },
      responses: csvResponses,
      handler: async ({ user, query }) =>
        download(table(await service.wanted(actorOf(user), query, 'export', operationId), query.lang)),
    });

  return [
    route({
      method: 'get',
      path: '/api/hr/reports/submission',
      operationId: 'getReportSubmission',
      summary: 'HR: post-training report submission rate per ended session of the fiscal year',
      request: { query: yearQuery },
      responses: {
        200: { description: 'Sessions, the latest first', schema: submissionReportSchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => ({ body: await service.submission(actorOf(user), query) }),
    }),
    route({
      method: 'get',
      path: '/api/hr/reports/submission.csv',
      operationId: 'exportReportSubmission',
      summary: 'HR: the submission rate per session as CSV',
      request: { query: yearCsvQuery },
      responses: csvResponses,
      handler: async ({ user, query }) =>
        download(csv.submission(await service.submission(actorOf(user), query, 'export'), query.lang)),
    }),
    route({
      method: 'get',
      path: '/api/hr/reports/wanted',
      operationId: 'getTrainingsWanted',
      summary:
        'HR: 今後受けたい研修 of the year’s reports by course, level and 課 (free text only where 3 or more wrote)',
      request: { query: yearQuery },
      responses: {
        200: { description: 'The aggregation', schema: wantedReportSchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => ({ body: await service.wanted(actorOf(user), query) }),
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
    route({
      method: 'get',
      path: '/api/hr/dashboards/completion',
      operationId: 'getCompletionDashboard',
      summary: 'HR: self-checks, goals, interviews and training reports of the fiscal year by 課 or 部',
      request: { query: completionQuerySchema },
      responses: {
        200: { description: 'One row per group', schema: completionReportSchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => ({ body: await service.completion(actorOf(user), query) }),
    }),
    route({
      method: 'get',
      path: '/api/hr/dashboards/completion.csv',
      operationId: 'exportCompletionDashboard',
      summary: 'HR: completion by 課 or 部 as CSV',
      request: { query: completionCsvQuerySchema },
      responses: csvResponses,
      handler: async ({ user, query }) =>
        download(csv.completion(await service.completion(actorOf(user), query, 'export'), query.lang)),
    }),
    route({
      method: 'get',
      path: '/api/hr/dashboards/competencies',
      operationId: 'getCompetencyPicture',
      summary:
        'HR: average self-assessed rating per competency by level or 課 (latest submitted self-checks; cells under 3 people withheld)',
      request: { query: competencyQuerySchema },
      responses: {
        200: { description: 'One row per group', schema: competencyReportSchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => ({ body: await service.competencies(actorOf(user), query) }),
    }),
    route({
      method: 'get',
      path: '/api/hr/dashboards/competencies.csv',
      operationId: 'exportCompetencyPicture',
      summary: 'HR: the competency picture as CSV (withheld cells say so)',
      request: { query: competencyCsvQuerySchema },
      responses: csvResponses,
      handler: async ({ user, query }) =>
        download(csv.competencies(await service.competencies(actorOf(user), query, 'export'), query.lang)),
    }),
    route({
      method: 'get',
      path: '/api/hr/dashboards/demand',
      operationId: 'getTrainingDemand',
      summary: 'HR: training demand — courses wanted in the year’s reports, by level',
      request: { query: yearQuery },
      responses: {
        200: { description: 'Most wanted first', schema: demandReportSchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => ({ body: await service.demand(actorOf(user), query) }),
    }),
    route({
      method: 'get',
      path: '/api/hr/dashboards/demand.csv',
      operationId: 'exportTrainingDemand',
      summary: 'HR: training demand as CSV',
      request: { query: yearCsvQuery },
      responses: csvResponses,
      handler: async ({ user, query }) =>
        download(
          csv.wantedCourses(
            await service.demand(actorOf(user), query, 'export'),
            query.lang,
            'training-demand',
          ),
        ),
    }),
  ];
}
