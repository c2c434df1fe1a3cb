import { z } from 'zod';
import { routeGroup, type RouteDefinition } from './route.ts';

export interface HealthProbes {
  databaseKind: 'pglite' | 'postgres';
  pingDatabase(): Promise<void>;
  isQueueHealthy(): Promise<boolean>;
  /** True from the first SIGTERM on: the load balancer must stop sending new work here. */
  isDraining(): boolean;
}

const componentSchema = z.object({ status: z.enum(['ok', 'down']) });

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'draining']),
  version: z.string(),
  database: componentSchema.extend({ kind: z.enum(['pglite', 'postgres']) }),
  queue: componentSchema,
});

export const livenessSchema = z.object({ status: z.literal('ok'), version: z.string() });

/** The database ping must not hang a probe: the platform's own probe timeout is a few seconds. */
const PING_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Two probes, because they answer different questions (docs/operations.md):
 * - liveness: does this process still answer? Never touches the database, so a database blip does not
 *   make the platform restart every replica at once;
 * - readiness: may this replica take traffic? Database and job queue reachable, and not shutting down.
 * `/api/health` stays as an alias of readiness for existing monitors.
 */
export function healthRoutes(probes: HealthProbes, version: string): RouteDefinition[] {
  const route = routeGroup({ tags: ['meta'], auth: 'public' });
  const readiness = async () => {
    const [databaseUp, queueUp] = await Promise.all([
      withTimeout(
        probes.pingDatabase().then(
          () => true,
          () => false,
        ),
        PING_TIMEOUT_MS,
        false,
      ),
      withTimeout(probes.isQueueHealthy(), PING_TIMEOUT_MS, false),
    ]);
    const draining = probes.isDraining();
    const ready = databaseUp && queueUp && !draining;
    return {
      status: ready ? 200 : 503,
      body: {
        status: draining ? 'draining' : ready ? 'ok' : 'degraded',
        version,
        database: { status: databaseUp ? 'ok' : 'down', kind: probes.databaseKind },
        queue: { status: queueUp ? 'ok' : 'down' },
      },
    } as const;
  };
  const readinessResponses = {
    200: { description: 'Ready: the database and the job queue answer', schema: healthSchema },
    503: { description: 'Not ready: a dependency does not answer, or shutting down', schema: healthSchema },
  };
  return [
    route({
      method: 'get',
      path: '/api/health/live',
      operationId: 'getLiveness',
      summary: 'Liveness: the process answers (never touches the database)',
      responses: { 200: { description: 'The process answers', schema: livenessSchema } },
      handler: async () => ({ status: 200, body: { status: 'ok', version } }) as const,
    }),
    route({
      method: 'get',
      path: '/api/health/ready',
      operationId: 'getReadiness',
      summary: 'Readiness: database and job queue reachable, not draining',
      responses: readinessResponses,
      handler: readiness,
    }),
    route({
      method: 'get',
      path: '/api/health',
      operationId: 'getHealth',
      summary: 'Readiness (kept for existing monitors): database and job queue status',
      responses: readinessResponses,
      handler: readiness,
    }),
  ];
}
