import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { frameworkSchema, type Framework } from './framework.contract.ts';

export function frameworkRoutes(framework: Framework): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/framework',
      operationId: 'getFramework',
      summary:
        "The city's staff-development policy as data: target image, DRILL, levels, competencies, matrix",
      tags: ['framework'],
      auth: 'user',
      responses: { 200: { description: 'The framework in force', schema: frameworkSchema } },
      handler: async () => ({ body: framework, headers: { 'Cache-Control': 'private, max-age=300' } }),
    }),
  ];
}
