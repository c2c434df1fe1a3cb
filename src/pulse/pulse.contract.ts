// API contract shared with the tab: the やりがい pulse (docs/pulse.md, issue 20 ⑥).
//
// GET  /api/hr/pulses                                   → PulseConfig[] (HR: every pulse, newest first)
// POST /api/hr/pulses                                   ← PulseCreateInput (HR: one per fiscal quarter)
// PUT  /api/hr/pulses/:pulseId                          ← PulseUpdateInput (HR; questions locked after the first answer)
// GET  /api/hr/pulses/:pulseId/results                  → PulseResults (HR: by 課, withheld below the threshold)
// GET  /api/hr/pulses/trend                             → PulseTrend (HR: every 課 over the quarters)
// GET  /api/pulses/current                              → CurrentPulse (everyone: the open pulse, answered or not)
// POST /api/pulses/:pulseId/answer                      ← PulseAnswerInput (everyone, once per pulse while open)
// GET  /api/pulses/departments/:department              → DepartmentPulse (the 課's 課長/係長, HR)
// PUT  /api/pulses/departments/:department/actions/:quarter ← PulseActionInput (the 課's 課長/係長)

import { z } from 'zod';
import {
  calendarDay,
  versionStampFields,
  versionedInput,
  versionedOrNewInput,
} from '../http/contract-fragments.ts';
import { userText } from '../http/user-input.ts';

/** Results by 課 are shown only where at least this many answered; never per person (docs/pulse.md). */
export const PULSE_MIN_GROUP_SIZE = 5;
export const PULSE_QUESTIONS_MIN = 3;
export const PULSE_QUESTIONS_MAX = 5;
export const PULSE_QUESTION_MAX = 200;
export const PULSE_FREE_TEXT_MAX = 1000;
export const PULSE_ACTION_MAX = 2000;
/** The scale every rated question uses: 1 (そう思わない) to 5 (そう思う). */
export const PULSE_SCALE = { min: 1, max: 5 } as const;

const day = calendarDay('must be YYYY-MM-DD');
const line = (max: number) =>
  userText.max(max).refine((value) => value.trim().length > 0, 'must not be blank');

export const quarterId = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'must be a fiscal quarter such as 2026-Q1')
  .describe('A fiscal quarter (Japan time): Q1 April–June … Q4 January–March')
  .meta({ examples: ['2026-Q1'] });

export const pulseQuestionSchema = z
  .object({ ja: line(PULSE_QUESTION_MAX), en: line(PULSE_QUESTION_MAX) })
  .strict();
export type PulseQuestion = z.infer<typeof pulseQuestionSchema>;

const pulseFields = {
  questions: z
    .array(pulseQuestionSchema)
    .min(PULSE_QUESTIONS_MIN, `must have ${PULSE_QUESTIONS_MIN} to ${PULSE_QUESTIONS_MAX} questions`)
    .max(PULSE_QUESTIONS_MAX, `must have ${PULSE_QUESTIONS_MIN} to ${PULSE_QUESTIONS_MAX} questions`),
  /** The optional free-text question; null for none. */
  freeTextQuestion: pulseQuestionSchema.nullable(),
  opensOn: day,
  closesOn: day,
};

export const pulseCreateInputSchema = z.object({ quarter: quarterId, ...pulseFields }).strict();
export type PulseCreateInput = z.infer<typeof pulseCreateInputSchema>;

export const pulseUpdateInputSchema = versionedInput(pulseFields);
export type PulseUpdateInput = z.infer<typeof pulseUpdateInputSchema>;

/** A pulse as every view shows it: its quarter, questions and days. */
const pulseShownFields = {
  id: z.string(),
  quarter: z.string(),
  questions: z.array(pulseQuestionSchema),
  freeTextQuestion: pulseQuestionSchema.nullable(),
  opensOn: z.string(),
  closesOn: z.string(),
};

export const pulseConfigSchema = z.object({
  ...pulseShownFields,
  status: z.enum(['scheduled', 'open', 'closed']),
  /** How many answered, across the organisation (a count, never who). */
  answered: z.number(),
  /** The questions can no longer change: someone answered. */
  questionsLocked: z.boolean(),
  sentAt: z.string().nullable(),
  ...versionStampFields,
});
export type PulseConfig = z.infer<typeof pulseConfigSchema>;

export const pulseAnswerInputSchema = z
  .object({
    /** One rating per question, in the pulse's order. */
    ratings: z
      .array(z.number().int().min(PULSE_SCALE.min).max(PULSE_SCALE.max))
      .min(1)
      .max(PULSE_QUESTIONS_MAX),
    freeText: userText.max(PULSE_FREE_TEXT_MAX).default(''),
  })
  .strict();
export type PulseAnswerInput = z.input<typeof pulseAnswerInputSchema>;
export type PulseAnswer = z.output<typeof pulseAnswerInputSchema>;

export const currentPulseSchema = z.object({
  /** The pulse open today, or null. */
  pulse: z
    .object({
      ...pulseShownFields,
      /** The caller answered it already (what they answered is not kept with their name). */
      answered: z.boolean(),
    })
    .nullable(),
});
export type CurrentPulse = z.infer<typeof currentPulseSchema>;

export const pulseAnsweredSchema = z.object({ pulseId: z.string(), answered: z.literal(true) });

/** A 課's results for one pulse: the averages, or withheld when fewer than the threshold answered. */
export const departmentResultSchema = z.object({
  department: z.string(),
  /** Withheld: fewer than PULSE_MIN_GROUP_SIZE answered; nothing else is shown, not even the count. */
  withheld: z.boolean(),
  answered: z.number().nullable(),
  /** Per question, in order (null when withheld). */
  averages: z.array(z.number()).nullable(),
  /** The mean of all ratings (null when withheld). */
  score: z.number().nullable(),
});
export type DepartmentResult = z.infer<typeof departmentResultSchema>;

export const pulseResultsSchema = z.object({
  pulse: pulseConfigSchema,
  minGroupSize: z.number(),
  /** The organisation as a whole (withheld below the threshold too). */
  overall: departmentResultSchema.omit({ department: true }),
  departments: z.array(departmentResultSchema),
  /**
   * Free-text answers of the 課 that reached the threshold only, pooled without their 課 and sorted by
   * text, so neither the 課 nor the order of answering shows.
   */
  freeTexts: z.array(z.string()),
});
export type PulseResults = z.infer<typeof pulseResultsSchema>;

export const trendPointSchema = z.object({
  quarter: z.string(),
  withheld: z.boolean(),
  answered: z.number().nullable(),
  score: z.number().nullable(),
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

export const pulseTrendSchema = z.object({
  minGroupSize: z.number(),
  quarters: z.array(z.string()),
  overall: z.array(trendPointSchema),
  departments: z.array(z.object({ department: z.string(), points: z.array(trendPointSchema) })),
});
export type PulseTrend = z.infer<typeof pulseTrendSchema>;

export const pulseActionSchema = z.object({
  department: z.string(),
  quarter: z.string(),
  text: z.string(),
  updatedById: z.string(),
  ...versionStampFields,
});
export type PulseAction = z.infer<typeof pulseActionSchema>;

export const departmentPulseSchema = z.object({
  department: z.string(),
  minGroupSize: z.number(),
  points: z.array(trendPointSchema),
  /** The actions written for the 課, by quarter. */
  actions: z.array(pulseActionSchema),
  /** The caller may write the 課's action (its 課長 or 係長). */
  canWriteAction: z.boolean(),
});
export type DepartmentPulse = z.infer<typeof departmentPulseSchema>;

export const pulseActionInputSchema = versionedOrNewInput({ text: line(PULSE_ACTION_MAX) });
export type PulseActionInput = z.infer<typeof pulseActionInputSchema>;
