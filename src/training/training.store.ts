import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rowsById, updateAtVersion } from '../db/rows.ts';
import { createOutbox, outlookOutboxColumns } from '../jobs/outbox.ts';
import { trainingSelfStudyCourses, trainingSelfStudyEnrolments } from './learning.schema.ts';
import { trainingCourses, trainingEnrolments, trainingSessions } from './training.schema.ts';

export type CourseRow = typeof trainingCourses.$inferSelect;
export type NewCourse = typeof trainingCourses.$inferInsert;
export type SessionRow = typeof trainingSessions.$inferSelect;
export type NewSession = typeof trainingSessions.$inferInsert;
export type EnrolmentRow = typeof trainingEnrolments.$inferSelect;
export type NewEnrolment = typeof trainingEnrolments.$inferInsert;
export type OutlookAction = NonNullable<SessionRow['outlookAction']>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** What Outlook is owed after a new request, given what it was already owed (see requestOutlook). */
const mergedAction = (requested: OutlookAction) => sql`case
  when ${trainingSessions.outlookAction} = 'cancel' or ${requested}::text = 'cancel' then 'cancel'
  when ${trainingSessions.eventId} is null then 'create'
  when ${trainingSessions.outlookAction} = 'create' then 'create'
  when ${trainingSessions.outlookAction} = 'move' or ${requested}::text = 'move' then 'move'
  else 'attendees' end`;

/** `now` is the service clock (tests freeze or move it): it stamps what the store changes. */
export function createTrainingStore(db: Db, now: () => Date) {
  const outbox = createOutbox(db, trainingSessions, outlookOutboxColumns(trainingSessions));
  const courses = rowsById(db, trainingCourses);
  const sessions = rowsById(db, trainingSessions);

  const requestOutlook = async (tx: Db | Tx, sessionId: string, action: OutlookAction) => {
    await tx
      .update(trainingSessions)
      .set({
        outlookAction: mergedAction(action),
        outboxSeq: sql`${trainingSessions.outboxSeq} + 1`,
        outlookFailed: false,
      })
      .where(eq(trainingSessions.id, sessionId));
  };

  /** Sessions matching `where`, the earliest first. */
  const sessionsWhere = (where: SQL | undefined): Promise<SessionRow[]> =>
    db.select().from(trainingSessions).where(where).orderBy(asc(trainingSessions.startsAt));
  /** Enrolments matching `where`, in the order they were made. */
  const enrolmentsWhere = (where: SQL): Promise<EnrolmentRow[]> =>
    db.select().from(trainingEnrolments).where(where).orderBy(asc(trainingEnrolments.createdAt));
  /** A session's enrolments in these statuses that are (`invited`) or are not yet on its Outlook event. */
  const onEvent = (sessionId: string, statuses: EnrolmentRow['status'][], invited: boolean) =>
    db
      .select()
      .from(trainingEnrolments)
      .where(
        and(
          eq(trainingEnrolments.sessionId, sessionId),
          inArray(trainingEnrolments.status, statuses),
          invited ? isNotNull(trainingEnrolments.invitedAt) : isNull(trainingEnrolments.invitedAt),
        ),
      );

  return {
    db,
    requestOutlook,

    async courses(): Promise<CourseRow[]> {
      return db
        .select()
        .from(trainingCourses)
        .orderBy(asc(trainingCourses.category), asc(trainingCourses.titleJa));
    },
    course: courses.one,
    coursesById: courses.many,
    insertCourse: courses.insert,
    /** Local mode's demo catalog: inserted once per seed key, never overwritten (HR may have edited it). */
    async seedCourses(rows: NewCourse[]): Promise<number> {
      if (rows.length === 0) return 0;
      const inserted = await db
        .insert(trainingCourses)
        .values(rows)
        .onConflictDoNothing({ target: trainingCourses.seedKey })
        .returning({ id: trainingCourses.id });
      return inserted.length;
    },
    /** Optimistic update: only if nobody changed the course since `expected`. */
    async updateCourse(id: string, expected: number, changes: Partial<NewCourse>) {
      return updateAtVersion(db, trainingCourses, id, expected, changes, now());
    },

    /**
     * The self-study courses among these (no dated sessions; src/training/learning.service.ts), each with
     * its link (null when HR gave none).
     */
    async selfStudyLinks(courseIds: string[]): Promise<Map<string, string | null>> {
      if (courseIds.length === 0) return new Map();
      const rows = await db
        .select({
          courseId: trainingSelfStudyCourses.courseId,
          externalUrl: trainingSelfStudyCourses.externalUrl,
        })
        .from(trainingSelfStudyCourses)
        .where(inArray(trainingSelfStudyCourses.courseId, courseIds));
      return new Map(rows.map((row) => [row.courseId, row.externalUrl]));
    },

    /** The self-study courses the person has started (completed or not): a self-study has no withdrawal. */
    async selfStudyCoursesOf(personId: string): Promise<Set<string>> {
      const rows = await db
        .select({ courseId: trainingSelfStudyEnrolments.courseId })
        .from(trainingSelfStudyEnrolments)
        .where(eq(trainingSelfStudyEnrolments.personId, personId));
      return new Set(rows.map((row) => row.courseId));
    },

    async sessionsOf(courseIds: string[]): Promise<SessionRow[]> {
      if (courseIds.length === 0) return [];
      return sessionsWhere(inArray(trainingSessions.courseId, courseIds));
    },
    async sessionsStartingBetween(from: Date, to: Date): Promise<SessionRow[]> {
      return sessionsWhere(and(gte(trainingSessions.startsAt, from), lt(trainingSessions.startsAt, to)));
    },
    async enrolmentsOfPeople(personIds: string[]): Promise<EnrolmentRow[]> {
      if (personIds.length === 0) return [];
      return enrolmentsWhere(inArray(trainingEnrolments.personId, personIds));
    },
    session: sessions.one,
    /** A session with its course; undefined when there is no such session. */
    async sessionWithCourse(id: string): Promise<{ session: SessionRow; course: CourseRow } | undefined> {
      const session = await sessions.one(id);
      const course = session ? await courses.one(session.courseId) : undefined;
      return session && course ? { session, course } : undefined;
    },
    sessionsById: sessions.many,
    insertSession: sessions.insert,
    /** Stores a session and runs `then` in the same transaction (what must exist iff the session does). */
    async insertSessionWith(row: NewSession, then: (tx: Tx, session: SessionRow) => Promise<void>) {
      return db.transaction(async (tx) => {
        const [session] = await tx.insert(trainingSessions).values(row).returning();
        await then(tx, session!);
        return session!;
      });
    },

    enrolment: rowsById(db, trainingEnrolments).one,
    async enrolmentsOfSessions(sessionIds: string[]): Promise<EnrolmentRow[]> {
      if (sessionIds.length === 0) return [];
      return enrolmentsWhere(inArray(trainingEnrolments.sessionId, sessionIds));
    },
    async enrolmentsOfPerson(personId: string): Promise<EnrolmentRow[]> {
      return enrolmentsWhere(eq(trainingEnrolments.personId, personId));
    },
    /** Confirmed people not yet on the session's Outlook event. */
    async uninvited(sessionId: string): Promise<EnrolmentRow[]> {
      return onEvent(sessionId, ['confirmed', 'attended', 'reported'], false).orderBy(
        asc(trainingEnrolments.confirmedAt),
      );
    },
    /** People on the session's Outlook event who no longer take part (withdrawn, declined). */
    async toUninvite(sessionId: string): Promise<EnrolmentRow[]> {
      return onEvent(sessionId, ['withdrawn', 'declined'], true);
    },
    /** A fact from Outlook, not a user edit: no version bump. */
    async markUninvited(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.update(trainingEnrolments).set({ invitedAt: null }).where(inArray(trainingEnrolments.id, ids));
    },
    /** A fact from Outlook, not a user edit: no version bump. */
    async markInvited(ids: string[], at: Date): Promise<void> {
      if (ids.length === 0) return;
      await db.update(trainingEnrolments).set({ invitedAt: at }).where(inArray(trainingEnrolments.id, ids));
    },

    /**
     * Runs `work` with the session row locked, so seat decisions (confirm, withdraw, capacity changes) of
     * one session happen one at a time and two confirmations cannot both take the last seat.
     */
    async withSessionLocked<R>(
      sessionId: string,
      work: (tx: Tx, session: SessionRow, enrolments: EnrolmentRow[]) => Promise<R>,
    ): Promise<R> {
      return db.transaction(async (tx) => {
        const [session] = await tx
          .select()
          .from(trainingSessions)
          .where(eq(trainingSessions.id, sessionId))
          .for('update');
        if (!session) throw new Error(`session ${sessionId} vanished`);
        const enrolments = await tx
          .select()
          .from(trainingEnrolments)
          .where(eq(trainingEnrolments.sessionId, sessionId))
          .orderBy(asc(trainingEnrolments.createdAt));
        return work(tx, session, enrolments);
      });
    },

    // ---- the Outlook outbox of sessions ----
    claimOutlookWork(limit: number, leaseMs: number, sessionId?: string): Promise<SessionRow[]> {
      return outbox.claim(limit, leaseMs, sessionId ? eq(trainingSessions.id, sessionId) : undefined);
    },
    postpone: outbox.postpone,
    countAttempt: outbox.countAttempt,

    /**
     * Records what Outlook did and releases the lease. A request made meanwhile (the outbox sequence moved
     * on) keeps its action — and since an event now exists, a pending create becomes a move, which also
     * adds whoever was confirmed meanwhile — while the facts from Outlook are kept either way.
     */
    async settle(
      claimed: SessionRow,
      facts: Pick<Partial<NewSession>, 'eventId' | 'joinUrl' | 'webLink' | 'noTeamsLink'>,
      outcome: Pick<Partial<NewSession>, 'error' | 'outlookFailed'>,
    ): Promise<boolean> {
      return outbox.settle(claimed.id, eq(trainingSessions.outboxSeq, claimed.outboxSeq), {
        facts,
        outcome: { ...outcome, updatedAt: now() },
        created: Boolean(facts.eventId),
      });
    },
  };
}

export type TrainingStore = ReturnType<typeof createTrainingStore>;
