import type { z } from 'zod';
import { actorOf, type Actor } from '../auth/access.ts';
import { recordGroup, type RecordRouteSpec } from './record-route.ts';
import { defineRoute, type ResponseSpecs, type RouteDefinition, type RouteSpec } from './route.ts';

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
  return group({
    method: 'get',
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    responses: { 200: spec.ok },
    handler: async ({ user }) => ({ body: await spec.read(actorOf(user)) }),
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
