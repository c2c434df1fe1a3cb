import { z } from 'zod';
import { actorOf, type Actor } from '../auth/access.ts';
import { personParam, subjectOf } from './params.ts';
import { CSV_CONTENT_TYPE, csvResult, type CsvCell } from '../shared/csv.ts';
import { recordGroup, type RecordRouteSpec } from './record-route.ts';
import {
  defineRoute,
  type AuthenticatedUser,
  type RateLimitTier,
  type ResponseSpecs,
  type RouteContext,
  type RouteDefinition,
  type RouteSpec,
} from './route.ts';

type AnyObject = z.ZodType<Record<string, unknown>>;

/** What an HR-only route answers everyone else (the service refuses them). */
export const notHr = { 403: { description: 'Not HR' } } as const;

/**
 * The `routeGroup` of routes that only HR may call: each also answers 403 to everyone else, so no route
 * states it again (a route that declares its own 403 keeps it). Typed as `routeGroup` is (the handler
 * answers the route's own responses).
 */
export function hrRouteGroup(shared: { tags: string[] }) {
  return <P extends AnyObject, Q extends AnyObject, B extends z.ZodType, const R extends ResponseSpecs>(
    route: RouteSpec<P, Q, B, 'user', R>,
  ): RouteDefinition => {
    const defined = defineRoute<P, Q, B, 'user', R>({ ...route, tags: shared.tags, auth: 'user' });
    return { ...defined, responses: { ...notHr, ...defined.responses } };
  };
}

/** A slice's group of signed-in routes, as `routeGroup({ tags, auth: 'user' })` or `hrRouteGroup` returns it. */
export type UserRouteGroup = <
  P extends AnyObject,
  Q extends AnyObject,
  B extends z.ZodType,
  const R extends ResponseSpecs,
>(
  route: RouteSpec<P, Q, B, 'user', R>,
) => RouteDefinition;

/** What a route of a kind below states of its own: where it is, what it is, and what it answers. */
interface KindSpec<S extends z.ZodType> {
  path: string;
  operationId: string;
  summary: string;
  /** The success answer. */
  ok: { description: string; schema: S };
  /** The route's errors besides those its group adds. */
  errors?: ResponseSpecs;
}

/** Where a route of a kind is and what it is: the same in every kind. */
function named(spec: { path: string; operationId: string; summary: string }) {
  return { path: spec.path, operationId: spec.operationId, summary: spec.summary };
}

/** What a read's handler is handed: the caller and the validated parameters and query. */
type ReadContext<P extends AnyObject, Q extends AnyObject> = Pick<
  RouteContext<z.output<P>, z.output<Q>, unknown, AuthenticatedUser>,
  'user' | 'params' | 'query'
>;

/** The `GET` every read kind below declares: 200 with what `read` returns, then the route's errors. */
function readRoute<P extends AnyObject, Q extends AnyObject, S extends z.ZodType>(
  group: UserRouteGroup,
  spec: KindSpec<S>,
  request: { params?: P; query?: Q },
  read: (context: ReadContext<P, Q>) => Promise<z.infer<S>>,
): RouteDefinition {
  return group({
    method: 'get',
    ...named(spec),
    ...(request.params || request.query ? { request } : {}),
    responses: { 200: spec.ok, ...spec.errors },
    handler: async (context) => ({ body: await read(context) }),
  });
}

/**
 * A read of the caller's own, with no parameters (`GET /api/reports/due` → `service.due(actor)`), in the
 * slice's `group`: the route answers 200 with what `read` returns.
 */
export function callerRead<S extends z.ZodType>(
  group: UserRouteGroup,
  spec: {
    path: string;
    operationId: string;
    summary: string;
    ok: { description: string; schema: S };
    read: (actor: Actor) => Promise<z.infer<S>>;
  },
): RouteDefinition {
  return readRoute(group, spec, {}, ({ user }) => spec.read(actorOf(user)));
}

/**
 * A read with a query, as the caller (`GET /api/interviews?as=organizer` → `service.list(actor, query)`),
 * in the slice's `group`: the route answers 200 with what `read` returns for the validated query.
 */
export function queryRead<Q extends AnyObject, S extends z.ZodType>(
  group: UserRouteGroup,
  spec: KindSpec<S> & { query: Q; read: (actor: Actor, query: z.output<Q>) => Promise<z.infer<S>> },
): RouteDefinition {
  return readRoute(group, spec, { query: spec.query }, ({ user, query }) => spec.read(actorOf(user), query));
}

/**
 * A read of what the path's parameters name, as the caller (`GET /api/hr/training-budget/:fiscalYear` →
 * `budget.read(actor, params.fiscalYear)`): the route answers 200 with what `read` returns.
 */
export function paramsRead<P extends AnyObject, S extends z.ZodType>(
  group: UserRouteGroup,
  spec: KindSpec<S> & { params: P; read: (actor: Actor, params: z.output<P>) => Promise<z.infer<S>> },
): RouteDefinition {
  return readRoute(group, spec, { params: spec.params }, ({ user, params }) =>
    spec.read(actorOf(user), params),
  );
}

/**
 * A `POST` of a JSON body as the caller (`POST /api/training/courses` → `service.createCourse(actor,
 * body)`): the route answers `status` (201 for a create, 202 for what is queued; 200 otherwise) with what
 * `act` returns for the validated body.
 */
export function callerPost<B extends z.ZodType, S extends z.ZodType>(
  group: UserRouteGroup,
  spec: KindSpec<S> & {
    status?: 200 | 201 | 202;
    rateLimit?: RateLimitTier;
    /** A larger JSON body than the service-wide limit (a file). */
    bodyLimitBytes?: number;
    body: B;
    act: (actor: Actor, body: z.output<B>) => Promise<z.infer<S>>;
  },
): RouteDefinition {
  const status = spec.status ?? 200;
  return group({
    method: 'post',
    ...named(spec),
    ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
    ...(spec.bodyLimitBytes ? { bodyLimitBytes: spec.bodyLimitBytes } : {}),
    request: { body: spec.body },
    responses: { [status]: spec.ok, ...spec.errors },
    handler: async ({ user, body }) => ({ status, body: await spec.act(actorOf(user), body) }),
  });
}

/** The query that names a person (`?personId=`, "me" for the caller). */
type PersonQuery = z.ZodType<{ personId: string }, Record<string, unknown>>;

/**
 * A read about the person the query names (`GET /api/training/enrolments?personId=me` →
 * `service.enrolmentsOf(actor, personId)`), "me" being the caller and an id lower-cased: the route
 * answers 200 with what `read` returns.
 */
export function askedPersonRead<S extends z.ZodType>(
  group: UserRouteGroup,
  spec: KindSpec<S> & { query: PersonQuery; read: (actor: Actor, personId: string) => Promise<z.infer<S>> },
): RouteDefinition {
  return readRoute(group, spec, { query: spec.query }, ({ user, query }) => {
    const subject = subjectOf(user, query.personId);
    return spec.read(subject.actor, subject.personId);
  });
}

/**
 * A read of one person's records with a query (`GET /api/people/:personId/goals?fiscalYear=2026` →
 * `service.list(actor, personId, query)`), "me" being the caller and an id lower-cased: the route answers
 * 200 with what `read` returns.
 */
export function personRead<Q extends AnyObject, S extends z.ZodType>(
  group: UserRouteGroup,
  spec: KindSpec<S> & {
    path: `/api/people/:personId/${string}`;
    query: Q;
    read: (actor: Actor, personId: string, query: z.output<Q>) => Promise<z.infer<S>>;
  },
): RouteDefinition {
  const params = z.object({ personId: personParam });
  return readRoute(group, spec, { params, query: spec.query }, ({ user, params, query }) => {
    const subject = subjectOf(user, params.personId);
    return spec.read(subject.actor, subject.personId, query);
  });
}

/** A table to download as CSV: the file's name, the header row and the rows. */
export interface CsvTableOf {
  name: string;
  header: readonly string[];
  rows: ReadonlyArray<readonly CsvCell[]>;
}

/**
 * A download of a table as CSV (UTF-8 with BOM) for the query (`GET /api/hr/development.csv?lang=ja` →
 * the table `table(actor, query)` makes), as the caller: the route answers 200 with the file.
 */
export function csvDownload<Q extends AnyObject>(
  group: UserRouteGroup,
  spec: {
    path: string;
    operationId: string;
    summary: string;
    query: Q;
    /** What the 200 answer is. */
    description: string;
    errors?: ResponseSpecs;
    table: (actor: Actor, query: z.output<Q>) => Promise<CsvTableOf>;
  },
): RouteDefinition {
  return group({
    method: 'get',
    ...named(spec),
    request: { query: spec.query },
    responses: {
      200: { description: spec.description, schema: z.string(), contentType: CSV_CONTENT_TYPE },
      ...spec.errors,
    },
    handler: async ({ user, query }) => {
      const table = await spec.table(actorOf(user), query);
      return csvResult(table.name, table.header, table.rows);
    },
  });
}

/**
 * HR's routes on one person (`/api/hr/people/:personId`): only HR may call them, so each also answers
 * 403 to everyone else; `act` gets the caller and the person's id, lower-cased (an id of the directory)
 * or as given (also someone the directory no longer lists).
 */
export function hrPersonRoutes(person: {
  tags: string[];
  params: z.ZodType<{ personId: string }>;
  id: 'lower-cased' | 'as given';
  /** Errors of every route of the group besides 403. */
  errors?: ResponseSpecs;
}) {
  return recordGroup({
    tags: person.tags,
    path: '/api/hr/people/:personId',
    params: person.params,
    errors: { ...notHr, ...person.errors },
    target: (user, { personId }): [actor: Actor, personId: string] => [
      actorOf(user),
      person.id === 'lower-cased' ? personId.toLowerCase() : personId,
    ],
  });
}

/**
 * The routes of a record group that each answer the record itself, as `ok` says once for all of them
 * (`PUT /api/people/:personId/goals/:goalId`, `POST …/progress`, … each answer the goal).
 */
export function answeringRecord<T extends unknown[], S extends z.ZodType>(
  group: <G extends z.ZodType>(spec: RecordRouteSpec<G, T>) => RouteDefinition,
  ok: { description: string; schema: S },
) {
  return (spec: Omit<RecordRouteSpec<S, T>, 'ok'>): RouteDefinition => group({ ...spec, ok });
}

/** A record group, as `recordGroup` (or `recordRoutes`, `personRecordRoutes`) returns it. */
type RecordGroup<T extends unknown[]> = <G extends z.ZodType>(spec: RecordRouteSpec<G, T>) => RouteDefinition;

/**
 * A form someone fills in for a record of theirs (a self-check for a period, a 自己申告 for a fiscal
 * year): read it (a blank one before the first save), save it as a draft (`PUT`, versioned), submit it
 * (`POST …/submit`). The three routes are named after the form (`getSelfCheck`, `saveSelfCheckDraft`,
 * `submitSelfCheck`) and call the service's `get`, `saveDraft` and `submit` on the record the path names.
 */
export function draftFormRoutes<
  T extends unknown[],
  S extends z.ZodType,
  D extends AnyObject,
  U extends AnyObject,
>(
  group: RecordGroup<T>,
  service: {
    get: (...target: T) => Promise<z.infer<S>>;
    saveDraft: (...args: [...target: T, body: z.output<D>]) => Promise<z.infer<S>>;
    submit: (...args: [...target: T, body: z.output<U>]) => Promise<z.infer<S>>;
  },
  form: {
    /** The form's name in the operation ids: `SelfCheck`. */
    name: string;
    /** The form as every route answers it. */
    schema: S;
    read: { summary: string; description: string };
    saveDraft: { summary: string; body: D };
    submit: { summary: string; body: U; errors?: ResponseSpecs };
  },
): RouteDefinition[] {
  // `act` is handed the target and then the body (none on a read).
  const withBody = (args: [...T, unknown]) => args as unknown as [...T, never];
  const targetOf = (args: [...T, unknown]) => args.slice(0, -1) as unknown as T;
  return [
    group({
      method: 'get',
      path: '',
      operationId: `get${form.name}`,
      summary: form.read.summary,
      ok: { description: form.read.description, schema: form.schema },
      act: (...args) => service.get(...targetOf(args)),
    }),
    group({
      method: 'put',
      path: '',
      operationId: `save${form.name}Draft`,
      summary: form.saveDraft.summary,
      body: form.saveDraft.body,
      ok: { description: 'Saved', schema: form.schema },
      act: (...args) => service.saveDraft(...withBody(args)),
    }),
    group({
      method: 'post',
      path: '/submit',
      operationId: `submit${form.name}`,
      summary: form.submit.summary,
      body: form.submit.body,
      ok: { description: 'Submitted', schema: form.schema },
      ...(form.submit.errors ? { errors: form.submit.errors } : {}),
      act: (...args) => service.submit(...withBody(args)),
    }),
  ];
}
