// The bot notice of an onboarding suggestion (docs/ojt.md): the supervisor is told once that someone
// arrived under them, with a link to the person's page in the tab where the plan is started. Queued inside
// the transaction that records the arrival and makes the suggestion, so a notice exists iff the suggestion
// does; the key (ojt-outbox-keys.ts) makes it once per suggestion, whatever retries or instances do. It goes
// out when the office is open, in the supervisor's language (Japanese unless they use English).
import type { Db } from '../db/database.ts';
import type { BotMessages } from '../reports/bot-messages.port.ts';
import { noticesToSupervisors, type NoticeRecipientSources } from '../reports/notice-recipients.ts';
import type { OjtNoticeCards } from './ojt-notice-cards.port.ts';
import { ojtSuggestionKey } from './ojt-outbox-keys.ts';

/** What the notice needs of a suggestion just made. */
export interface SuggestionMade {
  id: string;
  personId: string;
  supervisorId: string;
  kind: 'hire' | 'transfer';
  department: string | null;
}

export interface OjtNoticeDependencies extends NoticeRecipientSources {
  messages: BotMessages;
  cards: OjtNoticeCards;
  /** The tab's page as a link (src/shared/tab-links.ts). */
  tabLink: (page: string) => string;
}

export function createOjtNotices(deps: OjtNoticeDependencies) {
  return {
    /** Tells each suggestion's supervisor, once, inside the transaction `tx` that made the suggestions. */
    async suggested(tx: Db, made: readonly SuggestionMade[], now: Date): Promise<void> {
      if (made.length === 0) return;
      const messages = await noticesToSupervisors(tx, made, deps, now, (entry, about) => ({
        key: ojtSuggestionKey(entry),
        ...deps.cards.suggested({
          ...about,
          kind: entry.kind,
          department: entry.department,
          openUrl: deps.tabLink(`team/${entry.personId}`),
        }),
      }));
      await deps.messages.enqueue(messages, tx);
    },
  };
}

export type OjtNotices = ReturnType<typeof createOjtNotices>;
