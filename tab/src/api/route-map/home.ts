// The home's summary (src/home/home.routes.ts).
import type { homeSummarySchema } from '../../../../src/home/home.contract.ts';
import type { Route } from '../route.ts';

export interface HomeRoutes {
  'GET /api/home': Route<typeof homeSummarySchema>;
}
