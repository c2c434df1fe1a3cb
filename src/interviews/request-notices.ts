// Bot notices of 1:1 requests (issue 19 ①, docs/interviews.md "1:1 requests"): the supervisor is told when
// a request reaches them (made, or moved to them by a reporting-line change), the requester when it is
// declined (with the reason) or booked (when, and a link to the interview in the tab). Callers queue them
// inside the transaction that makes the change, so a notice exists iff the change does; the keys
// (interview-outbox-keys.ts) make each one once per request and event, whatever retries or instances do.
// They go out when the office is open, in each recipient's language (Japanese unless they use English).
import type { Db } from '../db/database.ts';
import type { BotMessages } from '../reports/bot-messages.port.ts';
import {
  noticeRecipients,
  noticesToSupervisors,
  type NoticeLocale,
  type NoticeRecipientSources,
} from '../reports/notice-recipients.ts';
import { requestArrivedKey, requestBookedKey, requestDeclinedKey } from './interview-outbox-keys.ts';
import type { RenderedRequestNotice, RequestNoticeCards } from './request-notice-cards.port.ts';

/** What a notice needs of a request row. */
export interface NoticeRequest {
  id: string;
  personId: string;
  supervisorId: string;
  topic: string;
  preferredWeek: string | null;
}

export interface RequestNoticeDependencies extends NoticeRecipientSources {
  messages: BotMessages;
  cards: RequestNoticeCards;
  /** The tab's page as a link (src/shared/tab-links.ts). */
  tabLink: (page: string) => string;
  now: () => Date;
}

/** The tab's page where a supervisor books or declines the requests made to them. */
export const REQUESTS_TAB_PAGE = 'interviews';

export function createRequestNotices(deps: RequestNoticeDependencies) {
  const context = (tx: Db, personIds: string[]) => noticeRecipients(tx, personIds, deps, deps.now());
  /** Queues one notice to the requester, in their language, about their request to their supervisor. */
  const toRequester = async (
    tx: Db,
    request: NoticeRequest,
    key: string,
    card: (about: { locale: NoticeLocale; supervisorName: string; topic: string }) => RenderedRequestNotice,
  ) => {
    const { nameOf, localeOf, notBefore } = await context(tx, [request.personId, request.supervisorId]);
    const about = {
      locale: localeOf(request.personId),
      supervisorName: nameOf(request.supervisorId),
      topic: request.topic,
    };
    const recipient = { kind: 'person', personId: request.personId } as const;
    await deps.messages.enqueue([{ key, recipient, ...card(about), notBefore }], tx);
  };

  return {
    /** Tells each request's supervisor it reached them (a new request, or one moved to them). */
    async arrived(tx: Db, requests: NoticeRequest[]): Promise<void> {
      if (requests.length === 0) return;
      const openUrl = deps.tabLink(REQUESTS_TAB_PAGE);
      const messages = await noticesToSupervisors(tx, requests, deps, deps.now(), (request, about) => ({
        key: requestArrivedKey(request),
        ...deps.cards.arrived({
          ...about,
          topic: request.topic,
          preferredWeek: request.preferredWeek,
          openUrl,
        }),
      }));
      await deps.messages.enqueue(messages, tx);
    },

    /** Tells the requester their supervisor declined, with the reason. */
    async declined(tx: Db, request: NoticeRequest, reason: string): Promise<void> {
      await toRequester(tx, request, requestDeclinedKey(request.id), (about) =>
        deps.cards.declined({ ...about, reason, openUrl: deps.tabLink(REQUESTS_TAB_PAGE) }),
      );
    },

    /** Tells the requester their 1:1 is booked: when, and the interview's page (the Teams link is there). */
    async booked(
      tx: Db,
      request: NoticeRequest,
      interview: { id: string; startsAt: Date; endsAt: Date; intervalWeeks: number | null },
    ): Promise<void> {
      await toRequester(tx, request, requestBookedKey(request.id), (about) =>
        deps.cards.booked({
          ...about,
          start: interview.startsAt.toISOString(),
          end: interview.endsAt.toISOString(),
          intervalWeeks: interview.intervalWeeks,
          openUrl: deps.tabLink(`interviews/${interview.id}`),
        }),
      );
    },
  };
}

export type RequestNotices = ReturnType<typeof createRequestNotices>;
