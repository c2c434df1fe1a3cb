import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import { unknownFrameworkLinks } from '../framework/framework-loader.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import type { PeopleStore, PersonRow } from '../people/people.store.ts';
import { knownPerson } from '../people/known-person.ts';
import { ledDepartmentOf } from '../shared/department-leads.ts';
import { JST_OFFSET_MS, jstDayOf } from '../shared/japan-time.ts';
import { eligibilityFor, requireEligible } from './eligibility.ts';
import { rankCourses, weakestCompetencies } from './recommendation.ts';
import { placeOnConfirm, promotions, waitingList } from './roster.ts';
import type { StatusChange, StatusNotices } from './training-notices.ts';
import {
  ON_SESSION_STATUSES,
  SESSION_WINDOW_MAX_DAYS,
  type ApplyInput,
  type CancelSessionInput,
  type CloseEnrolmentInput,
  type CourseDetail,
  type CourseInput,
  type CourseUpdateInput,
  type CourseView,
  type EnrolmentStatus,
  type EnrolmentView,
  type Recommendation,
  type NominateInput,
  type RecommendInput,
  type Roster,
  type SessionInput,
  type SessionUpdateInput,
  type SessionView,
  type VersionOnlyInput,
} from './training.contract.ts';
import type { CourseInterests } from './course-interests.ts';
import type { LearningPathsReader } from './learning-paths.read.ts';
import { trainingEnrolments, trainingSessions } from './training.schema.ts';
import type { CourseRow, EnrolmentRow, NewCourse, SessionRow, TrainingStore } from './training.store.ts';
import {
  canManageCourse,
  inCourseAudience,
  requireCourseManager,
  requireInCourseAudience,
  seesCourse,
} from './workplace.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const jstInstant = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`);
const jstTimeOf = (instant: Date) => new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(11, 16);

/** Open requests that HR may still confirm or decline. */
const REQUESTED: readonly EnrolmentStatus[] = ['applied', 'recommended', 'nominated'];
const LIVE: readonly EnrolmentStatus[] = [...REQUESTED, 'confirmed', 'waitlisted', 'attended', 'reported'];

export interface TrainingDependencies {
  store: TrainingStore;
  people: PeopleStore;
  access: AccessPolicy;
  audit: AuditLog;
  framework: Framework;
  /** The courses a person's learning paths name (learning-paths.read.ts). */
  paths: Pick<LearningPathsReader, 'courseIdsOf'>;
  /** Who waits to be told of a course's next session (course-interests.ts). */
  interests: CourseInterests;
  growth: {
    latestSubmittedOf(
      personId: string,
    ): Promise<{ period: string; levelId: string; ratings: Record<string, number> } | undefined>;
    trainingsWantedBy(personId: string): Promise<string[]>;
  };
  /** Tells the Outlook worker a session owes Outlook something. */
  notifyOutlookWork(sessionId: string): Promise<void>;
  /** Tells people of changes to their enrolments through the bot (in the change's transaction). */
  notices?: StatusNotices | undefined;
  now: () => Date;
}

export function createTrainingService(deps: TrainingDependencies) {
  const { store, people, framework } = deps;
  const today = () => jstDayOf(deps.now().getTime());
  const auditCourse = auditOf(deps.audit, 'training-course');
  const auditRoster = auditOf(deps.audit, 'training-roster');
  const auditTeam = auditOf(deps.audit, 'training-team');
  const auditEnrolment = auditOf(deps.audit, 'training-enrolment');

  const requireHr = (actor: Actor, what: string) => {
    if (!actor.isHr) throw new AppError('forbidden', `Only HR (職員課) may ${what}.`);
  };

  const checkCourse = (input: CourseInput, current?: CourseRow) => {
    const levelIds = new Set(framework.levels.map((level) => level.id));
    const details = [
      ...input.targetLevelIds
        .filter((id) => !levelIds.has(id))
        .map((id) => ({ path: 'body.targetLevelIds', message: `unknown level ${id}` })),
      ...unknownFrameworkLinks(framework, input),
    ];
    if (
      input.minYearsOfService !== null &&
      input.maxYearsOfService !== null &&
      input.minYearsOfService > input.maxYearsOfService
    )
      details.push({ path: 'body.maxYearsOfService', message: 'must not be below minYearsOfService' });
    // A month already past says nothing about the next session; one kept as stored is not re-checked, so
    // an old month never blocks an unrelated edit (the catalog stops showing it once it has passed).
    if (
      input.nextSessionMonth &&
      input.nextSessionMonth !== current?.nextSessionMonth &&
      input.nextSessionMonth < today().slice(0, 7)
    )
      details.push({ path: 'body.nextSessionMonth', message: 'must not be a month already past' });
    if (details.length > 0)
      throw new AppError('validation_failed', 'The course refers to things that do not fit.', details);
  };

  /** HR, or a 課長/係長 of a workplace course's own 課 (src/training/workplace.ts). */
  const requireManager = (actor: Actor, course: CourseRow, what: string) =>
    requireCourseManager(people, actor, course, what);

  /** The enrolment's course, once the actor is known to manage it. */
  const requireEnrolmentManager = async (actor: Actor, enrolmentId: string, what: string) => {
    const found = await store.enrolment(enrolmentId);
    if (!found) throw new AppError('not_found', 'No such enrolment.');
    await requireManager(actor, (await loadSession(found.sessionId)).course, what);
  };

  /** The scope, 課 and organiser of a new course; 403 when the caller may not make it. */
  const scopeOfNewCourse = async (
    actor: Actor,
    input: CourseInput,
  ): Promise<Pick<NewCourse, 'scope' | 'ownerDepartment' | 'organiserId'>> => {
    if (input.scope !== 'workplace') {
      if (input.ownerDepartment !== undefined)
        throw new AppError('validation_failed', 'Only a workplace course has an owner 課.', [
          { path: 'body.ownerDepartment', message: 'only with scope workplace' },
        ]);
      requireHr(actor, 'manage the training catalog');
      return { scope: 'catalog', ownerDepartment: null, organiserId: null };
    }
    const own = ledDepartmentOf(await people.get(actor.id));
    const department = input.ownerDepartment ?? own;
    if (!actor.isHr && (!own || department !== own))
      throw new AppError(
        'forbidden',
        own
          ? `A 課長 or 係長 makes workplace training for their own 課 (${own}) only.`
          : 'Only a 課長 or 係長 (or HR) may make workplace training (職場研修).',
      );
    if (!department)
      throw new AppError('validation_failed', 'Name the 課 of the workplace course.', [
        { path: 'body.ownerDepartment', message: 'required' },
      ]);
    return { scope: 'workplace', ownerDepartment: department, organiserId: actor.id };
  };

  const courseRow = (input: Omit<CourseInput, 'scope' | 'ownerDepartment'>): Omit<NewCourse, 'id'> => ({
    category: input.category,
    titleJa: input.title.ja.trim(),
    titleEn: input.title.en?.trim() || null,
    descriptionJa: input.description.ja,
    descriptionEn: input.description.en?.trim() ? input.description.en : null,
    targetLevelIds: [...new Set(input.targetLevelIds)],
    minYearsOfService: input.minYearsOfService,
    maxYearsOfService: input.maxYearsOfService,
    competencyIds: [...new Set(input.competencyIds)],
    guidelineIds: [...new Set(input.guidelineIds)],
    format: input.format,
    provider: input.provider.trim(),
    ...(input.nextSessionMonth !== undefined ? { nextSessionMonth: input.nextSessionMonth } : {}),
    ...(input.costYen !== undefined ? { costYen: input.costYen } : {}),
  });

  const sessionTimes = (input: SessionInput) => {
    const startsAt = jstInstant(input.date, input.startTime);
    const endsAt = jstInstant(input.date, input.endTime);
    const details = [];
    if (endsAt <= startsAt) details.push({ path: 'body.endTime', message: 'must be after startTime' });
    if (input.applicationDeadline > input.date)
      details.push({
        path: 'body.applicationDeadline',
        message: 'must not be after the date of the session',
      });
    if (!input.online && input.place.trim() === '')
      details.push({ path: 'body.place', message: 'an in-person session needs a place' });
    /** The session's columns as the input sets them. */
    const columns = {
      startsAt,
      endsAt,
      place: input.place.trim(),
      online: input.online,
      capacity: input.capacity,
      applicationDeadline: input.applicationDeadline,
    };
    return { startsAt, endsAt, details, columns };
  };

  const titleOf = (course: CourseRow) => ({ ja: course.titleJa, en: course.titleEn });

  /** Open to applications at `at` (now unless given: one instant for checks that must agree). */
  const isOpen = (session: SessionRow, course: CourseRow | undefined, at = deps.now()) =>
    session.status === 'scheduled' &&
    !course?.archivedAt &&
    jstDayOf(at.getTime()) <= session.applicationDeadline &&
    session.startsAt > at;

  /**
   * Who waits for `course` (開講されたら知らせてほしい), and those of them it is still for: they are told
   * when a session opens, the others' rows just go (they could not apply). Read before the transaction
   * that opens the session: the embedded database has one connection.
   */
  const waitersOf = async (course: CourseRow): Promise<{ waited: string[]; told: string[] }> => {
    const waited = await deps.interests.waiting(course.id);
    const day = today();
    const told = (await people.getMany(waited))
      .filter(
        (person) =>
          inCourseAudience(person, course) &&
          eligibilityFor(course, { levelId: person.levelId, hireDate: person.hireDate }, day).eligible,
      )
      .map((person) => person.id);
    return { waited, told };
  };

  const sessionView = (session: SessionRow, course: CourseRow, enrolments: EnrolmentRow[]): SessionView => {
    const own = enrolments.filter((enrolment) => enrolment.sessionId === session.id);
    return {
      id: session.id,
      courseId: session.courseId,
      courseTitle: titleOf(course),
      date: jstDayOf(session.startsAt.getTime()),
      startTime: jstTimeOf(session.startsAt),
      endTime: jstTimeOf(session.endsAt),
      place: session.place,
      online: session.online,
      capacity: session.capacity,
      applicationDeadline: session.applicationDeadline,
      start: session.startsAt.toISOString(),
      end: session.endsAt.toISOString(),
      status: session.status,
      cancelReason: session.cancelReason,
      confirmed: own.filter((enrolment) => ['confirmed', 'attended', 'reported'].includes(enrolment.status))
        .length,
      waitlisted: own.filter((enrolment) => enrolment.status === 'waitlisted').length,
      open: isOpen(session, course),
      outlook: session.outlookFailed ? 'failed' : session.outlookAction ? 'pending' : 'synced',
      outlookError: session.outlookFailed ? session.error : null,
      webLink: session.webLink,
      joinUrl: session.joinUrl,
      noTeamsLink: session.noTeamsLink,
      version: session.version,
    };
  };

  /**
   * What a course's view reads besides the course: the sessions of the courses shown, their self-study
   * links, and which of them a learning path of `person` (the one the view is for) names.
   */
  type CourseRelated = {
    sessions: SessionRow[];
    selfStudyLinks: ReadonlyMap<string, string | null>;
    onPath: ReadonlySet<string>;
    /** The courses the caller waits for, and how many wait for each course the caller manages. */
    waitedFor: ReadonlySet<string>;
    waitingCounts: ReadonlyMap<string, number>;
  };
  const relatedOf = async (
    courses: CourseRow[],
    person: PersonRow | undefined,
    viewer: { actor: Actor; person: PersonRow | undefined },
    sessions?: SessionRow[],
  ): Promise<CourseRelated> => {
    const courseIds = courses.map((course) => course.id);
    const managed = courses
      .filter((course) => canManageCourse(viewer.actor, viewer.person, course))
      .map((course) => course.id);
    const [found, selfStudyLinks, waitedFor, waitingCounts] = await Promise.all([
      sessions ?? store.sessionsOf(courseIds),
      store.selfStudyLinks(courseIds),
      // The caller's own waiting, never the person's the view is for (a supervisor reading a report's
      // recommendations does not learn what the report waits for).
      deps.interests.waitedBy(viewer.actor.id, courseIds),
      deps.interests.counts(managed),
    ]);
    // Only a self-study course may be started on a path's word (docs/training.md): read the paths only then.
    const onPath =
      person && selfStudyLinks.size > 0 ? await deps.paths.courseIdsOf(person) : new Set<string>();
    return { sessions: found, selfStudyLinks, onPath, waitedFor, waitingCounts };
  };

  /**
   * Why `person` may not wait for the course's next session now (開講されたら知らせてほしい), or null when
   * they may: awaitCourse refuses with it, and a course view offers the button when it is null.
   */
  const waitRefusal = (
    course: CourseRow,
    person: PersonRow,
    facts: { selfStudy: boolean; openSessions: number; eligible: boolean },
  ): 'archived' | 'selfStudy' | 'open' | 'audience' | 'unfit' | null =>
    course.archivedAt !== null
      ? 'archived'
      : facts.selfStudy
        ? 'selfStudy'
        : facts.openSessions > 0
          ? 'open'
          : !inCourseAudience(person, course)
            ? 'audience'
            : !facts.eligible
              ? 'unfit'
              : null;

  /** `person` is the one the eligibility is for; `viewer` the caller (who may or may not manage it). */
  const courseView = (
    course: CourseRow,
    person: PersonRow | undefined,
    { sessions, selfStudyLinks, onPath, waitedFor, waitingCounts }: CourseRelated,
    viewer: { actor: Actor; person: PersonRow | undefined },
  ): CourseView => {
    const manageable = canManageCourse(viewer.actor, viewer.person, course);
    const eligibility = eligibilityFor(
      course,
      { levelId: person?.levelId ?? null, hireDate: person?.hireDate ?? null },
      today(),
    );
    const openSessions = sessions.filter(
      (session) => session.courseId === course.id && isOpen(session, course),
    ).length;
    const selfStudy = selfStudyLinks.has(course.id);
    return {
      id: course.id,
      category: course.category,
      title: titleOf(course),
      description: { ja: course.descriptionJa, en: course.descriptionEn },
      targetLevelIds: course.targetLevelIds,
      minYearsOfService: course.minYearsOfService,
      maxYearsOfService: course.maxYearsOfService,
      competencyIds: course.competencyIds,
      guidelineIds: course.guidelineIds,
      format: course.format,
      provider: course.provider,
      archived: course.archivedAt !== null,
      version: course.version,
      eligibility,
      openSessions,
      nextSessionMonth: course.nextSessionMonth,
      costYen: course.costYen,
      scope: course.scope,
      ownerDepartment: course.ownerDepartment,
      organiserId: course.organiserId,
      manageable,
      selfStudy: selfStudy
        ? { externalUrl: selfStudyLinks.get(course.id) ?? null, onMyPath: onPath.has(course.id) }
        : null,
      // Who waits is not said to anyone; how many, to those who would schedule the session.
      waiting: {
        mine: waitedFor.has(course.id),
        // What awaitCourse would accept now, for the caller's own view (not a view for someone else).
        offered:
          person !== undefined &&
          person.id === viewer.actor.id &&
          waitRefusal(course, person, { selfStudy, openSessions, eligible: eligibility.eligible }) === null,
        count: manageable ? (waitingCounts.get(course.id) ?? 0) : null,
      },
    };
  };

  /** The views of `courses` for `person`, read for `viewer` (the caller). */
  const viewsOf = async (
    courses: CourseRow[],
    person: PersonRow | undefined,
    viewer: { actor: Actor; person: PersonRow | undefined },
    sessions?: SessionRow[],
  ): Promise<CourseView[]> => {
    const related = await relatedOf(courses, person, viewer, sessions);
    return courses.map((course) => courseView(course, person, related, viewer));
  };
  /** The caller's (`me`'s) own view of one course. */
  const ownViewOf = async (
    actor: Actor,
    me: PersonRow | undefined,
    course: CourseRow,
    sessions?: SessionRow[],
  ): Promise<CourseView> => (await viewsOf([course], me, { actor, person: me }, sessions))[0]!;

  const loadCourse = async (courseId: string, actor: Actor): Promise<CourseRow> => {
    const course = await store.course(courseId);
    if (!course || (course.archivedAt && !actor.isHr)) throw new AppError('not_found', 'No such course.');
    return course;
  };

  /** A course the actor manages (archived ones too, as HR always could): 404 unknown, 403 not theirs. */
  const loadManaged = async (actor: Actor, courseId: string, what: string): Promise<CourseRow> => {
    const course = await store.course(courseId);
    if (!course) throw new AppError('not_found', 'No such course.');
    await requireManager(actor, course, what);
    return course;
  };

  /** An HR change to a course if nobody changed it since `expected`: audited, answered as the course's view. */
  const saveCourse = async (
    actor: Actor,
    current: CourseRow,
    expected: number,
    changes: Partial<NewCourse>,
    audited: (updated: CourseRow) => Record<string, unknown>,
    /** What follows from the change, before the answer reads the course again. */
    afterSave?: () => Promise<void>,
  ): Promise<CourseView> => {
    const updated = await store.updateCourse(current.id, expected, changes);
    if (!updated)
      throw versionConflict(
        `Someone changed this course meanwhile (now version ${current.version}).`,
        current.version,
      );
    await auditCourse('write', actor, null, { courseId: current.id, ...audited(updated) });
    await afterSave?.();
    return ownViewOf(actor, await people.get(actor.id), updated);
  };

  const loadSession = async (sessionId: string): Promise<{ session: SessionRow; course: CourseRow }> => {
    const found = await store.sessionWithCourse(sessionId);
    if (!found) throw new AppError('not_found', 'No such session.');
    return found;
  };

  const loadPerson = (personId: string): Promise<PersonRow> => knownPerson(people, personId);

  const enrolmentViews = async (rows: EnrolmentRow[]): Promise<EnrolmentView[]> => {
    const sessions = await store.sessionsById([...new Set(rows.map((row) => row.sessionId))]);
    const courses = await store.coursesById([...new Set(sessions.map((session) => session.courseId))]);
    const names = new Map(
      (
        await people.getMany([
          ...new Set(
            rows.flatMap((row) => [row.personId, ...(row.requestedById ? [row.requestedById] : [])]),
          ),
        ])
      ).map((person) => [person.id, person.displayName]),
    );
    const sessionById = new Map(sessions.map((session) => [session.id, session]));
    const courseById = new Map(courses.map((course) => [course.id, course]));
    const siblings = await store.enrolmentsOfSessions(sessions.map((session) => session.id));
    return rows.flatMap((row) => {
      const session = sessionById.get(row.sessionId);
      const course = session ? courseById.get(session.courseId) : undefined;
      if (!session || !course) return [];
      const queue = waitingList(siblings.filter((sibling) => sibling.sessionId === row.sessionId));
      const position = queue.findIndex((entry) => entry.id === row.id);
      return [
        {
          id: row.id,
          sessionId: row.sessionId,
          courseId: course.id,
          courseTitle: titleOf(course),
          category: course.category,
          start: session.startsAt.toISOString(),
          end: session.endsAt.toISOString(),
          sessionStatus: session.status,
          personId: row.personId,
          personName: names.get(row.personId) ?? row.personId,
          status: row.status,
          origin: row.origin,
          requestedById: row.requestedById,
          requestedByName: row.requestedById ? (names.get(row.requestedById) ?? null) : null,
          reason: row.reason,
          note: row.note,
          eligibilityOverridden: row.eligibilityOverridden,
          waitlistPosition: position >= 0 ? position + 1 : null,
          closingReason: row.closingReason,
          inCalendar: row.invitedAt !== null,
          outlookResponse: row.outlookResponse,
          version: row.version,
          updatedAt: row.updatedAt.toISOString(),
        },
      ];
    });
  };

  const oneView = async (row: EnrolmentRow) => (await enrolmentViews([row]))[0]!;

  /** Enrolments need an open session: scheduled, the course live, before the start; `deadline` too. */
  const requireOpen = (session: SessionRow, course: CourseRow, deadline: boolean) => {
    if (session.status === 'cancelled') throw new AppError('conflict', 'This session has been cancelled.');
    if (course.archivedAt) throw new AppError('conflict', 'This course is no longer offered.');
    if (session.startsAt <= deps.now()) throw new AppError('conflict', 'This session has already started.');
    if (deadline && today() > session.applicationDeadline)
      throw new AppError(
        'conflict',
        `Applications for this session closed on ${session.applicationDeadline} (締切を過ぎています).`,
      );
  };

  /** Whether the person fits the course today (422 with the reasons when not). */
  const requireFits = (course: CourseRow, person: PersonRow) =>
    requireEligible(course, { levelId: person.levelId, hireDate: person.hireDate }, today());

  /**
   * Inserts an enrolment; with `notice`, the person's status notice is queued in the same transaction
   * (so it exists iff the enrolment does).
   */
  const insertEnrolment = async (
    row: typeof trainingEnrolments.$inferInsert,
    notice?: {
      session: SessionRow;
      course: CourseRow;
      change: Omit<StatusChange, 'enrolmentId' | 'version' | 'personId'>;
    },
  ): Promise<EnrolmentRow> => {
    try {
      const notices = deps.notices;
      if (!notice || !notices) {
        const [inserted] = await store.db.insert(trainingEnrolments).values(row).returning();
        return inserted!;
      }
      return await store.db.transaction(async (tx) => {
        const [inserted] = await tx.insert(trainingEnrolments).values(row).returning();
        await notices.enqueue(tx, notice.session, notice.course, [
          {
            ...notice.change,
            enrolmentId: inserted!.id,
            version: inserted!.version,
            personId: inserted!.personId,
          },
        ]);
        return inserted!;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('conflict', 'This person is already on this session’s roster (一人一回まで).');
      throw error;
    }
  };

  const checkSessionVersion = (session: SessionRow, expected: number) => {
    if (session.version !== expected)
      throw versionConflict(
        `Someone changed this session meanwhile (now version ${session.version}).`,
        session.version,
      );
  };

  const staleEnrolment = (row: EnrolmentRow) =>
    versionConflict(`Someone changed this enrolment meanwhile (now version ${row.version}).`, row.version);

  /**
   * Changes an enrolment with its session locked: checks the version and the allowed statuses, applies
   * `decide`, then lets seats freed or added move the waiting list up. Outlook is told about new attendees.
   */
  const changeEnrolment = async (
    enrolmentId: string,
    expected: number,
    allowed: readonly EnrolmentStatus[],
    decide: (row: EnrolmentRow, session: SessionRow, all: EnrolmentRow[]) => Partial<EnrolmentRow>,
  ): Promise<EnrolmentRow> => {
    const found = await store.enrolment(enrolmentId);
    if (!found) throw new AppError('not_found', 'No such enrolment.');
    // The course, for the notices (read before the transaction: the embedded database has one connection).
    const course = deps.notices ? (await loadSession(found.sessionId)).course : undefined;
    let outlook = false;
    const updated = await store.withSessionLocked(found.sessionId, async (tx, session, all) => {
      const row = all.find((entry) => entry.id === enrolmentId)!;
      if (row.version !== expected) throw staleEnrolment(row);
      if (!allowed.includes(row.status))
        throw new AppError('conflict', `This enrolment is ${row.status}; that is not possible now.`);
      const changes = decide(row, session, all);
      const now = deps.now();
      const [saved] = await tx
        .update(trainingEnrolments)
        .set({ ...changes, version: row.version + 1, updatedAt: now })
        .where(eq(trainingEnrolments.id, row.id))
        .returning();
      const after = all.map((entry) => (entry.id === row.id ? saved! : entry));
      const moving = session.status === 'scheduled' ? promotions(after, session.capacity) : [];
      for (const entry of moving) {
        await tx
          .update(trainingEnrolments)
          .set({ status: 'confirmed', confirmedAt: now, version: entry.version + 1, updatedAt: now })
          .where(eq(trainingEnrolments.id, entry.id));
      }
      // An attendance corrected back to confirmed (absent) is no news to the person, nor to Outlook.
      const corrected = row.status === 'attended';
      if (deps.notices && course) {
        const told: StatusChange[] = [];
        if (
          !corrected &&
          saved!.status !== row.status &&
          (saved!.status === 'confirmed' || saved!.status === 'waitlisted')
        )
          told.push({
            enrolmentId: saved!.id,
            version: saved!.version,
            personId: saved!.personId,
            kind: saved!.status,
          });
        for (const entry of moving)
          told.push({
            enrolmentId: entry.id,
            version: entry.version + 1,
            personId: entry.personId,
            kind: 'promoted',
          });
        await deps.notices.enqueue(tx, session, course, told);
      }
      const leftTheEvent = row.invitedAt !== null && ['withdrawn', 'declined'].includes(saved!.status);
      if ((saved!.status === 'confirmed' && !corrected) || moving.length > 0 || leftTheEvent) {
        await store.requestOutlook(tx, session.id, 'attendees');
        outlook = true;
      }
      return saved!;
    });
    if (outlook) await deps.notifyOutlookWork(updated.sessionId);
    return updated;
  };

  const requireReader = async (actor: Actor, personId: string, resource: string) => {
    const relation = await deps.access.require(actor, personId, ['self', 'supervisor', 'hr']);
    await deps.audit.readUnlessSelf(relation, { actorId: actor.id, subjectId: personId, resource });
  };

  return {
    // ---- catalog ----
    async listCourses(
      actor: Actor,
      options: { view: 'fit' | 'all'; category?: CourseRow['category']; archived: boolean },
    ): Promise<CourseView[]> {
      if (options.archived) requireHr(actor, 'see archived courses');
      const me = await people.get(actor.id);
      const courses = (await store.courses()).filter(
        (course) =>
          (options.archived ? course.archivedAt !== null : course.archivedAt === null) &&
          (!options.category || course.category === options.category) &&
          seesCourse(actor, me, course),
      );
      const views = await viewsOf(courses, me, { actor, person: me });
      // 対象 includes a self-study course of the caller's learning path: they may start it (docs/training.md).
      return options.view === 'fit'
        ? views.filter((view) => view.eligibility.eligible || view.selfStudy?.onMyPath)
        : views;
    },

    async getCourse(actor: Actor, courseId: string): Promise<CourseDetail> {
      const course = await loadCourse(courseId, actor);
      const me = await people.get(actor.id);
      // Another 課's workplace course is not in the caller's catalog (404, like an unknown one); changing
      // it answers 403 (requireManager), so a refusal is never mistaken for a missing course.
      if (!seesCourse(actor, me, course)) throw new AppError('not_found', 'No such course.');
      const sessions = await store.sessionsOf([course.id]);
      const enrolments = await store.enrolmentsOfSessions(sessions.map((session) => session.id));
      return {
        ...(await ownViewOf(actor, me, course, sessions)),
        sessions: sessions.map((session) => sessionView(session, course, enrolments)),
      };
    },

    async createCourse(actor: Actor, input: CourseInput): Promise<CourseView> {
      const scope = await scopeOfNewCourse(actor, input);
      checkCourse(input);
      const course = await store.insertCourse({ ...courseRow(input), ...scope });
      await auditCourse('write', actor, null, {
        courseId: course.id,
        change: 'create',
        ...(scope.scope === 'workplace' ? { scope: scope.scope, department: scope.ownerDepartment } : {}),
      });
      const me = await people.get(actor.id);
      // A new course has no session and is not self-study yet.
      return courseView(
        course,
        me,
        {
          sessions: [],
          selfStudyLinks: new Map(),
          onPath: new Set(),
          waitedFor: new Set(),
          waitingCounts: new Map(),
        },
        { actor, person: me },
      );
    },

    async updateCourse(actor: Actor, courseId: string, input: CourseUpdateInput) {
      const current = await loadManaged(actor, courseId, 'change this course');
      checkCourse(input, current);
      const { version: expected, ...rest } = input;
      return saveCourse(actor, current, expected, courseRow(rest), (updated) => ({
        change: 'update',
        version: updated.version,
      }));
    },

    async archiveCourse(actor: Actor, courseId: string, input: VersionOnlyInput) {
      const current = await loadManaged(actor, courseId, 'archive this course');
      if (current.archivedAt) throw new AppError('conflict', 'This course is already archived.');
      return saveCourse(
        actor,
        current,
        input.version,
        { archivedAt: deps.now() },
        () => ({ change: 'archive' }),
        // No session will come: nobody waits for it any more (the catalog no longer shows it to withdraw).
        () => deps.interests.dropCourse(courseId),
      );
    },

    // ---- 開講されたら知らせてほしい ----
    /**
     * The caller waits to be told of the course's next session: a course of their catalog, live, of dated
     * sessions, with none open now (one open is applied to instead), and meant for them, as an
     * application would be. Asking again keeps the first.
     */
    async awaitCourse(actor: Actor, courseId: string): Promise<CourseView> {
      const course = await loadCourse(courseId, actor);
      const me = await loadPerson(actor.id);
      if (!seesCourse(actor, me, course)) throw new AppError('not_found', 'No such course.');
      const [sessions, selfStudyLinks] = await Promise.all([
        store.sessionsOf([course.id]),
        store.selfStudyLinks([course.id]),
      ]);
      const candidate = { levelId: me.levelId, hireDate: me.hireDate };
      const refusal = waitRefusal(course, me, {
        selfStudy: selfStudyLinks.has(course.id),
        openSessions: sessions.filter((session) => isOpen(session, course)).length,
        eligible: eligibilityFor(course, candidate, today()).eligible,
      });
      if (refusal === 'archived')
        throw new AppError('conflict', 'This course has been taken out of the catalog.');
      if (refusal === 'selfStudy')
        throw new AppError('conflict', 'A self-study course has no sessions to wait for: start it instead.');
      if (refusal === 'open')
        throw new AppError('conflict', 'A session of this course is open for applications: apply to it.');
      if (refusal === 'audience') requireInCourseAudience(me, course);
      if (refusal === 'unfit') requireEligible(course, candidate, today());
      await deps.interests.register(course.id, me.id);
      return ownViewOf(actor, me, course, sessions);
    },

    /** The caller no longer waits for the course (idempotent). An archived course took its rows with it. */
    async stopAwaitingCourse(actor: Actor, courseId: string): Promise<CourseView> {
      const course = await loadCourse(courseId, actor);
      const me = await loadPerson(actor.id);
      if (!seesCourse(actor, me, course)) throw new AppError('not_found', 'No such course.');
      await deps.interests.withdraw(course.id, me.id);
      return ownViewOf(actor, me, course);
    },

    // ---- sessions ----
    async scheduleSession(actor: Actor, courseId: string, input: SessionInput): Promise<SessionView> {
      const course = await loadManaged(actor, courseId, 'schedule sessions of this course');
      if (course.archivedAt) throw new AppError('conflict', 'An archived course cannot get new sessions.');
      if ((await store.selfStudyLinks([courseId])).has(courseId))
        throw new AppError('conflict', 'A self-study course has no dated sessions.');
      const { startsAt, details, columns } = sessionTimes(input);
      if (startsAt <= deps.now()) details.push({ path: 'body.date', message: 'must be in the future' });
      if (details.length > 0) throw new AppError('validation_failed', 'The session does not fit.', details);
      const { waited, told } = await waitersOf(course);
      // A session already closed to applications (its deadline passed) is nothing to apply to: they wait on.
      const session = await store.insertSessionWith(
        { courseId, ...columns, outlookAction: 'create', transactionId: randomUUID() },
        (tx, stored) =>
          isOpen(stored, course)
            ? deps.interests.settle(tx, stored, course, waited, told)
            : Promise.resolve(),
      );
      await deps.notifyOutlookWork(session.id);
      return sessionView(session, course, []);
    },

    async updateSession(actor: Actor, sessionId: string, input: SessionUpdateInput) {
      const { session: read, course } = await loadSession(sessionId);
      await requireManager(actor, course, 'change this session');
      const { startsAt, endsAt, details, columns } = sessionTimes(input);
      if (details.length > 0) throw new AppError('validation_failed', 'The session does not fit.', details);
      // A session closed to applications opens when HR moves its deadline later: those waiting for the
      // course are told then, as when a session is scheduled open. Read only when this change may open it
      // (any other change in between has a new version, which the transaction refuses).
      const at = deps.now();
      const mayOpen = !isOpen(read, course, at) && input.applicationDeadline >= jstDayOf(at.getTime());
      const { waited, told } = mayOpen ? await waitersOf(course) : { waited: [], told: [] };
      let outlook = false;
      const saved = await store.withSessionLocked(sessionId, async (tx, session, all) => {
        checkSessionVersion(session, input.version);
        if (session.status === 'cancelled')
          throw new AppError('conflict', 'This session has been cancelled.');
        const moved =
          startsAt.getTime() !== session.startsAt.getTime() || endsAt.getTime() !== session.endsAt.getTime();
        // A new place reaches Outlook like a new time does (the same PATCH).
        const relocated = input.place.trim() !== session.place;
        if (moved && startsAt <= deps.now())
          throw new AppError('validation_failed', 'The session does not fit.', [
            { path: 'body.date', message: 'must be in the future' },
          ]);
        const seated = all.filter((entry) =>
          ['confirmed', 'attended', 'reported'].includes(entry.status),
        ).length;
        if (input.capacity < seated)
          throw new AppError(
            'conflict',
            `${seated} people are already confirmed; the capacity cannot go below that.`,
            [{ path: 'body.capacity', message: `at least ${seated}` }],
          );
        const now = deps.now();
        const [updated] = await tx
          .update(trainingSessions)
          .set({
            ...columns,
            version: session.version + 1,
            updatedAt: now,
          })
          .where(eq(trainingSessions.id, sessionId))
          .returning();
        // More seats: the waiting list moves up, in order.
        const moving = promotions(all, input.capacity);
        for (const entry of moving)
          await tx
            .update(trainingEnrolments)
            .set({ status: 'confirmed', confirmedAt: now, version: entry.version + 1, updatedAt: now })
            .where(eq(trainingEnrolments.id, entry.id));
        await deps.notices?.enqueue(
          tx,
          updated!,
          course,
          moving.map((entry) => ({
            enrolmentId: entry.id,
            version: entry.version + 1,
            personId: entry.personId,
            kind: 'promoted' as const,
          })),
        );
        // The same instant as `mayOpen`: a deadline or start passing in between cannot make them disagree.
        if (!isOpen(session, course, at) && isOpen(updated!, course, at)) {
          // Someone already on this session (its waiting list included) keeps waiting for another one.
          const onIt = new Set(
            all.filter((entry) => ON_SESSION_STATUSES.has(entry.status)).map((entry) => entry.personId),
          );
          const notOnIt = (personId: string) => !onIt.has(personId);
          await deps.interests.settle(tx, updated!, course, waited.filter(notOnIt), told.filter(notOnIt));
        }
        // A refusal from Outlook earlier (outlookFailed) is asked again on HR's next save.
        if (moved || relocated || moving.length > 0 || session.outlookFailed) {
          await store.requestOutlook(tx, sessionId, moved || relocated ? 'move' : 'attendees');
          outlook = true;
        }
        return updated!;
      });
      if (outlook) await deps.notifyOutlookWork(sessionId);
      const fresh = (await store.session(sessionId)) ?? saved;
      return sessionView(fresh, course, await store.enrolmentsOfSessions([sessionId]));
    },

    async cancelSession(actor: Actor, sessionId: string, input: CancelSessionInput) {
      const { course } = await loadSession(sessionId);
      await requireManager(actor, course, 'cancel this session');
      await store.withSessionLocked(sessionId, async (tx, session) => {
        checkSessionVersion(session, input.version);
        if (session.status === 'cancelled')
          throw new AppError('conflict', 'This session is already cancelled.');
        await tx
          .update(trainingSessions)
          .set({
            status: 'cancelled',
            cancelReason: input.reason,
            version: session.version + 1,
            updatedAt: deps.now(),
          })
          .where(eq(trainingSessions.id, sessionId));
        await store.requestOutlook(tx, sessionId, 'cancel');
      });
      await deps.notifyOutlookWork(sessionId);
      return sessionView(
        (await store.session(sessionId))!,
        course,
        await store.enrolmentsOfSessions([sessionId]),
      );
    },

    async roster(actor: Actor, sessionId: string): Promise<Roster> {
      const { session, course } = await loadSession(sessionId);
      await requireManager(actor, course, 'see the roster');
      const rows = await store.enrolmentsOfSessions([sessionId]);
      await auditRoster('read', actor, null, { sessionId });
      const rank = (view: EnrolmentView) =>
        ['confirmed', 'attended', 'reported'].includes(view.status)
          ? 0
          : view.status === 'waitlisted'
            ? 1
            : REQUESTED.includes(view.status)
              ? 2
              : 3;
      const views = (await enrolmentViews(rows)).sort(
        (a, b) => rank(a) - rank(b) || (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0),
      );
      return { session: sessionView(session, course, rows), enrolments: views };
    },

    async listSessions(actor: Actor, window: { from?: string | undefined; to?: string | undefined }) {
      const from = window.from ?? today();
      const to = window.to ?? jstDayOf(jstInstant(from, '00:00').getTime() + 180 * DAY_MS);
      const days = (jstInstant(to, '00:00').getTime() - jstInstant(from, '00:00').getTime()) / DAY_MS;
      if (days < 0 || days > SESSION_WINDOW_MAX_DAYS)
        throw new AppError(
          'validation_failed',
          `The window runs from "from" to "to", at most ${SESSION_WINDOW_MAX_DAYS} days.`,
          [{ path: 'query.to', message: `must be from ${from} to ${SESSION_WINDOW_MAX_DAYS} days later` }],
        );
      const sessions = await store.sessionsStartingBetween(
        jstInstant(from, '00:00'),
        new Date(jstInstant(to, '00:00').getTime() + DAY_MS),
      );
      const courses = new Map(
        (await store.coursesById([...new Set(sessions.map((session) => session.courseId))])).map((course) => [
          course.id,
          course,
        ]),
      );
      const enrolments = await store.enrolmentsOfSessions(sessions.map((session) => session.id));
      const me = actor.isHr ? undefined : await people.get(actor.id);
      return sessions.flatMap((session) => {
        const course = courses.get(session.courseId);
        if (!course || (course.archivedAt && !actor.isHr) || !seesCourse(actor, me, course)) return [];
        return [sessionView(session, course, enrolments)];
      });
    },

    async team(actor: Actor): Promise<EnrolmentView[]> {
      const below = await people.reportsBelow(actor.id);
      if (below.length === 0) return [];
      const rows = await store.enrolmentsOfPeople(below.map((person) => person.id));
      await auditTeam('read', actor, null, { people: below.length });
      const views = await enrolmentViews(rows);
      return views.sort(
        (a, b) => b.start.localeCompare(a.start) || a.personName.localeCompare(b.personName, 'ja'),
      );
    },

    // ---- enrolment ----
    async apply(actor: Actor, sessionId: string, input: ApplyInput) {
      const { session, course } = await loadSession(sessionId);
      requireOpen(session, course, true);
      const me = await loadPerson(actor.id);
      requireInCourseAudience(me, course);
      requireFits(course, me);
      const row = await insertEnrolment({
        sessionId,
        personId: actor.id,
        status: 'applied',
        origin: 'application',
        note: input.note,
      });
      return oneView(row);
    },

    async recommend(actor: Actor, sessionId: string, input: RecommendInput) {
      const personId = input.personId.toLowerCase();
      const { session, course } = await loadSession(sessionId);
      await deps.access.require(actor, personId, ['supervisor']);
      requireOpen(session, course, true);
      const person = await loadPerson(personId);
      requireInCourseAudience(person, course);
      requireFits(course, person);
      const requester = deps.notices ? await people.get(actor.id) : undefined;
      const row = await insertEnrolment(
        {
          sessionId,
          personId,
          status: 'recommended',
          origin: 'recommendation',
          requestedById: actor.id,
          reason: input.reason,
        },
        {
          session,
          course,
          change: { kind: 'recommended', byName: requester?.displayName ?? null, reason: input.reason },
        },
      );
      await auditEnrolment('write', actor, personId, { sessionId, change: 'recommend' });
      return oneView(row);
    },

    async nominate(actor: Actor, sessionId: string, input: NominateInput) {
      const personId = input.personId.toLowerCase();
      const { session, course } = await loadSession(sessionId);
      await requireManager(actor, course, 'nominate staff (指名) for this session');
      // HR nominates after the deadline too: the deadline is for applications.
      requireOpen(session, course, false);
      const person = await loadPerson(personId);
      // A workplace organiser nominates their own 課's staff; HR anyone.
      if (!actor.isHr && !inCourseAudience(person, course))
        throw new AppError(
          'forbidden',
          'A workplace course’s organiser nominates people of its own 課 only.',
        );
      if (!input.overrideEligibility) requireFits(course, person);
      const eligible = eligibilityFor(
        course,
        { levelId: person.levelId, hireDate: person.hireDate },
        today(),
      ).eligible;
      const row = await insertEnrolment(
        {
          sessionId,
          personId,
          status: 'nominated',
          origin: 'nomination',
          requestedById: actor.id,
          reason: input.note,
          eligibilityOverridden: !eligible,
        },
        { session, course, change: { kind: 'nominated' } },
      );
      await auditEnrolment('write', actor, personId, {
        sessionId,
        change: 'nominate',
        eligibilityOverridden: !eligible,
      });
      return oneView(row);
    },

    async confirm(actor: Actor, enrolmentId: string, input: VersionOnlyInput) {
      await requireEnrolmentManager(actor, enrolmentId, 'confirm enrolments');
      const row = await changeEnrolment(enrolmentId, input.version, REQUESTED, (_row, session, all) => {
        if (session.status === 'cancelled')
          throw new AppError('conflict', 'This session has been cancelled.');
        if (session.endsAt <= deps.now()) throw new AppError('conflict', 'This session is over.');
        const placed = placeOnConfirm(all, session.capacity);
        const now = deps.now();
        return placed === 'confirmed'
          ? { status: 'confirmed', confirmedAt: now }
          : { status: 'waitlisted', waitlistedAt: now };
      });
      return oneView(row);
    },

    async decline(actor: Actor, enrolmentId: string, input: CloseEnrolmentInput) {
      await requireEnrolmentManager(actor, enrolmentId, 'decline enrolments');
      const row = await changeEnrolment(enrolmentId, input.version, [...REQUESTED, 'waitlisted'], () => ({
        status: 'declined',
        closingReason: input.reason,
      }));
      return oneView(row);
    },

    async withdraw(actor: Actor, enrolmentId: string, input: CloseEnrolmentInput) {
      const found = await store.enrolment(enrolmentId);
      if (!found) throw new AppError('not_found', 'No such enrolment.');
      // A supervisor takes back their own 推薦 while it is still only a recommendation (HR has not
      // confirmed it) and while they are still above the person.
      const recommender =
        found.personId !== actor.id &&
        !actor.isHr &&
        found.origin === 'recommendation' &&
        found.requestedById === actor.id;
      if (found.personId !== actor.id && !actor.isHr && !recommender)
        throw new AppError(
          'forbidden',
          'Only the person, HR or the supervisor who recommended them may withdraw an enrolment.',
        );
      if (recommender) await deps.access.require(actor, found.personId, ['supervisor']);
      const row = await changeEnrolment(
        enrolmentId,
        input.version,
        recommender ? ['recommended'] : [...REQUESTED, 'confirmed', 'waitlisted'],
        (_row, session) => {
          if (session.startsAt <= deps.now())
            throw new AppError(
              'conflict',
              'This session has already started; it can no longer be withdrawn from.',
            );
          return { status: 'withdrawn', closingReason: input.reason };
        },
      );
      if (recommender)
        await auditEnrolment('write', actor, found.personId, {
          sessionId: found.sessionId,
          change: 'withdraw-recommendation',
        });
      return oneView(row);
    },

    async markAttended(actor: Actor, enrolmentId: string, input: VersionOnlyInput) {
      await requireEnrolmentManager(actor, enrolmentId, 'record attendance');
      const row = await changeEnrolment(enrolmentId, input.version, ['confirmed'], (_row, session) => {
        // Attendance is a fact about a session that took place: recording it earlier would let the
        // person report on a session still running (and the report requests go out too early).
        if (session.endsAt > deps.now())
          throw new AppError(
            'session_not_ended',
            'The session has not ended yet; record attendance once it is over.',
          );
        return { status: 'attended' };
      });
      return oneView(row);
    },

    /**
     * HR corrects someone recorded as attended back to confirmed, i.e. absent (docs/training.md
     * "Correcting attendance"): only before they submitted a report (a `reported` enrolment is 409). Their
     * report request, if sent, stays in their chat but its reminders stop and its form is refused.
     */
    async unmarkAttended(actor: Actor, enrolmentId: string, input: VersionOnlyInput) {
      requireHr(actor, 'correct attendance');
      const row = await changeEnrolment(enrolmentId, input.version, ['attended'], () => ({
        status: 'confirmed',
      }));
      await auditEnrolment('write', actor, row.personId, {
        sessionId: row.sessionId,
        change: 'attendance-corrected-to-absent',
      });
      return oneView(row);
    },

    /**
     * For the bot (issue 8): the person's report of a session is stored, so their enrolment becomes
     * `reported`. Idempotent; false when the person did not attend that session.
     */
    async markReported(personId: string, sessionId: string): Promise<boolean> {
      const rows = (await store.enrolmentsOfSessions([sessionId])).filter(
        (row) => row.personId === personId && LIVE.includes(row.status),
      );
      const row = rows[0];
      if (!row) return false;
      if (row.status === 'reported') return true;
      if (row.status !== 'attended') return false;
      await store.db
        .update(trainingEnrolments)
        .set({ status: 'reported', version: row.version + 1, updatedAt: deps.now() })
        .where(eq(trainingEnrolments.id, row.id));
      return true;
    },

    async enrolmentsOf(actor: Actor, personId: string): Promise<EnrolmentView[]> {
      await requireReader(actor, personId, 'training-enrolments');
      const views = await enrolmentViews(await store.enrolmentsOfPerson(personId));
      return views.sort((a, b) => b.start.localeCompare(a.start));
    },

    async recommendationsFor(actor: Actor, personId: string): Promise<Recommendation[]> {
      await requireReader(actor, personId, 'training-recommendations');
      const person = await loadPerson(personId);
      const [selfCheck, wishes, enrolments, studied] = await Promise.all([
        deps.growth.latestSubmittedOf(personId),
        deps.growth.trainingsWantedBy(personId),
        store.enrolmentsOfPerson(personId),
        store.selfStudyCoursesOf(personId),
      ]);
      const levelId = person.levelId;
      const row = levelId ? framework.expectations[levelId] : undefined;
      const evaluated = new Set(
        Object.entries(row ?? {})
          .filter(([, mark]) => mark === 'evaluated')
          .map(([id]) => id),
      );
      const rated = Object.entries(selfCheck?.ratings ?? {}).flatMap(([competencyId, rating]) => {
        const competency = framework.competencies.find((candidate) => candidate.id === competencyId);
        return competency ? [{ competencyId, rating, name: competency.name }] : [];
      });
      const courses = (await store.courses()).filter(
        (course) => course.archivedAt === null && inCourseAudience(person, course),
      );
      const sessions = await store.sessionsOf(courses.map((course) => course.id));
      // A course the person has applied to, been put forward for, or is enrolled in or has taken is no
      // suggestion; one whose only enrolment was withdrawn, declined or in a cancelled session still is.
      // Nor is a self-study course they started or completed.
      const courseOfSession = new Map(sessions.map((session) => [session.id, session]));
      const taken = new Set([
        ...studied,
        ...enrolments.flatMap((enrolment) => {
          const session = courseOfSession.get(enrolment.sessionId);
          return session && session.status !== 'cancelled' && LIVE.includes(enrolment.status)
            ? [session.courseId]
            : [];
        }),
      ]);
      const fitting = courses.filter(
        (course) =>
          !taken.has(course.id) &&
          eligibilityFor(course, { levelId, hireDate: person.hireDate }, today()).eligible,
      );
      const ranked = rankCourses({
        courses: fitting,
        weakest: weakestCompetencies(rated, evaluated),
        period: selfCheck?.period ?? null,
        wishes,
      });
      const me = await people.get(actor.id);
      const views = await viewsOf(
        ranked.map((entry) => entry.course),
        person,
        { actor, person: me },
        sessions,
      );
      return ranked.map((entry, index) => ({
        ...entry,
        course: views[index]!,
      }));
    },
  };
}

/** PostgreSQL's unique_violation, as node-postgres and PGlite report it (possibly wrapped by drizzle). */
function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export type TrainingService = ReturnType<typeof createTrainingService>;
