import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { Framework } from './framework.schema.ts';

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
      responses: { 200: { description: 'The framework in force' } },
      handler: async () => ({ body: framework, headers: { 'Cache-Control': 'private, max-age=300' } }),
    }),
  ];
}
