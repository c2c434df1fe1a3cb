// The bot notices of a 資格取得 application's steps (docs/training.md, "資格取得 support and budget"): the
// supervisor is told when an application waits for them (new, or changed after being returned), and the
// applicant when their supervisor or HR decided. Each is queued inside the transaction that writes the step,
// so a notice exists iff the step does; the key (qualification-outbox-keys.ts) makes it once per step. It
// goes out when the office is open, in the recipient's language (Japanese unless they use English), with a
// link to the tab's career page, where the applications and the approvals are.
import type { Db } from '../db/database.ts';
import type { BotMessages } from '../reports/bot-messages.port.ts';
import {
  noticeRecipients,
  noticesToSupervisors,
  type NoticeRecipientSources,
} from '../reports/notice-recipients.ts';
import type {
  QualificationDecidedNotice,
  QualificationNoticeCards,
} from './qualification-notice-cards.port.ts';
import { qualificationDecidedKey, qualificationSubmittedKey } from './qualification-outbox-keys.ts';

/** What the notices need of an application as the step left it. */
export interface NoticedApplication {
  id: string;
  personId: string;
  version: number;
  qualificationName: string;
  examDate: string;
  costYen: number;
}

export interface QualificationNoticeDependencies extends NoticeRecipientSources {
  messages: BotMessages;
  cards: QualificationNoticeCards;
  /** The tab's page as a link (src/shared/tab-links.ts). */
  tabLink: (page: string) => string;
}

/** The tab's page with one's applications and the approvals waiting for one (QualificationsPanel). */
const CAREER_PAGE = 'career';

export function createQualificationNotices(deps: QualificationNoticeDependencies) {
  const facts = (application: NoticedApplication) => ({
    qualificationName: application.qualificationName,
    examDate: application.examDate,
    costYen: application.costYen,
    openUrl: deps.tabLink(CAREER_PAGE),
  });
  return {
    /** Tells the supervisor, inside `tx`, that the application waits for their decision. */
    async submitted(
      tx: Db,
      application: NoticedApplication,
      supervisorId: string,
      resubmitted: boolean,
      now: Date,
    ): Promise<void> {
      const messages = await noticesToSupervisors(
        tx,
        [{ ...application, supervisorId }],
        deps,
        now,
        (entry, about) => ({
          key: qualificationSubmittedKey(entry),
          ...deps.cards.submitted({
            locale: about.locale,
            applicantName: about.personName,
            resubmitted,
            ...facts(entry),
          }),
        }),
      );
      await deps.messages.enqueue(messages, tx);
    },

    /** Tells the applicant, inside `tx`, what their supervisor or HR decided. */
    async decided(
      tx: Db,
      application: NoticedApplication,
      decision: { outcome: QualificationDecidedNotice['outcome']; deciderId: string; comment: string },
      now: Date,
    ): Promise<void> {
      const { nameOf, localeOf, notBefore } = await noticeRecipients(
        tx,
        [application.personId, decision.deciderId],
        deps,
        now,
      );
      const rendered = deps.cards.decided({
        locale: localeOf(application.personId),
        outcome: decision.outcome,
        deciderName: nameOf(decision.deciderId),
        comment: decision.comment,
        ...facts(application),
      });
      await deps.messages.enqueue(
        [
          {
            key: qualificationDecidedKey(application, decision.deciderId),
            recipient: { kind: 'person', personId: application.personId },
            ...rendered,
            notBefore,
          },
        ],
        tx,
      );
    },
  };
}

export type QualificationNotices = ReturnType<typeof createQualificationNotices>;
