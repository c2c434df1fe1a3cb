// The lookup a service makes before it acts on someone named in a path: the person, or a clear 404.
import { AppError } from '../http/app-error.ts';
import type { PeopleStore, PersonRow } from './people.store.ts';

/** The person `personId` names; a 404 ("No such person.") when the directory has nobody by that id. */
export async function knownPerson(people: Pick<PeopleStore, 'get'>, personId: string): Promise<PersonRow> {
  const person = await people.get(personId);
  if (!person) throw new AppError('not_found', 'No such person.');
  return person;
}
