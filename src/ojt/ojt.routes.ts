import { z } from 'zod';
import type { Actor } from '../auth/access.ts';
import { personParam, subjectOf, uuidParam } from '../http/params.ts';
import { recordGroup, recordRoutes } from '../http/record-route.ts';
import { callerRead, queryRead } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  ojtGuidanceInputSchema,
  ojtGuidedPlanSchema,
  ojtPlanCreateInputSchema,
  ojtPlansQuerySchema,
  ojtPlanResponseSchema,
  ojtPlanUpdateInputSchema,
  ojtSuggestionDismissedSchema,
  ojtSuggestionViewSchema,
  ojtTickInputSchema,
  ojtVersionInputSchema,
} from './ojt.contract.ts';
import type { OjtSuggestions } from './ojt-suggestions.ts';
import type { OjtService } from './ojt.service.ts';

export function ojtRoutes(service: OjtService, suggestions: OjtSuggestions): RouteDefinition[] {
  const plan = recordGroup({
    tags: ['ojt'],
    path: '/api/people/:personId/ojt-plan',
    params: z.object({ personId: personParam }),
    errors: {
      403: { description: 'Not the person’s supervisor chain (nor, where it may, their 指導担当)' },
      404: { description: 'No such person, or no active plan' },
    },
    target: (user, params): [actor: Actor, personId: string] => {
      const subject = subjectOf(user, params.personId);
      return [subject.actor, subject.personId];
    },
  });
  const conflict = { 409: { description: 'Changed by someone else in the meantime (version)' } };
  const suggestion = recordRoutes({
    tags: ['ojt'],
    path: '/api/ojt/suggestions/:suggestionId',
    id: uuidParam,
    errors: {
      403: { description: 'Not the supervisor the suggestion was made to' },
      404: { description: 'No such suggestion' },
      409: { description: 'No longer open, or changed in the meantime (version)' },
    },
  });
  const route = routeGroup({ tags: ['ojt'], auth: 'user' });
  return [
    plan({
      method: 'get',
      path: '',
      operationId: 'getOjtPlan',
      summary:
        "A person's active OJT plan (the person, their chain, HR and the 指導担当; others' reads audited)",
      ok: { description: 'The active plan, or plan: null', schema: ojtPlanResponseSchema },
      act: (actor, personId) => service.get(actor, personId),
    }),
    plan({
      method: 'post',
      path: '',
      status: 201,
      operationId: 'createOjtPlan',
      summary: 'Start an OJT plan for a person of my chain (指導担当, period, goals, checklist)',
      body: ojtPlanCreateInputSchema,
      ok: { description: 'Created', schema: ojtPlanResponseSchema },
      errors: {
        409: {
          description:
            'The person already has an active plan (named in the error), or the suggestion is closed',
        },
      },
      act: (actor, personId, body) => service.create(actor, personId, body),
    }),
    plan({
      method: 'put',
      path: '',
      operationId: 'updateOjtPlan',
      summary: 'Edit the active OJT plan (the chain): 指導担当, period, goals, checklist items',
      body: ojtPlanUpdateInputSchema,
      ok: { description: 'Saved', schema: ojtPlanResponseSchema },
      errors: conflict,
      act: (actor, personId, body) => service.update(actor, personId, body),
    }),
    plan({
      method: 'post',
      path: '/ticks',
      operationId: 'tickOjtChecklistItem',
      summary: 'Tick (or untick) a checklist item of the active plan (the chain and the 指導担当)',
      body: ojtTickInputSchema,
      ok: { description: 'Ticked', schema: ojtPlanResponseSchema },
      errors: conflict,
      act: (actor, personId, body) => service.tick(actor, personId, body),
    }),
    plan({
      method: 'post',
      path: '/guidance',
      status: 201,
      operationId: 'logOjtGuidance',
      summary: 'Log guidance given under the active plan (the chain and the 指導担当)',
      body: ojtGuidanceInputSchema,
      ok: { description: 'Logged', schema: ojtPlanResponseSchema },
      errors: conflict,
      act: (actor, personId, body) => service.addGuidance(actor, personId, body),
    }),
    plan({
      method: 'post',
      path: '/complete',
      operationId: 'completeOjtPlan',
      summary: 'Complete the active OJT plan (the chain); a new one may then be made',
      body: ojtVersionInputSchema,
      ok: { description: 'Completed', schema: ojtPlanResponseSchema },
      errors: conflict,
      act: (actor, personId, body) => service.complete(actor, personId, body),
    }),
    queryRead(route, {
      path: '/api/ojt/plans',
      operationId: 'listOjtPlans',
      summary: 'The active OJT plans I am the 指導担当 of (as=guide): person, 課, checklist progress',
      query: ojtPlansQuerySchema,
      ok: {
        description: 'My plans as 指導担当 (empty when I guide none)',
        schema: z.array(ojtGuidedPlanSchema),
      },
      read: (actor) => service.guided(actor),
    }),
    callerRead(route, {
      path: '/api/ojt/suggestions',
      operationId: 'listOjtSuggestions',
      summary: 'My open onboarding suggestions: people who arrived under me, with the default checklist',
      ok: { description: 'Open suggestions', schema: z.array(ojtSuggestionViewSchema) },
      read: (actor) => suggestions.list(actor),
    }),
    suggestion({
      method: 'post',
      path: '/dismiss',
      operationId: 'dismissOjtSuggestion',
      summary: 'Dismiss an onboarding suggestion made to me',
      body: ojtVersionInputSchema,
      ok: { description: 'Dismissed', schema: ojtSuggestionDismissedSchema },
      act: (actor, id, body) => suggestions.dismiss(actor, id, body),
    }),
  ];
}
