// Which goal stage (期首・中間・期末) is open, read from HR's fiscal-year windows (src/cycles), never guessed
// from the month: the server refuses a stage's reflection or comment outside a window HR configured.
import { useQuery } from '@tanstack/react-query';
import type { CycleWindow, CycleYearResponse } from '../../../src/cycles/cycle.contract.ts';
import type { GoalCommentStage } from '../../../src/growth/goal.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';

export const STAGE_KINDS = {
  setting: 'goalSetting',
  mid: 'midYear',
  yearEnd: 'yearEnd',
} as const satisfies Record<GoalCommentStage, CycleWindow['kind']>;

const STAGES = ['setting', 'mid', 'yearEnd'] as const satisfies readonly GoalCommentStage[];

export interface GoalStageState {
  /** The stage whose window is open today (the earliest to close when several are). */
  open: { stage: GoalCommentStage; closesOn: string } | null;
  /** When none is open: the next planned one (scheduled, still ahead or not yet opened). */
  next: { stage: GoalCommentStage; opensOn: string; closesOn: string } | null;
  /** Whether a stage may be written now: its window is open, or HR configured none (the server's rule). */
  isWritable: (stage: GoalCommentStage) => boolean;
  /** False when HR configured no goal window for the year at all. */
  configured: boolean;
}

/** The goal stages of a fiscal year as HR's windows set them. */
export function goalStageOf(year: Pick<CycleYearResponse, 'today' | 'windows'>): GoalStageState {
  const windows = new Map(
    STAGES.flatMap((stage) => {
      const window = year.windows.find((candidate) => candidate.kind === STAGE_KINDS[stage]);
      return window ? [[stage, window] as const] : [];
    }),
  );
  const open =
    [...windows.entries()]
      .filter(([, window]) => window.state === 'open')
      .sort(([, a], [, b]) => a.closesOn.localeCompare(b.closesOn))
      .map(([stage, window]) => ({ stage, closesOn: window.closesOn }))[0] ?? null;
  const next = open
    ? null
    : ([...windows.entries()]
        .filter(([, window]) => window.state === 'scheduled')
        .sort(([, a], [, b]) => a.opensOn.localeCompare(b.opensOn))
        .map(([stage, window]) => ({ stage, opensOn: window.opensOn, closesOn: window.closesOn }))[0] ??
      null);
  return {
    open,
    next,
    configured: windows.size > 0,
    isWritable: (stage) => {
      const window = windows.get(stage);
      return !window || window.state === 'open';
    },
  };
}

/** HR's windows of a fiscal year, read once per year and shared with the rest of the tab's cycle views. */
export function useGoalStage(api: ApiClient, fiscalYear: number) {
  const query = useQuery(
    routeQuery(api, queryKeys.cycles(fiscalYear), 'GET /api/cycles', {
      query: { fiscalYear: String(fiscalYear) },
    }),
  );
  return { query, stage: query.data ? goalStageOf(query.data) : undefined };
}
