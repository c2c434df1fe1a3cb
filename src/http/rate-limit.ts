// Per-person limits on write requests, declared on the route definitions (route.ts `rateLimit`) and
// counted in PostgreSQL so that several instances behind a load balancer share one count.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { AppError } from './app-error.ts';
import { rateLimitCounters } from './rate-limit.schema.ts';
import type { RateLimitTier, RouteDefinition } from './route.ts';

export type { RateLimitTier };

export interface RateLimits {
  windowSeconds: number;
  notifyMax: number;
  writeMax: number;
}

/** Counts one request of a person in a tier; throws `rate_limited` (429, Retry-After) past the limit. */
export type RateLimiter = (tier: RateLimitTier, personId: string) => Promise<void>;

/**
 * The tier a route counts in: what it declares, else `write` for every signed-in non-GET route — so a
 * new write route is limited without anyone remembering to say so — and none for reads and public routes.
 */
export function rateLimitTierOf(route: Pick<RouteDefinition, 'method' | 'auth' | 'rateLimit'>) {
  if (route.auth !== 'user') return undefined;
  if (route.rateLimit === 'none') return undefined;
  if (route.rateLimit) return route.rateLimit;
  return route.method === 'get' ? undefined : 'write';
}

/**
 * A fixed window per person and tier that starts with the person's first request after the previous
 * window ended. One atomic upsert counts the request and reads the count back, with the database's
 * clock (the instances' clocks may differ): concurrent requests on any instance are each counted once.
 */
export function createRateLimiter(db: Db, limits: RateLimits): RateLimiter {
  const window = sql`(${limits.windowSeconds}::int * interval '1 second')`;
  const expired = sql`${rateLimitCounters.windowStartedAt} <= now() - ${window}`;
  return async (tier, personId) => {
    const max = tier === 'notify' ? limits.notifyMax : limits.writeMax;
    const [counted] = await db
      .insert(rateLimitCounters)
      .values({ personId, tier, windowStartedAt: sql`now()`, hits: 1 })
      .onConflictDoUpdate({
        target: [rateLimitCounters.personId, rateLimitCounters.tier],
        set: {
          windowStartedAt: sql`CASE WHEN ${expired} THEN now() ELSE ${rateLimitCounters.windowStartedAt} END`,
          hits: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimitCounters.hits} + 1 END`,
        },
      })
      .returning({
        hits: rateLimitCounters.hits,
        secondsLeft: sql<string>`ceil(extract(epoch FROM ${rateLimitCounters.windowStartedAt} + ${window} - now()))`,
      });
    if (!counted || counted.hits <= max) return;
    throw new AppError(
      'rate_limited',
      tier === 'notify'
        ? `Too many requests that notify people or change Outlook events: at most ${max} in ${limits.windowSeconds} seconds. Try again later.`
        : `Too many changes: at most ${max} in ${limits.windowSeconds} seconds. Try again later.`,
      [],
      { retryAfterSeconds: Math.max(1, Number(counted.secondsLeft)) },
    );
  };
}
