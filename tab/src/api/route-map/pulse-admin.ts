// The やりがい pulse's HR and supervisor routes (src/pulse/pulse.routes.ts): HR configures pulses and
// reads results and trends; a 課's 課長/係長 read its trend and write its action.
import type * as contract from '../../../../src/pulse/pulse.contract.ts';
import type { Route } from '../route.ts';

export interface PulseAdminRoutes {
  'GET /api/hr/pulses': Route<contract.PulseConfig[]>;
  'POST /api/hr/pulses': Route<typeof contract.pulseConfigSchema, typeof contract.pulseCreateInputSchema>;
  'PUT /api/hr/pulses/:pulseId': Route<
    typeof contract.pulseConfigSchema,
    typeof contract.pulseUpdateInputSchema
  >;
  'GET /api/hr/pulses/:pulseId/results': Route<typeof contract.pulseResultsSchema>;
  'GET /api/hr/pulses/trend': Route<typeof contract.pulseTrendSchema>;
  'GET /api/pulses/departments/:department': Route<typeof contract.departmentPulseSchema>;
  'PUT /api/pulses/departments/:department/actions/:quarter': Route<
    typeof contract.pulseActionSchema,
    typeof contract.pulseActionInputSchema
  >;
}
