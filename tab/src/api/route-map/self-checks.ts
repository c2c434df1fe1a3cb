// Self-checks per half (src/growth/self-check.routes.ts).
import type { z } from 'zod';
import type {
  selfCheckDraftInputSchema,
  selfCheckFeedbackCompleteInputSchema,
  selfCheckFeedbackInputSchema,
  selfCheckHistoryResponseSchema,
  selfCheckResponseSchema,
  selfCheckSubmitInputSchema,
} from '../../../../src/growth/self-check.contract.ts';
import type { Route } from '../route.ts';

type SelfCheck = z.output<typeof selfCheckResponseSchema>;

export interface SelfCheckRoutes {
  'GET /api/people/:personId/self-checks': Route<z.output<typeof selfCheckHistoryResponseSchema>>;
  'GET /api/people/:personId/self-checks/:period': Route<SelfCheck>;
  'PUT /api/people/:personId/self-checks/:period': Route<
    SelfCheck,
    z.input<typeof selfCheckDraftInputSchema>
  >;
  'POST /api/people/:personId/self-checks/:period/submit': Route<
    SelfCheck,
    z.input<typeof selfCheckSubmitInputSchema>
  >;
  'PUT /api/people/:personId/self-checks/:period/feedback': Route<
    SelfCheck,
    z.input<typeof selfCheckFeedbackInputSchema>
  >;
  'POST /api/people/:personId/self-checks/:period/feedback/complete': Route<
    SelfCheck,
    z.input<typeof selfCheckFeedbackCompleteInputSchema>
  >;
}
