import { z } from 'zod';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import { forSubject, personParam } from './growth-params.ts';
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

const params = z.object({ personId: personParam, period: selfCheckPeriodSchema });

export function selfCheckRoutes(service: SelfCheckService): RouteDefinition[] {
  const route = routeGroup({ tags: ['growth'], auth: 'user' });
  const errors = {
    404: { description: 'No such person or period' },
    409: { description: 'Closed, already submitted, or changed by someone else (version)' },
  };
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
    route({
      method: 'get',
      path: '/api/people/:personId/self-checks/:period',
      operationId: 'getSelfCheck',
      summary: 'One self-check (a blank one when none was saved yet)',
      request: { params },
      responses: { 200: { description: 'The self-check', schema: selfCheckResponseSchema }, ...errors },
      handler: forSubject(({ actor, personId }, { period }) => service.get(actor, personId, period)),
    }),
    route({
      method: 'put',
      path: '/api/people/:personId/self-checks/:period',
      operationId: 'saveSelfCheckDraft',
      summary: 'Save my self-check as a draft (version from the last read; 0 for the first save)',
      request: { params, body: selfCheckDraftInputSchema },
      responses: { 200: { description: 'Saved', schema: selfCheckResponseSchema }, ...errors },
      handler: forSubject(({ actor, personId }, { period }, body) =>
        service.saveDraft(actor, personId, period, body),
      ),
    }),
    route({
      method: 'post',
      path: '/api/people/:personId/self-checks/:period/submit',
      operationId: 'submitSelfCheck',
      summary: 'Submit my self-check to my supervisor (every item rated)',
      request: { params, body: selfCheckSubmitInputSchema },
      responses: {
        200: { description: 'Submitted', schema: selfCheckResponseSchema },
        ...errors,
        422: { description: 'Items not rated' },
      },
      handler: forSubject(({ actor, personId }, { period }, body) =>
        service.submit(actor, personId, period, body),
      ),
    }),
    route({
      method: 'put',
      path: '/api/people/:personId/self-checks/:period/feedback',
      operationId: 'giveSelfCheckFeedback',
      summary: "A supervisor's feedback per item on a submitted self-check",
      request: { params, body: selfCheckFeedbackInputSchema },
      responses: { 200: { description: 'Saved', schema: selfCheckResponseSchema }, ...errors },
      handler: forSubject(({ actor, personId }, { period }, body) =>
        service.giveFeedback(actor, personId, period, body),
      ),
    }),
    route({
      method: 'post',
      path: '/api/people/:personId/self-checks/:period/feedback/complete',
      operationId: 'completeSelfCheckFeedback',
      summary:
        'The supervisor marks their feedback complete (per-item comments optional): 「フィードバック済み」',
      request: { params, body: selfCheckFeedbackCompleteInputSchema },
      responses: { 200: { description: 'Complete', schema: selfCheckResponseSchema }, ...errors },
      handler: forSubject(({ actor, personId }, { period }, body) =>
        service.completeFeedback(actor, personId, period, body),
      ),
    }),
  ];
}
