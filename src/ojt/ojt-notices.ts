// The bot notice of an onboarding suggestion (docs/ojt.md): the supervisor is told once that someone
// arrived under them, with a link to the person's page in the tab where the plan is started. Queued inside
// the transaction that records the arrival and makes the suggestion, so a notice exists iff the suggestion
// does; the key (ojt-outbox-keys.ts) makes it once per suggestion, whatever retries or instances do. It goes
// out when the office is open, in the supervisor's language (Japanese unless they use English).
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { DEFAULT_OFFICE_HOURS, nextOfficeTime, type OfficeHours } from '../jobs/office-hours.ts';
import { personNames } from '../people/people.read.ts';
import type { BotMessage, BotMessages } from '../reports/bot-messages.port.ts';
import type { OjtNoticeCards, OjtNoticeLocale } from './ojt-notice-cards.port.ts';
import { ojtSuggestionKey } from './ojt-outbox-keys.ts';

/** What the notice needs of a suggestion just made. */
export interface SuggestionMade {
  id: string;
  personId: string;
  supervisorId: string;
  kind: 'hire' | 'transfer';
  department: string | null;
}

export interface OjtNoticeDependencies {
  messages: BotMessages;
  cards: OjtNoticeCards;
  /** The tab's page as a link (src/shared/tab-links.ts). */
  tabLink: (page: string) => string;
  /** Each person's language, read through `db` (the caller's transaction); Japanese for anyone it does not name. */
  languagesOf?: (personIds: string[], db: Db) => Promise<Map<string, OjtNoticeLocale>>;
  hours?: OfficeHours;
}

export function createOjtNotices(deps: OjtNoticeDependencies) {
  const hours = deps.hours ?? DEFAULT_OFFICE_HOURS;
  return {
    /** Tells each suggestion's supervisor, once, inside the transaction `tx` that made the suggestions. */
    async suggested(tx: Db, made: readonly SuggestionMade[], now: Date): Promise<void> {
      if (made.length === 0) return;
      const ids = [...new Set(made.flatMap((entry) => [entry.personId, entry.supervisorId]))];
      const names = personNames(tx, 'ojt_notice_names');
      const rows = await tx
        .select({ id: names.id, displayName: names.displayName })
        .from(names)
        .where(inArray(names.id, ids));
      const languages = deps.languagesOf
        ? await deps.languagesOf(ids, tx)
        : new Map<string, OjtNoticeLocale>();
      const notBefore = nextOfficeTime(now, hours);
      const messages: BotMessage[] = made.map((entry) => ({
        key: ojtSuggestionKey(entry),
        recipient: { kind: 'person', personId: entry.supervisorId },
        ...deps.cards.suggested({
          locale: languages.get(entry.supervisorId) ?? 'ja',
          personName: rows.find((row) => row.id === entry.personId)?.displayName ?? '',
          kind: entry.kind,
          department: entry.department,
          openUrl: deps.tabLink(`team/${entry.personId}`),
        }),
        notBefore,
      }));
      await deps.messages.enqueue(messages, tx);
    },
  };
}

export type OjtNotices = ReturnType<typeof createOjtNotices>;
