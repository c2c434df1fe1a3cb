import { count, desc, eq, ilike, inArray, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { directorySyncs, people } from './people.schema.ts';

export type PersonRow = typeof people.$inferSelect;
export type NewPerson = Omit<typeof people.$inferInsert, 'syncedAt'>;

export function createPeopleStore(db: Db) {
  return {
    async get(id: string): Promise<PersonRow | undefined> {
      const rows = await db.select().from(people).where(eq(people.id, id)).limit(1);
      return rows[0];
    },

    async getMany(ids: readonly string[]): Promise<PersonRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(people)
        .where(inArray(people.id, [...ids]));
    },

    /** People whose name, user name, 課 or job title contain the text (case-insensitive), by name. */
    async search(text: string, limit: number): Promise<PersonRow[]> {
      const pattern = `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
      return db
        .select()
        .from(people)
        .where(
          or(
            ilike(people.displayName, pattern),
            ilike(people.userPrincipalName, pattern),
            ilike(people.department, pattern),
            ilike(people.jobTitle, pattern),
          ),
        )
        .orderBy(people.displayName)
        .limit(limit);
    },

    /** Everyone of a 課 (department), by name. */
    async inDepartment(department: string): Promise<PersonRow[]> {
      return db.select().from(people).where(eq(people.department, department)).orderBy(people.displayName);
    },

    async upsert(rows: NewPerson[]): Promise<void> {
      if (rows.length === 0) return;
      // Chunked: one statement per 500 rows keeps parameter counts well under PostgreSQL's limit.
      for (let start = 0; start < rows.length; start += 500) {
        await db
          .insert(people)
          .values(rows.slice(start, start + 500))
          .onConflictDoUpdate({
            target: people.id,
            set: {
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

    async lastFullSync(): Promise<Date | undefined> {
      const rows = await db.select().from(directorySyncs).orderBy(desc(directorySyncs.completedAt)).limit(1);
      return rows[0]?.completedAt;
    },

    async managerOf(personId: string): Promise<string | null> {
      const rows = await db
        .select({ managerId: people.managerId })
        .from(people)
        .where(eq(people.id, personId))
        .limit(1);
      return rows[0]?.managerId ?? null;
    },

    async departmentOf(personId: string): Promise<string | null> {
      const rows = await db
        .select({ department: people.department })
        .from(people)
        .where(eq(people.id, personId))
        .limit(1);
      return rows[0]?.department ?? null;
    },

    /** Everyone below a person in the reporting lines, with their depth (1 = direct report). */
    async reportsBelow(managerId: string): Promise<Array<PersonRow & { depth: number }>> {
      const found: Array<PersonRow & { depth: number }> = [];
      let frontier = [managerId];
      for (let depth = 1; frontier.length > 0 && depth <= 12; depth += 1) {
        const rows = await db.select().from(people).where(inArray(people.managerId, frontier));
        found.push(...rows.map((row) => ({ ...row, depth })));
        frontier = rows.map((row) => row.id);
      }
      return found;
    },

    async countDirectReports(managerId: string): Promise<number> {
      const rows = await db.select({ n: count() }).from(people).where(eq(people.managerId, managerId));
      return rows[0]?.n ?? 0;
    },
  };
}

export type PeopleStore = ReturnType<typeof createPeopleStore>;
