import { z } from 'zod';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import { careerDesignInputSchema, careerDesignResponseSchema } from './career.contract.ts';
import type { CareerService } from './career.service.ts';
import { forSubject, personParam } from './growth-params.ts';

export function careerRoutes(service: CareerService): RouteDefinition[] {
  const route = routeGroup({ tags: ['growth'], auth: 'user' });
  const params = z.object({ personId: personParam });
  return [
    route({
      method: 'get',
      path: '/api/people/:personId/career',
      operationId: 'getCareerDesign',
      summary: "A person's career design (the person, their supervisors and HR; others' reads are audited)",
      request: { params },
      responses: {
        200: {
          description: 'The career design (a blank one, version 0, before the first save)',
          schema: careerDesignResponseSchema,
        },
        403: { description: 'Not the person, a supervisor or HR' },
        404: { description: 'No such person' },
      },
      handler: forSubject(({ actor, personId }) => service.get(actor, personId)),
    }),
    route({
      method: 'put',
      path: '/api/people/:personId/career',
      operationId: 'saveCareerDesign',
      summary: 'Save my career design (version from the last read; 0 for the first save)',
      request: { params, body: careerDesignInputSchema },
      responses: {
        200: { description: 'Saved', schema: careerDesignResponseSchema },
        403: { description: 'Only the person writes their career design' },
        409: { description: 'Saved by someone else in the meantime (version)' },
      },
      handler: forSubject(({ actor, personId }, _params, body) => service.save(actor, personId, body)),
    }),
  ];
}
