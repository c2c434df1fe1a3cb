// API contract shared with the tab and the bot: post-training reports (研修報告, policy 7(5)②, 7(2)②).
//
// One report per person and session, written by the attendee only (an enrolment of that session that is
// attended or reported). A draft is saved as the person types and survives leaving; submitting stores it
// once (a repeat with the same or another submission id answers with the stored report) and marks the
// enrolment `reported`.
//
// GET  /api/reports/due                              → DueReport[] (self; attended sessions not yet reported)
// GET  /api/reports/sessions/:sessionId              → ReportView (self, attendee; an empty draft at version 0
//                                                      when nothing is saved yet)
// PUT  /api/reports/sessions/:sessionId/draft        ← ReportDraftInput & { version } → ReportView (version 0 for
//                                                      the first save; 409 version_conflict on a stale one;
//                                                      409 conflict once submitted)
// POST /api/reports/sessions/:sessionId/submit       ← ReportSubmissionInput → ReportView (200 for the first and
//                                                      every repeat; the stored report either way)

export const REPORT_TEXT_MAX = 2000;
export const REPORT_WANTED_MAX = 1000;
export const REPORT_LINKS_MAX = 20;
export const REPORT_COURSES_MAX = 10;
export const SATISFACTION_MIN = 1;
export const SATISFACTION_MAX = 5;
/** A card or client makes one per form it shows; repeats of the same submission are recognised by it. */
export const SUBMISSION_ID_MAX = 64;

export type ReportStatus = 'draft' | 'submitted';

export interface ReportContent {
  /** What I learned (学んだこと). */
  learned: string;
  /** How I will use it in my workplace (職場でどう活かすか). */
  application: string;
  /** Framework competency ids and DRILL guideline ids the training strengthened. */
  competencyIds: string[];
  guidelineIds: string[];
  /** 1 (not satisfied) to 5 (very satisfied); null in a draft not yet rated. */
  satisfaction: number | null;
  /** Trainings I want next (今後受けたい研修): free text, plus optional catalog course ids. */
  wantedText: string;
  wantedCourseIds: string[];
}

export type ReportDraftInput = ReportContent & { version: number };

export type ReportSubmissionInput = Omit<ReportContent, 'satisfaction'> & {
  satisfaction: number;
  submissionId: string;
};

export interface ReportView extends ReportContent {
  sessionId: string;
  personId: string;
  status: ReportStatus;
  /** 0 while nothing is stored. */
  version: number;
  submittedAt: string | null;
  updatedAt: string | null;
}

export interface DueReport {
  sessionId: string;
  courseId: string;
  courseTitle: { ja: string; en: string | null };
  start: string;
  end: string;
  /** Something is saved already. */
  hasDraft: boolean;
}
