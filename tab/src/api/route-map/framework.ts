// The framework in force (src/framework/framework.routes.ts) and HR's 着眼点 (src/framework/viewpoint.routes.ts).
import type { z } from 'zod';
import type { frameworkSchema } from '../../../../src/framework/framework.contract.ts';
import type * as viewpoints from '../../../../src/framework/viewpoint.contract.ts';
import type { Route } from '../route.ts';

export interface FrameworkRoutes {
  'GET /api/framework': Route<typeof frameworkSchema>;
  'GET /api/framework/viewpoints': Route<typeof viewpoints.viewpointListSchema>;
  /** 204 (no body) when both texts are empty: the 着眼点 is cleared. */
  'PUT /api/framework/viewpoints/:levelId/:competencyId': Route<
    z.output<typeof viewpoints.viewpointSchema> | undefined,
    typeof viewpoints.viewpointInputSchema
  >;
}
