// Career milestones from the policy's numbers (issue 20 point 4, docs/growth.md): a キャリア面談 at the
// given years of service (3, 5 and 9 by default) and the 専門 / 幅広 choice as the 能力・適性等評価期間
// (about ten years) ends. Pure arithmetic over a hire date and today in Japan; no clock of its own.
import { EVALUATION_PERIOD_YEARS } from './career.contract.ts';
import { addYears } from './career.service.ts';

export interface MilestoneSettings {
  /** Years of service at which a キャリア面談 is due, ascending, each inside the evaluation period. */
  interviewYears: readonly number[];
  /** The 能力・適性等評価期間 in years: the 専門 / 幅広 choice falls due as it ends. */
  evaluationPeriodYears: number;
}

export const DEFAULT_MILESTONES: MilestoneSettings = {
  interviewYears: [3, 5, 9],
  evaluationPeriodYears: EVALUATION_PERIOD_YEARS,
};

export type MilestoneKind = 'career-interview' | 'path-choice';

export interface Milestone {
  kind: MilestoneKind;
  /** Years of service when it falls due. */
  years: number;
  /** The day it falls due: the hire date's anniversary (29 February → 28 February). */
  dueOn: string;
  /** Stable per person: `career-interview-3`, `path-choice-10`. */
  key: string;
}

/** Every milestone of a person hired on `hireDate`, in order; none without a hire date. */
export function milestonesOf(hireDate: string | null, settings: MilestoneSettings): Milestone[] {
  if (hireDate === null) return [];
  const at = (kind: MilestoneKind, years: number): Milestone => ({
    kind,
    years,
    dueOn: addYears(hireDate, years),
    key: `${kind}-${years}`,
  });
  return [
    ...settings.interviewYears.map((years) => at('career-interview', years)),
    at('path-choice', settings.evaluationPeriodYears),
  ];
}

/**
 * The milestones that fell due in the `lookbackDays` up to and including `today`: what a daily run
 * prompts. A run that was missed for a few days still finds them; a person hired long ago is not
 * prompted for milestones years past.
 */
export function milestonesReached(
  hireDate: string | null,
  today: string,
  settings: MilestoneSettings,
  lookbackDays: number,
): Milestone[] {
  const from = daysBefore(today, lookbackDays);
  return milestonesOf(hireDate, settings).filter(
    (milestone) => milestone.dueOn > from && milestone.dueOn <= today,
  );
}

/**
 * Reads the interview years as configured (`3,5,9`): whole numbers from 1, strictly ascending, before
 * the end of the evaluation period. Throws with the rule broken, so a bad setting stops the start-up.
 */
export function parseInterviewYears(text: string, evaluationPeriodYears: number): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const years = parts.map(Number);
  if (parts.some((part) => !/^\d+$/.test(part)) || years.some((year) => year < 1))
    throw new Error(`must be whole numbers of years from 1, separated by commas (got "${text}")`);
  if (years.some((year, index) => index > 0 && year <= years[index - 1]!))
    throw new Error(`must be in ascending order without repeats (got "${text}")`);
  if (years.at(-1)! >= evaluationPeriodYears)
    throw new Error(`must each be before the end of the evaluation period (${evaluationPeriodYears} years)`);
  return years;
}

/** The calendar day `days` before `day` (YYYY-MM-DD). */
function daysBefore(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date - days)).toISOString().slice(0, 10);
}
