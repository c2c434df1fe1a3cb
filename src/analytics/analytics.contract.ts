// API contract shared with the tab: HR's read-only roll-ups (policy 7(2)② training demand, 7(5)② reports
// returned to the workplace; issue 8 point 5 and issue 9 point 4). HR only (the HR app role); every read is
// written to the audit log (action `read`, CSV downloads `export`).
//
// Training report roll-up (sessions starting in the fiscal year, Japan time):
// GET /api/hr/reports/submission?fiscalYear=           → SubmissionReport
// GET /api/hr/reports/wanted?fiscalYear=               → WantedReport (今後受けたい研修)
// Dashboards (the fiscal year; people's 課/部 and level as the people store holds them now):
// GET /api/hr/dashboards/completion?fiscalYear=&groupBy=department|division → CompletionReport
// GET /api/hr/dashboards/competencies?groupBy=level|department              → CompetencyReport
// GET /api/hr/dashboards/demand?fiscalYear=            → DemandReport
//
// Every table has a CSV twin (same query, plus lang=ja|en for the column labels; UTF-8 with BOM, RFC 4180,
// formula-like cells neutralised; audited as `export`):
// GET /api/hr/reports/submission.csv · wanted-courses.csv · wanted-levels.csv · wanted-departments.csv ·
//     wanted-texts.csv (free text per 課, or "hidden (fewer than 3)")
// GET /api/hr/dashboards/completion.csv · competencies.csv · demand.csv

/** Below this many people a group's free text and a competency cell's average are withheld. */
export const MIN_GROUP_SIZE = 3;

/** People whose level the people store does not know are counted under this level id. */
export const UNKNOWN_LEVEL = 'unknown';

export type CsvLanguage = 'ja' | 'en';

export interface CourseTitle {
  ja: string;
  en: string | null;
}

export interface SessionSubmission {
  sessionId: string;
  courseId: string;
  courseTitle: CourseTitle;
  start: string;
  end: string;
  /** Recorded as having attended (attended or reported). */
  attended: number;
  /** Of those, reports submitted. */
  submitted: number;
  /** submitted / attended, 0–1; null while nobody is recorded as attending. */
  rate: number | null;
}

export interface SubmissionReport {
  fiscalYear: number;
  /** Sessions that have ended and were not cancelled, the latest first. */
  sessions: SessionSubmission[];
  totals: { attended: number; submitted: number; rate: number | null };
}

export interface CourseCount {
  courseId: string;
  people: number;
}

export interface WantedCourse {
  courseId: string;
  title: CourseTitle;
  category: string;
  archived: boolean;
  /** Distinct people who picked the course in a submitted report. */
  people: number;
  /** The same, per level id (people without a level under `unknown`). */
  byLevel: Record<string, number>;
}

export interface WantedLevel {
  /** A framework level id, or `unknown` for people without one. */
  levelId: string;
  /** People with a submitted report in the year. */
  respondents: number;
  /** People who wrote something under 今後受けたい研修. */
  writers: number;
  /** People who picked at least one catalog course. */
  pickers: number;
  courses: CourseCount[];
}

export interface WantedDepartment {
  /** The 課 (empty string for people without one). */
  department: string;
  division: string | null;
  respondents: number;
  writers: number;
  courses: CourseCount[];
  /** The free text, in no particular person's order; null when fewer than MIN_GROUP_SIZE people wrote. */
  texts: string[] | null;
  hidden: boolean;
}

export interface WantedReport {
  fiscalYear: number;
  minGroupSize: number;
  respondents: number;
  courses: WantedCourse[];
  levels: WantedLevel[];
  departments: WantedDepartment[];
}

export const INTERVIEW_TYPES = ['goalSetting', 'midYear', 'yearEnd', 'career'] as const;
export type InterviewTypeId = (typeof INTERVIEW_TYPES)[number];

export interface CompletionRow {
  /** The 課 (or 部 when grouped by division); empty string for people without one. */
  group: string;
  division: string | null;
  /** Staff with a job level in the group. */
  staff: number;
  /** Self-checks submitted per half of the year; null for a half that has not begun. */
  selfChecks: { h1: number | null; h2: number | null };
  /** People with at least one goal for the year. */
  goals: number;
  /** Per interview type: held (ended) and booked (ahead). */
  interviews: Record<InterviewTypeId, { held: number; booked: number }>;
  /** Post-training reports: due = attendances of ended sessions; submitted of those. */
  reports: { due: number; submitted: number };
}

export interface CompletionReport {
  fiscalYear: number;
  groupBy: 'department' | 'division';
  /** Which halves have begun (a self-check can be due). */
  halves: { h1: boolean; h2: boolean };
  rows: CompletionRow[];
  totals: Omit<CompletionRow, 'group' | 'division'>;
}

export interface CompetencyCell {
  /** People whose latest submitted self-check rated this competency. */
  n: number;
  /** Their average rating (1–5, two decimals); null when n < MIN_GROUP_SIZE — never the value. */
  average: number | null;
}

export interface CompetencyRow {
  /** A level id or a 課; `unknown` / empty string for people without one. */
  group: string;
  /** People of the group with a submitted self-check. */
  people: number;
  cells: Record<string, CompetencyCell>;
}

export interface CompetencyReport {
  groupBy: 'level' | 'department';
  minGroupSize: number;
  /** Framework competency ids, in the framework's order: the columns. */
  competencyIds: string[];
  rows: CompetencyRow[];
}

export interface DemandReport {
  fiscalYear: number;
  /** Framework level ids in order (and `unknown` if anyone lacks one): the columns of `byLevel`. */
  levelIds: string[];
  /** Courses picked under 今後受けたい研修, most wanted first. */
  courses: WantedCourse[];
  /** People who wrote free text, and those who picked at least one course. */
  writers: number;
  pickers: number;
  respondents: number;
}
