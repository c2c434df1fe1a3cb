import { count, desc, eq, ilike, inArray, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { jstDayOf } from '../jobs/office-hours.ts';
import { directoryExclusionStore } from './directory-exclusions.ts';
import { peopleInForce } from './people-in-force.ts';
import { directorySyncs, people } from './people.schema.ts';

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
export function createPeopleStore(db: Db, options: { now?: () => Date } = {}) {
  const now = options.now ?? (() => new Date());
  const current = () => peopleInForce(db, jstDayOf(now().getTime()));
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
      const pattern = `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
      const view = current();
      return db
        .select()
        .from(view)
        .where(
          or(
            ilike(view.displayName, pattern),
            ilike(view.userPrincipalName, pattern),
            ilike(view.department, pattern),
            ilike(view.jobTitle, pattern),
          ),
        )
        .orderBy(view.displayName)
        .limit(limit);
    },

    /** Everyone of a 課 (department), by name. */
    async inDepartment(department: string): Promise<PersonRow[]> {
      const view = current();
      return db.select().from(view).where(eq(view.department, department)).orderBy(view.displayName);
    },

    async upsert(rows: NewPerson[]): Promise<void> {
      if (rows.length === 0) return;
      // Chunked: one statement per 500 rows keeps parameter counts well under PostgreSQL's limit.
      for (let start = 0; start < rows.length; start += 500) {
        await db
          .insert(people)
          .values(
            // The directory's own values, kept beside the ones in force (HR's records are laid over them).
            rows.slice(start, start + 500).map((row) => ({
              ...row,
              directoryDepartment: row.department ?? null,
              directoryDivision: row.division ?? null,
              directoryManagerId: row.managerId ?? null,
            })),
          )
          .onConflictDoUpdate({
            target: people.id,
            set: {
              directoryDepartment: sql`excluded.directory_department`,
              directoryDivision: sql`excluded.directory_division`,
              directoryManagerId: sql`excluded.directory_manager_id`,
              userPrincipalName: sql`excluded.user_principal_name`,
              displayName: sql`excluded.display_name`,
              mail: sql`excluded.mail`,
              employeeId: sql`excluded.employee_id`,
              jobTitle: sql`excluded.job_title`,
              department: sql`excluded.department`,
              division: sql`excluded.division`,
              employeeType: sql`excluded.employee_type`,
              hireDate: sql`excluded.hire_date`,
              managerId: sql`excluded.manager_id`,
              levelId: sql`excluded.level_id`,
              employmentType: sql`excluded.employment_type`,
              syncedAt: sql`now()`,
            },
          });
      }
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

    async lastFullSync(): Promise<Date | undefined> {
      const rows = await db.select().from(directorySyncs).orderBy(desc(directorySyncs.completedAt)).limit(1);
      return rows[0]?.completedAt;
    },

    async managerOf(personId: string): Promise<string | null> {
      const view = current();
      const rows = await db
        .select({ managerId: view.managerId })
        .from(view)
        .where(eq(view.id, personId))
        .limit(1);
      return rows[0]?.managerId ?? null;
    },

    /**
     * Whether `ancestorId` stands above `personId` in the reporting lines in force today, within
     * `maxDepth` levels: one recursive statement over the same in-force lines as managerOf, instead of
     * one round trip per level. A loop in the lines ends at `maxDepth`.
     */
    async isAbove(ancestorId: string, personId: string, maxDepth: number): Promise<boolean> {
      const view = current();
      const result: unknown = await db.execute(sql`
        with recursive chain(boss, depth) as (
          select ${view.managerId}, 1 from ${view} where ${view.id} = ${personId}
          union all
          select ${view.managerId}, chain.depth + 1
          from chain join ${view} on ${view.id} = chain.boss
          where chain.depth < ${maxDepth}::int
        )
        select exists (select 1 from chain where chain.boss = ${ancestorId}) as found`);
      return (result as { rows: Array<{ found: boolean }> }).rows[0]?.found === true;
    },

    async departmentOf(personId: string): Promise<string | null> {
      const view = current();
      const rows = await db
        .select({ department: view.department })
        .from(view)
        .where(eq(view.id, personId))
        .limit(1);
      return rows[0]?.department ?? null;
    },

    /**
     * Everyone below a person in the reporting lines, with their depth (1 = direct report), down to 12
     * levels: one recursive statement. The lines in force are derived once (a materialized CTE) and the
     * walk joins on them, instead of deriving the whole table again for every level.
     */
    async reportsBelow(managerId: string): Promise<Array<PersonRow & { depth: number }>> {
      const view = current();
      const result: unknown = await db.execute(sql`
        with recursive lines as materialized (
          select ${view.id} as id, ${view.managerId} as manager_id from ${view}
        ), below(id, depth) as (
          select lines.id, 1 from lines where lines.manager_id = ${managerId}
          union all
          select lines.id, below.depth + 1 from below join lines on lines.manager_id = below.id
          where below.depth < 12
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

    async countDirectReports(managerId: string): Promise<number> {
      const view = current();
      const rows = await db.select({ n: count() }).from(view).where(eq(view.managerId, managerId));
      return rows[0]?.n ?? 0;
    },
  };
}

export type PeopleStore = ReturnType<typeof createPeopleStore>;
