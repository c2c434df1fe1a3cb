// The やりがい pulse as everyone answers it (src/pulse/pulse.routes.ts): the open pulse and the answer.
import type * as pulse from '../../../../src/pulse/pulse.contract.ts';
import type { Route } from '../route.ts';

export interface PulseAnswerRoutes {
  'GET /api/pulses/current': Route<typeof pulse.currentPulseSchema>;
  'POST /api/pulses/:pulseId/answer': Route<
    typeof pulse.pulseAnsweredSchema,
    typeof pulse.pulseAnswerInputSchema
  >;
}
