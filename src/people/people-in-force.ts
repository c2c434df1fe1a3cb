// Who someone is on a given day: the directory's copy with HR's effective-dated records laid over it.
// One query, derived at read time from the history, so at 0:00 on a 発令日 every reader (authorization,
// /api/me, the self-check's matrix row) sees the new level and reporting line with no job having run.
// The hourly `people.effective` job copies the same values onto `people` for the roll-ups that read the
// table directly and to re-route interviews; both use the expressions below, so they cannot disagree.
import { and, desc, eq, lte, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import { directoryExclusions, lineOverrides, people, personLevels } from './people.schema.ts';

/**
 * `people` as in force on `today` (YYYY-MM-DD, Japan): same columns and names as the table.
 *
 * - level, employment type and hire date: the latest record not after `today`, else the copy (the job
 *   title's level until HR imports someone);
 * - 課 and 部: the record's when it has one, else the directory's (HR's file wins until the next file);
 * - manager: a line override or the record's transfer supervisor, whichever is later (the person's own
 *   record first on the same date), while the directory still names the manager it replaced; else the
 *   directory's manager — and nobody when that manager was erased and HR has not let them back (the
 *   directory may still name them, but they must not reach anyone's data).
 *
 * Each lateral lookup is one probe of a (person_id, effective_from) unique index. `today` may be a
 * placeholder, for a prepared statement that serves every day.
 */
export function peopleInForce(db: Db, today: string | Placeholder, scope?: SQL) {
  /**
   * The latest row of an effective-dated table (an HR record or a line override) for the person joined
   * to, not after `today`: `fields`, then the line it brings (people.schema.ts's `importedLine`).
   */
  const lineInForce = <TFields extends Record<string, PgColumn>, TAlias extends string>(
    table: typeof personLevels | typeof lineOverrides,
    fields: TFields,
    alias: TAlias,
  ) =>
    db
      .select({
        ...fields,
        effectiveFrom: table.effectiveFrom,
        supervisorId: table.supervisorId,
        replacedManagerId: table.replacedManagerId,
      })
      .from(table)
      .where(and(eq(table.personId, people.id), lte(table.effectiveFrom, today)))
      .orderBy(desc(table.effectiveFrom))
      .limit(1)
      .as(alias);
  const record = lineInForce(
    personLevels,
    {
      levelId: personLevels.levelId,
      employmentType: personLevels.employmentType,
      department: personLevels.department,
      division: personLevels.division,
      hireDate: personLevels.hireDate,
    },
    'record_in_force',
  );
  const override = lineInForce(lineOverrides, {}, 'override_in_force');
  const directoryManager = people.directoryManagerId;
  const manager = sql`(case
        when ${override.supervisorId} is not null
          and (${record.effectiveFrom} is null or ${override.effectiveFrom} > ${record.effectiveFrom}
               or ${record.supervisorId} is null)
          and ${directoryManager} is not distinct from ${override.replacedManagerId}
          then ${override.supervisorId}
        when ${record.supervisorId} is not null
          and ${directoryManager} is not distinct from ${record.replacedManagerId}
          then ${record.supervisorId}
        else ${directoryManager} end)`;
  return db
    .select({
      id: people.id,
      userPrincipalName: people.userPrincipalName,
      displayName: people.displayName,
      mail: people.mail,
      employeeId: people.employeeId,
      jobTitle: people.jobTitle,
      department: sql<
        string | null
      >`coalesce(${record.department}, ${people.directoryDepartment}, ${people.department})`.as('department'),
      division: sql<
        string | null
      >`coalesce(${record.division}, ${people.directoryDivision}, ${people.division})`.as('division'),
      employeeType: people.employeeType,
      hireDate: sql<string | null>`coalesce(${record.hireDate}, ${people.hireDate})`.as('hire_date'),
      managerId: sql<string | null>`case
        when exists (select 1 from ${directoryExclusions} where ${directoryExclusions.personId} = ${manager}
                     and ${directoryExclusions.liftedAt} is null) then null
        else ${manager} end`.as('manager_id'),
      levelId: sql<string | null>`coalesce(${record.levelId}, ${people.levelId})`.as('level_id'),
      directoryDepartment: people.directoryDepartment,
      directoryDivision: people.directoryDivision,
      directoryManagerId: people.directoryManagerId,
      employmentType: sql<
        'regular' | 'fiscalYear'
      >`coalesce(${record.employmentType}, ${people.employmentType})`.as('employment_type'),
      syncedAt: people.syncedAt,
    })
    .from(people)
    .leftJoinLateral(record, sql`true`)
    .leftJoinLateral(override, sql`true`)
    .where(scope)
    .as('people_in_force');
}

/**
 * Copies what is in force on `today` onto the `people` rows that differ (the hourly job, and after every
 * sync and import, inside their transaction); `scope` (a condition on `people`) narrows it to the rows a
 * delta sync touched.
 */
export async function copyInForce(db: Db, today: string, scope?: SQL): Promise<void> {
  const f = peopleInForce(db, today, scope);
  await db.execute(sql`
    update ${people} set
      level_id = people_in_force.level_id,
      employment_type = people_in_force.employment_type,
      department = people_in_force.department,
      division = people_in_force.division,
      hire_date = people_in_force.hire_date,
      manager_id = people_in_force.manager_id
    from ${f}
    where people_in_force.id = ${people.id} and (
      ${people.levelId} is distinct from people_in_force.level_id
      or ${people.employmentType} is distinct from people_in_force.employment_type
      or ${people.department} is distinct from people_in_force.department
      or ${people.division} is distinct from people_in_force.division
      or ${people.hireDate} is distinct from people_in_force.hire_date
      or ${people.managerId} is distinct from people_in_force.manager_id
    )`);
}
