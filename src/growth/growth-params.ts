import { z } from 'zod';
import { actorOf, type Actor } from '../auth/access.ts';
import type { AuthenticatedUser } from '../http/route.ts';

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

/** The acting user and the person asked about ("me" is the caller). */
export function subjectOf(user: AuthenticatedUser, personId: string): { actor: Actor; personId: string } {
  return {
    actor: actorOf(user),
    personId: personId === 'me' ? user.id : personId.toLowerCase(),
  };
}
