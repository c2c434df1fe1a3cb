import { describe, expect, it } from 'vitest';
import { entraIdentities } from '../../../src/reports/bot-identities.ts';
import {
  PLAYGROUND_AAD_OBJECT_IDS,
  playgroundIdentities,
  playgroundStandIns,
} from '../../../src/dev/playground-identities.ts';
import { seedOrganisation } from '../../../src/dev/m365-emulator/seed-organisation.ts';

describe('bot identities', () => {
  it('takes a real Entra object id as the person id, lower-cased, and refuses anything else', () => {
    expect(entraIdentities.personOf('0A1B2C3D-0000-4000-8000-00000000ABCD')).toBe(
      '0a1b2c3d-0000-4000-8000-00000000abcd',
    );
    expect(entraIdentities.personOf('00000000-0000-0000-0000-0000000000020')).toBeUndefined();
    expect(entraIdentities.personOf('29:1abc')).toBeUndefined();
    expect(entraIdentities.personOf(undefined)).toBeUndefined();
  });

  it("lets the Playground's users stand in for a seeded member, their supervisor and the 課長, both ways", () => {
    const people = seedOrganisation();
    const [member, supervisor, head] = playgroundStandIns(people);
    expect(member!.department).toBe('市民課');
    expect(supervisor!.id).toBe(member!.managerId);
    expect(head!.id).toBe(supervisor!.managerId);
    const identities = playgroundIdentities(people);
    expect(PLAYGROUND_AAD_OBJECT_IDS.map((id) => identities.personOf(id))).toEqual([
      member!.id,
      supervisor!.id,
      head!.id,
    ]);
    // A 1:1 chat with them is created under the Playground's own user id.
    expect(identities.memberIdOf(supervisor!.id)).toBe('user-id-1');
    // Everyone else is themselves.
    const other = people.find((person) => person.department === '保育課')!;
    expect(identities.personOf(other.id)).toBe(other.id);
    expect(identities.memberIdOf(other.id)).toBe(other.id);
  });
});
