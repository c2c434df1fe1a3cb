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

import { z } from 'zod';
import { dbIntegerFromText } from '../http/user-input.ts';
import { FIRST_FISCAL_YEAR } from '../shared/fiscal-period.ts';
import { courseSessionRefSchema, localizedTextSchema } from '../training/training.contract.ts';

// One zod schema per shape: the routes validate and document with them, answers are checked against them
// outside production, and the types below (which the tab imports) are inferred from them.

/** Below this many people a group's free text and a competency cell's average are withheld. */
export const MIN_GROUP_SIZE = 3;

/** People whose level the people store does not know are counted under this level id. */
export const UNKNOWN_LEVEL = 'unknown';

export const csvLanguageSchema = z.enum(['ja', 'en']);
export type CsvLanguage = z.infer<typeof csvLanguageSchema>;

// --- Queries -----------------------------------------------------------------------------------------

const fiscalYear = dbIntegerFromText
  .min(FIRST_FISCAL_YEAR)
  .max(2200)
  .optional()
  .describe('The fiscal year (April–March), e.g. 2026; default the current one');
const lang = csvLanguageSchema.default('ja').describe('Language of the CSV column labels');
export const completionGroupSchema = z.enum(['department', 'division']);
export const competencyGroupSchema = z.enum(['level', 'department']);
const completionGroup = completionGroupSchema.default('department');
const competencyGroup = competencyGroupSchema.default('level');

/** `?fiscalYear=` of the year's roll-ups: the current fiscal year when absent. */
export const analyticsYearQuerySchema = z.object({ fiscalYear });
export type AnalyticsYearQuery = z.infer<typeof analyticsYearQuerySchema>;
/** The same for a CSV download, with `lang` for its column labels. */
export const analyticsYearCsvQuerySchema = z.object({ fiscalYear, lang });
export const completionQuerySchema = z.object({ fiscalYear, groupBy: completionGroup });
export type CompletionQuery = z.infer<typeof completionQuerySchema>;
export const completionCsvQuerySchema = completionQuerySchema.extend({ lang });
export const competencyQuerySchema = z.object({ groupBy: competencyGroup });
export type CompetencyQuery = z.infer<typeof competencyQuerySchema>;
export const competencyCsvQuerySchema = competencyQuerySchema.extend({ lang });

// --- Training report roll-up -------------------------------------------------------------------------

/** A course's title as the catalog stores it. */
export const courseTitleSchema = localizedTextSchema;
export type CourseTitle = z.infer<typeof courseTitleSchema>;

export const sessionSubmissionSchema = courseSessionRefSchema.extend({
  /** The 課 of a workplace course (職場研修, run by that 課); null for a course of HR's catalog. */
  workplaceDepartment: z.string().nullable(),
  /** Recorded as having attended (attended or reported). */
  attended: z.number(),
  /** Of those, reports submitted. */
  submitted: z.number(),
  /** submitted / attended, 0–1; null while nobody is recorded as attending. */
  rate: z.number().nullable(),
});
export type SessionSubmission = z.infer<typeof sessionSubmissionSchema>;

const submissionTotalsSchema = z.object({
  attended: z.number(),
  submitted: z.number(),
  rate: z.number().nullable(),
});

export const submissionReportSchema = z.object({
  fiscalYear: z.number(),
  /** Sessions that have ended and were not cancelled, the latest first. */
  sessions: z.array(sessionSubmissionSchema),
  totals: submissionTotalsSchema,
  /** The same totals for the catalog's sessions and for the 課' workplace training (職場研修) apart. */
  byScope: z.object({ catalog: submissionTotalsSchema, workplace: submissionTotalsSchema }),
});
export type SubmissionReport = z.infer<typeof submissionReportSchema>;

export const courseCountSchema = z.object({ courseId: z.string(), people: z.number() });
export type CourseCount = z.infer<typeof courseCountSchema>;

export const wantedCourseSchema = z.object({
  courseId: z.string(),
  title: courseTitleSchema,
  category: z.string(),
  archived: z.boolean(),
  /** Distinct people who picked the course in a submitted report. */
  people: z.number(),
  /** The same, per level id (people without a level under `unknown`). */
  byLevel: z.record(z.string(), z.number()),
});
export type WantedCourse = z.infer<typeof wantedCourseSchema>;

/** Who answered 今後受けたい研修: per level, per 課 (without pickers) and for the whole year. */
const wantedAnswerCountsSchema = z.object({
  /** People with a submitted report in the year. */
  respondents: z.number(),
  /** People who wrote something under 今後受けたい研修. */
  writers: z.number(),
  /** People who picked at least one catalog course. */
  pickers: z.number(),
});

export const wantedLevelSchema = wantedAnswerCountsSchema.extend({
  /** A framework level id, or `unknown` for people without one. */
  levelId: z.string(),
  courses: z.array(courseCountSchema),
});
export type WantedLevel = z.infer<typeof wantedLevelSchema>;

export const wantedDepartmentSchema = wantedAnswerCountsSchema.omit({ pickers: true }).extend({
  /** The 課 (empty string for people without one). */
  department: z.string(),
  division: z.string().nullable(),
  courses: z.array(courseCountSchema),
  /** The free text, in no particular person's order; null when fewer than MIN_GROUP_SIZE people wrote. */
  texts: z.array(z.string()).nullable().describe('null when fewer than minGroupSize people wrote'),
  hidden: z.boolean(),
});
export type WantedDepartment = z.infer<typeof wantedDepartmentSchema>;

export const wantedReportSchema = wantedAnswerCountsSchema.pick({ respondents: true }).extend({
  fiscalYear: z.number(),
  minGroupSize: z.number(),
  courses: z.array(wantedCourseSchema),
  levels: z.array(wantedLevelSchema),
  departments: z.array(wantedDepartmentSchema),
});
export type WantedReport = z.infer<typeof wantedReportSchema>;

// --- Dashboards --------------------------------------------------------------------------------------

const heldAndBooked = z.object({ held: z.number(), booked: z.number() });
/** Per interview type: held (ended) and booked (ahead). */
const interviewCountsSchema = z.object({
  goalSetting: heldAndBooked,
  midYear: heldAndBooked,
  yearEnd: heldAndBooked,
  career: heldAndBooked,
});
export const INTERVIEW_TYPES = interviewCountsSchema.keyof().options;
export type InterviewTypeId = (typeof INTERVIEW_TYPES)[number];

const completionCountsSchema = z.object({
  /** Staff with a job level in the group. */
  staff: z.number(),
  /** Self-checks submitted per half of the year; null for a half that has not begun. */
  selfChecks: z.object({ h1: z.number().nullable(), h2: z.number().nullable() }),
  /** People with at least one goal for the year. */
  goals: z.number(),
  interviews: interviewCountsSchema,
  /** Post-training reports: due = attendances of ended sessions; submitted of those. */
  reports: z.object({ due: z.number(), submitted: z.number() }),
});

export const completionRowSchema = completionCountsSchema.extend({
  /** The 課 (or 部 when grouped by division); empty string for people without one. */
  group: z.string(),
  division: z.string().nullable(),
});
export type CompletionRow = z.infer<typeof completionRowSchema>;

export const completionReportSchema = z.object({
  fiscalYear: z.number(),
  groupBy: completionGroupSchema,
  /** Which halves have begun (a self-check can be due). */
  halves: z.object({ h1: z.boolean(), h2: z.boolean() }),
  rows: z.array(completionRowSchema),
  totals: completionCountsSchema,
});
export type CompletionReport = z.infer<typeof completionReportSchema>;

export const competencyCellSchema = z.object({
  /** People whose latest submitted self-check rated this competency. */
  n: z.number(),
  /** Their average rating (1–5, two decimals); null when n < MIN_GROUP_SIZE — never the value. */
  average: z.number().nullable().describe('null when n < minGroupSize: never the value'),
});
export type CompetencyCell = z.infer<typeof competencyCellSchema>;

export const competencyRowSchema = z.object({
  /** A level id or a 課; `unknown` / empty string for people without one. */
  group: z.string(),
  /** People of the group with a submitted self-check. */
  people: z.number(),
  cells: z.record(z.string(), competencyCellSchema),
});
export type CompetencyRow = z.infer<typeof competencyRowSchema>;

export const competencyReportSchema = z.object({
  groupBy: competencyGroupSchema,
  minGroupSize: z.number(),
  /** Framework competency ids, in the framework's order: the columns. */
  competencyIds: z.array(z.string()),
  rows: z.array(competencyRowSchema),
});
export type CompetencyReport = z.infer<typeof competencyReportSchema>;

export const demandReportSchema = wantedAnswerCountsSchema.extend({
  fiscalYear: z.number(),
  /** Framework level ids in order (and `unknown` if anyone lacks one): the columns of `byLevel`. */
  levelIds: z.array(z.string()),
  /** Courses picked under 今後受けたい研修, most wanted first. */
  courses: z.array(wantedCourseSchema),
});
export type DemandReport = z.infer<typeof demandReportSchema>;
