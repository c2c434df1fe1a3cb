// Fiscal-year cycles and what is due (src/cycles/cycle.routes.ts).
import type { z } from 'zod';
import type * as contract from '../../../../src/cycles/cycle.contract.ts';
import type { Route } from '../route.ts';

type CycleWindow = z.output<typeof contract.cycleWindowSchema>;

export interface CycleRoutes {
  'GET /api/cycles': Route<
    typeof contract.cycleYearResponseSchema,
    never,
    typeof contract.cycleYearQuerySchema
  >;
  'GET /api/cycles/due': Route<typeof contract.dueResponseSchema>;
  'POST /api/cycles/windows': Route<CycleWindow, typeof contract.cycleWindowInputSchema>;
  'PUT /api/cycles/windows/:windowId': Route<CycleWindow, typeof contract.cycleRescheduleInputSchema>;
  'POST /api/cycles/windows/:windowId/open': Route<CycleWindow, typeof contract.cycleOpenInputSchema>;
  'POST /api/cycles/windows/:windowId/close': Route<CycleWindow, typeof contract.cycleVersionInputSchema>;
}
