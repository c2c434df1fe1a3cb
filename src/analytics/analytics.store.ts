import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, notInArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { goals } from '../growth/goal.schema.ts';
import { selfChecks } from '../growth/self-check.schema.ts';
import { interviews } from '../interviews/interview.schema.ts';
import { people } from '../people/people.schema.ts';
import { trainingReports } from '../reports/report.schema.ts';
import { trainingCourses, trainingEnrolments, trainingSessions } from '../training/training.schema.ts';

/**
 * The read-only queries behind HR's roll-ups. They read other slices' tables directly, in whole-year
 * sweeps: asking each slice person by person would cost thousands of round trips for one dashboard.
 * Keeping every such read in this one file means a slice that changes its tables has one place to look.
 * Nothing here writes.
 */
export function createAnalyticsStore(db: Db) {
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
        .where(
          and(
            gte(trainingSessions.startsAt, from),
            lt(trainingSessions.startsAt, to),
            lte(trainingSessions.endsAt, endedBy),
            eq(trainingSessions.status, 'scheduled'),
          ),
        )
        .orderBy(desc(trainingSessions.startsAt));
    },

    /** Sessions starting in [from, to) that were not cancelled, ended or not. */
    async sessionsStarting(from: Date, to: Date) {
      return db
        .select({ id: trainingSessions.id })
        .from(trainingSessions)
        .where(
          and(
            gte(trainingSessions.startsAt, from),
            lt(trainingSessions.startsAt, to),
            eq(trainingSessions.status, 'scheduled'),
          ),
        );
    },

    async courses(ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .select({
          id: trainingCourses.id,
          titleJa: trainingCourses.titleJa,
          titleEn: trainingCourses.titleEn,
          category: trainingCourses.category,
          archivedAt: trainingCourses.archivedAt,
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
        .where(
          and(
            inArray(selfChecks.period, periods),
            eq(selfChecks.status, 'submitted'),
            isNotNull(selfChecks.submittedAt),
          ),
        );
    },

    /** Each person's latest submitted self-check and its ratings (drafts never count). */
    async latestSubmittedSelfChecks() {
      return db
        .selectDistinctOn([selfChecks.personId], {
          personId: selfChecks.personId,
          period: selfChecks.period,
          ratings: selfChecks.ratings,
        })
        .from(selfChecks)
        .where(and(eq(selfChecks.status, 'submitted'), isNotNull(selfChecks.submittedAt)))
        .orderBy(asc(selfChecks.personId), desc(selfChecks.period));
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
