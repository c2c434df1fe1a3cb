import { and, desc, eq, gte, inArray, lt, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { INTERVIEW_TYPES } from './analytics.contract.ts';
import { goals } from '../growth/goal.schema.ts';
import {
  competencySlots,
  isSubmittedSelfCheck,
  selfCheckLatest,
  selfChecks,
} from '../growth/self-check.schema.ts';
import { interviews } from '../interviews/interview.schema.ts';
import { people } from '../people/people.schema.ts';
import { staffOn } from '../people/people.read.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import { trainingReports } from '../reports/report.schema.ts';
import { courseTitleColumns } from '../training/training.read.ts';
import { trainingCourses, trainingEnrolments, trainingSessions } from '../training/training.schema.ts';

/**
 * The read-only queries behind HR's roll-ups. They read other slices' tables directly, in whole-year
 * sweeps: asking each slice person by person would cost thousands of round trips for one dashboard.
 * Keeping every such read in this one file means a slice that changes its tables has one place to look.
 * Nothing here writes.
 */
interface CompetencyQuery {
  groupBy: 'level' | 'department';
  competencyIds: string[];
  minGroupSize: number;
  unknownLevel: string;
}

export function createAnalyticsStore(db: Db) {
  // Both drivers (node-postgres, PGlite) answer a raw statement with `{ rows }`.
  const rowsOf = async <T>(query: SQL): Promise<T[]> => {
    const result: unknown = await db.execute(query);
    return (result as { rows: T[] }).rows;
  };

  /** Training sessions starting in [from, to) that were not cancelled. */
  const scheduledStarting = (from: Date, to: Date) => [
    gte(trainingSessions.startsAt, from),
    lt(trainingSessions.startsAt, to),
    eq(trainingSessions.status, 'scheduled'),
  ];

  return {
    /** Everyone the people store knows, with their 課, 部 and level as it holds them now. */
    async people() {
      return db
        .select({
          id: people.id,
          department: people.department,
          division: people.division,
          levelId: people.levelId,
        })
        .from(people);
    },

    /** Sessions starting in [from, to) that were not cancelled and have ended by `endedBy`. */
    async endedSessions(from: Date, to: Date, endedBy: Date) {
      return db
        .select({
          id: trainingSessions.id,
          courseId: trainingSessions.courseId,
          startsAt: trainingSessions.startsAt,
          endsAt: trainingSessions.endsAt,
        })
        .from(trainingSessions)
        .where(and(...scheduledStarting(from, to), lte(trainingSessions.endsAt, endedBy)))
        .orderBy(desc(trainingSessions.startsAt));
    },

    /** Sessions starting in [from, to) that were not cancelled, ended or not. */
    async sessionsStarting(from: Date, to: Date) {
      return db
        .select({ id: trainingSessions.id })
        .from(trainingSessions)
        .where(and(...scheduledStarting(from, to)));
    },

    async courses(ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .select({
          id: trainingCourses.id,
          ...courseTitleColumns,
          category: trainingCourses.category,
          archivedAt: trainingCourses.archivedAt,
          scope: trainingCourses.scope,
          ownerDepartment: trainingCourses.ownerDepartment,
        })
        .from(trainingCourses)
        .where(inArray(trainingCourses.id, ids));
    },

    /** Who is recorded as having attended these sessions (attended, or attended and reported). */
    async attendances(sessionIds: string[]) {
      if (sessionIds.length === 0) return [];
      return db
        .select({ sessionId: trainingEnrolments.sessionId, personId: trainingEnrolments.personId })
        .from(trainingEnrolments)
        .where(
          and(
            inArray(trainingEnrolments.sessionId, sessionIds),
            inArray(trainingEnrolments.status, ['attended', 'reported']),
          ),
        );
    },

    /** Submitted post-training reports of these sessions: who, which session, and what they want next. */
    async submittedReports(sessionIds: string[]) {
      if (sessionIds.length === 0) return [];
      return db
        .select({
          sessionId: trainingReports.sessionId,
          personId: trainingReports.personId,
          wantedText: trainingReports.wantedText,
          wantedCourseIds: trainingReports.wantedCourseIds,
        })
        .from(trainingReports)
        .where(and(inArray(trainingReports.sessionId, sessionIds), eq(trainingReports.status, 'submitted')));
    },

    /** Submitted self-checks of these periods: one row per person and period. */
    async submittedSelfChecks(periods: string[]) {
      if (periods.length === 0) return [];
      return db
        .select({ personId: selfChecks.personId, period: selfChecks.period })
        .from(selfChecks)
        .where(and(inArray(selfChecks.period, periods), isSubmittedSelfCheck()));
    },

    /**
     * The competency dashboard in one statement, aggregated in PostgreSQL: per group (the person's level,
     * or 課), how many people have a latest submitted self-check, and per competency how many of them
     * rated it and — only when at least `minGroupSize` did — the sum of their ratings. A smaller cell's
     * sum never leaves the database. Someone the people table does not know counts under `unknownLevel`
     * (by level) or '' (by 課), as before. One row per group and competency. By 課 it also lists every
     * 課 of the people table, as `departments` does, from the same read.
     */
    async competencyPicture(query: CompetencyQuery): Promise<{
      cells: Array<{ key: string; people: number; competency_id: string; n: number; sum: number | null }>;
      departments: Array<{ name: string; division: string | null; staffed: boolean }>;
    }> {
      const key =
        query.groupBy === 'level'
          ? sql`coalesce(${people.levelId}, ${query.unknownLevel})`
          : sql`coalesce(${people.department}, '')`;
      // The latest submitted self-checks are kept, one narrow row per person, by triggers on
      // self_checks (self-check.schema.ts): a rating is read by its competency's slot in an array, not
      // looked up in JSON, and nobody's older self-checks are read at all.
      const slots = new Map(
        (
          await db
            .select()
            .from(competencySlots)
            .where(inArray(competencySlots.competencyId, query.competencyIds))
        ).map((row) => [row.competencyId, row.slot]),
      );
      // One pair of aggregate columns per competency over the group's rows: no row per rating is made.
      const columns = query.competencyIds.map((id, index) => {
        const [n, s] = [sql.raw(`n${index}`), sql.raw(`s${index}`)];
        const slot = slots.get(id);
        // Nobody has ever rated it: no slot yet.
        if (slot === undefined || !Number.isInteger(slot)) return sql`, 0 as ${n}, null::float8 as ${s}`;
        const rating = sql`${selfCheckLatest.ratings}[${sql.raw(String(slot))}]`;
        return sql`, count(${rating})::int as ${n},
          case when count(${rating}) >= ${query.minGroupSize}::int then sum(${rating}) end as ${s}`;
      });
      // By 課, the same statement also lists every 課 of the people table (the rows HR sees even when
      // empty): a full join, so the people are read once for both.
      const byDepartment = query.groupBy === 'department';
      const grouped = await rowsOf<Record<string, string | number | boolean | null>>(sql`
        select ${key} as key, count(${selfCheckLatest.personId})::int as people,
          count(${people.id})::int as known, min(${people.division}) as division,
          coalesce(bool_or(${people.levelId} is not null), false) as staffed ${sql.join(columns, sql``)}
        from ${selfCheckLatest} ${byDepartment ? sql`full join` : sql`left join`} ${people}
          on ${people.id} = ${selfCheckLatest.personId}
        group by 1`);
      const cells = grouped
        .filter((row) => Number(row.people) > 0)
        .flatMap((row) =>
          query.competencyIds.map((competencyId, index) => ({
            key: row.key as string,
            people: row.people as number,
            competency_id: competencyId,
            n: row[`n${index}`] as number,
            sum: row[`s${index}`] as number | null,
          })),
        );
      const departments = byDepartment
        ? grouped
            .filter((row) => Number(row.known) > 0)
            .map((row) => ({
              name: row.key as string,
              division: row.division as string | null,
              staffed: row.staffed === true,
            }))
        : [];
      return { cells, departments };
    },

    /**
     * The demand dashboard's figures, counted in PostgreSQL from the submitted reports of sessions
     * starting in [from, to): per level (the person's, else `unknownLevel`) the respondents, the writers
     * of free text (text left after trimming `whitespace`) and the pickers of a course; and per course and
     * level the distinct people who picked it.
     */
    async demandCounts(query: { from: Date; to: Date; unknownLevel: string; whitespace: string }) {
      const reports = sql`reports as (
          select ${trainingReports.personId} as person_id, ${trainingReports.wantedText} as wanted_text,
            case when jsonb_typeof(${trainingReports.wantedCourseIds}) = 'array'
              then ${trainingReports.wantedCourseIds} else '[]'::jsonb end as picks
          from ${trainingReports}
          join ${trainingSessions} on ${trainingSessions.id} = ${trainingReports.sessionId}
          where ${trainingSessions.startsAt} >= ${query.from.toISOString()}::timestamptz
            and ${trainingSessions.startsAt} < ${query.to.toISOString()}::timestamptz
            and ${trainingSessions.status} = 'scheduled'
            and ${trainingReports.status} = 'submitted'
        ), respondents as (
          select reports.person_id, coalesce(max(${people.levelId}), ${query.unknownLevel}) as level_id,
            bool_or(btrim(reports.wanted_text, ${query.whitespace}) <> '') as wrote
          from reports left join ${people} on ${people.id} = reports.person_id
          group by reports.person_id
        )`;
      // One statement, so the reports and their people are read once for both tables. A person's picks
      // are made distinct first: people per course and level is then a plain count.
      const counted = await rowsOf<{
        part: 'level' | 'course';
        level_id: string;
        course_id: string | null;
        respondents: number;
        writers: number;
        pickers: number;
      }>(sql`
        with ${reports}, picks as (
          select distinct reports.person_id, pick.course_id
          from reports, jsonb_array_elements_text(reports.picks) as pick(course_id)
        ), pickers as (select distinct person_id from picks)
        select 'level' as part, respondents.level_id, null as course_id, count(*)::int as respondents,
          count(*) filter (where respondents.wrote)::int as writers,
          count(pickers.person_id)::int as pickers
        from respondents left join pickers on pickers.person_id = respondents.person_id
        group by respondents.level_id
        union all
        select 'course', respondents.level_id, picks.course_id, count(*)::int, 0, 0
        from picks join respondents on respondents.person_id = picks.person_id
        group by respondents.level_id, picks.course_id`);
      const levels = counted
        .filter((row) => row.part === 'level')
        .map(({ level_id, respondents, writers, pickers }) => ({ level_id, respondents, writers, pickers }));
      const courses = counted
        .filter((row) => row.part === 'course')
        .map(({ course_id, level_id, respondents }) => ({
          course_id: course_id ?? '',
          level_id,
          people: respondents,
        }));
      return { levels, courses };
    },

    /** The cells of competencyPicture alone. */
    async competencyCells(query: CompetencyQuery) {
      return (await this.competencyPicture(query)).cells;
    },

    /** Every 課 named in the people table ('' for none), one of its 部, and whether any of it is staff. */
    async departments() {
      return rowsOf<{ name: string; division: string | null; staffed: boolean }>(sql`
        select coalesce(${people.department}, '') as name, min(${people.division}) as division,
          bool_or(${people.levelId} is not null) as staffed
        from ${people} group by 1`);
    },

    /**
     * The completion dashboard's figures per group of staff, each counted in PostgreSQL: staff, submitted
     * self-checks per half, goal setters, standing interviews by type (held when ended by `now`), and
     * attendances of the year's ended sessions with whether the attendee submitted the report.
     */
    async completionCounts(query: {
      groupBy: 'department' | 'division';
      fiscalYear: number;
      from: Date;
      to: Date;
      now: Date;
    }) {
      // Staff as every page counts them (people.read.ts staffOn): in force today, with a level.
      const staffGroup = sql.raw(
        `coalesce(staff_today.${query.groupBy === 'division' ? 'division' : 'department'}, '')`,
      );
      const now = query.now.toISOString();
      const [h1, h2] = [`${query.fiscalYear}-H1`, `${query.fiscalYear}-H2`];
      // One statement, so the staff are joined once rather than once per figure: every fact (a submitted
      // self-check, a goal setter, an interview, an attendance) is one row of zeros and ones, one column
      // per figure, summed per group. The planner then expects one row per 課 and aggregates in memory.
      const zeros = (count: number) => sql.raw(Array.from({ length: count }, () => '0').join(', '));
      const typeColumns = INTERVIEW_TYPES.map(
        (type) =>
          sql`(${interviews.type} = ${type})::int * held, (${interviews.type} = ${type})::int * booked`,
      );
      const figures = [
        'h1',
        'h2',
        'goals',
        ...INTERVIEW_TYPES.flatMap((type) => [`${type}_held`, `${type}_booked`]),
        'due',
        'submitted',
      ];
      const counted = await rowsOf<Record<string, string | number | null>>(sql`
        with facts(person_id, ${sql.raw(figures.map((figure) => `"${figure}"`).join(', '))}) as (
          select ${selfChecks.personId}, (${selfChecks.period} = ${h1})::int, (${selfChecks.period} = ${h2})::int,
            ${zeros(figures.length - 2)}
          from ${selfChecks}
          where ${selfChecks.period} in (${h1}, ${h2}) and ${selfChecks.status} = 'submitted'
            and ${selfChecks.submittedAt} is not null
          union all
          select setter.person_id, 0, 0, 1, ${zeros(figures.length - 3)}
          from (select distinct ${goals.personId} as person_id from ${goals}
                where ${goals.fiscalYear} = ${query.fiscalYear}) as setter
          union all
          select ${interviews.personId}, 0, 0, 0, ${sql.join(typeColumns, sql`, `)}, 0, 0
          from ${interviews},
            lateral (select (${interviews.endsAt} <= ${now}::timestamptz)::int as held,
                            (${interviews.endsAt} > ${now}::timestamptz)::int as booked) as timing
          where ${interviews.fiscalYear} = ${query.fiscalYear}
            and ${interviews.status} not in ('cancelled', 'failed')
          union all
          select ${trainingEnrolments.personId}, ${zeros(figures.length - 2)}, 1,
            (${trainingReports.personId} is not null)::int
          from ${trainingEnrolments}
          join ${trainingSessions} on ${trainingSessions.id} = ${trainingEnrolments.sessionId}
          left join ${trainingReports} on ${trainingReports.sessionId} = ${trainingEnrolments.sessionId}
            and ${trainingReports.personId} = ${trainingEnrolments.personId}
            and ${trainingReports.status} = 'submitted'
          where ${trainingSessions.startsAt} >= ${query.from.toISOString()}::timestamptz
            and ${trainingSessions.startsAt} < ${query.to.toISOString()}::timestamptz
            and ${trainingSessions.endsAt} <= ${now}::timestamptz
            and ${trainingSessions.status} = 'scheduled'
            and ${trainingEnrolments.status} in ('attended', 'reported')
        ), staff_today as (${staffOn(db, jstDayOf(query.now.getTime()))}
        ), per_group as (
          select ${staffGroup} as grp, ${sql.raw(figures.map((figure) => `sum("${figure}")::int as "${figure}"`).join(', '))}
          from facts join staff_today on staff_today.id = facts.person_id
          group by 1
        ), staff as (
          select ${staffGroup} as grp, count(*)::int as staff, min(staff_today.division) as division
          from staff_today group by 1
        )
        select staff.grp, staff.staff, staff.division, ${sql.raw(figures.map((figure) => `coalesce(per_group."${figure}", 0) as "${figure}"`).join(', '))}
        from staff left join per_group on per_group.grp = staff.grp`);
      const rows = counted.map((row) => ({
        grp: String(row.grp ?? ''),
        division: row.division === null || row.division === undefined ? null : String(row.division),
        count: (figure: string) => Number(row[figure] ?? 0),
      }));
      const groups = rows.map(({ grp, division, count }) => ({ grp, staff: count('staff'), division }));
      const checks = rows.map(({ grp, count }) => ({ grp, h1: count('h1'), h2: count('h2') }));
      const setters = rows.map(({ grp, count }) => ({ grp, goals: count('goals') }));
      const held = rows.flatMap(({ grp, count }) =>
        INTERVIEW_TYPES.map((type) => ({
          grp,
          type: String(type),
          held: count(`${type}_held`),
          booked: count(`${type}_booked`),
        })),
      );
      const reports = rows.map(({ grp, count }) => ({
        grp,
        due: count('due'),
        submitted: count('submitted'),
      }));
      return { groups, checks, setters, held, reports };
    },

    /** People with at least one goal for the fiscal year. */
    async goalSetters(fiscalYear: number) {
      return db
        .selectDistinct({ personId: goals.personId })
        .from(goals)
        .where(eq(goals.fiscalYear, fiscalYear));
    },

    /** Interviews of the fiscal year that stand (neither cancelled nor failed to reach Outlook). */
    async interviews(fiscalYear: number) {
      return db
        .select({ personId: interviews.personId, type: interviews.type, endsAt: interviews.endsAt })
        .from(interviews)
        .where(
          and(eq(interviews.fiscalYear, fiscalYear), notInArray(interviews.status, ['cancelled', 'failed'])),
        );
    },
  };
}

export type AnalyticsStore = ReturnType<typeof createAnalyticsStore>;
