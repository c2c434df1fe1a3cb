import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import {
  directorySyncRequests,
  directorySyncs,
  people,
  peopleImports,
  personLevels,
} from './people.schema.ts';

export type LevelRow = typeof personLevels.$inferSelect;
export type NewLevelRow = Omit<typeof personLevels.$inferInsert, 'id' | 'createdAt'>;
export type PersonState = Pick<
  typeof people.$inferSelect,
  | 'id'
  | 'displayName'
  | 'userPrincipalName'
  | 'mail'
  | 'employeeId'
  | 'jobTitle'
  | 'department'
  | 'division'
  | 'hireDate'
  | 'managerId'
  | 'levelId'
  | 'employmentType'
>;

const stateColumns = {
  id: people.id,
  displayName: people.displayName,
  userPrincipalName: people.userPrincipalName,
  mail: people.mail,
  employeeId: people.employeeId,
  jobTitle: people.jobTitle,
  department: people.department,
  division: people.division,
  hireDate: people.hireDate,
  managerId: people.managerId,
  levelId: people.levelId,
  employmentType: people.employmentType,
};

/** The people slice's own tables for HR's tools; every function takes the handle (a transaction or not). */
export const levelHistoryStore = {
  async everyone(db: Db): Promise<PersonState[]> {
    return db.select(stateColumns).from(people);
  },

  async person(db: Db, id: string): Promise<PersonState | undefined> {
    const rows = await db.select(stateColumns).from(people).where(eq(people.id, id)).limit(1);
    return rows[0];
  },

  async historyOf(db: Db, personIds: readonly string[]): Promise<LevelRow[]> {
    if (personIds.length === 0) return [];
    const found: LevelRow[] = [];
    // Chunked to keep the parameter list short for big files.
    for (let start = 0; start < personIds.length; start += 1000) {
      found.push(
        ...(await db
          .select()
          .from(personLevels)
          .where(inArray(personLevels.personId, personIds.slice(start, start + 1000)))
          .orderBy(asc(personLevels.personId), asc(personLevels.effectiveFrom))),
      );
    }
    return found;
  },

  async historyWithImports(db: Db, personId: string) {
    return db
      .select({ row: personLevels, importedAt: peopleImports.importedAt })
      .from(personLevels)
      .innerJoin(peopleImports, eq(peopleImports.id, personLevels.importId))
      .where(eq(personLevels.personId, personId))
      .orderBy(desc(personLevels.effectiveFrom));
  },

  async insertImport(db: Db, entry: typeof peopleImports.$inferInsert): Promise<string> {
    const [created] = await db.insert(peopleImports).values(entry).returning({ id: peopleImports.id });
    return created!.id;
  },

  /** A second row for the same person and date replaces the first (a corrected 発令). */
  async upsertLevels(db: Db, rows: NewLevelRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 500) {
      await db
        .insert(personLevels)
        .values(rows.slice(start, start + 500))
        .onConflictDoUpdate({
          target: [personLevels.personId, personLevels.effectiveFrom],
          set: {
            levelId: sql`excluded.level_id`,
            employmentType: sql`excluded.employment_type`,
            department: sql`excluded.department`,
            division: sql`excluded.division`,
            hireDate: sql`excluded.hire_date`,
            supervisorId: sql`excluded.supervisor_id`,
            replacedManagerId: sql`excluded.replaced_manager_id`,
            importId: sql`excluded.import_id`,
            createdAt: sql`now()`,
          },
        });
    }
  },

  /**
   * Copies the record in force on `today` (the latest not after it) onto each person's row: level,
   * employment type, and the 課, 部 and hire date when the record has them. A transfer's supervisor
   * replaces the manager only while the row still holds the manager the transfer replaced, so a
   * directory that has caught up (names someone else) wins.
   */
  async applyEffective(db: Db, today: string): Promise<void> {
    await db.execute(sql`
      with effective as (
        select distinct on (person_id) *
        from person_levels
        where effective_from <= ${today}::date
        order by person_id, effective_from desc
      )
      update people p set
        level_id = e.level_id,
        employment_type = e.employment_type,
        department = coalesce(e.department, p.department),
        division = coalesce(e.division, p.division),
        hire_date = coalesce(e.hire_date, p.hire_date),
        manager_id = case
          when e.supervisor_id is not null and p.manager_id is not distinct from e.replaced_manager_id
          then e.supervisor_id else p.manager_id end
      from effective e
      where e.person_id = p.id and (
        p.level_id is distinct from e.level_id
        or p.employment_type is distinct from e.employment_type
        or (e.department is not null and p.department is distinct from e.department)
        or (e.division is not null and p.division is distinct from e.division)
        or (e.hire_date is not null and p.hire_date is distinct from e.hire_date)
        or (e.supervisor_id is not null and p.manager_id is not distinct from e.replaced_manager_id
            and p.manager_id is distinct from e.supervisor_id)
      )`);
  },

  async recordSync(db: Db, run: typeof directorySyncs.$inferInsert): Promise<void> {
    await db.insert(directorySyncs).values(run);
  },

  async lastSync(db: Db) {
    const rows = await db.select().from(directorySyncs).orderBy(desc(directorySyncs.id)).limit(1);
    return rows[0];
  },

  async requestSync(db: Db, requestedBy: string, at: Date): Promise<void> {
    await db.insert(directorySyncRequests).values({ requestedBy, requestedAt: at });
  },

  async lastRequest(db: Db) {
    const rows = await db
      .select()
      .from(directorySyncRequests)
      .orderBy(desc(directorySyncRequests.id))
      .limit(1);
    return rows[0];
  },
};
