import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { uuidParam } from '../http/params.ts';
import { orgUnitParam } from '../growth/org-policy.contract.ts';
import { recordRoutes } from '../http/record-route.ts';
import { callerPost, callerRead, hrRouteGroup, notHr, paramsRead } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  currentPulseSchema,
  departmentPulseSchema,
  pulseActionInputSchema,
  pulseActionSchema,
  pulseAnswerInputSchema,
  pulseAnsweredSchema,
  pulseConfigSchema,
  pulseCreateInputSchema,
  pulseResultsSchema,
  pulseTrendSchema,
  pulseUpdateInputSchema,
  quarterId,
} from './pulse.contract.ts';
import type { PulseService } from './pulse.service.ts';

export function pulseRoutes(service: PulseService): RouteDefinition[] {
  const tags = ['pulse'];
  const hr = hrRouteGroup({ tags });
  const route = routeGroup({ tags, auth: 'user' });
  const hrPulse = recordRoutes({
    tags,
    path: '/api/hr/pulses/:pulseId',
    id: uuidParam,
    errors: { ...notHr, 404: { description: 'No such pulse' } },
  });
  const pulse = recordRoutes({
    tags,
    path: '/api/pulses/:pulseId',
    id: uuidParam,
    errors: { 404: { description: 'No such pulse' } },
  });
  const departmentParams = z.object({ department: orgUnitParam });
  return [
    callerRead(hr, {
      path: '/api/hr/pulses',
      operationId: 'listPulses',
      summary: 'Every やりがい pulse, newest quarter first, with how many answered (HR)',
      ok: { description: 'The pulses', schema: z.array(pulseConfigSchema) },
      read: (actor) => service.list(actor),
    }),
    callerPost(hr, {
      path: '/api/hr/pulses',
      operationId: 'createPulse',
      summary:
        'Configure the pulse of a fiscal quarter: 3–5 questions (ja, en), a free-text one, open and close days',
      rateLimit: 'write',
      body: pulseCreateInputSchema,
      status: 201,
      ok: { description: 'Created', schema: pulseConfigSchema },
      errors: { 409: { description: 'The quarter already has a pulse' } },
      act: (actor, body) => service.create(actor, body),
    }),
    callerRead(hr, {
      path: '/api/hr/pulses/trend',
      operationId: 'getPulseTrend',
      summary: 'The mean score of every 課 over the quarters, withheld where fewer than five answered (HR)',
      ok: { description: 'The trend', schema: pulseTrendSchema },
      read: (actor) => service.trend(actor),
    }),
    hrPulse({
      method: 'put',
      path: '',
      operationId: 'updatePulse',
      summary: 'Edit a pulse (HR): its questions until the first answer, its days at any time',
      body: pulseUpdateInputSchema,
      ok: { description: 'Saved', schema: pulseConfigSchema },
      errors: { 409: { description: 'Questions locked after the first answer, or a stale version' } },
      act: (actor, id, body) => service.update(actor, id, body),
    }),
    hrPulse({
      method: 'get',
      path: '/results',
      operationId: 'getPulseResults',
      summary: 'A pulse’s results by 課 (HR), withheld where fewer than five answered; never per person',
      ok: { description: 'The results', schema: pulseResultsSchema },
      act: (actor, id) => service.results(actor, id),
    }),
    callerRead(route, {
      path: '/api/pulses/current',
      operationId: 'getCurrentPulse',
      summary: 'The pulse open today, and whether I answered it',
      ok: { description: 'The open pulse, or pulse: null', schema: currentPulseSchema },
      read: (actor) => service.current(actor),
    }),
    pulse({
      method: 'post',
      path: '/answer',
      operationId: 'answerPulse',
      summary: 'Answer a pulse while it is open, once (stored without my name)',
      rateLimit: 'write',
      body: pulseAnswerInputSchema,
      ok: { description: 'Answered', schema: pulseAnsweredSchema },
      errors: { 409: { description: 'Not open (closed or not yet open), or already answered' } },
      act: (actor, id, body) => service.answer(actor, id, body),
    }),
    paramsRead(route, {
      path: '/api/pulses/departments/:department',
      operationId: 'getDepartmentPulse',
      summary: 'A 課’s trend over the quarters and its actions (its 課長 and 係長, HR)',
      params: departmentParams,
      ok: { description: 'The 課’s trend and actions', schema: departmentPulseSchema },
      errors: { 403: { description: 'Not a 課長 or 係長 of the 課, nor HR' } },
      read: (actor, params) => service.department(actor, params.department),
    }),
    route({
      method: 'put',
      path: '/api/pulses/departments/:department/actions/:quarter',
      operationId: 'writePulseAction',
      summary: 'Write the 課’s action for a quarter’s results (its 課長 and 係長), versioned',
      rateLimit: 'write',
      request: {
        params: departmentParams.extend({ quarter: quarterId }),
        body: pulseActionInputSchema,
      },
      responses: {
        200: { description: 'Saved', schema: pulseActionSchema },
        403: { description: 'Not a 課長 or 係長 of the 課' },
        404: { description: 'No pulse for the quarter' },
        409: { description: 'Changed by someone else in the meantime (version)' },
      },
      handler: async ({ user, params, body }) => ({
        body: await service.writeAction(actorOf(user), params.department, params.quarter, body),
      }),
    }),
  ];
}
