import { z } from 'zod';
import type { Actor } from '../auth/access.ts';
import { lastParamOf, recordGroup } from '../http/record-route.ts';
import type { ResponseSpecs } from '../http/route.ts';
import { personParam, subjectOf } from '../http/params.ts';

/**
 * The routes about one record of a person, named by the person (`:personId`, "me" for the caller) and
 * the record's key (`/api/people/:personId/goals/:goalId` → `service.update(actor, personId, goalId, body)`):
 * they share the path, its parameters and the errors they answer with, so each states only its own parts.
 * A person's records are the growth slice's: their OpenAPI tag is `growth`.
 */
export function personRecordRoutes<const K extends string, S extends z.ZodType>(record: {
  /** The record's path below the person, ending in its key (named as the key): `/api/people/:personId/goals/:goalId`. */
  path: `/api/people/:personId/${string}/:${K}`;
  /** The schema of the record's key in the path (the key is handed on as it parses). */
  key: S;
  errors: ResponseSpecs;
}) {
  const param = lastParamOf<K>(record.path as `${string}/:${K}`);
  // A computed key widens to `string`: the object has exactly `personId` and `K`.
  const params = z.object({ personId: personParam, [param]: record.key }) as unknown as z.ZodType<
    { personId: string } & Record<K, z.output<S>>
  >;
  return recordGroup({
    tags: ['growth'],
    path: record.path,
    params,
    errors: record.errors,
    target: (user, params): [actor: Actor, personId: string, key: z.output<S>] => {
      const subject = subjectOf(user, params.personId);
      return [subject.actor, subject.personId, params[param]];
    },
  });
}

/**
 * The routes about a person's record that has no key of its own, one per person
 * (`/api/people/:personId/career` → `service.save(actor, personId, body)`): they share the path and its
 * parameter, so each states only its own parts. Tagged `growth`, as `personRecordRoutes`.
 */
export function personRoutes(record: { path: `/api/people/:personId/${string}`; errors?: ResponseSpecs }) {
  return recordGroup({
    tags: ['growth'],
    path: record.path,
    params: z.object({ personId: personParam }),
    errors: record.errors ?? {},
    target: (user, params): [actor: Actor, personId: string] => {
      const subject = subjectOf(user, params.personId);
      return [subject.actor, subject.personId];
    },
  });
}
