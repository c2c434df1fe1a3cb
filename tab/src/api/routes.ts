// The API routes the tab calls through `api.call`, keyed by method and path template exactly as the
// server declares them (src/**/*.routes.ts). Each entry takes its types from the slice's contract
// (src/**/*.contract.ts), which holds the zod schemas the server validates, answers and documents with:
// rename a field there and every use of it here fails the tab's typecheck. Contracts import only zod,
// so importing their types pulls no server code into the tab.
import type { z } from 'zod';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import type {
  goalCommentInputSchema,
  goalInputSchema,
  goalProgressInputSchema,
  goalReflectionInputSchema,
  goalUpdateSchema,
  goalViewSchema,
  goalYearQuerySchema,
  workplaceGoalsResponseSchema,
} from '../../../src/growth/goal.contract.ts';
import type { teamResponseSchema } from '../../../src/growth/team.contract.ts';
import type {
  meResponseSchema,
  peopleSearchQuerySchema,
  personSummarySchema,
} from '../../../src/people/people.contract.ts';

/** What one route takes and answers: the body and query as the client sends them (zod input). */
interface Route<Response, Body = never, Query = never> {
  response: Response;
  body: Body;
  query: Query;
}

type Goal = z.output<typeof goalViewSchema>;

export interface ApiRoutes {
  'GET /api/me': Route<z.output<typeof meResponseSchema>>;
  'GET /api/people': Route<
    Array<z.output<typeof personSummarySchema>>,
    never,
    z.input<typeof peopleSearchQuerySchema>
  >;
  'GET /api/framework': Route<Framework>;
  'GET /api/team': Route<z.output<typeof teamResponseSchema>>;
  'GET /api/workplace/goals': Route<
    z.output<typeof workplaceGoalsResponseSchema>,
    never,
    z.input<typeof goalYearQuerySchema>
  >;
  'GET /api/people/:personId/goals': Route<Goal[], never, z.input<typeof goalYearQuerySchema>>;
  'POST /api/people/:personId/goals': Route<Goal, z.input<typeof goalInputSchema>>;
  'PUT /api/people/:personId/goals/:goalId': Route<Goal, z.input<typeof goalUpdateSchema>>;
  'POST /api/people/:personId/goals/:goalId/progress': Route<Goal, z.input<typeof goalProgressInputSchema>>;
  'PUT /api/people/:personId/goals/:goalId/reflection': Route<
    Goal,
    z.input<typeof goalReflectionInputSchema>
  >;
  'POST /api/people/:personId/goals/:goalId/comments': Route<Goal, z.input<typeof goalCommentInputSchema>>;
}

export type ApiRouteKey = keyof ApiRoutes;
export type ApiResponse<K extends ApiRouteKey> = ApiRoutes[K]['response'];

/** `:name` segments of a path template, each a string to fill in. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

type PathOf<K extends ApiRouteKey> = K extends `${string} ${infer Path}` ? Path : never;

/** What `api.call` needs besides the route: only the parts the route has are allowed, and all of them required. */
export type CallInput<K extends ApiRouteKey> = (keyof PathParams<PathOf<K>> extends never
  ? { params?: never }
  : { params: PathParams<PathOf<K>> }) &
  ([ApiRoutes[K]['body']] extends [never] ? { body?: never } : { body: ApiRoutes[K]['body'] }) &
  ([ApiRoutes[K]['query']] extends [never] ? { query?: never } : { query?: ApiRoutes[K]['query'] }) & {
    /** Lets a query that is no longer wanted stop waiting. */
    signal?: AbortSignal;
  };

/** The URL of a route: its path template filled in (each value escaped) and its query appended. */
export function urlOf(
  key: ApiRouteKey,
  input: { params?: Record<string, string>; query?: Record<string, unknown> } = {},
): { method: string; url: string } {
  const [method, template] = key.split(' ') as [string, string];
  const path = template.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = input.params?.[name];
    if (value === undefined) throw new Error(`${key}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(input.query ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      search.set(name, String(value));
    }
  }
  const query = search.toString();
  return { method, url: query ? `${path}?${query}` : path };
}
