// API contract shared with the tab: fiscal-year cycles (policy 7(3)①③, self-checks per half). HR (職員課)
// opens and closes the year's windows; everyone reads them and what they still owe.
//
// GET  /api/cycles?fiscalYear=YYYY               → CycleYearResponse (anyone; who/when and history for HR only)
// POST /api/cycles/windows                       ← CycleWindowInput → CycleWindow (HR; 409 if the year has that kind)
// PUT  /api/cycles/windows/:windowId             ← CycleRescheduleInput → CycleWindow (HR; planned days)
// POST /api/cycles/windows/:windowId/open        ← CycleOpenInput → CycleWindow (HR; also reopens a closed one)
// POST /api/cycles/windows/:windowId/close       ← CycleVersionInput → CycleWindow (HR)
// GET  /api/cycles/due                           → DueResponse (anyone: what is open and what I, and my team, still owe)

export const CYCLE_KINDS = [
  'goalSetting',
  'midYear',
  'yearEnd',
  'selfCheckH1',
  'selfCheckH2',
  'declaration',
] as const;
/** 期首 goal setting, 中間 (mid-year review), 期末 (year-end review), self-check 上期/下期, 自己申告. */
export type CycleKind = (typeof CYCLE_KINDS)[number];

/** scheduled: planned, not opened yet; open: HR opened it and its last day has not passed; closed. */
export type CycleWindowState = 'scheduled' | 'open' | 'closed';

export interface CycleActor {
  id: string;
  /** Null when the person is no longer in the directory. */
  displayName: string | null;
}

export interface CycleWindowEvent {
  /** ISO instant. */
  at: string;
  action: 'scheduled' | 'rescheduled' | 'opened' | 'reopened' | 'closed';
  actor: CycleActor;
  state: CycleWindowState;
  opensOn: string;
  closesOn: string;
}

export interface CycleWindow {
  id: string;
  fiscalYear: number;
  kind: CycleKind;
  state: CycleWindowState;
  /** Planned first and last day (YYYY-MM-DD, Japan time, inclusive); the last day is the deadline. */
  opensOn: string;
  closesOn: string;
  /** ISO instants of the last opening and closing (null when not yet). */
  openedAt: string | null;
  closedAt: string | null;
  /** Closed because its last day passed while HR left it open (closedAt stays null). */
  ended: boolean;
  version: number;
  /** HR only: who opened and closed it, and every change, oldest first. */
  openedBy?: CycleActor | null;
  closedBy?: CycleActor | null;
  history?: CycleWindowEvent[];
}

export interface CycleYearResponse {
  fiscalYear: number;
  /** The fiscal year of today (Japan time), so the tab need not work it out. */
  currentFiscalYear: number;
  /** Today in Japan (YYYY-MM-DD). */
  today: string;
  /** Configured windows, in CYCLE_KINDS order; a kind HR has not configured is absent. */
  windows: CycleWindow[];
}

export interface CycleWindowInput {
  fiscalYear: number;
  kind: CycleKind;
  opensOn: string;
  closesOn: string;
}

export interface CycleVersionInput {
  /** The version last read: a change crossing another HR change is refused (409 version_conflict). */
  version: number;
}

export interface CycleRescheduleInput extends CycleVersionInput {
  opensOn: string;
  closesOn: string;
}

export interface CycleOpenInput extends CycleVersionInput {
  /** A new last day, e.g. when reopening a window whose last day has passed. */
  closesOn?: string;
}

/** Something I still owe in an open window. */
export interface DueItem {
  kind: CycleKind;
  /** Null when no window is configured and the default rule applies (the current self-check half). */
  windowId: string | null;
  fiscalYear: number;
  /** The last day (YYYY-MM-DD, Japan time). */
  closesOn: string;
  /** What to do. */
  task: 'setGoals' | 'recordMidYear' | 'writeYearEnd' | 'submitSelfCheck' | 'submitDeclaration';
  /** Goals still lacking what the window asks for; 1 for a form to submit. */
  count: number;
  /** The self-check half (e.g. 2026-H2) for self-check items. */
  period?: string;
  /** The tab page where it is done. */
  page: 'goals' | 'self-check' | 'declaration';
}

/** How many of my team (everyone below me) still owe something in an open window. 自己申告 is never counted: it is confidential to HR. */
export interface TeamDueItem {
  kind: CycleKind;
  windowId: string | null;
  closesOn: string;
  task: DueItem['task'];
  /** People who still owe it. */
  owing: number;
  /** People it applies to. */
  of: number;
}

export interface DueResponse {
  today: string;
  /** Windows open now (HR-configured ones, plus the default self-check half where none is configured). */
  open: Array<{ kind: CycleKind; windowId: string | null; fiscalYear: number; closesOn: string }>;
  mine: DueItem[];
  /** Null for someone with nobody below them. */
  team: TeamDueItem[] | null;
}
