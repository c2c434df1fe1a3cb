import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { IMPORT_PROBLEM_CODES } from './people-admin.contract.ts';
import {
  IMPORT_BODY_LIMIT_BYTES,
  importInputSchema,
  type PeopleAdminService,
} from './people-admin.service.ts';

const syncRunSchema = z.object({
  startedAt: z.string().nullable(),
  completedAt: z.string(),
  people: z.number(),
  added: z.number(),
  changed: z.number(),
  supervisorsChanged: z.number(),
  interviewsReassigned: z.number(),
});
const syncStatusSchema = z.object({
  lastSync: syncRunSchema.nullable(),
  requestedAt: z.string().nullable(),
  pending: z.boolean(),
});
const employmentType = z.enum(['regular', 'fiscalYear']);
const personParam = z.object({
  personId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/),
});
const disagreementsSchema = z.object({
  people: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      employeeId: z.string().nullable(),
      department: z.string().nullable(),
      division: z.string().nullable(),
      directoryDepartment: z.string().nullable(),
      directoryDivision: z.string().nullable(),
      effectiveFrom: z.string(),
    }),
  ),
});
const summarySchema = z.object({
  importId: z.string().nullable(),
  dryRun: z.boolean(),
  fileName: z.string().nullable(),
  encoding: z.enum(['utf-8', 'utf-8-bom', 'shift_jis']),
  rows: z.number(),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  effectiveNow: z.number(),
  scheduled: z.number(),
  peopleChanged: z.number(),
  supervisorsChanged: z.number(),
  interviewsReassigned: z.number(),
  departmentsWithoutHead: z.array(z.string()),
});
const refusedSchema = z.object({
  error: z.object({
    code: z.literal('unprocessable'),
    message: z.string(),
    details: z.array(
      z.object({
        path: z.string(),
        message: z.string(),
        code: z.enum(IMPORT_PROBLEM_CODES),
        line: z.number(),
        column: z.string().nullable(),
        value: z.string().optional(),
      }),
    ),
    requestId: z.string().optional(),
  }),
});
const historySchema = z.object({
  person: z.object({
    id: z.string(),
    displayName: z.string(),
    employeeId: z.string().nullable(),
    department: z.string().nullable(),
    division: z.string().nullable(),
    jobTitle: z.string().nullable(),
    levelId: z.string().nullable(),
    employmentType,
    hireDate: z.string().nullable(),
    managerId: z.string().nullable(),
    managerName: z.string().nullable(),
  }),
  levelSource: z.enum(['import', 'jobTitle']),
  records: z.array(
    z.object({
      levelId: z.string(),
      employmentType,
      department: z.string().nullable(),
      division: z.string().nullable(),
      hireDate: z.string().nullable(),
      effectiveFrom: z.string(),
      importId: z.string(),
      importedAt: z.string(),
      current: z.boolean(),
      scheduled: z.boolean(),
    }),
  ),
});

/** HR's people tools (HR app role only; everyone else gets 403). */
export function peopleAdminRoutes(service: PeopleAdminService): RouteDefinition[] {
  const tags = ['people'];
  return [
    defineRoute({
      method: 'get',
      path: '/api/hr/people/sync',
      operationId: 'getPeopleSyncStatus',
      summary:
        'HR: when the directory was last copied, what it changed, and whether a requested sync is pending',
      tags,
      auth: 'user',
      responses: {
        200: { description: 'Sync status', schema: syncStatusSchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user }) => ({ body: await service.syncStatus(actorOf(user)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/hr/people/sync',
      operationId: 'requestPeopleSync',
      summary: 'HR: copy staff and reporting lines from the directory now (queued; poll GET for the result)',
      tags,
      auth: 'user',
      responses: {
        202: { description: 'Queued; the status as it is now', schema: syncStatusSchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user }) => ({ status: 202, body: await service.requestSync(actorOf(user)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/hr/people/imports',
      operationId: 'importPeopleLevels',
      summary:
        'HR: import job levels, employment types, hire dates and departments from a CSV file (UTF-8 or Shift_JIS, base64); all rows or none',
      tags,
      auth: 'user',
      rateLimit: 'notify',
      bodyLimitBytes: IMPORT_BODY_LIMIT_BYTES,
      request: { body: importInputSchema },
      responses: {
        200: { description: 'Applied (or, with dryRun, checked): what changed', schema: summarySchema },
        403: { description: 'Not HR' },
        413: { description: 'The file is larger than 1 MB' },
        422: {
          description: 'Refused: every problem with its line; nothing was changed',
          schema: refusedSchema,
        },
      },
      handler: async ({ user, body }) => ({ body: await service.importFile(actorOf(user), body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hr/people/disagreements',
      operationId: 'getPeopleDepartmentDisagreements',
      summary:
        "HR: people whose 課 or 部 in HR's record in force differs from the directory's (HR's record wins until the next file)",
      tags,
      auth: 'user',
      responses: {
        200: { description: 'The disagreements, by 課 then name', schema: disagreementsSchema },
        403: { description: 'Not HR' },
      },
      handler: async ({ user }) => ({ body: await service.departmentDisagreements(actorOf(user)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/hr/people/:personId/reinstate',
      operationId: 'liftPersonExclusion',
      summary:
        'HR: let a person whose data was erased back into the directory copy (the next sync adds them as a new, empty record)',
      tags,
      auth: 'user',
      request: { params: personParam },
      responses: {
        200: {
          description: 'Lifted; a sync is queued',
          schema: z.object({ personId: z.string(), liftedAt: z.string() }),
        },
        403: { description: 'Not HR' },
        404: { description: 'Nobody with that id is excluded' },
      },
      handler: async ({ user, params }) => ({
        body: await service.liftExclusion(actorOf(user), params.personId.toLowerCase()),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/hr/people/:personId/levels',
      operationId: 'getPersonLevelHistory',
      summary: "HR: a person's effective-dated levels, newest first, and the one in force today",
      tags,
      auth: 'user',
      request: { params: personParam },
      responses: {
        200: { description: 'Level history', schema: historySchema },
        403: { description: 'Not HR' },
        404: { description: 'No such person' },
      },
      handler: async ({ user, params }) => ({
        body: await service.levelHistory(actorOf(user), params.personId.toLowerCase()),
      }),
    }),
  ];
}
