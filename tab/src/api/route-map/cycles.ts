// Fiscal-year cycles and what is due (src/cycles/cycle.routes.ts).
import type { z } from 'zod';
import type {
  cycleOpenInputSchema,
  cycleRescheduleInputSchema,
  cycleVersionInputSchema,
  cycleWindowInputSchema,
  cycleWindowSchema,
  cycleYearQuerySchema,
  cycleYearResponseSchema,
  dueResponseSchema,
} from '../../../../src/cycles/cycle.contract.ts';
import type { Route } from '../route.ts';

type CycleWindow = z.output<typeof cycleWindowSchema>;

export interface CycleRoutes {
  'GET /api/cycles': Route<
    z.output<typeof cycleYearResponseSchema>,
    never,
    z.input<typeof cycleYearQuerySchema>
  >;
  'GET /api/cycles/due': Route<z.output<typeof dueResponseSchema>>;
  'POST /api/cycles/windows': Route<CycleWindow, z.input<typeof cycleWindowInputSchema>>;
  'PUT /api/cycles/windows/:windowId': Route<CycleWindow, z.input<typeof cycleRescheduleInputSchema>>;
  'POST /api/cycles/windows/:windowId/open': Route<CycleWindow, z.input<typeof cycleOpenInputSchema>>;
  'POST /api/cycles/windows/:windowId/close': Route<CycleWindow, z.input<typeof cycleVersionInputSchema>>;
}
