// A supervisor's 育成 page and HR's roll-up of it (src/growth/development.routes.ts).
import type * as contract from '../../../../src/growth/development.contract.ts';
import type { Route } from '../route.ts';

export interface DevelopmentRoutes {
  'GET /api/people/:personId/development': Route<
    typeof contract.developmentPageSchema,
    never,
    typeof contract.developmentQuerySchema
  >;
  'GET /api/hr/development': Route<
    typeof contract.developmentRollUpSchema,
    never,
    typeof contract.developmentRollUpQuerySchema
  >;
}
