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
// PUT  /api/reports/:reportId/audience              ← ReportAudienceInput → ReportAudienceView (the author only,
//                                                      403 otherwise; 409 version_conflict on a stale version;
//                                                      audited; `department` takes it out of the library at once)
// GET  /api/reports/library?courseId=&competencyId=&guidelineId=&department=&q=&cursor=&limit=
//                                                    → LibraryPage (everyone signed in; submitted reports whose
//                                                      author chose `organisation` only, newest first)
// GET  /api/reports/people/:personId/sessions/:sessionId → SupervisorReport (the author's supervisor chain
//                                                      only, 403 otherwise before anything is looked up;
//                                                      404 unless submitted; what the bot's notice card
//                                                      shows, with the caller's own comments; audited)
// (HR's 課 → channel mapping: channel-mapping.contract.ts)

import { z } from 'zod';
import { versionedInput, versionedOrNewInput } from '../http/contract-fragments.ts';
import { dbIntegerFromText, userText } from '../http/user-input.ts';
import { courseSessionRefSchema, sessionRefSchema } from '../training/training.contract.ts';

export const REPORT_TEXT_MAX = 2000;
export const REPORT_WANTED_MAX = 1000;
export const REPORT_LINKS_MAX = 20;
export const REPORT_COURSES_MAX = 10;
export const SATISFACTION_MIN = 1;
export const SATISFACTION_MAX = 5;
/** A card or client makes one per form it shows; repeats of the same submission are recognised by it. */
export const SUBMISSION_ID_MAX = 64;
export const REPORT_COMMENT_MAX = 1000;
export const COMMENT_REQUEST_ID_MAX = 64;

// One zod schema per shape: the routes validate requests and check answers with them, the bot validates
// card submissions with the same input schemas, and the types below are inferred from them.

/**
 * Who beyond the workplace reads a report (policy 7(5)②: results returned to the workplace and to the
 * whole organisation): `department` (課内のみ, the default: the 課's channel, the supervisor chain, HR) or
 * `organisation` (全庁に公開: also the organisation-wide library, GET /api/reports/library).
 */
export const REPORT_AUDIENCES = ['department', 'organisation'] as const;
export const reportAudienceSchema = z.enum(REPORT_AUDIENCES, {
  error: 'must be department (課内のみ) or organisation (全庁に公開)',
});
export type ReportAudience = z.infer<typeof reportAudienceSchema>;

export const reportStatusSchema = z.enum(['draft', 'submitted']);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

/** What a report says, as stored (a draft may be incomplete). */
export const reportContentSchema = z.object({
  /** What I learned (学んだこと). */
  learned: z.string(),
  /** How I will use it in my workplace (職場でどう活かすか). */
  application: z.string(),
  /** Framework competency ids and DRILL guideline ids the training strengthened. */
  competencyIds: z.array(z.string()),
  guidelineIds: z.array(z.string()),
  /** 1 (not satisfied) to 5 (very satisfied); null in a draft not yet rated. */
  satisfaction: z.number().nullable(),
  /** Trainings I want next (今後受けたい研修): free text, plus optional catalog course ids. */
  wantedText: z.string(),
  wantedCourseIds: z.array(z.string()),
});
export type ReportContent = z.infer<typeof reportContentSchema>;

const idList = (max: number, what: string) =>
  z.array(userText.max(64)).max(max, `choose at most ${max} ${what}`);
const satisfaction = z
  .number()
  .int('must be a whole number')
  .min(SATISFACTION_MIN, `must be ${SATISFACTION_MIN} to ${SATISFACTION_MAX}`)
  .max(SATISFACTION_MAX, `must be ${SATISFACTION_MIN} to ${SATISFACTION_MAX}`);
/** The id a form makes once: 8 to 64 letters, digits, - and _. */
const formId = (what: string, max: number) =>
  userText
    .min(8, `must be the id of ${what} (8 to ${max} characters)`)
    .max(max, `must be the id of ${what} (8 to ${max} characters)`)
    .regex(/^[A-Za-z0-9_-]+$/, 'may hold letters, digits, - and _ only');

/** A draft may be incomplete: lengths and ids are checked, nothing is required. */
export const reportDraftSchema = versionedOrNewInput({
  learned: userText.max(REPORT_TEXT_MAX, `must be at most ${REPORT_TEXT_MAX} characters`),
  application: userText.max(REPORT_TEXT_MAX, `must be at most ${REPORT_TEXT_MAX} characters`),
  competencyIds: idList(REPORT_LINKS_MAX, 'competencies'),
  guidelineIds: idList(REPORT_LINKS_MAX, 'guidelines'),
  satisfaction: satisfaction.nullable(),
  wantedText: userText.max(REPORT_WANTED_MAX, `must be at most ${REPORT_WANTED_MAX} characters`),
  wantedCourseIds: idList(REPORT_COURSES_MAX, 'courses'),
  /** The author's choice so far; absent leaves it as stored (課内のみ for a new draft). */
  audience: reportAudienceSchema.optional(),
});
export type ReportDraftInput = z.infer<typeof reportDraftSchema>;

/** A submission: the two texts and the satisfaction are required. */
export const reportSubmissionSchema = z
  .object({
    submissionId: formId('the form', SUBMISSION_ID_MAX),
    learned: userText
      .trim()
      .min(1, 'is required: write what you learned (学んだこと)')
      .max(REPORT_TEXT_MAX, `must be at most ${REPORT_TEXT_MAX} characters`),
    application: userText
      .trim()
      .min(1, 'is required: write how you will use it in your workplace (職場での活かし方)')
      .max(REPORT_TEXT_MAX, `must be at most ${REPORT_TEXT_MAX} characters`),
    competencyIds: idList(REPORT_LINKS_MAX, 'competencies'),
    guidelineIds: idList(REPORT_LINKS_MAX, 'guidelines'),
    satisfaction,
    wantedText: userText.trim().max(REPORT_WANTED_MAX, `must be at most ${REPORT_WANTED_MAX} characters`),
    wantedCourseIds: idList(REPORT_COURSES_MAX, 'courses'),
    /** 課内のみ when absent; a repeat of a submission does not change it (PUT …/audience does). */
    audience: reportAudienceSchema.optional(),
  })
  .strict();
export type ReportSubmissionInput = z.infer<typeof reportSubmissionSchema>;

/**
 * Where a submitted report stands in being shared with the workplace:
 * - `submitted`: stored; the summary waits its turn in the bot's outbox;
 * - `shared`: the summary was posted to the channel mapped to the author's 課;
 * - `not_shared`: it will not be posted — no channel was mapped to the 課 at submission, or Teams refused
 *   it for good. The report still counts as submitted.
 */
export const reportSharingStatusSchema = z.enum(['submitted', 'shared', 'not_shared']);
export type ReportSharingStatus = z.infer<typeof reportSharingStatusSchema>;
export const notSharedReasonSchema = z.enum(['no_channel_mapped', 'delivery_failed']);
export type NotSharedReason = z.infer<typeof notSharedReasonSchema>;

export const reportSharingSchema = z
  .object({
    status: reportSharingStatusSchema,
    reason: notSharedReasonSchema.nullable(),
    /** The channel it goes (or went) to. */
    channelName: z.string().nullable(),
    /** The author's supervisor was sent a notice with a link. */
    supervisorNotified: z.boolean(),
  })
  .describe('Where a submitted report stands in being shared with the workplace');
export type ReportSharing = z.infer<typeof reportSharingSchema>;

/** A supervisor's comment on a report; the author sees it. */
export const reportCommentSchema = z.object({
  id: z.string(),
  reportId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type ReportComment = z.infer<typeof reportCommentSchema>;

export const reportCommentInputSchema = z
  .object({
    text: userText
      .trim()
      .min(1, 'is required: write the comment')
      .max(REPORT_COMMENT_MAX, `must be at most ${REPORT_COMMENT_MAX} characters`),
    /** Made once per comment form: a repeat (double click, retry) stores the comment once. */
    requestId: formId('the comment form', COMMENT_REQUEST_ID_MAX),
  })
  .strict();
export type ReportCommentInput = z.infer<typeof reportCommentInputSchema>;

/**
 * A submitted report as the author's supervisor reads it in the tab: what the bot's notice card shows (the
 * two texts and what the training strengthened; not the satisfaction or the wishes, which go to HR) and the
 * comments the caller sent, oldest first.
 */
export const supervisorReportSchema = reportContentSchema
  .pick({ learned: true, application: true, competencyIds: true, guidelineIds: true })
  .extend({
    reportId: z.string(),
    ...sessionRefSchema.shape,
    personId: z.string(),
    personName: z.string(),
    submittedAt: z.string(),
    comments: z.array(reportCommentSchema),
  });
export type SupervisorReport = z.infer<typeof supervisorReportSchema>;

/** One of my reports (started or submitted), for the tab's "mine" view. */
export const myReportSchema = z.object({
  reportId: z.string(),
  ...courseSessionRefSchema.shape,
  status: reportStatusSchema,
  submittedAt: z.string().nullable(),
  /** Null for a draft. */
  sharing: reportSharingSchema.nullable(),
  comments: z.array(reportCommentSchema),
  /** Who beyond the 課 reads it, and the version a change of it sends back. */
  audience: reportAudienceSchema,
  version: z.number(),
});
export type MyReport = z.infer<typeof myReportSchema>;

export const reportViewSchema = reportContentSchema.extend({
  /** Null while nothing is stored. */
  reportId: z.string().nullable().optional(),
  sessionId: z.string(),
  personId: z.string(),
  status: reportStatusSchema,
  version: z.number().describe('0 while nothing is stored'),
  submittedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** Once submitted: where it stands in being shared (absent for a draft). */
  sharing: reportSharingSchema.nullable().optional(),
  /** Supervisors' comments, oldest first. */
  comments: z.array(reportCommentSchema).optional(),
  /** Who beyond the 課 reads it (課内のみ until the author chooses otherwise). */
  audience: reportAudienceSchema.optional(),
});
export type ReportView = z.infer<typeof reportViewSchema>;

export const dueReportSchema = courseSessionRefSchema.extend({
  /** Something is saved already. */
  hasDraft: z.boolean(),
});
export type DueReport = z.infer<typeof dueReportSchema>;

/** The author changes who reads the report beyond the 課, naming the version last read. */
export const reportAudienceInputSchema = versionedInput({ audience: reportAudienceSchema });
export type ReportAudienceInput = z.infer<typeof reportAudienceInputSchema>;

export const reportAudienceViewSchema = z.object({
  reportId: z.string(),
  audience: reportAudienceSchema,
  version: z.number(),
});
export type ReportAudienceView = z.infer<typeof reportAudienceViewSchema>;

// The organisation-wide library (研修報告ライブラリ): submitted reports their authors shared 全庁に公開.

export const LIBRARY_PAGE_MAX = 50;
export const LIBRARY_QUERY_MAX = 100;
/** The 課 a library search names. */
export const LIBRARY_DEPARTMENT_MAX = 100;
/** `<submittedAt in epoch ms>_<report id>` of the last entry of the previous page. */
const LIBRARY_CURSOR = /^\d{1,15}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const libraryId = (what: string) =>
  userText.trim().min(1, `must name ${what}`).max(64, `must be the id of ${what}`).optional();

export const libraryQuerySchema = z
  .object({
    courseId: userText
      .trim()
      .regex(UUID_TEXT, 'must be the id of a course of the catalog')
      .optional()
      .describe('Only reports on sessions of this course'),
    competencyId: libraryId('a competency of the policy').describe('Only reports linked to this competency'),
    guidelineId: libraryId('a DRILL guideline').describe('Only reports linked to this DRILL guideline'),
    department: userText
      .trim()
      .min(1, 'must name a 課')
      .max(LIBRARY_DEPARTMENT_MAX, `must be at most ${LIBRARY_DEPARTMENT_MAX} characters`)
      .optional()
      .describe('Only reports of authors now in this 課'),
    q: userText
      .trim()
      .min(1, 'must not be blank: leave it out to search for everything')
      .max(LIBRARY_QUERY_MAX, `must be at most ${LIBRARY_QUERY_MAX} characters`)
      .optional()
      .describe('Words the shared texts, the course title or the author’s name contain'),
    cursor: z
      .string()
      .regex(LIBRARY_CURSOR, 'must be the nextCursor of a previous page')
      .optional()
      .describe('nextCursor of the previous page'),
    limit: dbIntegerFromText
      .min(1, `must be 1 to ${LIBRARY_PAGE_MAX}`)
      .max(LIBRARY_PAGE_MAX, `must be 1 to ${LIBRARY_PAGE_MAX}`)
      .default(20),
  })
  .strict();
export type LibraryQuery = z.infer<typeof libraryQuerySchema>;

/**
 * A report in the library: who wrote it (name and their 課 now), on which session of which course, and
 * what they shared — never the satisfaction, the trainings wanted (HR only) or supervisors' comments.
 */
export const libraryEntrySchema = reportContentSchema
  .pick({ learned: true, application: true, competencyIds: true, guidelineIds: true })
  .extend({
    reportId: z.string(),
    ...courseSessionRefSchema.shape,
    personId: z.string(),
    personName: z.string(),
    department: z.string().nullable(),
    submittedAt: z.string(),
  });
export type LibraryEntry = z.infer<typeof libraryEntrySchema>;

export const libraryCourseCountSchema = z.object({
  courseId: z.string(),
  courseTitle: courseSessionRefSchema.shape.courseTitle,
  reports: z.number(),
});
export type LibraryCourseCount = z.infer<typeof libraryCourseCountSchema>;

/** One page, newest first, with how many match and, per course, how many match the other filters. */
export const libraryPageSchema = z.object({
  entries: z.array(libraryEntrySchema),
  nextCursor: z.string().nullable(),
  /** Reports matching every filter (all pages). */
  total: z.number(),
  /** Per course, the reports matching every filter but the course: the per-course view's list. */
  courses: z.array(libraryCourseCountSchema),
});
export type LibraryPage = z.infer<typeof libraryPageSchema>;
