import type { z } from 'zod';
import { actorOf, type Actor } from '../auth/access.ts';
import { recordGroup, type RecordRouteSpec } from './record-route.ts';
import { defineRoute, type ResponseSpecs, type RouteDefinition, type RouteSpec } from './route.ts';

type AnyObject = z.ZodType<Record<string, unknown>>;

/** What an HR-only route answers everyone else (the service refuses them). */
export const notHr = { 403: { description: 'Not HR' } } as const;

/**
 * The `routeGroup` of routes that only HR may call: each also answers 403 to everyone else, so no
 * route states it again. Typed as `routeGroup` is (the handler answers the route's own responses).
 */
export function hrRouteGroup(shared: { tags: string[] }) {
  return <P extends AnyObject, Q extends AnyObject, B extends z.ZodType, const R extends ResponseSpecs>(
    route: RouteSpec<P, Q, B, 'user', R>,
  ): RouteDefinition => {
    const defined = defineRoute<P, Q, B, 'user', R>({ ...route, tags: shared.tags, auth: 'user' });
    return { ...defined, responses: { ...defined.responses, ...notHr } };
  };
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
