// Pure card builders for the bot's 1:1 request notices (issue 19 ①): to the supervisor when a request
// reaches them, to the requester when it is declined or booked. Data in, Adaptive Card 1.5 JSON out;
// Japanese first, English complete. The button opens the tab where the request is answered or the 1:1 is.
import type { IFact, IOpenUrlAction } from '@microsoft/teams.cards';
import { adaptiveCard } from '../../src/reports/report-cards.port.ts';
import type {
  RenderedRequestNotice,
  RequestArrivedNotice,
  RequestBookedNotice,
  RequestDeclinedNotice,
  RequestNoticeCards,
} from '../../src/interviews/request-notice-cards.port.ts';
import { card, dayOf, heading, plain, type CardLocale, type ReportCard } from './report-card.ts';
import { whenOf } from './training-notice-card.ts';

const TEXT = {
  ja: {
    arrived: {
      title: '1on1 の申し込みが届きました',
      body: (name: string) =>
        `${name} さんから 1on1 の申し込みがありました。タブで日時を決めて予約するか、理由を添えて辞退してください。`,
    },
    declined: {
      title: '1on1 の申し込みが辞退されました',
      body: (name: string) => `${name} さんが 1on1 の申し込みを辞退しました。`,
    },
    booked: {
      title: '1on1 が予約されました',
      body: (name: string) =>
        `${name} さんが 1on1 を予約しました。Outlook の予定表に招待が届き、Teams 会議のリンクはタブの面談ページにも表示されます。`,
    },
    from: '申込者',
    supervisor: '上司',
    topic: '話したいこと',
    week: '希望の週',
    anyWeek: '指定なし',
    weekOf: (day: string) => `${day} の週`,
    reason: '理由',
    when: '日時',
    repeats: '繰り返し',
    everyWeeks: (weeks: number) => (weeks === 1 ? '毎週' : `${weeks} 週間ごと`),
    answer: 'タブで予約・辞退する',
    openRequests: 'タブで確認する',
    openInterview: '面談を開く',
  },
  en: {
    arrived: {
      title: 'A 1:1 request for you',
      body: (name: string) =>
        `${name} asks you for a 1:1. In the tab, book a time or decline it with a reason.`,
    },
    declined: {
      title: 'Your 1:1 request was declined',
      body: (name: string) => `${name} declined your 1:1 request.`,
    },
    booked: {
      title: 'Your 1:1 is booked',
      body: (name: string) =>
        `${name} booked your 1:1. An invitation reaches your Outlook calendar; the Teams meeting link is also on the interview's page in the tab.`,
    },
    from: 'From',
    supervisor: 'Supervisor',
    topic: 'Topic',
    week: 'Preferred week',
    anyWeek: 'Any',
    weekOf: (day: string) => `Week of ${day}`,
    reason: 'Reason',
    when: 'When',
    repeats: 'Repeats',
    everyWeeks: (weeks: number) => (weeks === 1 ? 'Every week' : `Every ${weeks} weeks`),
    answer: 'Book or decline in the tab',
    openRequests: 'Open in the tab',
    openInterview: 'Open the 1:1',
  },
} as const;

const openAction = (title: string, url: string): IOpenUrlAction => ({ type: 'Action.OpenUrl', title, url });

const weekOf = (locale: CardLocale, monday: string | null) =>
  monday ? TEXT[locale].weekOf(dayOf(locale, `${monday}T12:00:00+09:00`)) : TEXT[locale].anyWeek;

// FactSet values are plain text in Teams (no markdown), so what people typed needs no escaping there.
export function requestArrivedCard(input: RequestArrivedNotice): ReportCard {
  const t = TEXT[input.locale];
  return card(
    input.locale,
    [
      heading(t.arrived.title),
      plain(t.arrived.body(input.personName)),
      {
        type: 'FactSet',
        facts: [
          { title: t.from, value: input.personName },
          { title: t.topic, value: input.topic },
          { title: t.week, value: weekOf(input.locale, input.preferredWeek) },
        ],
      },
    ],
    [openAction(t.answer, input.openUrl)],
  );
}

export function requestDeclinedCard(input: RequestDeclinedNotice): ReportCard {
  const t = TEXT[input.locale];
  return card(
    input.locale,
    [
      heading(t.declined.title),
      plain(t.declined.body(input.supervisorName)),
      {
        type: 'FactSet',
        facts: [
          { title: t.topic, value: input.topic },
          { title: t.reason, value: input.reason },
        ],
      },
    ],
    [openAction(t.openRequests, input.openUrl)],
  );
}

export function requestBookedCard(input: RequestBookedNotice): ReportCard {
  const t = TEXT[input.locale];
  const facts: IFact[] = [
    { title: t.when, value: whenOf(input.locale, input) },
    ...(input.intervalWeeks ? [{ title: t.repeats, value: t.everyWeeks(input.intervalWeeks) }] : []),
    { title: t.supervisor, value: input.supervisorName },
    { title: t.topic, value: input.topic },
  ];
  return card(
    input.locale,
    [heading(t.booked.title), plain(t.booked.body(input.supervisorName)), { type: 'FactSet', facts }],
    [openAction(t.openInterview, input.openUrl)],
  );
}

const render = (text: string, built: ReportCard): RenderedRequestNotice => ({
  text,
  attachments: [adaptiveCard(built)],
});

/** The builders as the interviews slice takes them (src/interviews/request-notice-cards.port.ts). */
export const requestNoticeCards: RequestNoticeCards = {
  arrived: (input) =>
    render(`${TEXT[input.locale].arrived.title}: ${input.personName}`, requestArrivedCard(input)),
  declined: (input) =>
    render(`${TEXT[input.locale].declined.title}: ${input.supervisorName}`, requestDeclinedCard(input)),
  booked: (input) =>
    render(`${TEXT[input.locale].booked.title}: ${whenOf(input.locale, input)}`, requestBookedCard(input)),
};
