import { asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { inSlices, readInSlices, takeExcluded } from '../db/upsert.ts';
import { copyInForce, peopleInForce } from './people-in-force.ts';
import {
  directorySyncRequests,
  directorySyncs,
  lineOverrides,
  people,
  peopleImports,
  personLevels,
} from './people.schema.ts';

export type LevelRow = typeof personLevels.$inferSelect;
export type NewLevelRow = Omit<typeof personLevels.$inferInsert, 'id' | 'createdAt'>;
export type OverrideRow = typeof lineOverrides.$inferSelect;
export type NewOverrideRow = Omit<typeof lineOverrides.$inferInsert, 'id' | 'createdAt'>;
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
  | 'directoryManagerId'
  | 'directoryDepartment'
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
  directoryManagerId: people.directoryManagerId,
  directoryDepartment: people.directoryDepartment,
};

/** The people slice's own tables for HR's tools; every function takes the handle (a transaction or not). */
/**
 * Writes effective-dated rows (an HR record, a line override) in slices: a row for a person and date
 * already stored replaces it, with `columns` and the line it brings (supervisor, replaced manager, the
 * import), and counts as written now.
 */
function upsertLines<T extends typeof personLevels | typeof lineOverrides>(
  db: Db,
  table: T,
  rows: PgInsertValue<T>[],
  columns: readonly (keyof T['$inferInsert'] & string)[],
): Promise<void> {
  return inSlices(rows, 500, (slice) =>
    db
      .insert(table)
      .values(slice)
      .onConflictDoUpdate({
        target: [table.personId, table.effectiveFrom],
        set: {
          ...takeExcluded(table, [...columns, 'supervisorId', 'replacedManagerId', 'importId']),
          createdAt: sql`now()`,
        },
      }),
  );
}

export const levelHistoryStore = {
  /** Everyone, or the people `scope` (a condition on `people`) selects. */
  async everyone(db: Db, scope?: SQL): Promise<PersonState[]> {
    return scope ? db.select(stateColumns).from(people).where(scope) : db.select(stateColumns).from(people);
  },

  /** Everyone's supervisor in force, as a map: two columns, no row objects (100,000 staff). */
  async supervisors(db: Db): Promise<Map<string, string | null>> {
    const result = await db.execute(
      sql`select ${people.id} as id, ${people.managerId} as manager from ${people}`,
    );
    const map = new Map<string, string | null>();
    for (const row of (result as { rows: Array<{ id: string; manager: string | null }> }).rows)
      map.set(row.id, row.manager);
    return map;
  },

  async person(db: Db, id: string): Promise<PersonState | undefined> {
    const rows = await db.select(stateColumns).from(people).where(eq(people.id, id)).limit(1);
    return rows[0];
  },

  async historyOf(db: Db, personIds: readonly string[]): Promise<LevelRow[]> {
    // Chunked to keep the parameter list short for big files.
    return readInSlices(personIds, 1000, (slice) =>
      db
        .select()
        .from(personLevels)
        .where(inArray(personLevels.personId, slice))
        .orderBy(asc(personLevels.personId), asc(personLevels.effectiveFrom)),
    );
  },

  /** Every stored record and line override: who heads a 課 on a date depends on everyone's. */
  async allLines(db: Db): Promise<{ records: LevelRow[]; overrides: OverrideRow[] }> {
    const [records, overrides] = await Promise.all([
      db.select().from(personLevels),
      db.select().from(lineOverrides),
    ]);
    return { records, overrides };
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
    await upsertLines(db, personLevels, rows, [
      'levelId',
      'employmentType',
      'department',
      'division',
      'hireDate',
    ]);
  },

  /** Copies what is in force on `today` onto the `people` rows (people-in-force.ts says what that is). */
  async applyEffective(db: Db, today: string, scope?: SQL): Promise<void> {
    await copyInForce(db, today, scope);
  },

  async overridesOf(db: Db, personIds: readonly string[]): Promise<OverrideRow[]> {
    return readInSlices(personIds, 1000, (slice) =>
      db.select().from(lineOverrides).where(inArray(lineOverrides.personId, slice)),
    );
  },

  /** One override per person and date: a later file's replaces it. */
  async upsertOverrides(db: Db, rows: NewOverrideRow[]): Promise<void> {
    await upsertLines(db, lineOverrides, rows, []);
  },

  /**
   * Where HR's record in force and the directory disagree on 課 or 部 (the record wins until HR's next
   * file; docs/people.md). Only people with a record in force whose 課 or 部 is set.
   */
  async departmentDisagreements(db: Db, today: string) {
    const view = peopleInForce(db, today);
    return db
      .select({
        id: view.id,
        displayName: view.displayName,
        employeeId: view.employeeId,
        department: view.department,
        division: view.division,
        directoryDepartment: view.directoryDepartment,
        directoryDivision: view.directoryDivision,
        // Spelled out: inside a select list drizzle leaves the subquery's columns unqualified.
        effectiveFrom: sql<string>`(select max(pl.effective_from)::text from person_levels pl
          where pl.person_id = "people_in_force"."id" and pl.effective_from <= ${today}::date)`,
      })
      .from(view)
      .where(
        sql`exists (select 1 from ${personLevels} where ${personLevels.personId} = ${view.id}
              and ${personLevels.effectiveFrom} <= ${today}::date)
            and (${view.department} is distinct from ${view.directoryDepartment}
                 or ${view.division} is distinct from ${view.directoryDivision})`,
      )
      .orderBy(view.department, view.displayName);
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
