import { z } from 'zod';
import { actorOf, type Actor } from '../auth/access.ts';
import {
  routeGroup,
  type HttpMethod,
  type RateLimitTier,
  type ResponseSpecs,
  type RouteDefinition,
} from './route.ts';

type AnyObject = z.ZodType<Record<string, unknown>>;

/** One route of a `recordRoutes` group: what is its own, besides the record's parameter and errors. */
export interface RecordRouteSpec<S extends z.ZodType> {
  method: HttpMethod;
  /** Below the record's path: `/cancel`, or '' for the record itself. */
  path: string;
  operationId: string;
  summary: string;
  rateLimit?: RateLimitTier;
  /** The validated JSON body handed to `act`; none on a read. */
  body?: AnyObject;
  /** 201 for a route that creates something below the record; 200 otherwise. */
  status?: 200 | 201;
  /** The success answer. */
  ok: { description: string; schema: S };
  /** Errors of this route besides (or instead of) the group's. */
  errors?: ResponseSpecs;
  /** The service call, as the signed-in caller, with the record's id lower-cased. */
  act: (actor: Actor, id: string, body: never) => Promise<z.infer<S>>;
}

/**
 * The routes of a slice that act on one record named in their path, as the signed-in caller
 * (`/api/interviews/:interviewId/cancel` → `service.cancel(actor, interviewId, body)`): they share the
 * record's path, its id parameter and the errors they answer with, so each states only its own parts.
 */
export function recordRoutes<const K extends string>(record: {
  tags: string[];
  /** The record's path, ending in its parameter: `/api/interviews/:interviewId`. */
  path: `${string}/:${K}`;
  param: K;
  /** The schema of the record's id in the path. */
  id: z.ZodType<string>;
  errors: ResponseSpecs;
}) {
  const route = routeGroup({ tags: record.tags, auth: 'user' });
  // A computed key widens to `string`: the object has exactly the one parameter, `K`.
  const params = z.object({ [record.param]: record.id }) as unknown as z.ZodType<Record<K, string>>;
  return <S extends z.ZodType>(spec: RecordRouteSpec<S>): RouteDefinition =>
    route({
      method: spec.method,
      path: `${record.path}${spec.path}`,
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
      request: { params, ...(spec.body ? { body: spec.body } : {}) },
      responses: { [spec.status ?? 200]: spec.ok, ...record.errors, ...spec.errors },
      handler: async ({ user, params, body }) => ({
        status: spec.status ?? 200,
        body: await spec.act(actorOf(user), params[record.param].toLowerCase(), body as never),
      }),
    });
}
