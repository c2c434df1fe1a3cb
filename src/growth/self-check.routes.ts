import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { personParam, subjectOf } from './growth-params.ts';
import {
  draftInputSchema,
  feedbackInputSchema,
  submitInputSchema,
  type SelfCheckService,
} from './self-check.service.ts';

const periodParam = z
  .string()
  .regex(/^\d{4}-H[12]$/, 'must look like 2026-H1')
  .describe('Half of a fiscal year: YYYY-H1 (上期) or YYYY-H2 (下期)')
  .meta({ examples: ['2026-H1'] });
const params = z.object({ personId: personParam, period: periodParam });

const selfCheckSchema = z.object({
  personId: z.string(),
  period: z.string(),
  status: z.enum(['new', 'draft', 'submitted']),
  editable: z.boolean(),
  levelId: z.string().nullable(),
  frameworkVersion: z.string(),
  items: z.array(z.object({ competencyId: z.string(), mark: z.enum(['evaluated', 'maintain', 'parttime']) })),
  ratings: z.record(z.string(), z.object({ rating: z.number(), evidence: z.string() })),
  reflections: z.record(z.string(), z.string()),
  feedback: z.record(z.string(), z.object({ comment: z.string(), authorId: z.string(), at: z.string() })),
  version: z.number(),
  submittedAt: z.string().nullable(),
});

const historySchema = z.object({
  personId: z.string(),
  periods: z.array(
    z.object({
      period: z.string(),
      status: z.enum(['draft', 'submitted']),
      averages: z.record(z.string(), z.number()),
    }),
  ),
});

export function selfCheckRoutes(service: SelfCheckService): RouteDefinition[] {
  const tags = ['growth'];
  const errors = {
    404: { description: 'No such person or period' },
    409: { description: 'Closed, already submitted, or changed by someone else (version)' },
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/people/:personId/self-checks',
      operationId: 'listSelfChecks',
      summary: "A person's self-checks across periods, with averages per group (for the growth chart)",
      tags,
      auth: 'user',
      request: { params: z.object({ personId: personParam }) },
      responses: { 200: { description: 'History', schema: historySchema } },
      handler: async ({ user, params: { personId } }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.history(subject.actor, subject.personId) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/people/:personId/self-checks/:period',
      operationId: 'getSelfCheck',
      summary: 'One self-check (a blank one when none was saved yet)',
      tags,
      auth: 'user',
      request: { params },
      responses: { 200: { description: 'The self-check', schema: selfCheckSchema }, ...errors },
      handler: async ({ user, params: { personId, period } }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.get(subject.actor, subject.personId, period) };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/people/:personId/self-checks/:period',
      operationId: 'saveSelfCheckDraft',
      summary: 'Save my self-check as a draft (version from the last read; 0 for the first save)',
      tags,
      auth: 'user',
      request: { params, body: draftInputSchema },
      responses: { 200: { description: 'Saved', schema: selfCheckSchema }, ...errors },
      handler: async ({ user, params: { personId, period }, body }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.saveDraft(subject.actor, subject.personId, period, body) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/people/:personId/self-checks/:period/submit',
      operationId: 'submitSelfCheck',
      summary: 'Submit my self-check to my supervisor (every item rated)',
      tags,
      auth: 'user',
      request: { params, body: submitInputSchema },
      responses: {
        200: { description: 'Submitted', schema: selfCheckSchema },
        ...errors,
        422: { description: 'Items not rated' },
      },
      handler: async ({ user, params: { personId, period }, body }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.submit(subject.actor, subject.personId, period, body) };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/people/:personId/self-checks/:period/feedback',
      operationId: 'giveSelfCheckFeedback',
      summary: "A supervisor's feedback per item on a submitted self-check",
      tags,
      auth: 'user',
      request: { params, body: feedbackInputSchema },
      responses: { 200: { description: 'Saved', schema: selfCheckSchema }, ...errors },
      handler: async ({ user, params: { personId, period }, body }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.giveFeedback(subject.actor, subject.personId, period, body) };
      },
    }),
  ];
}
