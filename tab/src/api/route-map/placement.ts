// HR's 配置 workspace (src/growth/placement.routes.ts).
import type * as contract from '../../../../src/growth/placement.contract.ts';
import type { Route } from '../route.ts';

export interface PlacementRoutes {
  'GET /api/hr/placement/declarations': Route<
    typeof contract.placementPageSchema,
    never,
    typeof contract.placementPageQuerySchema
  >;
  'GET /api/hr/placement/declarations/:fiscalYear/:personId': Route<typeof contract.placementFormSchema>;
  'GET /api/hr/placement/roll-ups': Route<
    typeof contract.placementRollUpsSchema,
    never,
    typeof contract.placementRollUpQuerySchema
  >;
}
