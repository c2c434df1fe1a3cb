// What the bot does with the やりがい pulse's card (bot/cards/pulse-card.ts, docs/pulse.md): turns what the
// card sent into the same answer as the tab's POST /api/pulses/:pulseId/answer, validated with the same
// contract schema, and answers with the card to show: a thank-you, or the card again with what was typed
// and why it was not stored (closed, not open yet, already answered, not a recipient, bad input).
import { z } from 'zod';
import { isAppError } from '../src/http/app-error.ts';
import type { PulseCardLocale } from '../src/pulse/pulse-cards.port.ts';
import { pulseAnswerInputSchema } from '../src/pulse/pulse.contract.ts';
import type { PulseService } from '../src/pulse/pulse.service.ts';
import {
  PULSE_ANSWER_VERB,
  PULSE_FREE_TEXT_INPUT_ID,
  pulseCard,
  pulseDoneCard,
  pulseProblemText,
  pulseRatingInputId,
  type PulseProblem,
  type PulseTyped,
} from './cards/pulse-card.ts';
import type { ReportCard } from './cards/report-card.ts';

const cardData = z.looseObject({ pulseId: z.uuid() });
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');
/** A choice the card offers ('1' … '5'); anything else is kept as nothing chosen. */
const choiceOf = (value: unknown) => {
  const text = typeof value === 'number' ? String(value) : textOf(value);
  return /^[1-5]$/.test(text) ? text : '';
};

/** The refusal a service error stands for; undefined for one the card cannot explain (no such pulse). */
function problemOf(error: unknown): PulseProblem | undefined {
  if (!isAppError(error)) throw error;
  if (error.code === 'validation_failed') return 'invalid';
  if (error.code !== 'conflict') return undefined;
  const reason = error.details[0]?.message;
  if (reason === 'closed') return 'closed';
  if (reason === 'not open yet') return 'notOpen';
  return reason === 'already answered' ? 'answered' : undefined;
}

export function createPulseActions(deps: {
  pulses: Pick<PulseService, 'answer' | 'shown'>;
  /** The tab's home, where the pulse can be answered too. */
  openUrl: string;
}) {
  const act = async (
    personId: string | undefined,
    locale: PulseCardLocale,
    data: Record<string, unknown>,
  ): Promise<ReportCard | undefined> => {
    const target = cardData.safeParse(data);
    if (!target.success) return undefined;
    const { pulseId } = target.data;
    let pulse: Awaited<ReturnType<PulseService['shown']>>;
    try {
      pulse = await deps.pulses.shown(pulseId);
    } catch (error) {
      // No such pulse: an unknown action, as for a card of something gone.
      if (isAppError(error) && error.code === 'not_found') return undefined;
      throw error;
    }
    const typed: PulseTyped = {
      ratings: pulse.questions.map((_, index) => choiceOf(data[pulseRatingInputId(index)])),
      freeText: textOf(data[PULSE_FREE_TEXT_INPUT_ID]),
    };
    const refused = (problem: PulseProblem): ReportCard =>
      problem === 'answered'
        ? pulseDoneCard({ locale, quarter: pulse.quarter, alreadyAnswered: true })
        : pulseCard({
            locale,
            pulseId,
            quarter: pulse.quarter,
            questions: pulse.questions,
            freeTextQuestion: pulse.freeTextQuestion,
            closesOn: pulse.closesOn,
            openUrl: deps.openUrl,
            typed,
            notice: pulseProblemText(locale, problem, problem === 'notOpen' ? pulse.opensOn : pulse.closesOn),
          });
    // The bot does not know who sent it (not someone in the directory): nothing is stored.
    if (!personId) return refused('notRecipient');
    const input = pulseAnswerInputSchema.safeParse({
      ratings: pulse.questions.map((_, index) => Number(textOf(data[pulseRatingInputId(index)]) || NaN)),
      freeText: data[PULSE_FREE_TEXT_INPUT_ID] ?? '',
    });
    if (!input.success) return refused('invalid');
    try {
      await deps.pulses.answer({ id: personId, isHr: false }, pulseId, input.data);
      return pulseDoneCard({ locale, quarter: pulse.quarter });
    } catch (error) {
      const problem = problemOf(error);
      return problem ? refused(problem) : undefined;
    }
  };

  return {
    /** The card a pulse verb answers with; undefined for a verb that is not ours or a card of no pulse. */
    async answerTo(
      personId: string | undefined,
      locale: PulseCardLocale,
      verb: unknown,
      data: Record<string, unknown>,
    ): Promise<ReportCard | undefined> {
      return verb === PULSE_ANSWER_VERB ? act(personId, locale, data) : undefined;
    },
  };
}

export type PulseActions = ReturnType<typeof createPulseActions>;
