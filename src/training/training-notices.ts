// Personal status notices (issue 19 ③): a person is told 1:1 by the bot when they are recommended (推薦),
// nominated (指名), confirmed, put on the waiting list, or moved off it to a seat. The service calls this
// inside the transaction that makes the change, so the message exists iff the change does; the key names
// the enrolment and its new version, so each change is told once (a retried request makes no second one).
import type { Db } from '../db/database.ts';
import { DEFAULT_OFFICE_HOURS, nextOfficeTime, type OfficeHours } from '../jobs/office-hours.ts';
import type { BotMessage, BotMessages } from '../reports/bot-messages.port.ts';
import type {
  NoticeLocale,
  NoticeSession,
  StatusNoticeKind,
  TrainingNoticeCards,
} from './training-notice-cards.port.ts';
import { statusNoticeKey } from './training-outbox-keys.ts';
import type { CourseRow, SessionRow } from './training.store.ts';

/** What a training notice card shows of a session (受講案内 and status notices alike). */
export const noticeSessionOf = (session: SessionRow, course: CourseRow): NoticeSession => ({
  sessionId: session.id,
  courseTitle: { ja: course.titleJa, en: course.titleEn },
  start: session.startsAt.toISOString(),
  end: session.endsAt.toISOString(),
  place: session.place,
  online: session.online,
  applicationDeadline: session.applicationDeadline,
});

export interface StatusChange {
  enrolmentId: string;
  /** The enrolment's version after the change. */
  version: number;
  personId: string;
  kind: StatusNoticeKind;
  byName?: string | null;
  reason?: string;
}

export interface StatusNoticeDependencies {
  messages: BotMessages;
  cards: Pick<TrainingNoticeCards, 'status'>;
  /** The tab's page as a link (src/shared/tab-links.ts). */
  tabLink: (page: string) => string;
  /**
   * Each person's language, read through `db` (the caller's transaction); Japanese for anyone it does not
   * name, and for everyone without it.
   */
  languagesOf?: (personIds: string[], db: Db) => Promise<Map<string, NoticeLocale>>;
  now: () => Date;
  hours?: OfficeHours;
}

export function createStatusNotices(deps: StatusNoticeDependencies) {
  const hours = deps.hours ?? DEFAULT_OFFICE_HOURS;
  return {
    /** Queues one notice per change, in `tx`, to go out when the office is open. */
    async enqueue(tx: Db, session: SessionRow, course: CourseRow, changes: StatusChange[]): Promise<void> {
      if (changes.length === 0) return;
      const languages = deps.languagesOf
        ? await deps.languagesOf([...new Set(changes.map((change) => change.personId))], tx)
        : new Map<string, NoticeLocale>();
      const notBefore = nextOfficeTime(deps.now(), hours);
      const openUrl = deps.tabLink('training/mine');
      const messages: BotMessage[] = changes.map((change) => ({
        key: statusNoticeKey(change.enrolmentId, change.version),
        recipient: { kind: 'person', personId: change.personId },
        ...deps.cards.status({
          locale: languages.get(change.personId) ?? 'ja',
          kind: change.kind,
          session: noticeSessionOf(session, course),
          ...(change.byName ? { byName: change.byName } : {}),
          ...(change.reason ? { reason: change.reason } : {}),
          openUrl,
        }),
        notBefore,
      }));
      await deps.messages.enqueue(messages, tx);
    },
  };
}

export type StatusNotices = ReturnType<typeof createStatusNotices>;
