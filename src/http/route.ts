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

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on every `user` route; absent on public ones. */
  user: AuthenticatedUser | undefined;
  req: Request;
  res: Response;
}

export type RouteResult =
  | { status?: number; body: unknown; headers?: Record<string, string> }
  | { status?: number; raw: string | Buffer; contentType: string; headers?: Record<string, string> }
  | { status: 204 };

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

type AnyObject = z.ZodType<Record<string, unknown>>;

export interface RouteDefinition<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Express-style path, e.g. `/api/goals/:goalId`. */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  auth: RouteAuth;
  /**
   * The per-person rate limit the route counts in (rate-limit.ts): `notify` for routes that message
   * people or change Outlook events; signed-in non-GET routes count as `write` unless they say otherwise.
   */
  rateLimit?: RateLimitTier | 'none';
  /** A larger JSON body than the service-wide limit, for the few routes that take a file. */
  bodyLimitBytes?: number;
  request?: { params?: P; query?: Q; body?: B };
  responses: Record<number, ResponseSpec>;
  handler: (context: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<RouteResult>;
}

/** Keeps the handler's types tied to its schemas. */
export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
  route: RouteDefinition<P, Q, B>,
): RouteDefinition {
  return route;
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('Stable, machine-readable error code'),
    message: z.string().describe('Human-readable explanation'),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});
