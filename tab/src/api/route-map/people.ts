// The people slice's routes (src/people/people.routes.ts).
import type { z } from 'zod';
import type * as contract from '../../../../src/people/people.contract.ts';
import type { Route } from '../route.ts';

export interface PeopleRoutes {
  'GET /api/me': Route<typeof contract.meResponseSchema>;
  'GET /api/people': Route<
    Array<z.output<typeof contract.personSummarySchema>>,
    never,
    typeof contract.peopleSearchQuerySchema
  >;
}
