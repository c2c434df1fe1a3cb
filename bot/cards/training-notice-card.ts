// Pure card builders for training notices (issue 19 ③): the 受講案内 of a session, and the personal notices
// of being recommended (推薦), nominated (指名), confirmed, wait-listed or moved off the waiting list. Data in,
// Adaptive Card 1.5 JSON out; Japanese first, English complete. The button opens the tab's training page.
import type { IFact, IOpenUrlAction } from '@microsoft/teams.cards';
import type {
  AnnouncementNotice,
  NoticeSession,
  RenderedNotice,
  StatusNotice,
  StatusNoticeKind,
  TrainingNoticeCards,
} from '../../src/training/training-notice-cards.port.ts';
import { adaptiveCard } from '../../src/reports/report-cards.port.ts';
import { card, dayOf, heading, plain, titleIn, type CardLocale, type ReportCard } from './report-card.ts';

const TEXT = {
  ja: {
    announcement: '受講案内',
    announcementBody:
      '次の研修の受講者を募集しています。受講を希望する場合は、締切までにタブから申し込んでください。',
    when: '日時',
    where: '場所',
    online: 'オンライン（Teams 会議）',
    deadline: '申込締切',
    apply: '詳細を見て申し込む',
    open: 'タブで確認する',
    by: '依頼者',
    reason: '推薦理由',
    status: {
      recommended: {
        title: '研修に推薦されました',
        body: '上司から次の研修に推薦されました。人事課が確認し、結果をお知らせします。',
      },
      nominated: {
        title: '研修に指名されました',
        body: '人事課から次の研修の受講者に指名されました。確定をお待ちください。',
      },
      confirmed: {
        title: '受講が確定しました',
        body: '次の研修の受講が確定しました。Outlook の予定表に招待が届きます。',
      },
      waitlisted: {
        title: 'キャンセル待ちになりました',
        body: '定員に達したため、キャンセル待ちとして登録されました。席が空き次第お知らせします。',
      },
      promoted: {
        title: 'キャンセル待ちから受講が確定しました',
        body: '席が空いたため、次の研修の受講が確定しました。Outlook の予定表に招待が届きます。',
      },
    } satisfies Record<StatusNoticeKind, { title: string; body: string }>,
  },
  en: {
    announcement: 'Training announcement',
    announcementBody:
      'Places are open on the following training. If you would like to attend, apply in the tab before the deadline.',
    when: 'When',
    where: 'Where',
    online: 'Online (Teams meeting)',
    deadline: 'Apply by',
    apply: 'Details and apply',
    open: 'Open in the tab',
    by: 'By',
    reason: 'Why',
    status: {
      recommended: {
        title: 'You were recommended for training',
        body: 'Your supervisor recommended you for this training. HR will confirm and let you know.',
      },
      nominated: {
        title: 'You were nominated for training',
        body: 'HR nominated you for this training. Please wait for the confirmation.',
      },
      confirmed: {
        title: 'Your place is confirmed',
        body: 'Your place on this training is confirmed. An invitation reaches your Outlook calendar.',
      },
      waitlisted: {
        title: 'You are on the waiting list',
        body: 'The session is full, so you are on its waiting list. You will be told as soon as a place frees up.',
      },
      promoted: {
        title: 'A place freed up: you are confirmed',
        body: 'A place freed up and yours is confirmed. An invitation reaches your Outlook calendar.',
      },
    } satisfies Record<StatusNoticeKind, { title: string; body: string }>,
  },
} as const;

const timeOf = (locale: CardLocale, iso: string) =>
  new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

/** 2026年12月10日(木) 09:30–12:00 / Thu 10 Dec 2026, 09:30–12:00 */
export const whenOf = (locale: CardLocale, session: Pick<NoticeSession, 'start' | 'end'>) =>
  `${dayOf(locale, session.start)}${locale === 'ja' ? ' ' : ', '}${timeOf(locale, session.start)}–${timeOf(locale, session.end)}`;

const deadlineOf = (locale: CardLocale, day: string) => dayOf(locale, `${day}T12:00:00+09:00`);

const facts = (locale: CardLocale, session: NoticeSession, withDeadline: boolean): IFact[] => {
  const t = TEXT[locale];
  const place = session.online
    ? session.place
      ? `${t.online} / ${session.place}`
      : t.online
    : session.place;
  return [
    { title: t.when, value: whenOf(locale, session) },
    { title: t.where, value: place },
    ...(withDeadline ? [{ title: t.deadline, value: deadlineOf(locale, session.applicationDeadline) }] : []),
  ];
};

const openAction = (title: string, url: string): IOpenUrlAction => ({ type: 'Action.OpenUrl', title, url });

export function announcementCard(input: AnnouncementNotice): ReportCard {
  const t = TEXT[input.locale];
  return card(
    input.locale,
    [
      plain(t.announcement, { size: 'Small', weight: 'Bolder', color: 'Accent' }),
      heading(titleIn(input.locale, input.session.courseTitle)),
      plain(t.announcementBody),
      // FactSet values are plain text in Teams (no markdown), so HR's place text needs no escaping.
      { type: 'FactSet', facts: facts(input.locale, input.session, true) },
    ],
    [openAction(t.apply, input.openUrl)],
  );
}

export function announcementText(input: AnnouncementNotice): string {
  const t = TEXT[input.locale];
  return `${t.announcement}: ${titleIn(input.locale, input.session.courseTitle)} (${whenOf(input.locale, input.session)})`;
}

export function statusNoticeCard(input: StatusNotice): ReportCard {
  const t = TEXT[input.locale];
  const status = t.status[input.kind];
  const extra: IFact[] = [
    ...(input.byName ? [{ title: t.by, value: input.byName }] : []),
    ...(input.reason ? [{ title: t.reason, value: input.reason }] : []),
  ];
  return card(
    input.locale,
    [
      heading(status.title),
      plain(titleIn(input.locale, input.session.courseTitle), { weight: 'Bolder', spacing: 'None' }),
      plain(status.body),
      { type: 'FactSet', facts: [...facts(input.locale, input.session, false), ...extra] },
    ],
    [openAction(t.open, input.openUrl)],
  );
}

export function statusNoticeText(input: StatusNotice): string {
  const t = TEXT[input.locale];
  return `${t.status[input.kind].title}: ${titleIn(input.locale, input.session.courseTitle)} (${whenOf(input.locale, input.session)})`;
}

/** The builders as the training slice takes them (src/training/training-notice-cards.port.ts). */
export const trainingNoticeCards: TrainingNoticeCards = {
  announcement: (input): RenderedNotice => ({
    text: announcementText(input),
    attachments: [adaptiveCard(announcementCard(input))],
  }),
  status: (input): RenderedNotice => ({
    text: statusNoticeText(input),
    attachments: [adaptiveCard(statusNoticeCard(input))],
  }),
};
