// What the cycles slice needs to know of people's growth records to say what they still owe: bulk answers
// for a whole team or the whole city in one query each, without reading anyone's content. This is the
// port; the growth slice implements it over its own tables (src/growth/growth-status.adapter.ts), so
// those slices' services need not grow per-person lookups that would also write an audit row for every
// reminder.

export interface Assignee {
  id: string;
  levelId: string | null;
  employmentType: 'regular' | 'fiscalYear';
}

export interface GoalStats {
  goals: number;
  /** Goals without a mid-year reflection, or without progress recorded since the window opened. */
  midYearOwed: number;
  /** Goals without a year-end reflection. */
  yearEndOwed: number;
}

/** `ids` undefined means everyone. */
export interface GrowthStatus {
  assignees(ids?: string[]): Promise<Assignee[]>;
  /** Up to `limit` people's ids after `afterId` (from the start when null), in id order: one page. */
  idsAfter(afterId: string | null, limit: number): Promise<string[]>;
  submittedSelfChecks(period: string, ids?: string[]): Promise<Set<string>>;
  goalStats(fiscalYear: number, progressSince: Date | null, ids?: string[]): Promise<Map<string, GoalStats>>;
  submittedDeclarations(fiscalYear: number, ids?: string[]): Promise<Set<string>>;
}
