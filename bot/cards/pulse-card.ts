// Pure card builder for the やりがい pulse (docs/pulse.md): to everyone in force when a pulse opens. Data
// in, Adaptive Card 1.5 JSON out; Japanese first, English complete. Each question is a 1–5 choice; the send
// button (Action.Execute, verb PULSE_ANSWER_VERB) carries the pulse's id; the tab answers it too. After a
// send the bot answers with a thank-you, or with the same card, what was typed and why it was refused.
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
    thanks: 'ご回答ありがとうございました。回答はお名前と結び付けずに保存しました。',
    problems: {
      closed: (day: string) => `送信できませんでした：このパルスは${day}に締め切られました。`,
      notOpen: (day: string) => `送信できませんでした：このパルスは${day}から回答できます。`,
      answered: 'このパルスにはすでに回答いただいています。ありがとうございました。',
      notRecipient:
        '送信できませんでした：このパルスの対象者として確認できませんでした。タブから回答してください。',
      invalid: '送信できませんでした：各設問を1〜5から選び、自由記述は1000文字以内で書いてください。',
    },
  },
  en: {
    title: (quarter: string) => `Pulse survey (${quarter})`,
    intro: (closesOn: string) =>
      `A few quick questions (until ${closesOn}). Your answer is stored without your name, and a section's results are shown only where at least five answered.`,
    scale: ['1 Disagree', '2', '3', '4', '5 Agree'],
    required: 'Choose 1 to 5.',
    send: 'Send',
    open: 'Answer in the tab',
    thanks: 'Thank you for answering. Your answer was stored without your name.',
    problems: {
      closed: (day: string) => `Not sent: this pulse closed on ${day}.`,
      notOpen: (day: string) => `Not sent: this pulse opens on ${day}.`,
      answered: 'You have already answered this pulse. Thank you!',
      notRecipient: 'Not sent: we could not find you among this pulse’s recipients. Answer it in the tab.',
      invalid: 'Not sent: choose 1 to 5 for each question and keep the free text within 1000 characters.',
    },
  },
} as const;

/** Why a card's answer was not stored. */
export type PulseProblem = 'closed' | 'notOpen' | 'answered' | 'notRecipient' | 'invalid';

/** What was typed on a card: each question's choice ('' for none) and the free text. */
export interface PulseTyped {
  ratings: string[];
  freeText: string;
}

/** A refusal in the card's words; `day` is the close day (closed) or the open day (not open yet). */
export function pulseProblemText(locale: CardLocale, problem: PulseProblem, day: string): string {
  const text = TEXT[locale].problems[problem];
  return typeof text === 'function' ? text(day) : text;
}

export function pulseCard(
  input: PulseInvitation & {
    /** What was typed, shown again in the inputs (a refused send loses nothing). */
    typed?: PulseTyped;
    notice?: string;
  },
): ReportCard {
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
    ...(input.typed?.ratings[index] ? { value: input.typed.ratings[index] } : {}),
  }));
  const free: ITextInput[] = input.freeTextQuestion
    ? [
        {
          type: 'Input.Text',
          id: PULSE_FREE_TEXT_INPUT_ID,
          label: input.freeTextQuestion[locale],
          isMultiline: true,
          maxLength: PULSE_FREE_TEXT_MAX,
          ...(input.typed?.freeText ? { value: input.typed.freeText } : {}),
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
      ...(input.notice ? [plain(input.notice, { color: 'Attention', weight: 'Bolder' })] : []),
      ...ratings,
      ...free,
    ],
    [send, open],
  );
}

/** After a stored answer, or a second one: the card without its inputs, with the thanks (or the note). */
export function pulseDoneCard(input: {
  locale: CardLocale;
  quarter: string;
  alreadyAnswered?: boolean;
}): ReportCard {
  const t = TEXT[input.locale];
  return card(input.locale, [
    heading(t.title(input.quarter)),
    plain(input.alreadyAnswered ? t.problems.answered : t.thanks, { color: 'Good', weight: 'Bolder' }),
  ]);
}

/** The builder as the pulse slice takes it (src/pulse/pulse-cards.port.ts). */
export const pulseCards: PulseCards = {
  invitation: (input): RenderedPulseCard => ({
    text: TEXT[input.locale].title(input.quarter),
    attachments: [adaptiveCard(pulseCard(input))],
  }),
};
