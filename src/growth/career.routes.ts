import type { RouteDefinition } from '../http/route.ts';
import { careerDesignInputSchema, careerDesignResponseSchema } from './career.contract.ts';
import type { CareerService } from './career.service.ts';
import { personRoutes } from './person-record-route.ts';

export function careerRoutes(service: CareerService): RouteDefinition[] {
  const career = personRoutes({ path: '/api/people/:personId/career' });
  return [
    career({
      method: 'get',
      path: '',
      operationId: 'getCareerDesign',
      summary: "A person's career design (the person, their supervisors and HR; others' reads are audited)",
      ok: {
        description: 'The career design (a blank one, version 0, before the first save)',
        schema: careerDesignResponseSchema,
      },
      errors: {
        403: { description: 'Not the person, a supervisor or HR' },
        404: { description: 'No such person' },
      },
      act: (actor, personId) => service.get(actor, personId),
    }),
    career({
      method: 'put',
      path: '',
      operationId: 'saveCareerDesign',
      summary: 'Save my career design (version from the last read; 0 for the first save)',
      body: careerDesignInputSchema,
      ok: { description: 'Saved', schema: careerDesignResponseSchema },
      errors: {
        403: { description: 'Only the person writes their career design' },
        409: { description: 'Saved by someone else in the meantime (version)' },
      },
      act: (actor, personId, body) => service.save(actor, personId, body),
    }),
  ];
}
