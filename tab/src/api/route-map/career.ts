// Career design (src/growth/career.routes.ts).
import type { z } from 'zod';
import type {
  careerDesignInputSchema,
  careerDesignResponseSchema,
} from '../../../../src/growth/career.contract.ts';
import type { Route } from '../route.ts';

type CareerDesign = z.output<typeof careerDesignResponseSchema>;

export interface CareerRoutes {
  'GET /api/people/:personId/career': Route<CareerDesign>;
  'PUT /api/people/:personId/career': Route<CareerDesign, z.input<typeof careerDesignInputSchema>>;
}
