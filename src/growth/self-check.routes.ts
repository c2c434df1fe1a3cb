import { z } from 'zod';
import { draftFormRoutes } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import { forSubject, personParam } from '../http/params.ts';
import { personRecordRoutes } from './person-record-route.ts';
import {
  selfCheckDraftInputSchema,
  selfCheckFeedbackCompleteInputSchema,
  selfCheckFeedbackInputSchema,
  selfCheckHistoryResponseSchema,
  selfCheckPeriodSchema,
  selfCheckResponseSchema,
  selfCheckSubmitInputSchema,
} from './self-check.contract.ts';
import type { SelfCheckService } from './self-check.service.ts';

export function selfCheckRoutes(service: SelfCheckService): RouteDefinition[] {
  const route = routeGroup({ tags: ['growth'], auth: 'user' });
  const selfCheck = personRecordRoutes({
    path: '/api/people/:personId/self-checks/:period',
    key: selfCheckPeriodSchema,
    errors: {
      404: { description: 'No such person or period' },
      409: { description: 'Closed, already submitted, or changed by someone else (version)' },
    },
  });
  return [
    route({
      method: 'get',
      path: '/api/people/:personId/self-checks',
      operationId: 'listSelfChecks',
      summary: "A person's self-checks across periods, with averages per group (for the growth chart)",
      request: { params: z.object({ personId: personParam }) },
      responses: { 200: { description: 'History', schema: selfCheckHistoryResponseSchema } },
      handler: forSubject(({ actor, personId }) => service.history(actor, personId)),
    }),
    ...draftFormRoutes(selfCheck, service, {
      name: 'SelfCheck',
      schema: selfCheckResponseSchema,
      read: {
        summary: 'One self-check (a blank one when none was saved yet)',
        description: 'The self-check',
      },
      saveDraft: {
        summary: 'Save my self-check as a draft (version from the last read; 0 for the first save)',
        body: selfCheckDraftInputSchema,
      },
      submit: {
        summary: 'Submit my self-check to my supervisor (every item rated)',
        body: selfCheckSubmitInputSchema,
        errors: { 422: { description: 'Items not rated' } },
      },
    }),
    selfCheck({
      method: 'put',
      path: '/feedback',
      operationId: 'giveSelfCheckFeedback',
      summary: "A supervisor's feedback per item on a submitted self-check",
      body: selfCheckFeedbackInputSchema,
      ok: { description: 'Saved', schema: selfCheckResponseSchema },
      act: (actor, personId, period, body) => service.giveFeedback(actor, personId, period, body),
    }),
    selfCheck({
      method: 'post',
      path: '/feedback/complete',
      operationId: 'completeSelfCheckFeedback',
      summary:
        'The supervisor marks their feedback complete (per-item comments optional): 「フィードバック済み」',
      body: selfCheckFeedbackCompleteInputSchema,
      ok: { description: 'Complete', schema: selfCheckResponseSchema },
      act: (actor, personId, period, body) => service.completeFeedback(actor, personId, period, body),
    }),
  ];
}
