import { actorOf } from '../auth/access.ts';
import type { RouteDefinition } from '../http/route.ts';
import { callerPost, callerRead, hrPersonRoutes, hrRouteGroup, queryRead } from '../http/route-kinds.ts';
import {
  adminPersonParamsSchema,
  departmentDisagreementsSchema,
  exclusionLiftedSchema,
  importRefusalSchema,
  importRequestSchema,
  importSummarySchema,
  levelHistorySchema,
  staffListQuerySchema,
  staffListSchema,
  syncStatusSchema,
} from './people-admin.contract.ts';
import { IMPORT_BODY_LIMIT_BYTES, type PeopleAdminService } from './people-admin.service.ts';

/** HR's people tools (HR app role only; everyone else gets 403). */
export function peopleAdminRoutes(service: PeopleAdminService): RouteDefinition[] {
  const route = hrRouteGroup({ tags: ['people'] });
  /** HR's tools for one person of the directory. */
  const person = hrPersonRoutes({ tags: ['people'], params: adminPersonParamsSchema, id: 'lower-cased' });
  return [
    queryRead(route, {
      path: '/api/hr/people',
      operationId: 'listStaff',
      summary:
        'HR: one page of the staff list as in force today, filtered by name, 課, level and employment type, with 職員数 (audited)',
      query: staffListQuerySchema,
      ok: { description: 'The page, its total and the head count', schema: staffListSchema },
      read: (actor, query) => service.staffList(actor, query),
    }),
    callerRead(route, {
      path: '/api/hr/people/sync',
      operationId: 'getPeopleSyncStatus',
      summary:
        'HR: when the directory was last copied, what it changed, and whether a requested sync is pending',
      ok: { description: 'Sync status', schema: syncStatusSchema },
      read: (actor) => service.syncStatus(actor),
    }),
    route({
      method: 'post',
      path: '/api/hr/people/sync',
      operationId: 'requestPeopleSync',
      summary: 'HR: copy staff and reporting lines from the directory now (queued; poll GET for the result)',
      responses: {
        202: { description: 'Queued; the status as it is now', schema: syncStatusSchema },
      },
      handler: async ({ user }) => ({ status: 202, body: await service.requestSync(actorOf(user)) }),
    }),
    callerPost(route, {
      path: '/api/hr/people/imports',
      operationId: 'importPeopleLevels',
      summary:
        'HR: import job levels, employment types, hire dates and departments from a CSV file (UTF-8 or Shift_JIS, base64); all rows or none',
      rateLimit: 'notify',
      bodyLimitBytes: IMPORT_BODY_LIMIT_BYTES,
      body: importRequestSchema,
      ok: { description: 'Applied (or, with dryRun, checked): what changed', schema: importSummarySchema },
      errors: {
        413: { description: 'The file is larger than 1 MB' },
        422: {
          description: 'Refused: every problem with its line; nothing was changed',
          schema: importRefusalSchema,
        },
      },
      act: (actor, body) => service.importFile(actor, body),
    }),
    callerRead(route, {
      path: '/api/hr/people/disagreements',
      operationId: 'getPeopleDepartmentDisagreements',
      summary:
        "HR: people whose 課 or 部 in HR's record in force differs from the directory's (HR's record wins until the next file)",
      ok: { description: 'The disagreements, by 課 then name', schema: departmentDisagreementsSchema },
      read: (actor) => service.departmentDisagreements(actor),
    }),
    person({
      method: 'post',
      path: '/reinstate',
      operationId: 'liftPersonExclusion',
      summary:
        'HR: let a person whose data was erased back into the directory copy (the next sync adds them as a new, empty record)',
      ok: { description: 'Lifted; a sync is queued', schema: exclusionLiftedSchema },
      errors: { 404: { description: 'Nobody with that id is excluded' } },
      act: (actor, id) => service.liftExclusion(actor, id),
    }),
    person({
      method: 'get',
      path: '/levels',
      operationId: 'getPersonLevelHistory',
      summary: "HR: a person's effective-dated levels, newest first, and the one in force today",
      ok: { description: 'Level history', schema: levelHistorySchema },
      errors: { 404: { description: 'No such person' } },
      act: (actor, id) => service.levelHistory(actor, id),
    }),
  ];
}
