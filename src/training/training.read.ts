// What other slices may read of the training slice in SQL (docs/architecture.md, "Boundaries"): a
// published relation to join, so the reports slice's jobs stay one statement while the training tables'
// shape stays this slice's own. Nothing here writes.
import { and, eq, gte, inArray, lt, sql, type Column } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { trainingCourses, trainingEnrolments, trainingSessions } from './training.schema.ts';

/** A course's localized title: the Japanese, and the English where HR wrote one. */
export const courseTitleColumns = {
  titleJa: trainingCourses.titleJa,
  titleEn: trainingCourses.titleEn,
};

/**
 * Every enrolment with its session and course: who (`personId`), in which session, the enrolment's
 * status (`attended` once HR marked attendance), the session's status (`scheduled` unless cancelled),
 * its times and the course's title. `name` is the alias in the statement.
 */
export function attendances(db: Db, name = 'attendances') {
  return db
    .select({
      sessionId: trainingEnrolments.sessionId,
      personId: trainingEnrolments.personId,
      status: trainingEnrolments.status,
      sessionStatus: sql`${trainingSessions.status}`.mapWith(trainingSessions.status).as('session_status'),
      startsAt: trainingSessions.startsAt,
      endsAt: trainingSessions.endsAt,
      ...courseTitleColumns,
      /** The framework competencies the course develops (the DRILL follow-up's evidence is shown beside them). */
      competencyIds: trainingCourses.competencyIds,
    })
    .from(trainingEnrolments)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingEnrolments.sessionId))
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .as(name);
}

/** What a request or a follow-up about an attendance names: the session, the person, its start and the course. */
export function attendanceHeading(attendance: ReturnType<typeof attendances>) {
  return {
    sessionId: attendance.sessionId,
    personId: attendance.personId,
    startsAt: attendance.startsAt,
    titleJa: attendance.titleJa,
    titleEn: attendance.titleEn,
  };
}

/** Joins a row of another table keyed by session and person (a report, a report request) to its attendance. */
export function attendanceOf(
  attendance: ReturnType<typeof attendances>,
  row: { sessionId: Column; personId: Column },
) {
  return and(eq(attendance.sessionId, row.sessionId), eq(attendance.personId, row.personId));
}

/**
 * Every session with its course: id, course id, times and the course's title (the report library). `name`
 * is the alias in the statement.
 */
export function sessionCourses(db: Db, name = 'session_courses') {
  return db
    .select({
      sessionId: trainingSessions.id,
      courseId: trainingSessions.courseId,
      startsAt: trainingSessions.startsAt,
      endsAt: trainingSessions.endsAt,
      ...courseTitleColumns,
    })
    .from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .as(name);
}

/** The enrolments that hold a seat, whose cost the city pays: confirmed, and later attended or reported. */
const SEATED = ['confirmed', 'attended', 'reported'] as const;

/**
 * What the courses' seats of a span cost, by course category, counted in SQL (HR's training budget, issue 20
 * point 5): each seated enrolment (confirmed, attended, reported) of a session not cancelled that starts in
 * [from, to) costs its course's `cost_yen`; `withoutCost` counts the seats of courses with no cost set.
 */
export async function seatCostsByCategory(db: Db, span: { from: Date; to: Date }) {
  return db
    .select({
      category: trainingCourses.category,
      yen: sql<number>`coalesce(sum(${trainingCourses.costYen}), 0)::bigint`.mapWith(Number),
      withoutCost: sql<number>`count(*) filter (where ${trainingCourses.costYen} is null)`.mapWith(Number),
    })
    .from(trainingEnrolments)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingEnrolments.sessionId))
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(
      and(
        inArray(trainingEnrolments.status, [...SEATED]),
        eq(trainingSessions.status, 'scheduled'),
        gte(trainingSessions.startsAt, span.from),
        lt(trainingSessions.startsAt, span.to),
      ),
    )
    .groupBy(trainingCourses.category);
}
