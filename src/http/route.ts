import type { Request, Response } from 'express';
import { z } from 'zod';

/**
 * `notify`: the route messages people (a bot message, a channel post) or creates, moves or cancels
 * Outlook events — what a runaway client would turn into spam in colleagues' chats and calendars.
 * `write`: every other write. Reads are not limited here (the ingress limits requests per address).
 */
export type RateLimitTier = 'notify' | 'write';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route. `user` needs a validated Teams SSO bearer token. */
export type RouteAuth = 'public' | 'user';

export interface AuthenticatedUser {
  /** Entra object id (oid). */
  id: string;
  tenantId: string;
  name: string;
  userPrincipalName: string;
  /** The token carries the HR app role (configured by HR_APP_ROLE). */
  isHr: boolean;
  /** The caller's SSO token, kept only for the on-behalf-of exchange; never logged or stored. */
  token: string;
}

export interface RouteContext<P, Q, B, U = AuthenticatedUser | undefined> {
  params: P;
  query: Q;
  body: B;
  /** The signed-in caller: always there on a `user` route (authentication ran first); absent on public ones. */
  user: U;
  req: Request;
  res: Response;
}

/** Who the handler of a route with this `auth` is called for. */
export type UserOf<A extends RouteAuth> = A extends 'user' ? AuthenticatedUser : undefined;

export type RouteResult =
  | { status?: number; body: unknown; headers?: Record<string, string> }
  | { status?: number; raw: string | Buffer; contentType: string; headers?: Record<string, string> }
  | { status: 204 };

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

export type ResponseSpecs = Record<number, ResponseSpec>;

type Headers = Record<string, string>;

/** A declared status as a number (spreading a responses object turns its keys into strings). */
type StatusOf<S> = S extends `${infer N extends number}` ? N : S;

/** What a handler may answer with one declared response (status S): the body its schema describes. 200 is the default status. */
type ResultFor<S, Spec> = Spec extends { contentType: string }
  ? S extends 200
    ? { status?: 200; raw: string | Buffer; contentType: string; headers?: Headers }
    : { status: S; raw: string | Buffer; contentType: string; headers?: Headers }
  : Spec extends { schema: infer Z extends z.ZodType }
    ? S extends 200
      ? { status?: 200; body: z.infer<Z>; headers?: Headers }
      : { status: S; body: z.infer<Z>; headers?: Headers }
    : S extends 204
      ? { status: 204; headers?: Headers }
      : // Declared without a schema, a response documents a status only: its body is not described.
        S extends 200
        ? { status?: 200; body: unknown; headers?: Headers }
        : { status: S; body: unknown; headers?: Headers };

/** The union of what a handler may return, one member per declared response. */
export type TypedRouteResult<R extends ResponseSpecs> = {
  [S in keyof R]: ResultFor<StatusOf<S>, R[S]>;
}[keyof R];

type AnyObject = z.ZodType<Record<string, unknown>>;

export interface RouteDefinition<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
  A extends RouteAuth = RouteAuth,
  R extends ResponseSpecs = ResponseSpecs,
> {
  method: HttpMethod;
  /** Express-style path, e.g. `/api/goals/:goalId`. */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  auth: A;
  /**
   * The per-person rate limit the route counts in (rate-limit.ts): `notify` for routes that message
   * people or change Outlook events; signed-in non-GET routes count as `write` unless they say otherwise.
   */
  rateLimit?: RateLimitTier | 'none';
  /** A larger JSON body than the service-wide limit, for the few routes that take a file. */
  bodyLimitBytes?: number;
  request?: { params?: P; query?: Q; body?: B };
  /** Every answer the route gives on success; the handler's result is typed (and, outside production, checked) by these. */
  responses: R;
  handler: (
    context: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>, UserOf<A>>,
  ) => Promise<TypedRouteResult<R>>;
}

/**
 * Keeps the handler's types tied to its schemas: its context by the request schemas and `auth` (a
 * `user` route's handler always has a user), its result by the response schemas.
 */
export function defineRoute<
  P extends AnyObject,
  Q extends AnyObject,
  B extends z.ZodType,
  const A extends RouteAuth,
  const R extends ResponseSpecs,
>(route: RouteDefinition<P, Q, B, A, R>): RouteDefinition {
  // The list of routes the app mounts is heterogeneous; each route was checked against its own types here.
  return route as unknown as RouteDefinition;
}

/** A route as its slice writes it with `routeGroup`: all but the OpenAPI tags and `auth` its group shares. */
export type RouteSpec<
  P extends AnyObject,
  Q extends AnyObject,
  B extends z.ZodType,
  A extends RouteAuth,
  R extends ResponseSpecs,
> = Omit<RouteDefinition<P, Q, B, A, R>, 'tags' | 'auth'>;

/**
 * The `defineRoute` of one slice's routes: they share their OpenAPI tags and who may call them, so
 * each route states only what is its own. Typed as `defineRoute` is, with `auth` fixed for the group.
 */
export function routeGroup<const A extends RouteAuth>(shared: { tags: string[]; auth: A }) {
  return <P extends AnyObject, Q extends AnyObject, B extends z.ZodType, const R extends ResponseSpecs>(
    route: RouteSpec<P, Q, B, A, R>,
  ): RouteDefinition => defineRoute<P, Q, B, A, R>({ ...route, ...shared });
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('Stable, machine-readable error code'),
    message: z.string().describe('Human-readable explanation'),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});
