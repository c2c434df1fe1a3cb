import { recordRoutes } from '../http/record-route.ts';
import { callerPost, callerRead, notHr, queryRead } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import { uuidParam } from '../http/params.ts';
import {
  cycleOpenInputSchema,
  cycleRescheduleInputSchema,
  cycleVersionInputSchema,
  cycleWindowInputSchema,
  cycleWindowSchema,
  cycleYearQuerySchema,
  cycleYearResponseSchema,
  dueResponseSchema,
} from './cycle.contract.ts';
import type { CycleService } from './cycle.service.ts';

export function cycleRoutes(service: CycleService): RouteDefinition[] {
  const route = routeGroup({ tags: ['cycles'], auth: 'user' });
  const hrErrors = {
    ...notHr,
    404: { description: 'No such window' },
    409: { description: 'Not possible in the window’s state, or changed meanwhile (version)' },
    422: { description: 'Days outside the fiscal year, or a last day before the first or already past' },
  };
  const cycleWindow = recordRoutes({
    tags: ['cycles'],
    path: '/api/cycles/windows/:windowId',
    id: uuidParam,
    errors: hrErrors,
  });
  return [
    queryRead(route, {
      path: '/api/cycles',
      operationId: 'getCycleYear',
      summary: "A fiscal year's windows (who/when and history for HR only)",
      query: cycleYearQuerySchema,
      ok: { description: 'The year', schema: cycleYearResponseSchema },
      read: (actor, query) => service.year(actor, query.fiscalYear),
    }),
    callerRead(route, {
      path: '/api/cycles/due',
      operationId: 'getCyclesDue',
      summary: 'What is open now, what I still owe, and how many of my team still owe it',
      ok: { description: 'Due', schema: dueResponseSchema },
      read: (actor) => service.due(actor),
    }),
    callerPost(route, {
      path: '/api/cycles/windows',
      operationId: 'createCycleWindow',
      summary: 'Plan a window of a fiscal year (HR): scheduled until opened',
      body: cycleWindowInputSchema,
      status: 201,
      ok: { description: 'Planned', schema: cycleWindowSchema },
      errors: hrErrors,
      act: (actor, body) => service.create(actor, body),
    }),
    cycleWindow({
      method: 'put',
      path: '',
      operationId: 'rescheduleCycleWindow',
      summary: "Change a window's planned days (HR)",
      body: cycleRescheduleInputSchema,
      ok: { description: 'Changed', schema: cycleWindowSchema },
      act: (actor, id, body) => service.reschedule(actor, id, body),
    }),
    cycleWindow({
      method: 'post',
      path: '/open',
      operationId: 'openCycleWindow',
      summary: 'Open a window now, or reopen a closed one (HR)',
      body: cycleOpenInputSchema,
      ok: { description: 'Open', schema: cycleWindowSchema },
      act: (actor, id, body) => service.open(actor, id, body),
    }),
    cycleWindow({
      method: 'post',
      path: '/close',
      operationId: 'closeCycleWindow',
      summary: 'Close a window now (HR)',
      body: cycleVersionInputSchema,
      ok: { description: 'Closed', schema: cycleWindowSchema },
      act: (actor, id, body) => service.close(actor, id, body),
    }),
  ];
}
