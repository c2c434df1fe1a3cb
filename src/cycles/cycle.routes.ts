import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { uuidParam } from '../growth/growth-params.ts';
import { CYCLE_KINDS } from './cycle.contract.ts';
import {
  cycleOpenInputSchema,
  cycleRescheduleInputSchema,
  cycleVersionInputSchema,
  cycleWindowInputSchema,
  type CycleService,
} from './cycle.service.ts';

const state = z.enum(['scheduled', 'open', 'closed']);
const actor = z.object({ id: z.string(), displayName: z.string().nullable() });
const windowSchema = z.object({
  id: z.string(),
  fiscalYear: z.number(),
  kind: z.enum(CYCLE_KINDS),
  state,
  opensOn: z.string().describe('Planned first day (YYYY-MM-DD, Japan time)'),
  closesOn: z.string().describe('Last day, the deadline (YYYY-MM-DD, Japan time, inclusive)'),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  ended: z.boolean().describe('Closed because its last day passed'),
  version: z.number(),
  openedBy: actor.nullable().optional().describe('HR only'),
  closedBy: actor.nullable().optional().describe('HR only'),
  history: z
    .array(
      z.object({
        at: z.string(),
        action: z.enum(['scheduled', 'rescheduled', 'opened', 'reopened', 'closed']),
        actor,
        state,
        opensOn: z.string(),
        closesOn: z.string(),
      }),
    )
    .optional()
    .describe('HR only: every change, oldest first'),
});
const yearSchema = z.object({
  fiscalYear: z.number(),
  currentFiscalYear: z.number(),
  today: z.string(),
  windows: z.array(windowSchema),
});
const task = z.enum(['setGoals', 'recordMidYear', 'writeYearEnd', 'submitSelfCheck', 'submitDeclaration']);
const dueSchema = z.object({
  today: z.string(),
  open: z.array(
    z.object({
      kind: z.enum(CYCLE_KINDS),
      windowId: z.string().nullable(),
      fiscalYear: z.number(),
      closesOn: z.string(),
    }),
  ),
  mine: z.array(
    z.object({
      kind: z.enum(CYCLE_KINDS),
      windowId: z.string().nullable(),
      fiscalYear: z.number(),
      closesOn: z.string(),
      task,
      count: z.number(),
      period: z.string().optional(),
      page: z.enum(['goals', 'self-check', 'declaration']),
    }),
  ),
  team: z
    .array(
      z.object({
        kind: z.enum(CYCLE_KINDS),
        windowId: z.string().nullable(),
        closesOn: z.string(),
        task,
        owing: z.number(),
        of: z.number(),
      }),
    )
    .nullable(),
});

export function cycleRoutes(service: CycleService): RouteDefinition[] {
  const tags = ['cycles'];
  const windowParams = z.object({ windowId: uuidParam });
  const hrErrors = {
    403: { description: 'Not HR' },
    404: { description: 'No such window' },
    409: { description: 'Not possible in the window’s state, or changed meanwhile (version)' },
    422: { description: 'Days outside the fiscal year, or a last day before the first or already past' },
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/cycles',
      operationId: 'getCycleYear',
      summary: "A fiscal year's windows (who/when and history for HR only)",
      tags,
      auth: 'user',
      request: {
        query: z.object({
          fiscalYear: z
            .string()
            .regex(/^\d{4}$/, 'must be a fiscal year, e.g. 2026')
            .transform(Number)
            .optional()
            .describe('Fiscal year (April to March); default: the current one'),
        }),
      },
      responses: { 200: { description: 'The year', schema: yearSchema } },
      handler: async ({ user, query }) => ({ body: await service.year(actorOf(user), query.fiscalYear) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cycles/due',
      operationId: 'getCyclesDue',
      summary: 'What is open now, what I still owe, and how many of my team still owe it',
      tags,
      auth: 'user',
      responses: { 200: { description: 'Due', schema: dueSchema } },
      handler: async ({ user }) => ({ body: await service.due(actorOf(user)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/cycles/windows',
      operationId: 'createCycleWindow',
      summary: 'Plan a window of a fiscal year (HR): scheduled until opened',
      tags,
      auth: 'user',
      request: { body: cycleWindowInputSchema },
      responses: { 201: { description: 'Planned', schema: windowSchema }, ...hrErrors },
      handler: async ({ user, body }) => ({ status: 201, body: await service.create(actorOf(user), body) }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/cycles/windows/:windowId',
      operationId: 'rescheduleCycleWindow',
      summary: "Change a window's planned days (HR)",
      tags,
      auth: 'user',
      request: { params: windowParams, body: cycleRescheduleInputSchema },
      responses: { 200: { description: 'Changed', schema: windowSchema }, ...hrErrors },
      handler: async ({ user, params, body }) => ({
        body: await service.reschedule(actorOf(user), params.windowId.toLowerCase(), body),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/cycles/windows/:windowId/open',
      operationId: 'openCycleWindow',
      summary: 'Open a window now, or reopen a closed one (HR)',
      tags,
      auth: 'user',
      request: { params: windowParams, body: cycleOpenInputSchema },
      responses: { 200: { description: 'Open', schema: windowSchema }, ...hrErrors },
      handler: async ({ user, params, body }) => ({
        body: await service.open(actorOf(user), params.windowId.toLowerCase(), body),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/cycles/windows/:windowId/close',
      operationId: 'closeCycleWindow',
      summary: 'Close a window now (HR)',
      tags,
      auth: 'user',
      request: { params: windowParams, body: cycleVersionInputSchema },
      responses: { 200: { description: 'Closed', schema: windowSchema }, ...hrErrors },
      handler: async ({ user, params, body }) => ({
        body: await service.close(actorOf(user), params.windowId.toLowerCase(), body),
      }),
    }),
  ];
}
