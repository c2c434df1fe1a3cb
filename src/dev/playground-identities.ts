// Local mode only. Microsoft 365 Agents Playground plays a fake tenant whose users have fixed object ids
// (`00000000-0000-0000-0000-00000000000NN`, not GUIDs) that are nobody in the emulated city hall. So that
// a developer — and the integration test — can act as staff through the Playground, its users stand in for
// seeded people: the current user is a 主事 of 市民課, the next user is that person's 係長 (their
// supervisor), the third the 課長. Everyone else keeps their own Entra object id.
import { entraIdentities, type BotIdentities } from '../reports/bot-identities.ts';
import type { SeedPerson } from './m365-emulator/seed-organisation.ts';

/** The Playground's users, in the order its configuration lists them (current user first). */
export const PLAYGROUND_AAD_OBJECT_IDS = [
  '00000000-0000-0000-0000-0000000000020',
  '00000000-0000-0000-0000-0000000000021',
  '00000000-0000-0000-0000-0000000000022',
] as const;

/**
 * Their ids in the Playground's own conversations (its `user-id-N`): its connector creates a 1:1 chat for
 * these, not for object ids.
 */
export const PLAYGROUND_USER_IDS = ['user-id-0', 'user-id-1', 'user-id-2'] as const;

/** The seeded people the Playground's users stand in for: [staff member, their supervisor, the 課長]. */
export function playgroundStandIns(people: readonly SeedPerson[]): SeedPerson[] {
  const member = people.find((person) => person.department === '市民課' && person.levelId === 'shuji');
  const supervisor = member && people.find((person) => person.id === member.managerId);
  const head = supervisor && people.find((person) => person.id === supervisor.managerId);
  if (!member || !supervisor || !head)
    throw new Error('the seeded organisation has no 市民課 主事 with a chain');
  return [member, supervisor, head];
}

export function playgroundIdentities(people: readonly SeedPerson[]): BotIdentities {
  const standIns = playgroundStandIns(people);
  const toPerson = new Map<string, string>(
    PLAYGROUND_AAD_OBJECT_IDS.map((aadId, index) => [aadId, standIns[index]!.id]),
  );
  const toMember = new Map<string, string>(
    PLAYGROUND_USER_IDS.map((userId, index) => [standIns[index]!.id, userId]),
  );
  return {
    personOf: (aadObjectId) =>
      (aadObjectId !== undefined ? toPerson.get(aadObjectId) : undefined) ??
      entraIdentities.personOf(aadObjectId),
    memberIdOf: (personId) => toMember.get(personId) ?? entraIdentities.memberIdOf(personId),
  };
}
