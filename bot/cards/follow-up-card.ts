// The DRILL follow-up's cards (docs/training.md "Follow-up"): to the attendee, 「業務に反映できましたか」 with
// a short answer and an example; to their supervisor, a one-line observation of them. Pure builders; user
// text escaped (see report-card.ts). After a submission the same card comes back with a notice and the
// answer as stored, so the person can change it while it is still open.
import type { IChoiceSetInput, IExecuteAction, ISubmitAction, ITextInput } from '@microsoft/teams.cards';
import {
  FOLLOW_UP_EXAMPLE_MAX,
  FOLLOW_UP_OBSERVATION_MAX,
  type FollowUpAnswer,
} from '../../src/reports/follow-up.contract.ts';
import {
  card,
  heading,
  plain,
  sessionLine,
  type CardLocale,
  type CardSession,
  type ReportCard,
} from './report-card.ts';

/** The attendee's "send" (Action.Execute; the Action.Submit fallback carries it). */
export const FOLLOW_UP_ANSWER_VERB = 'followUp.answer';
/** The supervisor's "send". */
export const FOLLOW_UP_OBSERVE_VERB = 'followUp.observe';
/** The ids of the inputs: the bot reads what was typed under these keys. */
export const FOLLOW_UP_INPUT_IDS = {
  answer: 'answer',
  example: 'example',
  observation: 'observation',
} as const;

/** What the send button carries besides the inputs. */
export interface FollowUpCardData {
  followUpId: string;
  /** The version the card shows: a stale card's answer is 409, never written over a newer one. */
  version: number;
}

const TEXT = {
  ja: {
    attendeeTitle: '業務に反映できましたか',
    attendeeIntro:
      '受講した研修を振り返ってください。回答は次回の自己チェックで、関連する能力の根拠として表示されます。',
    answer: '業務への反映',
    answers: { applied: 'できた', partly: '一部できた', notYet: 'まだ' } satisfies Record<
      FollowUpAnswer,
      string
    >,
    answerRequired: '「できた」「一部できた」「まだ」から選んでください。',
    example: '具体例（任意）',
    examplePlaceholder: '例：係の定例会議で、冒頭に目的とゴールを確認するようにした。',
    supervisorTitle: (name: string) => `${name}さんの研修後の様子`,
    supervisorIntro: (name: string) =>
      `${name}さんが研修を受講してしばらく経ちました。業務の中で見えた変化をひとことで教えてください。本人も次回の自己チェックで読めます。`,
    observation: 'ひとこと',
    observationPlaceholder: '例：会議の進め方が整理され、短時間で合意できるようになった。',
    observationRequired: 'ひとこと書いてください（1行）。',
    send: '送信する',
    saved: '回答を保存しました。次回の自己チェックを提出するまでは変更できます。',
    problems: {
      stale:
        '保存できませんでした：別の画面で先に回答が保存されています。内容を確かめて、もう一度送信してください。',
      closed: '保存できませんでした：次の自己チェックを提出済みのため、この回答は変更できません。',
      answer: '保存できませんでした：「できた」「一部できた」「まだ」から選んでください。',
      example: `保存できませんでした：具体例は${FOLLOW_UP_EXAMPLE_MAX}文字以内で書いてください。`,
      observation: `保存できませんでした：ひとことを1行、${FOLLOW_UP_OBSERVATION_MAX}文字以内で書いてください。`,
    } satisfies Record<FollowUpProblem, string>,
  },
  en: {
    attendeeTitle: 'Have you been able to apply it in your work?',
    attendeeIntro:
      'Look back on the training you attended. Your answer appears in your next self-check as evidence beside the related competencies.',
    answer: 'Applied in your work',
    answers: { applied: 'Yes', partly: 'Partly', notYet: 'Not yet' } satisfies Record<FollowUpAnswer, string>,
    answerRequired: 'Choose Yes, Partly or Not yet.',
    example: 'An example (optional)',
    examplePlaceholder: 'E.g. I now open our team meetings by agreeing on their purpose and goal.',
    supervisorTitle: (name: string) => `${name} after the training`,
    supervisorIntro: (name: string) =>
      `${name} attended a training a while ago. In one line, what change have you seen in their work? They can read it in their next self-check.`,
    observation: 'Your observation',
    observationPlaceholder: 'E.g. Meetings they run are clearer and reach agreement sooner.',
    observationRequired: 'Write one line.',
    send: 'Send',
    saved: 'Saved. You can change it until the next self-check is submitted.',
    problems: {
      stale: 'Could not save: an answer was saved elsewhere first. Check it and send again.',
      closed: 'Could not save: the next self-check has been submitted, so this answer can no longer change.',
      answer: 'Could not save: choose Yes, Partly or Not yet.',
      example: `Could not save: keep the example within ${FOLLOW_UP_EXAMPLE_MAX} characters.`,
      observation: `Could not save: write one line of at most ${FOLLOW_UP_OBSERVATION_MAX} characters.`,
    } satisfies Record<FollowUpProblem, string>,
  },
} as const;

export const followUpSavedText = (locale: CardLocale) => TEXT[locale].saved;
/** Why a submission was not saved: a stale card, a closed follow-up, or the field that was refused. */
export type FollowUpProblem = 'stale' | 'closed' | 'answer' | 'example' | 'observation';
export const followUpProblemText = (locale: CardLocale, problem: FollowUpProblem) =>
  TEXT[locale].problems[problem];

const sendActions = (locale: CardLocale, verb: string, data: FollowUpCardData) => {
  const fallback: ISubmitAction = {
    type: 'Action.Submit',
    title: TEXT[locale].send,
    data: { verb, ...data },
  };
  const send: IExecuteAction = {
    type: 'Action.Execute',
    title: TEXT[locale].send,
    style: 'positive',
    verb,
    data: { ...data },
    fallback,
  };
  return [send];
};

const noticeBlocks = (notice: { text: string; tone: 'good' | 'attention' } | undefined) =>
  notice ? [plain(notice.text, { color: notice.tone === 'good' ? 'Good' : 'Attention' })] : [];

/** To the attendee: 「業務に反映できましたか」, the short answer and an example. */
export function followUpAttendeeCard(input: {
  locale: CardLocale;
  followUpId: string;
  version: number;
  session: CardSession;
  answer?: FollowUpAnswer | null;
  example?: string | null;
  notice?: { text: string; tone: 'good' | 'attention' };
}): ReportCard {
  const { locale } = input;
  const t = TEXT[locale];
  const choices: IChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: FOLLOW_UP_INPUT_IDS.answer,
    label: t.answer,
    style: 'expanded',
    isRequired: true,
    errorMessage: t.answerRequired,
    choices: (['applied', 'partly', 'notYet'] as const).map((value) => ({ title: t.answers[value], value })),
    ...(input.answer ? { value: input.answer } : {}),
  };
  const example: ITextInput = {
    type: 'Input.Text',
    id: FOLLOW_UP_INPUT_IDS.example,
    label: t.example,
    placeholder: t.examplePlaceholder,
    isMultiline: true,
    maxLength: FOLLOW_UP_EXAMPLE_MAX,
    ...(input.example ? { value: input.example } : {}),
  };
  return card(
    locale,
    [
      ...noticeBlocks(input.notice),
      heading(t.attendeeTitle),
      sessionLine(locale, input.session),
      plain(t.attendeeIntro, { isSubtle: true }),
      choices,
      example,
    ],
    sendActions(locale, FOLLOW_UP_ANSWER_VERB, { followUpId: input.followUpId, version: input.version }),
  );
}

/** To the attendee's supervisor: a one-line observation of that person. */
export function followUpSupervisorCard(input: {
  locale: CardLocale;
  followUpId: string;
  version: number;
  session: CardSession;
  personName: string;
  observation?: string | null;
  notice?: { text: string; tone: 'good' | 'attention' };
}): ReportCard {
  const { locale } = input;
  const t = TEXT[locale];
  const box: ITextInput = {
    type: 'Input.Text',
    id: FOLLOW_UP_INPUT_IDS.observation,
    label: t.observation,
    placeholder: t.observationPlaceholder,
    maxLength: FOLLOW_UP_OBSERVATION_MAX,
    isRequired: true,
    errorMessage: t.observationRequired,
    ...(input.observation ? { value: input.observation } : {}),
  };
  return card(
    locale,
    [
      ...noticeBlocks(input.notice),
      heading(t.supervisorTitle(input.personName)),
      sessionLine(locale, input.session),
      plain(t.supervisorIntro(input.personName), { isSubtle: true }),
      box,
    ],
    sendActions(locale, FOLLOW_UP_OBSERVE_VERB, { followUpId: input.followUpId, version: input.version }),
  );
}
