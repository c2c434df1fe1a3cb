// Self-study courses and learning paths (issue 20 ⑤; docs/training.md, "Learning paths and self-study").
//
// A self-study course (通信教育 / e-learning) is a catalog course HR marks as self-paced: it has no dated
// session; people enrol (themselves, or HR enrols them), record their progress as a whole percentage and
// complete it on a day, optionally with a short report. A learning path is HR's stepwise plan
// (段階的にステップアップ): each step is for a level and/or a range of years of service and is done once
// every course it names is completed (an attended session, or a completed self-study).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AccessPolicy, Actor } from '../auth/access.ts';
import { auditOf, type AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { firstRow, rowsById, updateAtVersion } from '../db/rows.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { AppError, versionConflict, type ErrorDetail } from '../http/app-error.ts';
import { knownPerson } from '../people/known-person.ts';
import type { PeopleStore, PersonRow } from '../people/people.store.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import { eligibilityFor, requireEligible, yearsOfService } from './eligibility.ts';
import type { CourseInterests } from './course-interests.ts';
import { createLearningPathsReader } from './learning-paths.read.ts';
import { requireInCourseAudience, seesCourse } from './workplace.ts';
import type {
  CompleteSelfStudyInput,
  EnrolSelfStudyInput,
  LearningPath,
  LearningPathInput,
  LearningPathUpdateInput,
  PathProgress,
  SelfStudyCourse,
  SelfStudyCourseInput,
  SelfStudyEnrolment,
  SelfStudyProgressInput,
} from './learning.contract.ts';
import {
  learningPaths,
  trainingSelfStudyCourses,
  trainingSelfStudyEnrolments,
  type LearningPathStepRow,
} from './learning.schema.ts';
import { trainingCourses, trainingEnrolments, trainingSessions } from './training.schema.ts';

type SelfStudyRow = typeof trainingSelfStudyCourses.$inferSelect;
type EnrolmentRow = typeof trainingSelfStudyEnrolments.$inferSelect;
type PathRow = typeof learningPaths.$inferSelect;
type CourseRow = typeof trainingCourses.$inferSelect;

export interface LearningDependencies {
  db: Db;
  people: PeopleStore;
  access: AccessPolicy;
  audit: AuditLog;
  framework: Framework;
  /** Who waits for a course's next session (course-interests.ts): a self-study course has none. */
  interests: Pick<CourseInterests, 'dropCourse'>;
  now: () => Date;
}

const title = (ja: string, en: string | null) => ({ ja, en });
const stamp = (row: { version: number; updatedAt: Date }) => ({
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
});

export function createLearningService(deps: LearningDependencies) {
  const { db, people } = deps;
  const today = () => jstDayOf(deps.now().getTime());
  const auditSelfStudy = auditOf(deps.audit, 'training-self-study');
  const auditPath = auditOf(deps.audit, 'learning-path');
  const courses = rowsById(db, trainingCourses);
  const paths = rowsById(db, learningPaths);
  const pathReader = createLearningPathsReader(db, today);

  const requireHr = (actor: Actor, what: string) => {
    if (!actor.isHr) throw new AppError('forbidden', `Only HR (職員課) may ${what}.`);
  };
  const selfStudyOf = async (courseIds: string[]): Promise<Map<string, SelfStudyRow>> => {
    if (courseIds.length === 0) return new Map();
    const rows = await db
      .select()
      .from(trainingSelfStudyCourses)
      .where(inArray(trainingSelfStudyCourses.courseId, courseIds));
    return new Map(rows.map((row) => [row.courseId, row]));
  };

  const enrolmentViews = async (rows: EnrolmentRow[]): Promise<SelfStudyEnrolment[]> => {
    const courseIds = [...new Set(rows.map((row) => row.courseId))];
    const [found, links, named] = await Promise.all([
      courses.many(courseIds),
      selfStudyOf(courseIds),
      people.getMany([...new Set(rows.map((row) => row.personId))]),
    ]);
    const courseById = new Map(found.map((course) => [course.id, course]));
    const nameOf = new Map(named.map((person) => [person.id, person.displayName]));
    return rows.map((row) => {
      const course = courseById.get(row.courseId);
      return {
        id: row.id,
        courseId: row.courseId,
        courseTitle: title(course?.titleJa ?? '', course?.titleEn ?? null),
        externalUrl: links.get(row.courseId)?.externalUrl ?? null,
        personId: row.personId,
        personName: nameOf.get(row.personId) ?? '',
        enrolledOn: row.enrolledOn,
        enrolledByHr: row.enrolledById !== row.personId,
        progressPercent: row.progressPercent,
        completedOn: row.completedOn,
        report: row.report,
        ...stamp(row),
      };
    });
  };
  const enrolmentView = async (row: EnrolmentRow) => (await enrolmentViews([row]))[0]!;

  /** The person's enrolment of the course, if any. */
  const enrolmentOf = (courseId: string, personId: string) =>
    firstRow(
      db
        .select()
        .from(trainingSelfStudyEnrolments)
        .where(
          and(
            eq(trainingSelfStudyEnrolments.courseId, courseId),
            eq(trainingSelfStudyEnrolments.personId, personId),
          ),
        ),
    );
  const alreadyEnrolled = () => new AppError('conflict', 'Already enrolled in this self-study course.');

  /** The caller's own enrolment of the course, for a change at `version`; 409 when there is none or it is done. */
  const ownEnrolment = async (actor: Actor, courseId: string, version: number) => {
    const row = await enrolmentOf(courseId, actor.id);
    if (!row) throw new AppError('conflict', 'You are not enrolled in this self-study course: enrol first.');
    if (row.completedOn !== null)
      throw new AppError('conflict', 'This self-study course is already completed.');
    if (row.version !== version)
      throw versionConflict('The enrolment changed meanwhile: reload it.', row.version);
    return row;
  };
  const saveEnrolment = async (row: EnrolmentRow, changes: Partial<EnrolmentRow>) => {
    const saved = await updateAtVersion(
      db,
      trainingSelfStudyEnrolments,
      row.id,
      row.version,
      changes,
      deps.now(),
    );
    if (!saved) throw versionConflict('The enrolment changed meanwhile: reload it.', row.version + 1);
    return saved;
  };

  /**
   * The Japan day each course was completed by the person (an attended session's day, or the day a
   * self-study was completed), and their self-study enrolments.
   */
  const completedCourses = async (personId: string) => {
    const [attended, studied] = await Promise.all([
      db
        .select({ courseId: trainingSessions.courseId, startsAt: trainingSessions.startsAt })
        .from(trainingEnrolments)
        .innerJoin(trainingSessions, eq(trainingSessions.id, trainingEnrolments.sessionId))
        .where(
          and(
            eq(trainingEnrolments.personId, personId),
            inArray(trainingEnrolments.status, ['attended', 'reported']),
          ),
        )
        .orderBy(asc(trainingSessions.startsAt)),
      db.select().from(trainingSelfStudyEnrolments).where(eq(trainingSelfStudyEnrolments.personId, personId)),
    ]);
    const done = new Map<string, string>();
    for (const row of attended)
      if (!done.has(row.courseId)) done.set(row.courseId, jstDayOf(row.startsAt.getTime()));
    for (const row of studied)
      if (row.completedOn && !done.has(row.courseId)) done.set(row.courseId, row.completedOn);
    return { done, studied };
  };

  // ---- learning paths ----
  /**
   * Someone starting a self-study course themself must be of its audience (a workplace course: its 課) and
   * fit it, as an application to a session must, unless one of their learning paths names it: the path
   * page offers every self-study course of the person's paths, a later step's too (docs/training.md).
   */
  const requireMayStart = async (person: PersonRow, course: CourseRow) => {
    requireInCourseAudience(person, course);
    const candidate = { levelId: person.levelId, hireDate: person.hireDate };
    const day = today();
    if (eligibilityFor(course, candidate, day).eligible) return;
    if ((await pathReader.courseIdsOf(person)).has(course.id)) return;
    requireEligible(course, candidate, day);
  };

  const checkPath = async (input: LearningPathInput) => {
    const levelIds = new Set(deps.framework.levels.map((level) => level.id));
    const wanted = [...new Set(input.steps.flatMap((step) => step.courseIds.map((id) => id.toLowerCase())))];
    const found = new Map((await courses.many(wanted)).map((course) => [course.id, course]));
    const details: ErrorDetail[] = [];
    input.steps.forEach((step, index) => {
      const at = `body.steps.${index}`;
      for (const id of step.levelIds)
        if (!levelIds.has(id)) details.push({ path: `${at}.levelIds`, message: `unknown level ${id}` });
      if (step.levelIds.length === 0 && step.minYearsOfService === null && step.maxYearsOfService === null)
        details.push({ path: at, message: 'name the levels and/or the years of service the step is for' });
      if (
        step.minYearsOfService !== null &&
        step.maxYearsOfService !== null &&
        step.minYearsOfService > step.maxYearsOfService
      )
        details.push({ path: `${at}.maxYearsOfService`, message: 'must not be below minYearsOfService' });
      const ids = step.courseIds.map((id) => id.toLowerCase());
      if (new Set(ids).size !== ids.length)
        details.push({ path: `${at}.courseIds`, message: 'a course twice' });
      for (const id of ids) {
        const course = found.get(id);
        if (!course) details.push({ path: `${at}.courseIds`, message: `no such course ${id}` });
        else if (course.archivedAt !== null)
          details.push({ path: `${at}.courseIds`, message: `the course ${id} is archived` });
      }
    });
    if (details.length > 0)
      throw new AppError('validation_failed', 'The learning path does not fit.', details);
  };
  const stepRows = (input: LearningPathInput): LearningPathStepRow[] =>
    input.steps.map((step) => ({
      titleJa: step.title.ja,
      titleEn: step.title.en?.trim() ? step.title.en : null,
      levelIds: step.levelIds,
      minYearsOfService: step.minYearsOfService,
      maxYearsOfService: step.maxYearsOfService,
      courseIds: step.courseIds.map((id) => id.toLowerCase()),
    }));
  const pathColumns = (input: LearningPathInput) => ({
    titleJa: input.title.ja,
    titleEn: input.title.en?.trim() ? input.title.en : null,
    descriptionJa: input.description.ja,
    descriptionEn: input.description.en?.trim() ? input.description.en : null,
    steps: stepRows(input),
  });
  /** The courses the paths name, each with its self-study link (null: a course of dated sessions). */
  const courseRefs = async (rows: PathRow[]) => {
    const ids = [...new Set(rows.flatMap((row) => row.steps.flatMap((step) => step.courseIds)))];
    const [found, links] = await Promise.all([courses.many(ids), selfStudyOf(ids)]);
    const byId = new Map<string, CourseRow>(found.map((course) => [course.id, course]));
    return (id: string) => {
      const course = byId.get(id);
      const link = links.get(id);
      return {
        id,
        title: title(course?.titleJa ?? '', course?.titleEn ?? null),
        selfStudy: link ? { externalUrl: link.externalUrl } : null,
      };
    };
  };
  const pathViews = async (rows: PathRow[]): Promise<LearningPath[]> => {
    const ref = await courseRefs(rows);
    return rows.map((row) => ({
      id: row.id,
      title: title(row.titleJa, row.titleEn),
      description: title(row.descriptionJa, row.descriptionEn),
      steps: row.steps.map((step) => ({
        title: title(step.titleJa, step.titleEn),
        levelIds: step.levelIds,
        minYearsOfService: step.minYearsOfService,
        maxYearsOfService: step.maxYearsOfService,
        courses: step.courseIds.map(ref),
      })),
      archived: row.archivedAt !== null,
      ...stamp(row),
    }));
  };

  return {
    // ---- self-study ----
    async setSelfStudy(
      actor: Actor,
      courseId: string,
      input: SelfStudyCourseInput,
    ): Promise<SelfStudyCourse> {
      requireHr(actor, 'make a course self-study');
      const course = await courses.one(courseId);
      if (!course) throw new AppError('not_found', 'No such course.');
      const existing = (await selfStudyOf([courseId])).get(courseId);
      let saved: SelfStudyRow | undefined;
      if (!existing) {
        if (input.version !== 0)
          throw versionConflict('The course is not self-study yet: send version 0.', 0);
        const sessions = await db
          .select({ id: trainingSessions.id })
          .from(trainingSessions)
          .where(eq(trainingSessions.courseId, courseId))
          .limit(1);
        if (sessions.length > 0)
          throw new AppError(
            'conflict',
            'This course has dated sessions, so it cannot be self-study; add a new course for the self-study.',
          );
        [saved] = await db
          .insert(trainingSelfStudyCourses)
          .values({ courseId, externalUrl: input.externalUrl, createdAt: deps.now(), updatedAt: deps.now() })
          .onConflictDoNothing()
          .returning();
        if (!saved) throw versionConflict('The course became self-study meanwhile: reload it.', 1);
        // It will never have a session: nobody waits for one (開講されたら知らせてほしい).
        await deps.interests.dropCourse(courseId);
      } else {
        if (existing.version !== input.version)
          throw versionConflict('The self-study settings changed meanwhile: reload them.', existing.version);
        [saved] = await db
          .update(trainingSelfStudyCourses)
          .set({ externalUrl: input.externalUrl, version: existing.version + 1, updatedAt: deps.now() })
          .where(
            and(
              eq(trainingSelfStudyCourses.courseId, courseId),
              eq(trainingSelfStudyCourses.version, existing.version),
            ),
          )
          .returning();
        if (!saved)
          throw versionConflict(
            'The self-study settings changed meanwhile: reload them.',
            existing.version + 1,
          );
      }
      await auditSelfStudy('write', actor, null, {
        courseId,
        change: 'settings',
        externalUrl: input.externalUrl,
      });
      return { courseId, externalUrl: saved.externalUrl, ...stamp(saved) };
    },

    /** Every self-study course's settings, with the version a change must send (HR's form reads them). */
    async listSelfStudy(actor: Actor): Promise<SelfStudyCourse[]> {
      requireHr(actor, 'read the self-study settings');
      const rows = await db
        .select()
        .from(trainingSelfStudyCourses)
        .orderBy(trainingSelfStudyCourses.courseId);
      return rows.map((row) => ({ courseId: row.courseId, externalUrl: row.externalUrl, ...stamp(row) }));
    },

    async enrol(actor: Actor, courseId: string, input: EnrolSelfStudyInput): Promise<SelfStudyEnrolment> {
      const personId = input.personId?.toLowerCase() ?? actor.id;
      if (personId !== actor.id) requireHr(actor, 'enrol someone else in a self-study course');
      const course = await courses.one(courseId);
      if (!course) throw new AppError('not_found', 'No such course.');
      const person = await knownPerson(people, personId);
      const self = personId === actor.id;
      // A workplace course of another 課 is no course to them, as its page is not (404).
      if (self && !seesCourse(actor, person, course)) throw new AppError('not_found', 'No such course.');
      if (course.archivedAt !== null) throw new AppError('conflict', 'This course is no longer offered.');
      if (!(await selfStudyOf([courseId])).has(courseId))
        throw new AppError(
          'conflict',
          'This course runs in dated sessions: apply to one of its sessions instead of enrolling in self-study.',
        );
      if (await enrolmentOf(courseId, personId)) throw alreadyEnrolled();
      // HR enrolling someone else is HR's choice, as a 指名 overriding eligibility is.
      if (self) await requireMayStart(person, course);
      const [row] = await db
        .insert(trainingSelfStudyEnrolments)
        .values({
          courseId,
          personId,
          enrolledById: actor.id,
          enrolledOn: today(),
          createdAt: deps.now(),
          updatedAt: deps.now(),
        })
        .onConflictDoNothing()
        .returning();
      // Enrolled meanwhile (another request of theirs, or HR's).
      if (!row) throw alreadyEnrolled();
      await auditSelfStudy('write', actor, personId, { courseId, change: 'enrolled' });
      return enrolmentView(row);
    },

    async progress(
      actor: Actor,
      courseId: string,
      input: SelfStudyProgressInput,
    ): Promise<SelfStudyEnrolment> {
      const row = await ownEnrolment(actor, courseId, input.version);
      const saved = await saveEnrolment(row, { progressPercent: input.progressPercent });
      await auditSelfStudy('write', actor, actor.id, {
        courseId,
        change: 'progress',
        progressPercent: input.progressPercent,
      });
      return enrolmentView(saved);
    },

    async complete(
      actor: Actor,
      courseId: string,
      input: CompleteSelfStudyInput,
    ): Promise<SelfStudyEnrolment> {
      const row = await ownEnrolment(actor, courseId, input.version);
      const details: ErrorDetail[] = [];
      if (input.completedOn < row.enrolledOn)
        details.push({
          path: 'body.completedOn',
          message: `must not be before the enrolment (${row.enrolledOn})`,
        });
      if (input.completedOn > today())
        details.push({ path: 'body.completedOn', message: 'must not be in the future' });
      if (details.length > 0)
        throw new AppError('validation_failed', 'The completion date does not fit.', details);
      const saved = await saveEnrolment(row, {
        progressPercent: 100,
        completedOn: input.completedOn,
        report: input.report,
        completedAt: deps.now(),
      });
      await auditSelfStudy('write', actor, actor.id, {
        courseId,
        change: 'completed',
        completedOn: input.completedOn,
      });
      return enrolmentView(saved);
    },

    async enrolmentsOf(actor: Actor, personId: string): Promise<SelfStudyEnrolment[]> {
      const relation = await deps.access.require(actor, personId, ['self', 'supervisor', 'hr']);
      await deps.audit.readUnlessSelf(relation, {
        actorId: actor.id,
        subjectId: personId,
        resource: 'training-self-study',
      });
      const rows = await db
        .select()
        .from(trainingSelfStudyEnrolments)
        .where(eq(trainingSelfStudyEnrolments.personId, personId))
        .orderBy(asc(trainingSelfStudyEnrolments.createdAt));
      return enrolmentViews(rows);
    },

    // ---- learning paths ----
    async listPaths(actor: Actor): Promise<LearningPath[]> {
      requireHr(actor, 'manage learning paths');
      return pathViews(await db.select().from(learningPaths).orderBy(asc(learningPaths.titleJa)));
    },

    async createPath(actor: Actor, input: LearningPathInput): Promise<LearningPath> {
      requireHr(actor, 'manage learning paths');
      await checkPath(input);
      const row = await paths.insert({ ...pathColumns(input), createdAt: deps.now(), updatedAt: deps.now() });
      await auditPath('write', actor, null, { pathId: row.id, change: 'created' });
      return (await pathViews([row]))[0]!;
    },

    async updatePath(actor: Actor, pathId: string, input: LearningPathUpdateInput): Promise<LearningPath> {
      requireHr(actor, 'manage learning paths');
      const current = await paths.one(pathId);
      if (!current) throw new AppError('not_found', 'No such learning path.');
      await checkPath(input);
      const archivedAt = input.archived ? (current.archivedAt ?? deps.now()) : null;
      const saved = await updateAtVersion(
        db,
        learningPaths,
        pathId,
        input.version,
        { ...pathColumns(input), archivedAt },
        deps.now(),
      );
      if (!saved) throw versionConflict('The learning path changed meanwhile: reload it.', current.version);
      await auditPath('write', actor, null, { pathId, change: input.archived ? 'archived' : 'changed' });
      return (await pathViews([saved]))[0]!;
    },

    async progressOf(actor: Actor, personId: string): Promise<PathProgress> {
      const relation = await deps.access.require(actor, personId, ['self', 'supervisor', 'hr']);
      await deps.audit.readUnlessSelf(relation, {
        actorId: actor.id,
        subjectId: personId,
        resource: 'learning-path',
      });
      const person = await knownPerson(people, personId);
      const { mine, fits } = await pathReader.pathsOf(person);
      const { done, studied } = await completedCourses(personId);
      const ref = await courseRefs(mine);
      const enrolments = new Map(
        (await enrolmentViews(studied)).map((enrolment) => [enrolment.courseId, enrolment]),
      );
      return {
        personId,
        levelId: person.levelId,
        yearsOfService: person.hireDate ? yearsOfService(person.hireDate, today()) : null,
        paths: mine.map((row) => {
          const steps = row.steps.map((step) => {
            const stepCourses = step.courseIds.map((id) => ({
              ...ref(id),
              completedOn: done.get(id) ?? null,
              enrolment: enrolments.get(id) ?? null,
            }));
            return {
              title: title(step.titleJa, step.titleEn),
              levelIds: step.levelIds,
              minYearsOfService: step.minYearsOfService,
              maxYearsOfService: step.maxYearsOfService,
              courses: stepCourses,
              done: stepCourses.every((course) => course.completedOn !== null),
              fitsNow: fits(step),
            };
          });
          const next = steps.findIndex((step) => !step.done);
          return {
            id: row.id,
            title: title(row.titleJa, row.titleEn),
            description: title(row.descriptionJa, row.descriptionEn),
            steps,
            nextStep: next === -1 ? null : next,
          };
        }),
      };
    },
  };
}

export type LearningService = ReturnType<typeof createLearningService>;
