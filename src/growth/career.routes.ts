import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { careerDesignInputSchema, careerDesignResponseSchema } from './career.contract.ts';
import type { CareerService } from './career.service.ts';
import { personParam, subjectOf } from './growth-params.ts';

export function careerRoutes(service: CareerService): RouteDefinition[] {
  const tags = ['growth'];
  const params = z.object({ personId: personParam });
  return [
    defineRoute({
      method: 'get',
      path: '/api/people/:personId/career',
      operationId: 'getCareerDesign',
      summary: "A person's career design (the person, their supervisors and HR; others' reads are audited)",
      tags,
      auth: 'user',
      request: { params },
      responses: {
        200: {
          description: 'The career design (a blank one, version 0, before the first save)',
          schema: careerDesignResponseSchema,
        },
        403: { description: 'Not the person, a supervisor or HR' },
        404: { description: 'No such person' },
      },
      handler: async ({ user, params: { personId } }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.get(subject.actor, subject.personId) };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/people/:personId/career',
      operationId: 'saveCareerDesign',
      summary: 'Save my career design (version from the last read; 0 for the first save)',
      tags,
      auth: 'user',
      request: { params, body: careerDesignInputSchema },
      responses: {
        200: { description: 'Saved', schema: careerDesignResponseSchema },
        403: { description: 'Only the person writes their career design' },
        409: { description: 'Saved by someone else in the meantime (version)' },
      },
      handler: async ({ user, params: { personId }, body }) => {
        const subject = subjectOf(user, personId);
        return { body: await service.save(subject.actor, subject.personId, body) };
      },
    }),
  ];
}
