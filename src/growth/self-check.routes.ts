import { z } from 'zod';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import { personParam, subjectOf } from './growth-params.ts';
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
      handler: async ({ user, params: { personId } }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.history(subject.actor, subject.personId) };
      },
    }),
    route({
      method: 'get',
      path: '/api/people/:personId/self-checks/:period',
      operationId: 'getSelfCheck',
      summary: 'One self-check (a blank one when none was saved yet)',
      request: { params },
      responses: { 200: { description: 'The self-check', schema: selfCheckResponseSchema }, ...errors },
      handler: async ({ user, params: { personId, period } }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.get(subject.actor, subject.personId, period) };
      },
    }),
    route({
      method: 'put',
      path: '/api/people/:personId/self-checks/:period',
      operationId: 'saveSelfCheckDraft',
      summary: 'Save my self-check as a draft (version from the last read; 0 for the first save)',
      request: { params, body: selfCheckDraftInputSchema },
      responses: { 200: { description: 'Saved', schema: selfCheckResponseSchema }, ...errors },
      handler: async ({ user, params: { personId, period }, body }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.saveDraft(subject.actor, subject.personId, period, body) };
      },
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
      handler: async ({ user, params: { personId, period }, body }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.submit(subject.actor, subject.personId, period, body) };
      },
    }),
    route({
      method: 'put',
      path: '/api/people/:personId/self-checks/:period/feedback',
      operationId: 'giveSelfCheckFeedback',
      summary: "A supervisor's feedback per item on a submitted self-check",
      request: { params, body: selfCheckFeedbackInputSchema },
      responses: { 200: { description: 'Saved', schema: selfCheckResponseSchema }, ...errors },
      handler: async ({ user, params: { personId, period }, body }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.giveFeedback(subject.actor, subject.personId, period, body) };
      },
    }),
    route({
      method: 'post',
      path: '/api/people/:personId/self-checks/:period/feedback/complete',
      operationId: 'completeSelfCheckFeedback',
      summary:
        'The supervisor marks their feedback complete (per-item comments optional): 「フィードバック済み」',
      request: { params, body: selfCheckFeedbackCompleteInputSchema },
      responses: { 200: { description: 'Complete', schema: selfCheckResponseSchema }, ...errors },
      handler: async ({ user, params: { personId, period }, body }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.completeFeedback(subject.actor, subject.personId, period, body) };
      },
    }),
  ];
}
