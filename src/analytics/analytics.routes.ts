import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { FIRST_FISCAL_YEAR } from '../shared/fiscal-period.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { INTERVIEW_TYPES } from './analytics.contract.ts';
import { createCsvTables, type CsvTable } from './analytics.csv-tables.ts';
import type { AnalyticsService } from './analytics.service.ts';
import { CSV_CONTENT_TYPE, csvResult } from '../shared/csv.ts';
import { dbIntegerFromText } from '../http/user-input.ts';

const fiscalYear = dbIntegerFromText
  .min(FIRST_FISCAL_YEAR)
  .max(2200)
  .optional()
  .describe('The fiscal year (April–March), e.g. 2026; default the current one');
const lang = z.enum(['ja', 'en']).default('ja').describe('Language of the CSV column labels');
const yearQuery = z.object({ fiscalYear });
const yearCsvQuery = z.object({ fiscalYear, lang });
const completionGroup = z.enum(['department', 'division']).default('department');
const competencyGroup = z.enum(['level', 'department']).default('level');

const title = z.object({ ja: z.string(), en: z.string().nullable() });
const courseCount = z.object({ courseId: z.string(), people: z.number() });
const wantedCourse = z.object({
  courseId: z.string(),
  title,
  category: z.string(),
  archived: z.boolean(),
  people: z.number(),
  byLevel: z.record(z.string(), z.number()),
});
const submissionSchema = z.object({
  fiscalYear: z.number(),
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      courseId: z.string(),
      courseTitle: title,
      start: z.string(),
      end: z.string(),
      attended: z.number(),
      submitted: z.number(),
      rate: z.number().nullable(),
    }),
  ),
  totals: z.object({ attended: z.number(), submitted: z.number(), rate: z.number().nullable() }),
});
const wantedSchema = z.object({
  fiscalYear: z.number(),
  minGroupSize: z.number(),
  respondents: z.number(),
  courses: z.array(wantedCourse),
  levels: z.array(
    z.object({
      levelId: z.string(),
      respondents: z.number(),
      writers: z.number(),
      pickers: z.number(),
      courses: z.array(courseCount),
    }),
  ),
  departments: z.array(
    z.object({
      department: z.string(),
      division: z.string().nullable(),
      respondents: z.number(),
      writers: z.number(),
      courses: z.array(courseCount),
      texts: z.array(z.string()).nullable().describe('null when fewer than minGroupSize people wrote'),
      hidden: z.boolean(),
    }),
  ),
});
const completionCounts = z.object({
  staff: z.number(),
  selfChecks: z.object({ h1: z.number().nullable(), h2: z.number().nullable() }),
  goals: z.number(),
  interviews: z.object(
    Object.fromEntries(
      INTERVIEW_TYPES.map((type) => [type, z.object({ held: z.number(), booked: z.number() })]),
    ),
  ),
  reports: z.object({ due: z.number(), submitted: z.number() }),
});
const completionSchema = z.object({
  fiscalYear: z.number(),
  groupBy: z.enum(['department', 'division']),
  halves: z.object({ h1: z.boolean(), h2: z.boolean() }),
  rows: z.array(completionCounts.extend({ group: z.string(), division: z.string().nullable() })),
  totals: completionCounts,
});
const competencySchema = z.object({
  groupBy: z.enum(['level', 'department']),
  minGroupSize: z.number(),
  competencyIds: z.array(z.string()),
  rows: z.array(
    z.object({
      group: z.string(),
      people: z.number(),
      cells: z.record(
        z.string(),
        z.object({
          n: z.number(),
          average: z.number().nullable().describe('null when n < minGroupSize: never the value'),
        }),
      ),
    }),
  ),
});
const demandSchema = z.object({
  fiscalYear: z.number(),
  levelIds: z.array(z.string()),
  courses: z.array(wantedCourse),
  writers: z.number(),
  pickers: z.number(),
  respondents: z.number(),
});

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
  const csv = createCsvTables(framework);
  const tags = ['analytics'];

  /** The four tables of 今後受けたい研修, each its own download. */
  const wantedCsv = (
    path: string,
    operationId: string,
    summary: string,
    table: (report: Awaited<ReturnType<AnalyticsService['wanted']>>, language: 'ja' | 'en') => CsvTable,
  ) =>
    defineRoute({
      method: 'get',
      path,
      operationId,
      summary,
      tags,
      auth: 'user',
      request: { query: yearCsvQuery },
      responses: csvResponses,
      handler: async ({ user, query }) =>
        download(table(await service.wanted(actorOf(user), query, 'export', operationId), query.lang)),
    });

  return [
    defineRoute({
      method: 'get',
      path: '/api/hr/reports/submission',
      operationId: 'getReportSubmission',
      summary: 'HR: post-training report submission rate per ended session of the fiscal year',
      tags,
      auth: 'user',
      request: { query: yearQuery },
      responses: {
        200: { description: 'Sessions, the latest first', schema: submissionSchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => ({ body: await service.submission(actorOf(user), query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hr/reports/submission.csv',
      operationId: 'exportReportSubmission',
      summary: 'HR: the submission rate per session as CSV',
      tags,
      auth: 'user',
      request: { query: yearCsvQuery },
      responses: csvResponses,
      handler: async ({ user, query }) =>
        download(csv.submission(await service.submission(actorOf(user), query, 'export'), query.lang)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hr/reports/wanted',
      operationId: 'getTrainingsWanted',
      summary:
        'HR: 今後受けたい研修 of the year’s reports by course, level and 課 (free text only where 3 or more wrote)',
      tags,
      auth: 'user',
      request: { query: yearQuery },
      responses: {
        200: { description: 'The aggregation', schema: wantedSchema },
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
    defineRoute({
      method: 'get',
      path: '/api/hr/dashboards/completion',
      operationId: 'getCompletionDashboard',
      summary: 'HR: self-checks, goals, interviews and training reports of the fiscal year by 課 or 部',
      tags,
      auth: 'user',
      request: { query: z.object({ fiscalYear, groupBy: completionGroup }) },
      responses: {
        200: { description: 'One row per group', schema: completionSchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => ({ body: await service.completion(actorOf(user), query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hr/dashboards/completion.csv',
      operationId: 'exportCompletionDashboard',
      summary: 'HR: completion by 課 or 部 as CSV',
      tags,
      auth: 'user',
      request: { query: z.object({ fiscalYear, groupBy: completionGroup, lang }) },
      responses: csvResponses,
      handler: async ({ user, query }) =>
        download(csv.completion(await service.completion(actorOf(user), query, 'export'), query.lang)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hr/dashboards/competencies',
      operationId: 'getCompetencyPicture',
      summary:
        'HR: average self-assessed rating per competency by level or 課 (latest submitted self-checks; cells under 3 people withheld)',
      tags,
      auth: 'user',
      request: { query: z.object({ groupBy: competencyGroup }) },
      responses: {
        200: { description: 'One row per group', schema: competencySchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => ({ body: await service.competencies(actorOf(user), query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hr/dashboards/competencies.csv',
      operationId: 'exportCompetencyPicture',
      summary: 'HR: the competency picture as CSV (withheld cells say so)',
      tags,
      auth: 'user',
      request: { query: z.object({ groupBy: competencyGroup, lang }) },
      responses: csvResponses,
      handler: async ({ user, query }) =>
        download(csv.competencies(await service.competencies(actorOf(user), query, 'export'), query.lang)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hr/dashboards/demand',
      operationId: 'getTrainingDemand',
      summary: 'HR: training demand — courses wanted in the year’s reports, by level',
      tags,
      auth: 'user',
      request: { query: yearQuery },
      responses: {
        200: { description: 'Most wanted first', schema: demandSchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user, query }) => ({ body: await service.demand(actorOf(user), query) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hr/dashboards/demand.csv',
      operationId: 'exportTrainingDemand',
      summary: 'HR: training demand as CSV',
      tags,
      auth: 'user',
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
