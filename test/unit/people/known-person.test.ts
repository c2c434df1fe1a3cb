import { describe, expect, it } from 'vitest';
import type { PersonRow } from '../../../src/people/people.store.ts';
import { knownPerson } from '../../../src/people/known-person.ts';

const someone = { id: 'p1', displayName: '小平 花子' } as PersonRow;
const people = { get: (id: string) => Promise.resolve(id === someone.id ? someone : undefined) };

describe('a person named in a path', () => {
  it('is the directory’s row for that id', async () => {
    expect(await knownPerson(people, 'p1')).toBe(someone);
  });

  it('is a 404 saying so when nobody has that id', async () => {
    await expect(knownPerson(people, 'nobody')).rejects.toMatchObject({
      code: 'not_found',
      message: 'No such person.',
    });
  });
});
