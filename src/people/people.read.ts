// What other slices may read of the people slice in SQL (docs/architecture.md, "Boundaries"): small
// published relations and queries over the directory copy, so a join stays one statement while the
// table's shape stays this slice's own. Nothing here writes.
import { gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import { peopleInForce } from './people-in-force.ts';
import { people, personLevels } from './people.schema.ts';

/**
 * Everyone's id and display name, as a relation to join (e.g. the audit log's actor and subject). `name`
 * is the alias in the statement, so one statement may join it twice.
 */
export function personNames(db: Db, name: string) {
  return db.select({ id: people.id, displayName: people.displayName }).from(people).as(name);
}

/**
 * 職員数, the one head count every page uses (docs/people.md, "Head count"): a statement listing the staff
 * on `today` (YYYY-MM-DD, Japan), with columns `id`, `department`, `division`, `level_id`,
 * `employment_type`. Staff are
 * - people in the directory copy (a leaver leaves it with the next sync, an erased person at once);
 * - as in force on `today` (people-in-force.ts): a 発令 counts in its new 課 from its date, not before,
 *   and not an hour late as the hourly copy on `people` would;
 * - with a job level of the policy (from HR's file, or the directory's job title): accounts whose title
 *   names no level (e.g. a shared account that signed in) are in the list but not counted.
 * Use it as a subquery: sql`select … from (${staffOn(db, today)}) as staff`.
 */
export function staffOn(db: Db, today: string): SQL {
  const view = peopleInForce(db, today);
  return sql`select id, department, division, level_id, employment_type from ${view} where level_id is not null`;
}

/**
 * The 課 of the staff on `today` (default: the day it is now in Japan), with how many staff each has (the
 * head count of staffOn).
 */
export async function departmentHeadcounts(
  db: Db,
  today: string = jstDayOf(Date.now()),
): Promise<Array<{ department: string; people: number }>> {
  const result: unknown = await db.execute(sql`
    select staff.department as department, count(*)::int as people
    from (${staffOn(db, today)}) as staff
    where staff.department is not null
    group by staff.department`);
  return (result as { rows: Array<{ department: string; people: number }> }).rows.map((row) => ({
    department: row.department,
    people: Number(row.people),
  }));
}

/** Level and employment type of the given people (everyone when `ids` is undefined). */
export async function levelsOf(
  db: Db,
  ids: string[] | undefined,
): Promise<Array<{ id: string; levelId: string | null; employmentType: 'regular' | 'fiscalYear' }>> {
  if (ids?.length === 0) return [];
  return db
    .select({ id: people.id, levelId: people.levelId, employmentType: people.employmentType })
    .from(people)
    .where(ids ? inArray(people.id, ids) : undefined);
}

/** Up to `limit` people's ids after `afterId` (from the start when null), in id order: one page. */
export async function personIdsAfter(db: Db, afterId: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(afterId === null ? undefined : gt(people.id, afterId))
    .orderBy(people.id)
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * A page of the staff on `today` (as staffOn counts them: in force, with a level), in id order after
 * `afterId`: what an audience is matched against (training announcements).
 */
export async function staffPageOn(
  db: Db,
  today: string,
  afterId: string | null,
  limit: number,
): Promise<Array<{ id: string; department: string | null; levelId: string; hireDate: string | null }>> {
  const view = peopleInForce(db, today);
  const result: unknown = await db.execute(sql`
    select id, department, level_id, hire_date::text as hire_date from ${view}
    where level_id is not null ${afterId === null ? sql`` : sql`and id > ${afterId}`}
    order by id limit ${limit}`);
  return (
    result as {
      rows: Array<{ id: string; department: string | null; level_id: string; hire_date: string | null }>;
    }
  ).rows.map((row) => ({
    id: row.id,
    department: row.department,
    levelId: row.level_id,
    hireDate: row.hire_date,
  }));
}

/**
 * Everyone in the directory copy with their placement and manager as in force on `today` (YYYY-MM-DD,
 * Japan): the reporting lines of the whole organisation, for a roll-up by supervisor (the 育成 page's
 * HR view). One statement; a city's few thousand rows.
 */
export async function reportingLinesOn(db: Db, today: string) {
  const view = peopleInForce(db, today);
  return db
    .select({
      id: view.id,
      displayName: view.displayName,
      jobTitle: view.jobTitle,
      levelId: view.levelId,
      department: view.department,
      division: view.division,
      managerId: view.managerId,
    })
    .from(view);
}

/**
 * Everyone's id, display name and 課 (`department`) as the directory copy has them now, as a relation to
 * join (the report library's authors). `name` is the alias in the statement.
 */
export function personPlacements(db: Db, name: string) {
  return db
    .select({ id: people.id, displayName: people.displayName, department: people.department })
    .from(people)
    .as(name);
}

/**
 * The staff on `today` (as staffOn counts them: in force, with a level) with what HR's 配置 workspace
 * shows of each: name, 課, 部, job title, level, employment type and hire date (採用日, HR's record in
 * force first). One statement; a city's few thousand rows.
 */
export async function staffPlacementsOn(db: Db, today: string) {
  const view = peopleInForce(db, today);
  const result: unknown = await db.execute(sql`
    select id, display_name, department, division, job_title, level_id, employment_type,
      hire_date::text as hire_date
    from ${view} where level_id is not null`);
  type Row = {
    id: string;
    display_name: string;
    department: string | null;
    division: string | null;
    job_title: string | null;
    level_id: string;
    employment_type: 'regular' | 'fiscalYear';
    hire_date: string | null;
  };
  return (result as { rows: Row[] }).rows.map((row) => ({
    id: row.id,
    displayName: row.display_name,
    department: row.department,
    division: row.division,
    jobTitle: row.job_title,
    levelId: row.level_id,
    employmentType: row.employment_type,
    hireDate: row.hire_date,
  }));
}
export type StaffPlacement = Awaited<ReturnType<typeof staffPlacementsOn>>[number];

/**
 * Every 部 each person was placed in by HR's 発令 records (effective on or before `today`), oldest
 * first, with the day each took effect: the rotation history HR's imports know.
 */
export async function divisionRecordsUntil(
  db: Db,
  today: string,
): Promise<Array<{ personId: string; effectiveFrom: string; division: string | null }>> {
  const result: unknown = await db.execute(sql`
    select ${personLevels.personId} as person_id, ${personLevels.effectiveFrom}::text as effective_from,
      ${personLevels.division} as division
    from ${personLevels} where ${personLevels.effectiveFrom} <= ${today}::date
    order by ${personLevels.personId}, ${personLevels.effectiveFrom}`);
  return (
    result as { rows: Array<{ person_id: string; effective_from: string; division: string | null }> }
  ).rows.map((row) => ({
    personId: row.person_id,
    effectiveFrom: row.effective_from,
    division: row.division,
  }));
}

/**
 * One person's 発令 records effective on or before `today` (YYYY-MM-DD, Japan), oldest first: the day each
 * took effect, the 課 (`department`) and the 部 (`division`) it placed them in.
 */
export async function postingRecordsOf(
  db: Db,
  personId: string,
  today: string,
): Promise<Array<{ effectiveFrom: string; department: string | null; division: string | null }>> {
  const result: unknown = await db.execute(sql`
    select ${personLevels.effectiveFrom}::text as effective_from, ${personLevels.department} as department,
      ${personLevels.division} as division
    from ${personLevels}
    where ${personLevels.personId} = ${personId} and ${personLevels.effectiveFrom} <= ${today}::date
    order by ${personLevels.effectiveFrom}`);
  return (
    result as { rows: Array<{ effective_from: string; department: string | null; division: string | null }> }
  ).rows.map((row) => ({
    effectiveFrom: row.effective_from,
    department: row.department,
    division: row.division,
  }));
}
