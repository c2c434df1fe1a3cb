import { z } from 'zod';
import { actorOf, type Actor } from '../auth/access.ts';
import type { AuthenticatedUser } from './route.ts';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const personParam = z
  .string()
  .regex(new RegExp(`^(me|${UUID})$`), 'must be "me" or a person id')
  .describe('A person id, or "me"')
  .meta({ examples: ['me'] });

export const uuidParam = z
  .string()
  .regex(new RegExp(`^${UUID}$`), 'must be an id')
  .meta({ examples: ['00000000-0000-4000-8000-000000000000'] });

/** A fiscal year in a path (`/2026`), handed on as a number. */
export const fiscalYearParam = z
  .string()
  .regex(/^\d{4}$/, 'must be a fiscal year, e.g. 2026')
  .transform(Number)
  .describe('Fiscal year (April to March), e.g. 2026 for 2026-04 to 2027-03')
  .meta({ examples: ['2026'] });

/** The acting user and the person asked about ("me" is the caller). */
export function subjectOf(user: AuthenticatedUser, personId: string): { actor: Actor; personId: string } {
  return {
    actor: actorOf(user),
    personId: personId === 'me' ? user.id : personId.toLowerCase(),
  };
}

/**
 * The handler of a route about one person (`:personId`, "me" for the caller): works out who acts and
 * about whom, and answers 200 with what `act` returns.
 */
export function forSubject<P extends { personId: string }, B, T>(
  act: (subject: { actor: Actor; personId: string }, params: P, body: B) => Promise<T>,
) {
  return async ({ user, params, body }: { user: AuthenticatedUser; params: P; body: B }) => ({
    body: await act(subjectOf(user, params.personId), params, body),
  });
}
