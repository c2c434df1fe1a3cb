// 開講されたら知らせてほしい (docs/training.md, "Waiting for a session"): a person the course is for asks to be
// told when a course with no open session gets one. When a session of it opens (its manager schedules it
// open, or moves a closed one's deadline later), each person still waiting is sent one bot notice (the
// 受講案内 card, linking to the catalog) in the transaction that opens the session, and their row goes: a
// row means "waiting, not told yet". The course's manager sees how many wait, never who.
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { DEFAULT_OFFICE_HOURS, nextOfficeTime, type OfficeHours } from '../jobs/office-hours.ts';
import type { BotMessage, BotMessages } from '../reports/bot-messages.port.ts';
import type { NoticeLocale, TrainingNoticeCards } from './training-notice-cards.port.ts';
import { noticeSessionOf } from './training-notices.ts';
import { openedNoticeKey } from './training-outbox-keys.ts';
import { trainingCourseInterests } from './training.schema.ts';
import type { CourseRow, SessionRow } from './training.store.ts';

export interface CourseInterestDependencies {
  db: Db;
  /** Absent where no bot is wired (a service built by a test): waiting people are then not told. */
  notices?: {
    messages: BotMessages;
    cards: Pick<TrainingNoticeCards, 'announcement'>;
    /** Each person's language, read through `db` (the caller's transaction); Japanese otherwise. */
    languagesOf?: (personIds: string[], db: Db) => Promise<Map<string, NoticeLocale>>;
    /** The tab's page as a link (src/shared/tab-links.ts). */
    tabLink: (page: string) => string;
  };
  now: () => Date;
  hours?: OfficeHours;
}

export function createCourseInterests(deps: CourseInterestDependencies) {
  const { db } = deps;
  const hours = deps.hours ?? DEFAULT_OFFICE_HOURS;
  const of = (courseId: string, personId: string) =>
    and(eq(trainingCourseInterests.courseId, courseId), eq(trainingCourseInterests.personId, personId));
  return {
    /** Idempotent: asking twice keeps one row (and its first time). */
    async register(courseId: string, personId: string): Promise<void> {
      await db.insert(trainingCourseInterests).values({ courseId, personId }).onConflictDoNothing();
    },
    /** Idempotent: withdrawing what is not there changes nothing. */
    async withdraw(courseId: string, personId: string): Promise<void> {
      await db.delete(trainingCourseInterests).where(of(courseId, personId));
    },
    /** Nobody waits for `courseId` any more (it was archived, or made self-study: no session will come). */
    async dropCourse(courseId: string): Promise<void> {
      await db.delete(trainingCourseInterests).where(eq(trainingCourseInterests.courseId, courseId));
    },
    /** Of `courseIds`, those `personId` waits for. */
    async waitedBy(personId: string, courseIds: string[]): Promise<Set<string>> {
      if (courseIds.length === 0) return new Set();
      const rows = await db
        .select({ courseId: trainingCourseInterests.courseId })
        .from(trainingCourseInterests)
        .where(
          and(
            eq(trainingCourseInterests.personId, personId),
            inArray(trainingCourseInterests.courseId, courseIds),
          ),
        );
      return new Set(rows.map((row) => row.courseId));
    },
    /** How many wait for each of `courseIds` (a course nobody waits for is absent). */
    async counts(courseIds: string[]): Promise<Map<string, number>> {
      if (courseIds.length === 0) return new Map();
      const rows = await db
        .select({ courseId: trainingCourseInterests.courseId, waiting: count() })
        .from(trainingCourseInterests)
        .where(inArray(trainingCourseInterests.courseId, courseIds))
        .groupBy(trainingCourseInterests.courseId);
      return new Map(rows.map((row) => [row.courseId, Number(row.waiting)]));
    },
    /** The people waiting for `courseId`. */
    async waiting(courseId: string): Promise<string[]> {
      const rows = await db
        .select({ personId: trainingCourseInterests.personId })
        .from(trainingCourseInterests)
        .where(eq(trainingCourseInterests.courseId, courseId));
      return rows.map((row) => row.personId);
    },
    /**
     * In `tx` (the one that opens `session`): removes the rows of `waited` (read before, so someone who asks
     * meanwhile keeps waiting for the next session) and sends one notice of the session, to go out when the
     * office is open, to each of `told` whose row this removed: someone who withdrew meanwhile, or whom a
     * session scheduled at the same time already took, is not told. `told` are those of `waited` the course
     * is still for; the others' rows go without a notice (they could not apply). The key names the session,
     * the person and the session's version, so a retried transaction tells nobody twice, and someone who
     * asked again after the session closed is told when it opens again.
     */
    async settle(
      tx: Db,
      session: SessionRow,
      course: CourseRow,
      waited: string[],
      told: string[],
    ): Promise<void> {
      if (waited.length === 0) return;
      const removed = await tx
        .delete(trainingCourseInterests)
        .where(
          and(
            eq(trainingCourseInterests.courseId, course.id),
            inArray(trainingCourseInterests.personId, waited),
          ),
        )
        .returning({ personId: trainingCourseInterests.personId });
      const stillWaiting = new Set(removed.map((row) => row.personId));
      const telling = told.filter((personId) => stillWaiting.has(personId));
      const notices = deps.notices;
      if (!notices || telling.length === 0) return;
      const languages = notices.languagesOf
        ? await notices.languagesOf(telling, tx)
        : new Map<string, NoticeLocale>();
      const notBefore = nextOfficeTime(deps.now(), hours);
      const openUrl = notices.tabLink('training/catalog');
      const messages: BotMessage[] = telling.map((personId) => ({
        key: openedNoticeKey(session.id, personId, session.version),
        recipient: { kind: 'person', personId },
        ...notices.cards.announcement({
          locale: languages.get(personId) ?? 'ja',
          session: noticeSessionOf(session, course),
          openUrl,
        }),
        notBefore,
      }));
      await notices.messages.enqueue(messages, tx);
    },
  };
}

export type CourseInterests = ReturnType<typeof createCourseInterests>;
