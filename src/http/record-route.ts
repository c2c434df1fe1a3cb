import { z } from 'zod';
import { actorOf, type Actor } from '../auth/access.ts';
import {
  routeGroup,
  type AuthenticatedUser,
  type HttpMethod,
  type RateLimitTier,
  type ResponseSpecs,
  type RouteDefinition,
} from './route.ts';

type AnyObject = z.ZodType<Record<string, unknown>>;

/**
 * One route of a record group: what is its own, besides the record's path, parameters and errors.
 * `T` is what the path names, handed to `act` before the body: `[actor, id]` for `recordRoutes`.
 */
export interface RecordRouteSpec<S extends z.ZodType, T extends unknown[] = [actor: Actor, id: string]> {
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
  /** The service call, as the signed-in caller, on the record the path names. */
  act: (...args: [...target: T, body: never]) => Promise<z.infer<S>>;
}

/**
 * The routes that act on one record named in their path, as the signed-in caller: they share the
 * record's path and parameters, the errors they answer with, and how the parameters name the record
 * (`target`), so each route states only its own parts.
 */
export function recordGroup<P extends Record<string, unknown>, T extends unknown[]>(record: {
  tags: string[];
  /** The record's path, ending in its parameter: `/api/interviews/:interviewId`. */
  path: string;
  params: z.ZodType<P>;
  errors: ResponseSpecs;
  /** Who acts and on what, from the caller and the validated parameters. */
  target: (user: AuthenticatedUser, params: P) => T;
}) {
  const route = routeGroup({ tags: record.tags, auth: 'user' });
  return <S extends z.ZodType>(spec: RecordRouteSpec<S, T>): RouteDefinition =>
    route({
      method: spec.method,
      path: `${record.path}${spec.path}`,
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
      request: { params: record.params, ...(spec.body ? { body: spec.body } : {}) },
      responses: { [spec.status ?? 200]: spec.ok, ...record.errors, ...spec.errors },
      handler: async ({ user, params, body }) => ({
        status: spec.status ?? 200,
        body: await spec.act(...record.target(user, params), body as never),
      }),
    });
}

/**
 * The name of the parameter a record's path ends in (`/api/interviews/:interviewId` → `interviewId`):
 * `K` where the path's type ends in `/:${K}`.
 */
export function lastParamOf<K extends string>(path: `${string}/:${K}`): K {
  return path.slice(path.lastIndexOf('/:') + 2) as K;
}

/**
 * The routes of a slice that act on one record named by its id in their path, as the signed-in caller
 * (`/api/interviews/:interviewId/cancel` → `service.cancel(actor, interviewId, body)`), the id
 * lower-cased.
 */
export function recordRoutes<const K extends string>(record: {
  tags: string[];
  /** The record's path, ending in its parameter (its name is the id's): `/api/interviews/:interviewId`. */
  path: `${string}/:${K}`;
  /** The schema of the record's id in the path. */
  id: z.ZodType<string>;
  errors: ResponseSpecs;
}) {
  const param = lastParamOf(record.path);
  // A computed key widens to `string`: the object has exactly the one parameter, `K`.
  const params = z.object({ [param]: record.id }) as unknown as z.ZodType<Record<K, string>>;
  return recordGroup({
    tags: record.tags,
    path: record.path,
    params,
    errors: record.errors,
    target: (user, params): [actor: Actor, id: string] => [actorOf(user), params[param].toLowerCase()],
  });
}
