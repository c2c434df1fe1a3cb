// Who still owes what in the windows open today. Shared by GET /api/cycles/due and the reminder job, so
// the home and the bot never disagree.
import { halfPeriodAt } from '../shared/fiscal-period.ts';
import type { CycleKind, DueItem } from './cycle.contract.ts';
import { effectiveState, halfOfKind, japanToday, lastDayOfHalf, SELF_CHECK_KINDS } from './cycle-rules.ts';
import type { CycleStore } from './cycle.store.ts';
import type { Assignee, GrowthStatus } from './growth-status.ts';

export interface OpenWindow {
  kind: CycleKind;
  /** Null for the default self-check half (no window configured). */
  windowId: string | null;
  fiscalYear: number;
  closesOn: string;
  openedAt: Date | null;
}

export const TASKS: Record<CycleKind, { task: DueItem['task']; page: DueItem['page'] }> = {
  goalSetting: { task: 'setGoals', page: 'goals' },
  midYear: { task: 'recordMidYear', page: 'goals' },
  yearEnd: { task: 'writeYearEnd', page: 'goals' },
  selfCheckH1: { task: 'submitSelfCheck', page: 'self-check' },
  selfCheckH2: { task: 'submitSelfCheck', page: 'self-check' },
  declaration: { task: 'submitDeclaration', page: 'declaration' },
};

/** The self-check half a window is about, e.g. 2026-H2. */
export function periodOf(window: { kind: CycleKind; fiscalYear: number }): string | undefined {
  const half = halfOfKind(window.kind);
  return half ? `${window.fiscalYear}-H${half}` : undefined;
}

/**
 * Who a window applies to. Self-checks: everyone with a job level (the level's matrix row is what they
 * check). Goals (目標管理) and 自己申告: regular staff (常勤) only — the policy's 目標管理 covers 常勤一般職,
 * and 自己申告 is written by staff subject to transfer; 会計年度任用職員 owe neither.
 */
export function appliesTo(kind: CycleKind, person: Assignee): boolean {
  if (halfOfKind(kind)) return person.levelId !== null;
  return person.employmentType === 'regular';
}

export function createDueCalculator(deps: { store: CycleStore; status: GrowthStatus; now: () => Date }) {
  return {
    /** Windows open today: HR's, plus the current self-check half by the default rule where HR configured none. */
    async openNow(): Promise<OpenWindow[]> {
      const now = deps.now();
      const today = japanToday(now);
      const configured = (await deps.store.open(today)).filter(
        (row) => effectiveState(row, today).state === 'open',
      );
      const found: OpenWindow[] = configured.map((row) => ({
        kind: row.kind,
        windowId: row.id,
        fiscalYear: row.fiscalYear,
        closesOn: row.closesOn,
        openedAt: row.openedAt,
      }));
      const { fiscalYear, half } = halfPeriodAt(now);
      const kind = SELF_CHECK_KINDS[half];
      if (!(await deps.store.find(fiscalYear, kind)))
        found.push({
          kind,
          windowId: null,
          fiscalYear,
          closesOn: lastDayOfHalf(fiscalYear, half),
          openedAt: null,
        });
      return found.sort((a, b) => a.closesOn.localeCompare(b.closesOn) || a.kind.localeCompare(b.kind));
    },

    /**
     * Among `ids` (everyone when undefined): whom the window applies to, and what each still owes (goals
     * lacking something, or 1 for a form not yet submitted). People owing nothing are absent from `owed`.
     */
    async owing(
      window: OpenWindow,
      ids?: string[],
    ): Promise<{ applies: Assignee[]; owed: Map<string, number> }> {
      const applies = (await deps.status.assignees(ids)).filter((person) => appliesTo(window.kind, person));
      const scope = ids ? applies.map((person) => person.id) : undefined;
      const owed = new Map<string, number>();
      if (applies.length === 0) return { applies, owed };
      const period = periodOf(window);
      if (period) {
        const submitted = await deps.status.submittedSelfChecks(period, scope);
        for (const person of applies) if (!submitted.has(person.id)) owed.set(person.id, 1);
      } else if (window.kind === 'declaration') {
        const submitted = await deps.status.submittedDeclarations(window.fiscalYear, scope);
        for (const person of applies) if (!submitted.has(person.id)) owed.set(person.id, 1);
      } else {
        const stats = await deps.status.goalStats(window.fiscalYear, window.openedAt, scope);
        for (const person of applies) {
          const mine = stats.get(person.id);
          // No goals at the mid-year or year-end: nothing to reflect on here; the goal-setting window is
          // where missing goals are asked for.
          const count =
            window.kind === 'goalSetting'
              ? mine && mine.goals > 0
                ? 0
                : 1
              : window.kind === 'midYear'
                ? (mine?.midYearOwed ?? 0)
                : (mine?.yearEndOwed ?? 0);
          if (count > 0) owed.set(person.id, count);
        }
      }
      return { applies, owed };
    },

    /**
     * What everyone owes in the window, a page of `pageSize` people at a time (in id order), so a run
     * over the whole city never holds more than one page of people in memory.
     */
    async *owingInPages(window: OpenWindow, pageSize: number): AsyncGenerator<Map<string, number>> {
      let after: string | null = null;
      for (;;) {
        const ids = await deps.status.idsAfter(after, pageSize);
        if (ids.length === 0) return;
        yield (await this.owing(window, ids)).owed;
        if (ids.length < pageSize) return;
        after = ids.at(-1)!;
      }
    },
  };
}

export type DueCalculator = ReturnType<typeof createDueCalculator>;
