// The framework in force (src/framework/framework.routes.ts).
import type { z } from 'zod';
import type { frameworkSchema } from '../../../../src/framework/framework.contract.ts';
import type { Route } from '../route.ts';

export interface FrameworkRoutes {
  'GET /api/framework': Route<z.output<typeof frameworkSchema>>;
}
