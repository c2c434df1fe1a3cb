// People the growth integration tests pick from the seeded directory.

interface Seeded {
  levelId: string | null;
  department: string | null;
  appRoles: string[];
}

/** A 主事 of another 課 than `self`'s, outside 職員課 and without an app role: nobody in self's chain or HR. */
export const outsiderOf = <P extends Seeded>(people: P[], self: Seeded): P | undefined =>
  people.find(
    (person) =>
      person.levelId === 'shuji' &&
      person.department !== self.department &&
      person.department !== '職員課' &&
      person.appRoles.length === 0,
  );
