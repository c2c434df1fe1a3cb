import { z } from 'zod';
import { defineRoute, type RouteDefinition } from './route.ts';

export interface HealthProbes {
  databaseKind: 'pglite' | 'postgres';
  pingDatabase(): Promise<void>;
  isQueueHealthy(): Promise<boolean>;
}

const componentSchema = z.object({ status: z.enum(['ok', 'down']) });

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: componentSchema.extend({ kind: z.enum(['pglite', 'postgres']) }),
  queue: componentSchema,
});

export function healthRoutes(probes: HealthProbes, version: string): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      operationId: 'getHealth',
      summary: 'Liveness and readiness: database and job queue status',
      tags: ['meta'],
      auth: 'public',
      responses: {
        200: { description: 'Everything answers', schema: healthSchema },
        503: { description: 'A dependency does not answer', schema: healthSchema },
      },
      handler: async () => {
        const [databaseUp, queueUp] = await Promise.all([
          probes.pingDatabase().then(
            () => true,
            () => false,
          ),
          probes.isQueueHealthy(),
        ]);
        const healthy = databaseUp && queueUp;
        return {
          status: healthy ? 200 : 503,
          body: {
            status: healthy ? 'ok' : 'degraded',
            version,
            database: { status: databaseUp ? 'ok' : 'down', kind: probes.databaseKind },
            queue: { status: queueUp ? 'ok' : 'down' },
          },
        };
      },
    }),
  ];
}
