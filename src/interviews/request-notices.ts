// Bot notices of 1:1 requests (issue 19 ①, docs/interviews.md "1:1 requests"): the supervisor is told when
// a request reaches them (made, or moved to them by a reporting-line change), the requester when it is
// declined (with the reason) or booked (when, and a link to the interview in the tab). Callers queue them
// inside the transaction that makes the change, so a notice exists iff the change does; the keys
// (interview-outbox-keys.ts) make each one once per request and event, whatever retries or instances do.
// They go out when the office is open, in each recipient's language (Japanese unless they use English).
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { DEFAULT_OFFICE_HOURS, nextOfficeTime, type OfficeHours } from '../jobs/office-hours.ts';
import { personNames } from '../people/people.read.ts';
import type { BotMessage, BotMessages } from '../reports/bot-messages.port.ts';
import { requestArrivedKey, requestBookedKey, requestDeclinedKey } from './interview-outbox-keys.ts';
import type { RequestNoticeCards, RequestNoticeLocale } from './request-notice-cards.port.ts';

/** What a notice needs of a request row. */
export interface NoticeRequest {
  id: string;
  personId: string;
  supervisorId: string;
  topic: string;
  preferredWeek: string | null;
}

export interface RequestNoticeDependencies {
  messages: BotMessages;
  cards: RequestNoticeCards;
  /** The tab's page as a link (src/shared/tab-links.ts). */
  tabLink: (page: string) => string;
  /** Each person's language, read through `db` (the caller's transaction); Japanese for anyone it does not name. */
  languagesOf?: (personIds: string[], db: Db) => Promise<Map<string, RequestNoticeLocale>>;
  now: () => Date;
  hours?: OfficeHours;
}

/** The tab's page where a supervisor books or declines the requests made to them. */
export const REQUESTS_TAB_PAGE = 'interviews';

export function createRequestNotices(deps: RequestNoticeDependencies) {
  const hours = deps.hours ?? DEFAULT_OFFICE_HOURS;
  const context = async (tx: Db, personIds: string[]) => {
    const ids = [...new Set(personIds)];
    const names = personNames(tx, 'request_notice_names');
    const rows = await tx
      .select({ id: names.id, displayName: names.displayName })
      .from(names)
      .where(inArray(names.id, ids));
    const languages = deps.languagesOf
      ? await deps.languagesOf(ids, tx)
      : new Map<string, RequestNoticeLocale>();
    return {
      nameOf: (id: string) => rows.find((row) => row.id === id)?.displayName ?? '',
      localeOf: (id: string) => languages.get(id) ?? 'ja',
      notBefore: nextOfficeTime(deps.now(), hours),
    };
  };

  return {
    /** Tells each request's supervisor it reached them (a new request, or one moved to them). */
    async arrived(tx: Db, requests: NoticeRequest[]): Promise<void> {
      if (requests.length === 0) return;
      const { nameOf, localeOf, notBefore } = await context(
        tx,
        requests.flatMap((request) => [request.personId, request.supervisorId]),
      );
      const openUrl = deps.tabLink(REQUESTS_TAB_PAGE);
      const messages: BotMessage[] = requests.map((request) => ({
        key: requestArrivedKey(request),
        recipient: { kind: 'person', personId: request.supervisorId },
        ...deps.cards.arrived({
          locale: localeOf(request.supervisorId),
          personName: nameOf(request.personId),
          topic: request.topic,
          preferredWeek: request.preferredWeek,
          openUrl,
        }),
        notBefore,
      }));
      await deps.messages.enqueue(messages, tx);
    },

    /** Tells the requester their supervisor declined, with the reason. */
    async declined(tx: Db, request: NoticeRequest, reason: string): Promise<void> {
      const { nameOf, localeOf, notBefore } = await context(tx, [request.personId, request.supervisorId]);
      await deps.messages.enqueue(
        [
          {
            key: requestDeclinedKey(request.id),
            recipient: { kind: 'person', personId: request.personId },
            ...deps.cards.declined({
              locale: localeOf(request.personId),
              supervisorName: nameOf(request.supervisorId),
              topic: request.topic,
              reason,
              openUrl: deps.tabLink(REQUESTS_TAB_PAGE),
            }),
            notBefore,
          },
        ],
        tx,
      );
    },

    /** Tells the requester their 1:1 is booked: when, and the interview's page (the Teams link is there). */
    async booked(
      tx: Db,
      request: NoticeRequest,
      interview: { id: string; startsAt: Date; endsAt: Date; intervalWeeks: number | null },
    ): Promise<void> {
      const { nameOf, localeOf, notBefore } = await context(tx, [request.personId, request.supervisorId]);
      await deps.messages.enqueue(
        [
          {
            key: requestBookedKey(request.id),
            recipient: { kind: 'person', personId: request.personId },
            ...deps.cards.booked({
              locale: localeOf(request.personId),
              supervisorName: nameOf(request.supervisorId),
              topic: request.topic,
              start: interview.startsAt.toISOString(),
              end: interview.endsAt.toISOString(),
              intervalWeeks: interview.intervalWeeks,
              openUrl: deps.tabLink(`interviews/${interview.id}`),
            }),
            notBefore,
          },
        ],
        tx,
      );
    },
  };
}

export type RequestNotices = ReturnType<typeof createRequestNotices>;
