// What the bot does with the DRILL follow-up's cards (bot/cards/follow-up-card.ts): turns what a card sent
// into a call to the follow-up service, validated with the same contract schemas as the tab's HTTP input,
// and answers with the card to show (the answer as stored, or what was typed with the problem). Nothing
// typed is lost: a refused submission comes back in the card.
import { z } from 'zod';
import { isAppError } from '../src/http/app-error.ts';
import { dbIntegerFromText, userText } from '../src/http/user-input.ts';
import {
  followUpAnswerInputSchema,
  followUpObservationInputSchema,
  type FollowUpView,
} from '../src/reports/follow-up.contract.ts';
import type { FollowUps } from '../src/reports/follow-ups.ts';
import {
  FOLLOW_UP_ANSWER_VERB,
  FOLLOW_UP_INPUT_IDS,
  FOLLOW_UP_OBSERVE_VERB,
  followUpAttendeeCard,
  followUpProblemText,
  followUpSavedText,
  followUpSupervisorCard,
  type FollowUpProblem,
} from './cards/follow-up-card.ts';
import type { CardLocale, ReportCard } from './cards/report-card.ts';

const cardData = z.looseObject({
  followUpId: userText.max(64),
  version: dbIntegerFromText.min(1).max(1_000_000),
});
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** The first field a card submission was refused for, in the card's words. */
const problemOf = (error: z.ZodError): FollowUpProblem => {
  const field = String(error.issues[0]?.path[0] ?? '');
  return field === 'example' || field === 'observation' ? field : 'answer';
};

export function createFollowUpActions(deps: { followUps: Pick<FollowUps, 'answer' | 'observe' | 'one'> }) {
  const sessionOf = (view: FollowUpView) => ({
    sessionId: view.session.sessionId,
    courseTitle: view.session.courseTitle,
    start: view.session.start,
  });
  const cardOf = (
    locale: CardLocale,
    view: FollowUpView,
    notice: { text: string; tone: 'good' | 'attention' } | undefined,
    typed?: { answer?: FollowUpView['answer']; text?: string },
  ): ReportCard =>
    view.role === 'attendee'
      ? followUpAttendeeCard({
          locale,
          followUpId: view.id,
          version: view.version,
          session: sessionOf(view),
          answer: typed?.answer ?? view.answer,
          example: typed?.text ?? view.text,
          ...(notice ? { notice } : {}),
        })
      : followUpSupervisorCard({
          locale,
          followUpId: view.id,
          version: view.version,
          session: sessionOf(view),
          personName: view.personName,
          observation: typed?.text ?? view.text,
          ...(notice ? { notice } : {}),
        });

  /** A problem the service or the schema found: the card again, with what was typed and the reason. */
  const refused = async (
    personId: string,
    locale: CardLocale,
    followUpId: string,
    role: FollowUpView['role'],
    problem: FollowUpProblem,
    typed: { answer?: FollowUpView['answer']; text?: string },
  ): Promise<ReportCard | undefined> => {
    try {
      const view = await deps.followUps.one({ id: personId, isHr: false }, followUpId, role);
      return cardOf(locale, view, { text: followUpProblemText(locale, problem), tone: 'attention' }, typed);
    } catch (error) {
      if (isAppError(error)) return undefined;
      throw error;
    }
  };

  const act = async (
    personId: string,
    locale: CardLocale,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<ReportCard | undefined> => {
    const target = cardData.safeParse(data);
    if (!target.success) return undefined;
    const { followUpId, version } = target.data;
    const actor = { id: personId, isHr: false };
    const role = verb === FOLLOW_UP_ANSWER_VERB ? 'attendee' : 'supervisor';
    const answerValue = textOf(data[FOLLOW_UP_INPUT_IDS.answer]);
    const typed =
      role === 'attendee'
        ? {
            answer: (['applied', 'partly', 'notYet'] as const).find((value) => value === answerValue) ?? null,
            text: textOf(data[FOLLOW_UP_INPUT_IDS.example]),
          }
        : { text: textOf(data[FOLLOW_UP_INPUT_IDS.observation]) };
    const input =
      role === 'attendee'
        ? followUpAnswerInputSchema.safeParse({ version, answer: answerValue, example: typed.text })
        : followUpObservationInputSchema.safeParse({ version, observation: typed.text });
    if (!input.success) return refused(personId, locale, followUpId, role, problemOf(input.error), typed);
    try {
      const view =
        role === 'attendee'
          ? await deps.followUps.answer(
              actor,
              followUpId,
              input.data as z.infer<typeof followUpAnswerInputSchema>,
            )
          : await deps.followUps.observe(
              actor,
              followUpId,
              input.data as z.infer<typeof followUpObservationInputSchema>,
            );
      return cardOf(locale, view, { text: followUpSavedText(locale), tone: 'good' });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'version_conflict')
        return refused(personId, locale, followUpId, role, 'stale', typed);
      if (error.code === 'conflict') return refused(personId, locale, followUpId, role, 'closed', typed);
      // Not theirs or no such follow-up: an unknown action, as for a card of someone else.
      return undefined;
    }
  };

  return {
    /** The card a follow-up verb answers with; undefined for a verb that is not ours or a card not the caller's. */
    async answerTo(
      personId: string,
      locale: CardLocale,
      verb: unknown,
      data: Record<string, unknown>,
    ): Promise<ReportCard | undefined> {
      if (verb !== FOLLOW_UP_ANSWER_VERB && verb !== FOLLOW_UP_OBSERVE_VERB) return undefined;
      return act(personId, locale, verb, data);
    },
  };
}

export type FollowUpActions = ReturnType<typeof createFollowUpActions>;
