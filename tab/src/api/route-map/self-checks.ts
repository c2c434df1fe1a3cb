// Self-checks per half (src/growth/self-check.routes.ts).
import type { z } from 'zod';
import type * as contract from '../../../../src/growth/self-check.contract.ts';
import type { Route } from '../route.ts';

type SelfCheck = z.output<typeof contract.selfCheckResponseSchema>;

export interface SelfCheckRoutes {
  'GET /api/people/:personId/self-checks': Route<typeof contract.selfCheckHistoryResponseSchema>;
  'GET /api/people/:personId/self-checks/:period': Route<SelfCheck>;
  'PUT /api/people/:personId/self-checks/:period': Route<
    SelfCheck,
    typeof contract.selfCheckDraftInputSchema
  >;
  'POST /api/people/:personId/self-checks/:period/submit': Route<
    SelfCheck,
    typeof contract.selfCheckSubmitInputSchema
  >;
  'PUT /api/people/:personId/self-checks/:period/feedback': Route<
    SelfCheck,
    typeof contract.selfCheckFeedbackInputSchema
  >;
  'POST /api/people/:personId/self-checks/:period/feedback/complete': Route<
    SelfCheck,
    typeof contract.selfCheckFeedbackCompleteInputSchema
  >;
}
