// What every emulated Graph resource shares: the result of a request, Graph's OData error envelope, the
// caller a bearer token stands for, and the router signature each resource file implements.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

export interface GraphResult {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  requestId = randomUUID(),
): GraphResult {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'request-id': requestId,
      'client-request-id': requestId,
      ...headers,
    },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': requestId,
          'client-request-id': requestId,
        },
      },
    },
  };
}

export interface Caller {
  kind: 'app' | 'user';
  userId: string | undefined;
  appId: string;
  /** Application permissions in an app token. */
  roles: string[];
}

/** One Graph request, top-level or inside a batch, as the resource routers see it. */
export interface GraphRequest {
  method: string;
  /** Without the version (`/users/…`) and without a trailing slash. */
  graphPath: string;
  segments: string[];
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
  caller: Caller;
  /** The time zone of `Prefer: outlook.timezone`. */
  zone: string;
}

/** A resource's routes: its answer, or undefined when the request is not one of them. */
export type GraphRouter = (
  request: GraphRequest,
) => Promise<GraphResult | undefined> | GraphResult | undefined;

/** No content, no content type: as Graph answers a 201 without a body ("Install app for user"). */
export const ok = (status: number, resource?: unknown): GraphResult => ({
  status,
  headers: {
    ...(resource !== undefined ? { 'content-type': 'application/json' } : {}),
    'request-id': randomUUID(),
  },
  body: resource,
});

/** What Graph answers for a path it does not know. */
export function resourceNotFound(segments: string[]): GraphFailure {
  return new GraphFailure(
    400,
    'BadRequest',
    `Resource not found for the segment '${segments.at(-1) ?? ''}'.`,
  );
}

export function unsupportedQuery(): GraphFailure {
  return new GraphFailure(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new GraphFailure(
      400,
      'ErrorInvalidRequest',
      `Invalid request body: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  return parsed.data;
}

export function select(resource: Record<string, unknown>, query: URLSearchParams) {
  const fields = query.get('$select');
  if (!fields) return resource;
  const wanted = new Set(fields.split(',').map((field) => field.trim()));
  wanted.add('id');
  return Object.fromEntries(
    Object.entries(resource).filter(([key]) => wanted.has(key) || key.startsWith('@odata')),
  );
}

/** Application permissions: Graph answers 403 when the app token carries none of those the API accepts. */
export function requireRole(caller: Caller, accepted: string[]): void {
  if (caller.kind === 'app' && caller.roles.some((role) => accepted.includes(role))) return;
  throw new GraphFailure(
    403,
    'Forbidden',
    `Missing role permissions on the request. API requires one of '${accepted.join(', ')}'. Roles on the request '${caller.roles.join(', ')}'.`,
  );
}

/** `/users/{id|upn}/…` or `/me/…`: the user segment (`me` as is) and the path below it; undefined otherwise. */
export function userScoped(segments: string[]): { ownerSegment: string; rest: string[] } | undefined {
  if (segments[0] === 'me') return { ownerSegment: 'me', rest: segments.slice(1) };
  if (segments[0] === 'users') return { ownerSegment: segments[1] ?? '', rest: segments.slice(2) };
  return undefined;
}
