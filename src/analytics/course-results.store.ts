import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { selfChecks } from '../growth/self-check.schema.ts';
import { trainingFollowUps } from '../reports/follow-up.schema.ts';
import { trainingReports } from '../reports/report.schema.ts';
import { courseTitleColumns } from '../training/training.read.ts';
import { trainingCourses, trainingEnrolments, trainingSessions } from '../training/training.schema.ts';

/** One course in one period: the course and the bounds of its sessions' start. */
export interface CourseResultsQuery {
  courseId: string;
  from: Date;
  to: Date;
  /** Below this many people a block's figures and texts stay in the database. */
  minGroupSize: number;
}

/**
 * The reads behind HR's results of one course (course-results.service.ts), across the training, reports
 * and growth slices' tables as the other roll-ups do (analytics.store.ts). Each block is counted in
 * PostgreSQL, and where fewer than `minGroupSize` people are in it only their number comes back: a
 * small group's ratings and texts never leave the database. Nothing here writes.
 */
export function createCourseResultsStore(db: Db) {
  const rowsOf = async <T>(query: SQL): Promise<T[]> => {
    const result: unknown = await db.execute(query);
    return (result as { rows: T[] }).rows;
  };

  /** The course's sessions starting in [from, to) that were not cancelled. */
  const sessions = (query: CourseResultsQuery) => sql`sessions as (
    select ${trainingSessions.id} as id, ${trainingSessions.startsAt} as starts_at,
      ${trainingSessions.endsAt} as ends_at
    from ${trainingSessions}
    where ${trainingSessions.courseId} = ${query.courseId}
      and ${trainingSessions.startsAt} >= ${query.from.toISOString()}::timestamptz
      and ${trainingSessions.startsAt} < ${query.to.toISOString()}::timestamptz
      and ${trainingSessions.status} = 'scheduled'
  )`;
  /**
   * `name`: each person's row of `table` (reports or follow-ups) that meets `condition`, the one of their
   * latest session among the period's, with `columns`.
   */
  const latestPerPerson = (
    name: string,
    table: typeof trainingReports | typeof trainingFollowUps,
    columns: SQL,
    condition: SQL,
  ) => sql`${sql.raw(name)} as (
    select distinct on (${table.personId}) ${columns}
    from ${table} join sessions on sessions.id = ${table.sessionId}
    where ${condition}
    order by ${table.personId}, sessions.starts_at desc
  )`;
  /** Who attended them: per person their first session's start and last session's end. */
  const attendees = sql`attendees as (
    select ${trainingEnrolments.personId} as person_id, min(sessions.starts_at) as first_start,
      max(sessions.ends_at) as last_end
    from ${trainingEnrolments} join sessions on sessions.id = ${trainingEnrolments.sessionId}
    where ${trainingEnrolments.status} in ('attended', 'reported')
    group by 1
  )`;

  return {
    async course(courseId: string) {
      const [row] = await db
        .select({
          id: trainingCourses.id,
          ...courseTitleColumns,
          competencyIds: trainingCourses.competencyIds,
        })
        .from(trainingCourses)
        .where(eq(trainingCourses.id, courseId));
      return row;
    },

    /** Sessions and attendees (counts), and the follow-ups asked and observations given (counts). */
    async counts(query: CourseResultsQuery) {
      const [row] = await rowsOf<{
        sessions: number;
        attendees: number;
        asked: number;
        observations: number;
      }>(sql`
        with ${sessions(query)}, ${attendees}
        select (select count(*) from sessions)::int as sessions,
          (select count(*) from attendees)::int as attendees,
          (select count(*) from ${trainingFollowUps} join sessions on sessions.id = ${trainingFollowUps.sessionId}
            where ${trainingFollowUps.role} = 'attendee')::int as asked,
          (select count(*) from ${trainingFollowUps} join sessions on sessions.id = ${trainingFollowUps.sessionId}
            where ${trainingFollowUps.role} = 'supervisor' and ${trainingFollowUps.text} is not null)::int
            as observations`);
      return row!;
    },

    /**
     * Satisfaction: each person's rating in their latest submitted report of the period. `raters` always;
     * the people per rating only when at least `minGroupSize` rated.
     */
    async satisfaction(query: CourseResultsQuery) {
      return rowsOf<{ raters: number; rating: number | null; people: number | null }>(sql`
        with ${sessions(query)}, ${latestPerPerson(
          'rated',
          trainingReports,
          sql`${trainingReports.personId} as person_id, ${trainingReports.satisfaction} as satisfaction`,
          sql`${trainingReports.status} = 'submitted' and ${trainingReports.satisfaction} is not null`,
        )}, total as (select count(*)::int as raters from rated)
        select total.raters, per.rating, per.people
        from total left join (
          select satisfaction as rating, count(*)::int as people from rated group by 1
        ) as per on total.raters >= ${query.minGroupSize}::int
        order by per.rating`);
    },

    /**
     * The attendees' follow-up answers: each person's answer for their latest session of the period.
     * `answered` always; the answers and examples only when at least `minGroupSize` answered.
     */
    async followUpAnswers(query: CourseResultsQuery) {
      return rowsOf<{
        answered: number;
        answer: 'applied' | 'partly' | 'notYet' | null;
        text: string | null;
      }>(sql`
        with ${sessions(query)}, ${latestPerPerson(
          'answers',
          trainingFollowUps,
          sql`${trainingFollowUps.answer} as answer, ${trainingFollowUps.text} as text`,
          sql`${trainingFollowUps.role} = 'attendee' and ${trainingFollowUps.answer} is not null`,
        )}, total as (select count(*)::int as answered from answers)
        select total.answered, answers.answer, answers.text
        from total left join answers on total.answered >= ${query.minGroupSize}::int`);
    },

    /**
     * Before and after, per competency the course develops: for each attendee their last submitted
     * self-check before their first session of the period began and their first submitted after their
     * last one ended; of those who rated the competency in both, how many, and — only when at least
     * `minGroupSize` — the mean rating of each.
     */
    async beforeAfter(query: CourseResultsQuery) {
      const submitted = sql`${selfChecks.status} = 'submitted' and ${selfChecks.submittedAt} is not null`;
      const ratingOf = (side: string) => {
        const value = sql`${sql.raw(`pairs.${side}`)} -> competencies.id -> 'rating'`;
        return sql`case when jsonb_typeof(${value}) = 'number' then (${value})::text::float8 end`;
      };
      return rowsOf<{
        competency_id: string;
        people: number;
        before: number | null;
        after: number | null;
      }>(sql`
        with ${sessions(query)}, ${attendees}, pairs as (
          select
            (select ${selfChecks.ratings} from ${selfChecks}
              where ${selfChecks.personId} = attendees.person_id and ${submitted}
                and ${selfChecks.submittedAt} < attendees.first_start
              order by ${selfChecks.submittedAt} desc limit 1) as before,
            (select ${selfChecks.ratings} from ${selfChecks}
              where ${selfChecks.personId} = attendees.person_id and ${submitted}
                and ${selfChecks.submittedAt} >= attendees.last_end
              order by ${selfChecks.submittedAt} asc limit 1) as after
          from attendees
        ), competencies as (
          select jsonb_array_elements_text(${trainingCourses.competencyIds}) as id
          from ${trainingCourses} where ${trainingCourses.id} = ${query.courseId}
        ), cells as (
          select competencies.id, ${ratingOf('before')} as before, ${ratingOf('after')} as after
          from pairs cross join competencies
        )
        select cells.id as competency_id, count(*)::int as people,
          case when count(*) >= ${query.minGroupSize}::int then avg(cells.before) end as before,
          case when count(*) >= ${query.minGroupSize}::int then avg(cells.after) end as after
        from cells where cells.before is not null and cells.after is not null
        group by cells.id`);
    },
  };
}

export type CourseResultsStore = ReturnType<typeof createCourseResultsStore>;
