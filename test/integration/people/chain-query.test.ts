// The access check's supervisor chain is one recursive statement over the lines in force; these check
// it against the per-level walk it replaced: every level up counts, nobody below or beside does, a line
// override counts from its date, and a loop in the directory ends.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lineOverrides, people, peopleImports } from '../../../src/people/people.schema.ts';
import { createPeopleStore } from '../../../src/people/people.store.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { describeDatabase } from '../../support/test-database.ts';

describe.each(SLICE_BACKENDS)('the supervisor chain in one query on %s', (backend) => {
  const database = describeDatabase(backend);
  let clock = Date.parse('2026-05-01T03:00:00Z');

  const person = async (directoryManagerId: string | null) => {
    const id = randomUUID();
    await database.db.insert(people).values({
      id,
      userPrincipalName: `${id}@city.example`,
      displayName: id,
      managerId: directoryManagerId,
      directoryManagerId,
    });
    return id;
  };

  it('finds every level above, within the limit, and nobody else', async () => {
    const lines = createPeopleStore(database.db, () => new Date(clock));
    const bucho = await person(null);
    const kacho = await person(bucho);
    const kakaricho = await person(kacho);
    const shuji = await person(kakaricho);
    const other = await person(bucho);
    expect(await lines.isAbove(kakaricho, shuji, 12)).toBe(true);
    expect(await lines.isAbove(bucho, shuji, 12)).toBe(true);
    expect(await lines.isAbove(bucho, shuji, 2)).toBe(false);
    expect(await lines.isAbove(bucho, shuji, 3)).toBe(true);
    expect(await lines.isAbove(shuji, kacho, 12)).toBe(false);
    expect(await lines.isAbove(other, shuji, 12)).toBe(false);
    expect(await lines.isAbove(shuji, shuji, 12)).toBe(false);
    // The same walk downwards: everyone below, each at their depth, in one statement.
    const below = await lines.reportsBelow(bucho);
    expect(below.map((row) => [row.id, row.depth]).sort()).toEqual(
      [
        [kacho, 1],
        [other, 1],
        [kakaricho, 2],
        [shuji, 3],
      ].sort(),
    );
    expect(await lines.reportsBelow(shuji)).toEqual([]);

    // A line override moves the 主事 under `other` from its date: the old chain no longer reaches them.
    const [file] = await database.db
      .insert(peopleImports)
      .values({ importedBy: bucho, encoding: 'utf-8', rows: 1 })
      .returning({ id: peopleImports.id });
    await database.db.insert(lineOverrides).values({
      personId: shuji,
      effectiveFrom: '2026-06-01',
      supervisorId: other,
      replacedManagerId: kakaricho,
      importId: file!.id,
    });
    expect(await lines.isAbove(kacho, shuji, 12)).toBe(true);
    clock = Date.parse('2026-06-01T00:00:00+09:00');
    expect(await lines.isAbove(kacho, shuji, 12)).toBe(false);
    expect(await lines.isAbove(other, shuji, 12)).toBe(true);
    expect(await lines.isAbove(bucho, shuji, 12)).toBe(true);
    // Walking down finds them where the override put them, though the directory still names the 係長.
    expect((await lines.reportsBelow(other)).map((row) => [row.id, row.depth])).toEqual([[shuji, 1]]);
    expect(await lines.reportsBelow(kakaricho)).toEqual([]);
    expect((await lines.reportsBelow(bucho)).map((row) => [row.id, row.depth]).sort()).toEqual(
      [
        [kacho, 1],
        [other, 1],
        [kakaricho, 2],
        [shuji, 2],
      ].sort(),
    );
  });

  it('ends in a loop of the directory', async () => {
    const lines = createPeopleStore(database.db, () => new Date(clock));
    const first = randomUUID();
    const second = await person(first);
    await database.db.insert(people).values({
      id: first,
      userPrincipalName: `${first}@city.example`,
      displayName: first,
      managerId: second,
      directoryManagerId: second,
    });
    const stranger = await person(null);
    expect(await lines.isAbove(stranger, first, 12)).toBe(false);
    expect(await lines.isAbove(second, first, 12)).toBe(true);
    // Downwards the loop ends at twelve levels, as the per-level walk did.
    expect((await lines.reportsBelow(first)).map((row) => row.depth)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });
});
