// Pure card builder for the やりがい pulse (docs/pulse.md): to everyone in force when a pulse opens. Data
// in, Adaptive Card 1.5 JSON out; Japanese first, English complete. Each question is a 1–5 choice; the send
// button (Action.Execute, verb PULSE_ANSWER_VERB) carries the pulse's id; the tab answers it too.
import type {
  IChoiceSetInput,
  IExecuteAction,
  IOpenUrlAction,
  ISubmitAction,
  ITextInput,
} from '@microsoft/teams.cards';
import type { PulseCards, PulseInvitation, RenderedPulseCard } from '../../src/pulse/pulse-cards.port.ts';
import { PULSE_FREE_TEXT_MAX } from '../../src/pulse/pulse.contract.ts';
import { adaptiveCard } from '../../src/reports/report-cards.port.ts';
import { card, heading, plain, type CardLocale, type ReportCard } from './report-card.ts';

export const PULSE_ANSWER_VERB = 'pulse.answer';
/** The id of question `index`'s input (0-based), and of the free text. */
export const pulseRatingInputId = (index: number) => `q${index + 1}`;
export const PULSE_FREE_TEXT_INPUT_ID = 'freeText';

const TEXT = {
  ja: {
    title: (quarter: string) => `やりがいパルス（${quarter}）`,
    intro: (closesOn: string) =>
      `数問だけの短いアンケートです（${closesOn}まで）。回答はお名前と結び付けずに保存され、課ごとの結果は5人以上が回答した課だけが表示されます。`,
    scale: ['1 そう思わない', '2', '3', '4', '5 そう思う'],
    required: '1〜5から選んでください。',
    send: '送信する',
    open: 'タブで回答する',
  },
  en: {
    title: (quarter: string) => `Pulse survey (${quarter})`,
    intro: (closesOn: string) =>
      `A few quick questions (until ${closesOn}). Your answer is stored without your name, and a section's results are shown only where at least five answered.`,
    scale: ['1 Disagree', '2', '3', '4', '5 Agree'],
    required: 'Choose 1 to 5.',
    send: 'Send',
    open: 'Answer in the tab',
  },
} as const;

export function pulseCard(input: PulseInvitation): ReportCard {
  const locale: CardLocale = input.locale;
  const t = TEXT[locale];
  const ratings: IChoiceSetInput[] = input.questions.map((question, index) => ({
    type: 'Input.ChoiceSet',
    id: pulseRatingInputId(index),
    label: question[locale],
    style: 'expanded',
    isRequired: true,
    errorMessage: t.required,
    choices: t.scale.map((title, value) => ({ title, value: String(value + 1) })),
  }));
  const free: ITextInput[] = input.freeTextQuestion
    ? [
        {
          type: 'Input.Text',
          id: PULSE_FREE_TEXT_INPUT_ID,
          label: input.freeTextQuestion[locale],
          isMultiline: true,
          maxLength: PULSE_FREE_TEXT_MAX,
        },
      ]
    : [];
  const data = { pulseId: input.pulseId };
  const fallback: ISubmitAction = {
    type: 'Action.Submit',
    title: t.send,
    data: { verb: PULSE_ANSWER_VERB, ...data },
  };
  const send: IExecuteAction = {
    type: 'Action.Execute',
    title: t.send,
    style: 'positive',
    verb: PULSE_ANSWER_VERB,
    data,
    fallback,
  };
  const open: IOpenUrlAction = { type: 'Action.OpenUrl', title: t.open, url: input.openUrl };
  return card(
    locale,
    [
      heading(t.title(input.quarter)),
      plain(t.intro(input.closesOn), { isSubtle: true }),
      ...ratings,
      ...free,
    ],
    [send, open],
  );
}

/** The builder as the pulse slice takes it (src/pulse/pulse-cards.port.ts). */
export const pulseCards: PulseCards = {
  invitation: (input): RenderedPulseCard => ({
    text: TEXT[input.locale].title(input.quarter),
    attachments: [adaptiveCard(pulseCard(input))],
  }),
};
