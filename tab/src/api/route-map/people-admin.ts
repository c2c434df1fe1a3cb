// HR's people tools (src/people/people-admin.routes.ts): directory sync, the level import, level history
// and where HR's record and the directory disagree.
import type { z } from 'zod';
import type {
  departmentDisagreementsSchema,
  importRequestSchema,
  importSummarySchema,
  levelHistorySchema,
  staffListQuerySchema,
  staffListSchema,
  syncStatusSchema,
} from '../../../../src/people/people-admin.contract.ts';
import type { Route } from '../route.ts';

type SyncStatus = z.output<typeof syncStatusSchema>;

export interface PeopleAdminRoutes {
  'GET /api/hr/people/sync': Route<SyncStatus>;
  'POST /api/hr/people/sync': Route<SyncStatus>;
  'POST /api/hr/people/imports': Route<
    z.output<typeof importSummarySchema>,
    z.input<typeof importRequestSchema>
  >;
  'GET /api/hr/people/disagreements': Route<z.output<typeof departmentDisagreementsSchema>>;
  'GET /api/hr/people/:personId/levels': Route<z.output<typeof levelHistorySchema>>;
  'GET /api/hr/people': Route<z.output<typeof staffListSchema>, never, z.input<typeof staffListQuerySchema>>;
}
