// Pure card builders for the bot's notices of a career milestone (docs/growth.md, "Career milestones"): to
// the person (their year-N キャリア面談 is due, or the 評価期間 ends and they choose 専門 or 幅広) with a
// link to their career design, and to their supervisor with a link that opens the booking of a career
// interview with them. Data in, Adaptive Card 1.5 JSON out; Japanese first, English complete.
import type { IOpenUrlAction } from '@microsoft/teams.cards';
import type {
  CareerPromptCards,
  CareerPromptToPerson,
  CareerPromptToSupervisor,
  RenderedCareerPrompt,
} from '../../src/growth/career-prompt-cards.port.ts';
import { adaptiveCard } from '../../src/reports/report-cards.port.ts';
import { card, heading, plain, type ReportCard } from './report-card.ts';

const TEXT = {
  ja: {
    title: {
      'career-interview': (years: number) => `採用${years}年目のキャリア面談の時期です`,
      'path-choice': () => '能力・適性等評価期間が終わります',
    },
    self: {
      'career-interview': (years: number) =>
        `採用から${years}年になりました。キャリアデザインを見直して、上司とのキャリア面談に備えましょう。`,
      'path-choice': (years: number) =>
        `採用から${years}年で能力・適性等評価期間が終わります。専門（スペシャリスト）か幅広（ゼネラリスト）か、これからの進み方をキャリアデザインで選びましょう。`,
    },
    supervisor: {
      'career-interview': (name: string, years: number) =>
        `${name}さんが採用${years}年目になりました。キャリア面談を予約しましょう。`,
      'path-choice': (name: string, years: number) =>
        `${name}さんは採用${years}年で能力・適性等評価期間が終わります。専門か幅広かを話し合うキャリア面談を予約しましょう。`,
    },
    person: '職員',
    dueOn: '時期',
    openSelf: 'キャリアデザインを開く',
    openSupervisor: 'キャリア面談を予約する',
  },
  en: {
    title: {
      'career-interview': (years: number) => `Your year-${years} career interview (キャリア面談) is due`,
      'path-choice': () => 'The evaluation period (能力・適性等評価期間) ends',
    },
    self: {
      'career-interview': (years: number) =>
        `You have been with the city for ${years} years. Review your career design and get ready for a career interview with your supervisor.`,
      'path-choice': (years: number) =>
        `Your ${years}-year evaluation period ends. Choose in your career design whether to specialise (専門) or broaden (幅広) from here.`,
    },
    supervisor: {
      'career-interview': (name: string, years: number) =>
        `${name} has reached ${years} years of service. Book their career interview.`,
      'path-choice': (name: string, years: number) =>
        `${name}'s ${years}-year evaluation period ends. Book a career interview to talk over 専門 or 幅広.`,
    },
    person: 'Staff member',
    dueOn: 'Due',
    openSelf: 'Open my career design',
    openSupervisor: 'Book the career interview',
  },
} as const;

const openAction = (title: string, url: string): IOpenUrlAction => ({ type: 'Action.OpenUrl', title, url });

export function careerPromptToPersonCard(input: CareerPromptToPerson): ReportCard {
  const t = TEXT[input.locale];
  return card(
    input.locale,
    [
      heading(t.title[input.kind](input.years)),
      plain(t.self[input.kind](input.years)),
      { type: 'FactSet', facts: [{ title: t.dueOn, value: input.dueOn }] },
    ],
    [openAction(t.openSelf, input.openUrl)],
  );
}

// FactSet values are plain text in Teams (no markdown), so names need no escaping there.
export function careerPromptToSupervisorCard(input: CareerPromptToSupervisor): ReportCard {
  const t = TEXT[input.locale];
  return card(
    input.locale,
    [
      heading(t.title[input.kind](input.years)),
      plain(t.supervisor[input.kind](input.personName, input.years)),
      {
        type: 'FactSet',
        facts: [
          { title: t.person, value: input.personName },
          { title: t.dueOn, value: input.dueOn },
        ],
      },
    ],
    [openAction(t.openSupervisor, input.openUrl)],
  );
}

/** The builders as the growth slice takes them (src/growth/career-prompt-cards.port.ts). */
export const careerPromptCards: CareerPromptCards = {
  toPerson: (input): RenderedCareerPrompt => ({
    text: TEXT[input.locale].title[input.kind](input.years),
    attachments: [adaptiveCard(careerPromptToPersonCard(input))],
  }),
  toSupervisor: (input): RenderedCareerPrompt => ({
    text: `${TEXT[input.locale].title[input.kind](input.years)}: ${input.personName}`,
    attachments: [adaptiveCard(careerPromptToSupervisorCard(input))],
  }),
};
