// HR's staff list: one page of people as in force today, filtered in PostgreSQL (2,000 staff or 100,000:
// only the page's rows leave the database), with the head count by the one definition (people.read.ts).
import { and, asc, count, eq, gt, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import {
  NO_LEVEL_FILTER,
  type ScheduledChange,
  type StaffList,
  type StaffListQuery,
} from './people-admin.contract.ts';
import { peopleInForce } from './people-in-force.ts';
import { staffOn } from './people.read.ts';
import { personLevels } from './people.schema.ts';

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;

export async function listStaff(
  db: Db,
  input: { today: string; levelOrder: readonly string[]; query: StaffListQuery },
): Promise<StaffList> {
  const { today, levelOrder, query } = input;
  const view = peopleInForce(db, today);
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = escapeLike(query.q);
    conditions.push(
      or(
        ilike(view.displayName, pattern),
        ilike(view.employeeId, pattern),
        ilike(view.userPrincipalName, pattern),
        ilike(view.jobTitle, pattern),
      )!,
    );
  }
  if (query.department) conditions.push(eq(view.department, query.department));
  if (query.levelId)
    conditions.push(
      query.levelId === NO_LEVEL_FILTER ? isNull(view.levelId) : eq(view.levelId, query.levelId),
    );
  if (query.employmentType) conditions.push(eq(view.employmentType, query.employmentType));
  const where = and(...conditions);

  // 課 by name, then the policy's level order (部長級 first), then name: how a 課's roster reads.
  const levelRank =
    levelOrder.length === 0
      ? sql`0`
      : sql`case ${sql.join(
          levelOrder.map((id, index) => sql`when ${view.levelId} = ${id} then ${index}`),
          sql` `,
        )} else ${levelOrder.length} end`;
  const offset = (query.page - 1) * query.pageSize;

  const [rows, [matching], headcount, departments] = await Promise.all([
    db
      .select({
        id: view.id,
        displayName: view.displayName,
        employeeId: view.employeeId,
        jobTitle: view.jobTitle,
        department: view.department,
        division: view.division,
        levelId: view.levelId,
        employmentType: view.employmentType,
        hireDate: view.hireDate,
        managerId: view.managerId,
        // Spelled out: inside a select list drizzle leaves the subquery's columns unqualified.
        managerName: sql<string | null>`(select m.display_name from people m
          where m.id = "people_in_force"."manager_id")`,
      })
      .from(view)
      .where(where)
      .orderBy(sql`${view.department} asc nulls last`, levelRank, asc(view.displayName), asc(view.id))
      .limit(query.pageSize)
      .offset(offset),
    db.select({ n: count() }).from(view).where(where),
    db.execute(sql`select
        (select count(*)::int from (${staffOn(db, today)}) as staff) as staff,
        (select count(*)::int from ${view} where "people_in_force"."level_id" is null) as not_counted`),
    db.execute(sql`select staff.department as department, min(staff.division) as division,
        count(*)::int as staff
      from (${staffOn(db, today)}) as staff where staff.department is not null
      group by staff.department`),
  ]);

  const ids = rows.map((row) => row.id);
  const next = new Map<string, ScheduledChange>();
  if (ids.length > 0) {
    const scheduled = await db
      .selectDistinctOn([personLevels.personId], {
        personId: personLevels.personId,
        effectiveFrom: personLevels.effectiveFrom,
        levelId: personLevels.levelId,
        employmentType: personLevels.employmentType,
        department: personLevels.department,
        division: personLevels.division,
      })
      .from(personLevels)
      .where(and(inArray(personLevels.personId, ids), gt(personLevels.effectiveFrom, today)))
      .orderBy(personLevels.personId, asc(personLevels.effectiveFrom));
    for (const { personId, ...change } of scheduled) next.set(personId, change);
  }

  const counts = (headcount as { rows: Array<{ staff: number; not_counted: number }> }).rows[0];
  const departmentRows = (
    departments as { rows: Array<{ department: string; division: string | null; staff: number }> }
  ).rows
    .map((row) => ({ department: row.department, division: row.division, staff: Number(row.staff) }))
    .sort(
      (a, b) =>
        (a.division ?? '').localeCompare(b.division ?? '', 'ja') ||
        a.department.localeCompare(b.department, 'ja'),
    );
  return {
    today,
    page: query.page,
    pageSize: query.pageSize,
    total: Number(matching?.n ?? 0),
    people: rows.map((row) => ({
      ...row,
      managerName: row.managerName ?? null,
      counted: row.levelId !== null,
      nextChange: next.get(row.id) ?? null,
    })),
    headcount: { staff: Number(counts?.staff ?? 0), notCounted: Number(counts?.not_counted ?? 0) },
    departments: departmentRows,
  };
}
