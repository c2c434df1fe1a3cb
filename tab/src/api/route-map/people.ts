// The people slice's routes (src/people/people.routes.ts).
import type { z } from 'zod';
import type {
  meResponseSchema,
  peopleSearchQuerySchema,
  personSummarySchema,
} from '../../../../src/people/people.contract.ts';
import type { Route } from '../route.ts';

export interface PeopleRoutes {
  'GET /api/me': Route<z.output<typeof meResponseSchema>>;
  'GET /api/people': Route<
    Array<z.output<typeof personSummarySchema>>,
    never,
    z.input<typeof peopleSearchQuerySchema>
  >;
}
