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
// GET  /api/reports/mine                             → MyReport[] (self; every report I started or submitted,
//                                                      with its sharing status and my supervisors' comments)
// POST /api/reports/:reportId/comments               ← ReportCommentInput → ReportComment (the author's
//                                                      supervisor chain only; a repeat of the same requestId
//                                                      answers with the stored comment)
// (HR's 課 → channel mapping: channel-mapping.contract.ts)

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

export const REPORT_COMMENT_MAX = 1000;
export const COMMENT_REQUEST_ID_MAX = 64;

/**
 * Where a submitted report stands in being shared with the workplace:
 * - `submitted`: stored; the summary waits its turn in the bot's outbox;
 * - `shared`: the summary was posted to the channel mapped to the author's 課;
 * - `not_shared`: it will not be posted — no channel was mapped to the 課 at submission, or Teams refused
 *   it for good. The report still counts as submitted.
 */
export type ReportSharingStatus = 'submitted' | 'shared' | 'not_shared';
export type NotSharedReason = 'no_channel_mapped' | 'delivery_failed';

export interface ReportSharing {
  status: ReportSharingStatus;
  reason: NotSharedReason | null;
  /** The channel it goes (or went) to. */
  channelName: string | null;
  /** The author's supervisor was sent a notice with a link. */
  supervisorNotified: boolean;
}

/** A supervisor's comment on a report; the author sees it. */
export interface ReportComment {
  id: string;
  reportId: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface ReportCommentInput {
  text: string;
  /** Made once per comment form: a repeat (double click, retry) stores the comment once. */
  requestId: string;
}

/** One of my reports (started or submitted), for the tab's "mine" view. */
export interface MyReport {
  reportId: string;
  sessionId: string;
  courseId: string;
  courseTitle: { ja: string; en: string | null };
  start: string;
  end: string;
  status: ReportStatus;
  submittedAt: string | null;
  /** Null for a draft. */
  sharing: ReportSharing | null;
  comments: ReportComment[];
}

export interface ReportView extends ReportContent {
  /** Null while nothing is stored. */
  reportId?: string | null;
  sessionId: string;
  personId: string;
  status: ReportStatus;
  /** 0 while nothing is stored. */
  version: number;
  submittedAt: string | null;
  updatedAt: string | null;
  /** Once submitted: where it stands in being shared (absent for a draft). */
  sharing?: ReportSharing | null;
  /** Supervisors' comments, oldest first. */
  comments?: ReportComment[];
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
