// Career design (src/growth/career.routes.ts).
import type { z } from 'zod';
import type * as contract from '../../../../src/growth/career.contract.ts';
import type { Route } from '../route.ts';

type CareerDesign = z.output<typeof contract.careerDesignResponseSchema>;

export interface CareerRoutes {
  'GET /api/people/:personId/career': Route<CareerDesign>;
  'PUT /api/people/:personId/career': Route<CareerDesign, typeof contract.careerDesignInputSchema>;
}
