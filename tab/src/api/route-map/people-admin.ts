// HR's people tools (src/people/people-admin.routes.ts): directory sync, the level import, level history
// and where HR's record and the directory disagree.
import type { z } from 'zod';
import type * as contract from '../../../../src/people/people-admin.contract.ts';
import type { Route } from '../route.ts';

type SyncStatus = z.output<typeof contract.syncStatusSchema>;

export interface PeopleAdminRoutes {
  'GET /api/hr/people/sync': Route<SyncStatus>;
  'POST /api/hr/people/sync': Route<SyncStatus>;
  'POST /api/hr/people/imports': Route<
    typeof contract.importSummarySchema,
    typeof contract.importRequestSchema
  >;
  'GET /api/hr/people/disagreements': Route<typeof contract.departmentDisagreementsSchema>;
  'GET /api/hr/people/:personId/levels': Route<typeof contract.levelHistorySchema>;
  'GET /api/hr/people': Route<typeof contract.staffListSchema, never, typeof contract.staffListQuerySchema>;
}
