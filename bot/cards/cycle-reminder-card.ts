// Pure card builder for fiscal-year cycle reminders (issue 9): what someone still owes in a window HR
// opened, with its deadline. Data in, Adaptive Card 1.5 JSON out; Japanese first, English complete.
import type { IFact, IOpenUrlAction } from '@microsoft/teams.cards';
import type { CycleKind, DueItem } from '../../src/cycles/cycle.contract.ts';
import { card, plain, type CardLocale, type ReportCard } from './report-card.ts';

/** The same Adaptive Card 1.5 envelope as the report cards. */
export type CycleReminderCard = ReportCard;

export interface CycleReminderInput {
  locale: CardLocale;
  kind: CycleKind;
  task: DueItem['task'];
  fiscalYear: number;
  /** Last day, YYYY-MM-DD (Japan time). */
  closesOn: string;
  /** Goals still lacking something; 1 for a form. */
  count: number;
  /** 1: the window opened; 2: its last week; 3: its last days. */
  stage: 1 | 2 | 3;
  /** Where the tab opens (a Teams deep link); without it the card names the tab instead. */
  openUrl?: string;
}

const TEXT = {
  ja: {
    title: '今やること',
    tasks: {
      setGoals: '今年度の目標を設定する（期首）',
      recordMidYear: '目標の進捗と中間の振り返りを記録する',
      writeYearEnd: '目標の期末の振り返りを書く',
      submitSelfCheck: '自己チェックを提出する',
      submitDeclaration: '自己申告書を提出する',
    },
    stages: {
      1: '受付が始まりました。',
      2: '締切まで1週間を切りました。',
      3: '締切が迫っています。',
    },
    period: '対象',
    year: (year: number) => `${year}年度`,
    half: (year: number, half: 1 | 2) => `${year}年度 ${half === 1 ? '上期' : '下期'}`,
    deadline: '締切',
    remaining: '残り',
    goals: (count: number) => `目標 ${count} 件`,
    open: 'タブで開く',
    where: 'Teams の「育み」タブから行えます。',
  },
  en: {
    title: 'To do',
    tasks: {
      setGoals: 'Set your goals for this fiscal year',
      recordMidYear: 'Record goal progress and your mid-year reflection',
      writeYearEnd: 'Write your year-end reflection on your goals',
      submitSelfCheck: 'Submit your self-check',
      submitDeclaration: 'Submit your self-declaration (自己申告)',
    },
    stages: {
      1: 'It is open now.',
      2: 'Less than a week to the deadline.',
      3: 'The deadline is close.',
    },
    period: 'For',
    year: (year: number) => `FY${year}`,
    half: (year: number, half: 1 | 2) => `FY${year}, ${half === 1 ? 'first' : 'second'} half`,
    deadline: 'Deadline',
    remaining: 'Still to do',
    goals: (count: number) => `${count} ${count === 1 ? 'goal' : 'goals'}`,
    open: 'Open the tab',
    where: 'Do it in the Hagukumi tab in Teams.',
  },
} as const;

/** The deadline as people read it: 2026年12月25日(金) / Fri 25 Dec 2026. */
export function formatDeadline(locale: CardLocale, day: string): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'UTC',
    year: 'numeric',
    month: locale === 'ja' ? 'long' : 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** One line for notifications and clients that show no cards. */
export function cycleReminderText(input: CycleReminderInput): string {
  const text = TEXT[input.locale];
  const separator = input.locale === 'ja' ? '：' : ': ';
  return `${text.title}${separator}${text.tasks[input.task]} (${text.deadline} ${formatDeadline(input.locale, input.closesOn)})`;
}

export function cycleReminderCard(input: CycleReminderInput): CycleReminderCard {
  const text = TEXT[input.locale];
  const half = input.kind === 'selfCheckH1' ? 1 : input.kind === 'selfCheckH2' ? 2 : undefined;
  const facts: IFact[] = [
    { title: text.period, value: half ? text.half(input.fiscalYear, half) : text.year(input.fiscalYear) },
    { title: text.deadline, value: formatDeadline(input.locale, input.closesOn) },
  ];
  if (input.task === 'recordMidYear' || input.task === 'writeYearEnd')
    facts.push({ title: text.remaining, value: text.goals(input.count) });
  const open: IOpenUrlAction | undefined = input.openUrl
    ? { type: 'Action.OpenUrl', title: text.open, url: input.openUrl }
    : undefined;
  return card(
    input.locale,
    [
      plain(text.title, { size: 'Small', weight: 'Bolder', color: 'Accent' }),
      plain(text.tasks[input.task], { size: 'Large', weight: 'Bolder', style: 'heading' }),
      plain(text.stages[input.stage], input.stage === 3 ? { color: 'Attention' } : {}),
      { type: 'FactSet', facts },
      ...(open ? [] : [plain(text.where, { isSubtle: true })]),
    ],
    open ? [open] : undefined,
  );
}
