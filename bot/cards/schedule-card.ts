// The answer to 「次の予定」 / "my schedule": the next interviews and upcoming training sessions, each with a
// button into the personal tab (a Teams deep link, src/shared/tab-links.ts).
import type { IOpenUrlAction } from '@microsoft/teams.cards';
import type { InterviewType } from '../../src/interviews/interview.contract.ts';
import type { EnrolmentStatus } from '../../src/training/training.contract.ts';
import type { TabLinks } from '../../src/shared/tab-links.ts';
import type { UpcomingSchedule } from '../schedule.ts';
import { card, heading, plain, titleIn, type CardLocale, type ReportCard } from './report-card.ts';

const TEXT = {
  ja: {
    title: '次の予定',
    interviews: '面談',
    noInterviews: '予約済みの面談はありません。',
    trainings: '研修',
    noTrainings: 'これからの研修はありません。研修一覧から申し込めます。',
    withSupervisor: (name: string) => `${name} さんとの面談`,
    withStaff: (name: string) => `${name} さんの面談（あなたが実施）`,
    join: 'Teams 会議に参加',
    openInterview: '面談を開く',
    openTraining: '研修を開く',
    catalog: '研修一覧を見る',
  },
  en: {
    title: 'Your next interviews and training',
    interviews: 'Interviews',
    noInterviews: 'No interview is booked.',
    trainings: 'Training',
    noTrainings: 'No upcoming training. You can apply from the catalog.',
    withSupervisor: (name: string) => `With ${name}`,
    withStaff: (name: string) => `${name}'s interview (you hold it)`,
    join: 'Join the Teams meeting',
    openInterview: 'Open the interview',
    openTraining: 'Open my training',
    catalog: 'See the catalog',
  },
} as const;

const INTERVIEW_TYPES: Record<CardLocale, Record<InterviewType, string>> = {
  ja: {
    goalSetting: '期首面談（目標設定）',
    midYear: '中間面談',
    yearEnd: '期末面談（評価結果のフィードバック）',
    career: 'キャリア面談',
    oneOnOne: '1on1',
  },
  en: {
    goalSetting: 'Goal-setting interview',
    midYear: 'Mid-year interview',
    yearEnd: 'Year-end interview (evaluation feedback)',
    career: 'Career interview',
    oneOnOne: '1:1',
  },
};

/** The tab's words for an enrolment that still leads to a seat (tab/src/training/messages.ts). */
const ENROLMENT_STATUS: Record<CardLocale, Partial<Record<EnrolmentStatus, string>>> = {
  ja: {
    applied: '申込中',
    recommended: '推薦あり',
    nominated: '指名',
    confirmed: '受講決定',
    waitlisted: 'キャンセル待ち',
  },
  en: {
    applied: 'Applied',
    recommended: 'Recommended',
    nominated: 'Nominated',
    confirmed: 'Confirmed',
    waitlisted: 'Waiting list',
  },
};

/** 「12月10日(木) 10:00〜10:30」 / "Thu 10 Dec, 10:00–10:30", Japan time. */
export function timeRangeOf(locale: CardLocale, startIso: string, endIso: string): string {
  const day = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    month: locale === 'ja' ? 'long' : 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(startIso));
  const time = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Tokyo',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
  return locale === 'ja'
    ? `${day} ${time(startIso)}〜${time(endIso)}`
    : `${day}, ${time(startIso)}–${time(endIso)}`;
}

const openUrl = (title: string, url: string): IOpenUrlAction => ({ type: 'Action.OpenUrl', title, url });

export function scheduleCard(input: {
  locale: CardLocale;
  schedule: UpcomingSchedule;
  tabLinks: TabLinks;
}): ReportCard {
  const { locale, schedule, tabLinks } = input;
  const t = TEXT[locale];
  const section = (text: string) => ({
    type: 'TextBlock' as const,
    text,
    weight: 'Bolder' as const,
    size: 'Medium' as const,
    spacing: 'Large' as const,
    wrap: true,
  });
  const interviews = schedule.interviews.map((interview) => ({
    type: 'Container' as const,
    separator: true,
    spacing: 'Medium' as const,
    items: [
      plain(INTERVIEW_TYPES[locale][interview.type], { weight: 'Bolder' }),
      plain(timeRangeOf(locale, interview.start, interview.end), { spacing: 'None' }),
      plain(
        interview.as === 'attendee' ? t.withSupervisor(interview.withName) : t.withStaff(interview.withName),
        { isSubtle: true, spacing: 'None' },
      ),
      {
        type: 'ActionSet' as const,
        actions: [
          ...(interview.joinUrl ? [openUrl(t.join, interview.joinUrl)] : []),
          openUrl(t.openInterview, tabLinks(`interviews/${interview.id}`)),
        ],
      },
    ],
  }));
  const trainings = schedule.trainings.map((training) => ({
    type: 'Container' as const,
    separator: true,
    spacing: 'Medium' as const,
    items: [
      plain(titleIn(locale, training.courseTitle), { weight: 'Bolder' }),
      plain(timeRangeOf(locale, training.start, training.end), { spacing: 'None' }),
      plain(ENROLMENT_STATUS[locale][training.status] ?? training.status, {
        isSubtle: true,
        spacing: 'None',
      }),
    ],
  }));
  return card(
    locale,
    [
      heading(t.title),
      section(t.interviews),
      ...(interviews.length > 0 ? interviews : [plain(t.noInterviews, { isSubtle: true })]),
      section(t.trainings),
      ...(trainings.length > 0 ? trainings : [plain(t.noTrainings, { isSubtle: true })]),
    ],
    [
      openUrl(
        trainings.length > 0 ? t.openTraining : t.catalog,
        tabLinks(trainings.length > 0 ? 'training/mine' : 'training'),
      ),
    ],
  );
}
