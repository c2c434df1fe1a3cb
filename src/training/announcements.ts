// 受講案内 (issue 19 ③): HR announces a session to the staff it is meant for, or to an audience HR chooses
// (a workplace course's 課長/係長 announces its sessions too, to their own 課 only);
// the bot tells each person 1:1 through the durable outbox, in office hours, in their language; whoever may
// announce reads per announcement how many were sent, failed (and why) and opened. docs/training.md, "Announcements".
//
// Exactly once per person: the fan-out walks the staff in id order, a page at a time, and writes each
// page in one transaction: the announcement's cursor (guarded on the cursor it read, so two instances
// never write the same page), the recipients (one row per session and person, ever: a person an earlier
// announcement of the session told is skipped) and their outbox messages (unique keys). A crash between
// pages leaves the cursor at the last page written; the sweep (any instance) takes it up from there.
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { AppError, versionConflict } from '../http/app-error.ts';
import { DEFAULT_OFFICE_HOURS, nextOfficeTime, type OfficeHours } from '../jobs/office-hours.ts';
import type { Logger } from '../logger.ts';
import { staffPageOn } from '../people/people.read.ts';
import type { PeopleStore } from '../people/people.store.ts';
import type { BotMessage, BotMessages, BotMessageStatus } from '../reports/bot-messages.port.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import type {
  AnnounceInput,
  Announcement,
  Audience,
  DeliveryCounts,
  DeliveryFailure,
  DeliveryReport,
  FailureReason,
} from './announcement.contract.ts';
import { FAILURES_LISTED_MAX } from './announcement.contract.ts';
import { trainingAnnouncementRecipients, trainingAnnouncements } from './announcement.schema.ts';
import { eligibilityFor, yearsOfService } from './eligibility.ts';
import { inCourseAudience, requireManagedSession } from './workplace.ts';
import type { NoticeLocale, TrainingNoticeCards } from './training-notice-cards.port.ts';
import { noticeSessionOf } from './training-notices.ts';
import { announcementKey } from './training-outbox-keys.ts';
import { ON_SESSION_STATUSES } from './training.contract.ts';
import type { CourseRow, SessionRow, TrainingStore } from './training.store.ts';

type AnnouncementRow = typeof trainingAnnouncements.$inferSelect;
type StaffMember = Awaited<ReturnType<typeof staffPageOn>>[number];

export interface AnnouncementDependencies {
  db: Db;
  store: TrainingStore;
  people: Pick<PeopleStore, 'getMany' | 'get'>;
  framework: Pick<Framework, 'levels'>;
  audit: AuditLog;
  messages: BotMessages;
  cards: Pick<TrainingNoticeCards, 'announcement'>;
  /** The tab's page as a link (src/shared/tab-links.ts). */
  tabLink: (page: string) => string;
  /** Each person's language; Japanese for anyone it does not name (and without it). */
  languagesOf?: (personIds: string[], db: Db) => Promise<Map<string, NoticeLocale>>;
  logger: Pick<Logger, 'warn' | 'error' | 'info'>;
  now: () => Date;
  /** Staff read per page of the fan-out. */
  pageSize?: number;
  hours?: OfficeHours;
}

/** The audience written one way, whatever the order HR gave: the same audience twice is one key. */
export function audienceKeyOf(audience: Audience): string {
  if (audience.kind === 'eligible') return 'eligible';
  return JSON.stringify({
    levels: [...new Set(audience.levelIds)].sort(),
    departments: [...new Set(audience.departments.map((department) => department.trim()))].sort(),
    min: audience.minYearsOfService,
    max: audience.maxYearsOfService,
  });
}

/** Whether a member of staff is in the audience on `today` (YYYY-MM-DD, Japan). Pure. */
export function inAudience(
  audience: Audience,
  course: CourseRow,
  member: StaffMember,
  today: string,
): boolean {
  // A workplace course (職場研修) is for its own 課: nobody else could apply, whoever announces it.
  if (!inCourseAudience(member, course)) return false;
  if (audience.kind === 'eligible')
    return eligibilityFor(course, { levelId: member.levelId, hireDate: member.hireDate }, today).eligible;
  if (audience.levelIds.length > 0 && !audience.levelIds.includes(member.levelId)) return false;
  if (audience.departments.length > 0 && !audience.departments.includes(member.department ?? ''))
    return false;
  if (audience.minYearsOfService !== null || audience.maxYearsOfService !== null) {
    const years = member.hireDate ? yearsOfService(member.hireDate, today) : null;
    if (years === null) return false;
    if (audience.minYearsOfService !== null && years < audience.minYearsOfService) return false;
    if (audience.maxYearsOfService !== null && years > audience.maxYearsOfService) return false;
  }
  return true;
}

const REASON_TEXT: Record<FailureReason, { ja: string; en: string }> = {
  appNotInstalled: {
    ja: 'この職員には Teams アプリ「育み」をインストールできませんでした（組織の設定で許可されていない可能性があります）。',
    en: 'The Hagukumi app could not be installed for this person (the organisation’s settings may not allow it).',
  },
  noConversation: {
    ja: 'この職員とボットのチャットがまだなく、作成もできませんでした。',
    en: 'There is no chat between the bot and this person yet, and none could be created.',
  },
  refused: {
    ja: 'Teams がメッセージの送信を拒否しました（アプリが削除された、またはアカウントが無効の可能性があります）。',
    en: 'Teams refused the message (the app may have been removed, or the account disabled).',
  },
  gaveUp: {
    ja: 'Teams が一時的なエラーを返し続けたため、再試行をあきらめました。',
    en: 'Teams kept answering with temporary errors, so the retries gave up.',
  },
  other: { ja: '送信できませんでした。', en: 'The message could not be sent.' },
};

/** Why a message failed, from what the outbox recorded (src/reports/bot-outbox.ts writes these). */
export function failureReasonOf(error: string | null): FailureReason {
  const text = error ?? '';
  if (/refused to install the app|could not install the app/i.test(text)) return 'appNotInstalled';
  if (/no conversation with this person|could not create the 1:1 conversation/i.test(text))
    return 'noConversation';
  if (/^gave up after/i.test(text)) return 'gaveUp';
  if (/\b(401|403|404)\b|forbidden|not found/i.test(text)) return 'refused';
  return 'other';
}

export function createAnnouncements(deps: AnnouncementDependencies) {
  const { db, store } = deps;
  const pageSize = deps.pageSize ?? 200;
  const hours = deps.hours ?? DEFAULT_OFFICE_HOURS;

  const loadSession = async (sessionId: string): Promise<{ session: SessionRow; course: CourseRow }> => {
    const found = await store.sessionWithCourse(sessionId);
    if (!found) throw new AppError('not_found', 'No such session.');
    return found;
  };
  /** The session, once the actor may manage it (requireManagedSession: 403 for others, exists or not). */
  const managedSession = async (actor: Actor, sessionId: string, what: string) =>
    requireManagedSession(deps.people, actor, await store.sessionWithCourse(sessionId), what);

  /** Walks the staff on `today` in the audience, a page at a time (for counting before creating). */
  const countAudience = async (audience: Audience, course: CourseRow, sessionId: string, today: string) => {
    let members = 0;
    let untold = 0;
    for (let cursor: string | null = null; ;) {
      const page = await staffPageOn(db, today, cursor, pageSize);
      const matching = page.filter((member) => inAudience(audience, course, member, today));
      members += matching.length;
      if (matching.length > 0) {
        const told = await db
          .select({ personId: trainingAnnouncementRecipients.personId })
          .from(trainingAnnouncementRecipients)
          .where(
            and(
              eq(trainingAnnouncementRecipients.sessionId, sessionId),
              inArray(
                trainingAnnouncementRecipients.personId,
                matching.map((member) => member.id),
              ),
            ),
          );
        untold += matching.length - told.length;
      }
      if (page.length < pageSize) return { members, untold };
      cursor = page[page.length - 1]!.id;
    }
  };

  /**
   * Writes the next page of an announcement's fan-out; false once there is nothing left. The cursor update
   * is guarded on the cursor read, so a second instance on the same page writes nothing and reads again.
   */
  const fanOutPage = async (
    row: AnnouncementRow,
    session: SessionRow,
    course: CourseRow,
  ): Promise<boolean> => {
    const now = deps.now();
    const page = await staffPageOn(db, row.resolvedOn, row.cursor, pageSize);
    const last = page.at(-1)?.id ?? row.cursor;
    const done = page.length < pageSize;
    const matching = page.filter((member) => inAudience(row.audience, course, member, row.resolvedOn));
    const languages =
      deps.languagesOf && matching.length > 0
        ? await deps.languagesOf(
            matching.map((member) => member.id),
            db,
          )
        : new Map<string, NoticeLocale>();
    const localeOf = (personId: string): NoticeLocale => languages.get(personId) ?? 'ja';
    // Rendered before the transaction (two languages at most), so the transaction only writes.
    const openUrl = deps.tabLink(`training/announced/${row.id}`);
    const rendered = new Map(
      (['ja', 'en'] as const).map((locale) => [
        locale,
        deps.cards.announcement({ locale, session: noticeSessionOf(session, course), openUrl }),
      ]),
    );
    const notBefore = nextOfficeTime(now, hours);
    await db.transaction(async (tx) => {
      const [advanced] = await tx
        .update(trainingAnnouncements)
        .set({
          cursor: last,
          ...(done ? { fannedOutAt: now } : {}),
          updatedAt: now,
        })
        .where(
          and(
            eq(trainingAnnouncements.id, row.id),
            isNull(trainingAnnouncements.fannedOutAt),
            row.cursor === null
              ? isNull(trainingAnnouncements.cursor)
              : eq(trainingAnnouncements.cursor, row.cursor),
          ),
        )
        .returning({ id: trainingAnnouncements.id });
      // Another instance wrote this page meanwhile: nothing to do here, the caller reads the row again.
      if (!advanced || matching.length === 0) return;
      const inserted = await tx
        .insert(trainingAnnouncementRecipients)
        .values(
          matching.map((member) => ({
            sessionId: session.id,
            personId: member.id,
            announcementId: row.id,
            locale: localeOf(member.id),
            createdAt: now,
          })),
        )
        .onConflictDoNothing()
        .returning({ personId: trainingAnnouncementRecipients.personId });
      const messages: BotMessage[] = inserted.map(({ personId }) => ({
        key: announcementKey(session.id, personId),
        recipient: { kind: 'person', personId },
        ...rendered.get(localeOf(personId))!,
        notBefore,
      }));
      await deps.messages.enqueue(messages, tx);
    });
    return !done;
  };

  /** Runs an announcement's fan-out to its end (or until the session is no longer announceable). */
  const fanOut = async (announcementId: string): Promise<void> => {
    for (;;) {
      const [row] = await db
        .select()
        .from(trainingAnnouncements)
        .where(eq(trainingAnnouncements.id, announcementId));
      if (!row || row.fannedOutAt) return;
      const { session, course } = await loadSession(row.sessionId);
      if (session.status === 'cancelled' || session.startsAt <= deps.now()) {
        // Nobody more is told of a session that was cancelled or has started; the report shows who was.
        await db
          .update(trainingAnnouncements)
          .set({ fannedOutAt: deps.now() })
          .where(and(eq(trainingAnnouncements.id, row.id), isNull(trainingAnnouncements.fannedOutAt)));
        return;
      }
      await fanOutPage(row, session, course);
    }
  };

  const countsOf = async (
    rows: AnnouncementRow[],
  ): Promise<Map<string, DeliveryCounts & { statuses: Map<string, BotMessageStatus> }>> => {
    const result = new Map<string, DeliveryCounts & { statuses: Map<string, BotMessageStatus> }>();
    for (const row of rows) {
      const recipients = await db
        .select({
          personId: trainingAnnouncementRecipients.personId,
          openedAt: trainingAnnouncementRecipients.openedAt,
        })
        .from(trainingAnnouncementRecipients)
        .where(eq(trainingAnnouncementRecipients.announcementId, row.id));
      const statuses = await deps.messages.status(
        recipients.map((r) => announcementKey(row.sessionId, r.personId)),
      );
      const enrolled = new Set(
        (await store.enrolmentsOfSessions([row.sessionId]))
          .filter((enrolment) => ON_SESSION_STATUSES.has(enrolment.status))
          .map((enrolment) => enrolment.personId),
      );
      const counts = { recipients: recipients.length, pending: 0, sent: 0, failed: 0, opened: 0, applied: 0 };
      for (const recipient of recipients) {
        const state = statuses.get(announcementKey(row.sessionId, recipient.personId))?.state ?? 'pending';
        counts[state] += 1;
        if (recipient.openedAt) counts.opened += 1;
        if (enrolled.has(recipient.personId)) counts.applied += 1;
      }
      result.set(row.id, { ...counts, statuses });
    }
    return result;
  };

  const viewsOf = async (rows: AnnouncementRow[], course: CourseRow) => {
    const counts = await countsOf(rows);
    const names = new Map(
      (await deps.people.getMany([...new Set(rows.map((row) => row.announcedById))])).map((person) => [
        person.id,
        person.displayName,
      ]),
    );
    return rows.map((row) => {
      const { statuses, ...count } = counts.get(row.id)!;
      const view: Announcement = {
        id: row.id,
        sessionId: row.sessionId,
        courseTitle: { ja: course.titleJa, en: course.titleEn },
        audience: row.audience,
        announcedById: row.announcedById,
        announcedByName: names.get(row.announcedById) ?? null,
        announcedAt: row.createdAt.toISOString(),
        fannedOut: row.fannedOutAt !== null,
        counts: count,
      };
      return { view, statuses };
    });
  };

  const findAnnouncement = async (announcementId: string): Promise<AnnouncementRow | undefined> => {
    const [row] = await db
      .select()
      .from(trainingAnnouncements)
      .where(eq(trainingAnnouncements.id, announcementId));
    return row;
  };
  const loadAnnouncement = async (announcementId: string): Promise<AnnouncementRow> => {
    const row = await findAnnouncement(announcementId);
    if (!row) throw new AppError('not_found', 'No such announcement.');
    return row;
  };

  return {
    /**
     * HR, or a workplace course's 課長/係長, announces a session: checks, stores the announcement, and fans
     * it out (resumed by the sweep if cut short).
     */
    async announce(actor: Actor, sessionId: string, input: AnnounceInput): Promise<Announcement> {
      const { session, course } = await managedSession(actor, sessionId, 'announce this session');
      if (session.version !== input.version)
        throw versionConflict(
          `Someone changed this session meanwhile (now version ${session.version}).`,
          session.version,
        );
      if (session.status === 'cancelled') throw new AppError('conflict', 'This session has been cancelled.');
      if (course.archivedAt) throw new AppError('conflict', 'This course is no longer offered.');
      if (session.startsAt <= deps.now()) throw new AppError('conflict', 'This session has already started.');
      const today = jstDayOf(deps.now().getTime());
      if (today > session.applicationDeadline)
        throw new AppError(
          'conflict',
          `Applications for this session closed on ${session.applicationDeadline}: an announcement would ask people to do what they no longer can (締切を過ぎています).`,
        );
      const { audience } = input;
      if (audience.kind === 'chosen') {
        const known = new Set(deps.framework.levels.map((level) => level.id));
        const unknown = audience.levelIds.filter((id) => !known.has(id));
        if (unknown.length > 0)
          throw new AppError(
            'validation_failed',
            'The audience names levels the policy does not have.',
            unknown.map((id) => ({ path: 'body.audience.levelIds', message: `unknown level ${id}` })),
          );
      }
      const audienceKey = audienceKeyOf(audience);
      const duplicate = async () => {
        const [existing] = await db
          .select({ id: trainingAnnouncements.id, createdAt: trainingAnnouncements.createdAt })
          .from(trainingAnnouncements)
          .where(
            and(
              eq(trainingAnnouncements.sessionId, sessionId),
              eq(trainingAnnouncements.audienceKey, audienceKey),
            ),
          );
        return existing
          ? new AppError(
              'conflict',
              `This session was already announced to this audience (announcement ${existing.id}, ${existing.createdAt.toISOString()}); nobody is told twice.`,
              [{ path: 'announcementId', message: existing.id }],
            )
          : undefined;
      };
      const already = await duplicate();
      if (already) throw already;
      const { members, untold } = await countAudience(audience, course, sessionId, today);
      if (members === 0)
        throw new AppError('unprocessable', 'Nobody on the staff is in this audience (対象者がいません).', [
          { path: 'body.audience', message: 'resolves to nobody' },
        ]);
      if (untold === 0)
        throw new AppError(
          'unprocessable',
          'Everyone in this audience has already been told of this session (全員に案内済みです).',
          [{ path: 'body.audience', message: 'everyone in it was told by an earlier announcement' }],
        );
      let row: AnnouncementRow;
      try {
        [row] = (await db
          .insert(trainingAnnouncements)
          .values({
            sessionId,
            audience,
            audienceKey,
            announcedById: actor.id,
            resolvedOn: today,
            createdAt: deps.now(),
            updatedAt: deps.now(),
          })
          .returning()) as [AnnouncementRow];
      } catch (error) {
        // Two clicks at once (HR's or the 課's organisers'): the unique index keeps one; the other is told which.
        const raced = await duplicate();
        if (raced) throw raced;
        throw error;
      }
      await deps.audit.record({
        actorId: actor.id,
        subjectId: null,
        action: 'write',
        resource: 'training-announcement',
        details: { sessionId, announcementId: row.id, audience: audienceKey, people: untold },
      });
      try {
        await fanOut(row.id);
      } catch (error) {
        // Stored: the sweep takes the fan-out up again from its cursor.
        deps.logger.warn(
          { err: error, announcementId: row.id },
          'announcement fan-out cut short; the sweep resumes it',
        );
      }
      const [fresh] = await db
        .select()
        .from(trainingAnnouncements)
        .where(eq(trainingAnnouncements.id, row.id));
      return (await viewsOf([fresh!], course))[0]!.view;
    },

    /** The sweep: takes up every fan-out not finished (a crash, a restart, a failed page). */
    async resume(): Promise<{ resumed: number }> {
      const open = await db
        .select({ id: trainingAnnouncements.id })
        .from(trainingAnnouncements)
        .where(isNull(trainingAnnouncements.fannedOutAt));
      for (const { id } of open) await fanOut(id);
      return { resumed: open.length };
    },

    async list(actor: Actor, sessionId: string): Promise<Announcement[]> {
      const { course } = await managedSession(actor, sessionId, 'see the announcements of this session');
      const rows = await db
        .select()
        .from(trainingAnnouncements)
        .where(eq(trainingAnnouncements.sessionId, sessionId))
        .orderBy(desc(trainingAnnouncements.createdAt));
      return (await viewsOf(rows, course)).map(({ view }) => view);
    },

    async report(actor: Actor, announcementId: string): Promise<DeliveryReport> {
      const found = await findAnnouncement(announcementId);
      const ofSession = found ? await store.sessionWithCourse(found.sessionId) : undefined;
      const { row, course } = await requireManagedSession(
        deps.people,
        actor,
        found && ofSession ? { row: found, ...ofSession } : undefined,
        'see this delivery report',
        'No such announcement.',
      );
      const [{ view, statuses }] = (await viewsOf([row], course)) as [
        { view: Announcement; statuses: Map<string, BotMessageStatus> },
      ];
      const failed = [...statuses.values()].filter((status) => status.state === 'failed');
      const listed = failed.slice(0, FAILURES_LISTED_MAX);
      const prefix = announcementKey(row.sessionId, '');
      const people = new Map(
        (await deps.people.getMany(listed.map((status) => status.key.slice(prefix.length)))).map((person) => [
          person.id,
          person,
        ]),
      );
      const failures: DeliveryFailure[] = listed
        .map((status) => {
          const personId = status.key.slice(prefix.length);
          const person = people.get(personId);
          const reason = failureReasonOf(status.error);
          return {
            personId,
            personName: person?.displayName ?? personId,
            department: person?.department ?? null,
            reason,
            reasonText: REASON_TEXT[reason],
            error: status.error,
          };
        })
        .sort((a, b) => a.personName.localeCompare(b.personName, 'ja'));
      return { ...view, failures, failuresTruncated: failed.length > listed.length };
    },

    /**
     * The signed-in person followed the card's link into the tab: their first opening is recorded. Someone
     * the announcement did not tell changes nothing (the link is not a secret).
     */
    async markOpened(actor: Actor, announcementId: string): Promise<{ opened: boolean }> {
      await loadAnnouncement(announcementId);
      await db
        .update(trainingAnnouncementRecipients)
        .set({ openedAt: deps.now() })
        .where(
          and(
            eq(trainingAnnouncementRecipients.announcementId, announcementId),
            eq(trainingAnnouncementRecipients.personId, actor.id),
            isNull(trainingAnnouncementRecipients.openedAt),
          ),
        );
      const [recipient] = await db
        .select({ openedAt: trainingAnnouncementRecipients.openedAt })
        .from(trainingAnnouncementRecipients)
        .where(
          and(
            eq(trainingAnnouncementRecipients.announcementId, announcementId),
            eq(trainingAnnouncementRecipients.personId, actor.id),
          ),
        );
      return { opened: Boolean(recipient?.openedAt) };
    },
  };
}

export type Announcements = ReturnType<typeof createAnnouncements>;
