import { count, eq, ilike, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { inSlices, takeExcluded } from '../db/upsert.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import { directoryExclusionStore } from './directory-exclusions.ts';
import { peopleInForce } from './people-in-force.ts';
import { directorySyncs, lineOverrides, people, personLevels } from './people.schema.ts';

export type PersonRow = typeof people.$inferSelect;
export type NewPerson = Omit<
  typeof people.$inferInsert,
  'syncedAt' | 'directoryDepartment' | 'directoryDivision' | 'directoryManagerId'
>;

/**
 * Reads see each person as in force today (Japan) — level, 課 and supervisor derived from HR's records
 * at read time (people-in-force.ts) — so a 発令 takes effect at 0:00 on its date, not when a job runs.
 * `now` is the service clock (tests freeze it).
 */
export function createPeopleStore(db: Db, now: () => Date) {
  const current = () => peopleInForce(db, jstDayOf(now().getTime()));
  /** One nullable field of a person as in force today; null for someone unknown. */
  const fieldInForce = async (
    personId: string,
    field: 'managerId' | 'department',
  ): Promise<string | null> => {
    const view = current();
    const rows = await db.select({ value: view[field] }).from(view).where(eq(view.id, personId)).limit(1);
    return rows[0]?.value ?? null;
  };

  // The access check runs on nearly every request. Its statement is prepared once (the day is a
  // parameter), so PostgreSQL plans it once per connection instead of on every call: planning the walk
  // over the in-force lines cost several times more than running it.
  const standingStatement = (() => {
    const view = peopleInForce(db, sql.placeholder('today'));
    const actor = sql`${sql.placeholder('actor')}::text`;
    const subject = sql`${sql.placeholder('subject')}::text`;
    return db
      .select({
        above: sql<boolean>`exists (
          with recursive chain(boss, depth) as (
            select ${view.managerId}, 1 from ${view} where ${view.id} = ${subject}
            union all
            select ${view.managerId}, chain.depth + 1
            from chain join ${view} on ${view.id} = chain.boss
            where chain.depth < ${sql.placeholder('maxDepth')}::int
          )
          select 1 from chain where chain.boss = ${actor})`,
        actorDepartment: sql<
          string | null
        >`(select ${view.department} from ${view} where ${view.id} = ${actor})`,
        subjectDepartment: sql<
          string | null
        >`(select ${view.department} from ${view} where ${view.id} = ${subject})`,
      })
      .from(sql`(select 1) as one`)
      .prepare('people_standing');
  })();
  const standingOf = async (actorId: string, subjectId: string, maxDepth: number) => {
    const [row] = await standingStatement.execute({
      today: jstDayOf(now().getTime()),
      actor: actorId,
      subject: subjectId,
      maxDepth,
    });
    return {
      above: row?.above === true,
      actorDepartment: row?.actorDepartment ?? null,
      subjectDepartment: row?.subjectDepartment ?? null,
    };
  };

  /**
   * Who could report to `boss`: named as manager by the directory, or as supervisor by an HR record or a
   * line override (each column indexed). A manager in force is always one of those three, so a reader
   * keeps those whose manager in force is `boss` and misses nobody.
   */
  const candidatesOf = (boss: SQL) => sql`(
      select ${people.id} as id from ${people} where ${people.directoryManagerId} = ${boss}
      union select ${personLevels.personId} from ${personLevels} where ${personLevels.supervisorId} = ${boss}
      union select ${lineOverrides.personId} from ${lineOverrides} where ${lineOverrides.supervisorId} = ${boss}
    )`;

  return {
    async get(id: string): Promise<PersonRow | undefined> {
      const view = current();
      const rows = await db.select().from(view).where(eq(view.id, id)).limit(1);
      return rows[0];
    },

    async getMany(ids: readonly string[]): Promise<PersonRow[]> {
      if (ids.length === 0) return [];
      const view = current();
      return db
        .select()
        .from(view)
        .where(inArray(view.id, [...ids]));
    },

    /** People whose name, user name, 課 or job title contain the text (case-insensitive), by name. */
    async search(text: string, limit: number): Promise<PersonRow[]> {
      const searched = ['displayName', 'userPrincipalName', 'department', 'jobTitle'] as const;
      const pattern = `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
      const view = current();
      return db
        .select()
        .from(view)
        .where(or(...searched.map((column) => ilike(view[column], pattern))))
        .orderBy(view.displayName)
        .limit(limit);
    },

    /** Everyone of a 課 (department), by name. */
    async inDepartment(department: string): Promise<PersonRow[]> {
      const view = current();
      return db.select().from(view).where(eq(view.department, department)).orderBy(view.displayName);
    },

    /** The people of a 部 (their `division` in force), by name. */
    async inDivision(division: string): Promise<PersonRow[]> {
      const view = current();
      return db.select().from(view).where(eq(view.division, division)).orderBy(view.displayName);
    },

    async upsert(rows: NewPerson[]): Promise<void> {
      if (rows.length === 0) return;
      // Chunked: one statement per 500 rows keeps parameter counts well under PostgreSQL's limit.
      await inSlices(rows, 500, (slice) =>
        db
          .insert(people)
          .values(
            // The directory's own values, kept beside the ones in force (HR's records are laid over them).
            slice.map((row) => ({
              ...row,
              directoryDepartment: row.department ?? null,
              directoryDivision: row.division ?? null,
              directoryManagerId: row.managerId ?? null,
            })),
          )
          .onConflictDoUpdate({
            target: people.id,
            set: {
              ...takeExcluded(people, [
                'directoryDepartment',
                'directoryDivision',
                'directoryManagerId',
                'userPrincipalName',
                'displayName',
                'mail',
                'employeeId',
                'jobTitle',
                'department',
                'division',
                'employeeType',
                'hireDate',
                'managerId',
                'levelId',
                'employmentType',
              ]),
              syncedAt: sql`now()`,
            },
          }),
      );
    },

    async remove(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.delete(people).where(inArray(people.id, [...ids]));
    },

    /** After a full read of the directory: whoever it no longer lists has left. */
    async removeAllBut(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.delete(people).where(notInArray(people.id, [...ids]));
    },

    async count(): Promise<number> {
      const rows = await db.select({ n: count() }).from(people);
      return rows[0]?.n ?? 0;
    },

    /** HR erased this person and has not let them back (directory-exclusions.ts). */
    async isExcluded(id: string): Promise<boolean> {
      return directoryExclusionStore.isExcluded(db, id);
    },

    async managerOf(personId: string): Promise<string | null> {
      return fieldInForce(personId, 'managerId');
    },

    /**
     * Whether `ancestorId` stands above `personId` in the reporting lines in force today, within
     * `maxDepth` levels: one recursive statement over the same in-force lines as managerOf, instead of
     * one round trip per level. A loop in the lines ends at `maxDepth`.
     */
    async isAbove(ancestorId: string, personId: string, maxDepth: number): Promise<boolean> {
      return (await standingOf(ancestorId, personId, maxDepth)).above;
    },

    /**
     * What the access check needs, in one prepared statement: whether `actorId` stands above
     * `subjectId` within `maxDepth` levels, and the 課 of each (null for someone unknown).
     */
    standing: standingOf,

    async departmentOf(personId: string): Promise<string | null> {
      return fieldInForce(personId, 'department');
    },

    /**
     * Everyone below a person in the reporting lines, with their depth (1 = direct report), down to 12
     * levels: one recursive statement that never derives the whole organisation. Each step looks up who
     * could report to the people found so far — named as manager by the directory, or as supervisor by an
     * HR record or line override (each column indexed) — and keeps those whose manager in force is that
     * person. A manager in force is always one of those three, so nobody is missed.
     */
    async reportsBelow(managerId: string): Promise<Array<PersonRow & { depth: number }>> {
      const view = current();
      const result: unknown = await db.execute(sql`
        with recursive below(id, depth) as (
          select ${view.id}, 1 from ${candidatesOf(sql`${managerId}::text`)} as candidate
          join ${view} on ${view.id} = candidate.id
          where ${view.managerId} = ${managerId}::text
          union all
          select ${view.id}, below.depth + 1
          from below
          cross join lateral ${candidatesOf(sql`below.id`)} as candidate
          join ${view} on ${view.id} = candidate.id
          where ${view.managerId} = below.id and below.depth < 12
        )
        select below.id, below.depth from below order by below.depth`);
      const found = (result as { rows: Array<{ id: string; depth: number }> }).rows;
      if (found.length === 0) return [];
      // Their rows by primary key, in slices that stay under PostgreSQL's limit on bind parameters.
      const ids = [...new Set(found.map((row) => row.id))];
      const byId = new Map<string, PersonRow>();
      for (let start = 0; start < ids.length; start += 5000) {
        const rows = await db
          .select()
          .from(view)
          .where(inArray(view.id, ids.slice(start, start + 5000)));
        for (const row of rows) byId.set(row.id, row);
      }
      return found.flatMap(({ id, depth }) => {
        const row = byId.get(id);
        return row ? [{ ...row, depth: Number(depth) }] : [];
      });
    },

    /**
     * What /api/me needs to know about someone's reports, in one statement: whether the directory has
     * been copied in full once, and whether anyone reports to `managerId` today. Like reportsBelow it
     * looks only at the indexed candidates (named by the directory, an HR record or a line override),
     * never at the whole in-force view: /api/me runs on every tab open.
     */
    async reportsStanding(managerId: string): Promise<{ synced: boolean; hasReports: boolean }> {
      const view = current();
      const boss = sql`${managerId}::text`;
      const result: unknown = await db.execute(sql`
        select
          exists (select 1 from ${directorySyncs}) as synced,
          exists (
            select 1 from ${candidatesOf(boss)} as candidate
            join ${view} on ${view.id} = candidate.id
            where ${view.managerId} = ${boss}
          ) as has_reports`);
      const [row] = (result as { rows: Array<{ synced: boolean; has_reports: boolean }> }).rows;
      return { synced: row?.synced === true, hasReports: row?.has_reports === true };
    },
  };
}

export type PeopleStore = ReturnType<typeof createPeopleStore>;
