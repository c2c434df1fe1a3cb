// API contract shared with the tab: training (研修, policy 7(2), 7(4)③).
//
// Catalog (everyone reads; HR = token with the HR app role manages):
// GET  /api/training/courses?view=fit|all&category=&archived=  → CourseView[]   (everyone; view=fit (default) keeps
//                                                  the courses the caller is eligible for; archived=true is HR only)
// GET  /api/training/courses/:courseId             → CourseDetail (everyone; an archived course HR only)
// POST /api/training/courses                       ← CourseInput → 201 CourseView (HR)
// PUT  /api/training/courses/:courseId             ← CourseInput & { version } → CourseView (HR; 409 on a stale version)
// POST /api/training/courses/:courseId/archive     ← { version } → CourseView (HR; its open sessions stay as they are)
//
// Sessions (HR schedules; one Outlook event in TRAINING_MAILBOX's calendar, attendees added as they are confirmed):
// PUT  /api/training/courses/:courseId/interest    → CourseView (self: tell me of its next session; 404 as the course's
//      page; 409 archived (HR), self-study or a session open; 403 another 課's workplace course (HR); 422 not meant
//      for the caller) · DELETE the same → CourseView (idempotent)
// POST /api/training/courses/:courseId/sessions    ← SessionInput → 201 SessionView (HR)
// PUT  /api/training/sessions/:sessionId           ← SessionInput & { version } → SessionView (HR; a new time moves the event)
// POST /api/training/sessions/:sessionId/cancel    ← { version, reason } → SessionView (HR; the event is cancelled)
// GET  /api/training/sessions/:sessionId/roster    → Roster (HR)
// GET  /api/training/sessions?from=&to=            → SessionView[] (everyone; sessions of live courses starting on
//                                                  those days, Japan time; default the next 180 days; at most 366)
//
// Enrolment (one live enrolment per person and session):
// POST /api/training/sessions/:sessionId/apply     ← { note } → 201 EnrolmentView (self; eligible, before the deadline)
// POST /api/training/sessions/:sessionId/recommend ← { personId, reason } → 201 EnrolmentView (the person's supervisor chain;
//                                                  eligible, before the deadline; the reason is shown to the person)
// POST /api/training/sessions/:sessionId/nominate  ← { personId, note, overrideEligibility } → 201 EnrolmentView (HR)
// POST /api/training/enrolments/:enrolmentId/confirm    ← { version } → EnrolmentView (HR; beyond capacity → waitlisted)
// POST /api/training/enrolments/:enrolmentId/decline    ← { version, reason } → EnrolmentView (HR; not selected)
// POST /api/training/enrolments/:enrolmentId/withdraw   ← { version, reason } → EnrolmentView (the person or HR;
//                                                  a confirmed seat freed moves the first waitlisted up)
// POST /api/training/enrolments/:enrolmentId/attendance ← { version } → EnrolmentView (HR; confirmed → attended, after the start)
// GET  /api/training/enrolments?personId=me|<id>   → EnrolmentView[] (self, supervisor chain, HR; others' reads audited)
// GET  /api/training/recommendations?personId=me|<id> → Recommendation[] (self, supervisor chain, HR; others' reads audited)
// GET  /api/training/team                          → EnrolmentView[] of everyone below the caller in the reporting
//                                                  lines (their supervisor's view of the team's training; audited)
//
// `reported` is set by the bot when the post-training report is stored (issue 8), through the service.

import { z } from 'zod';
import {
  COST_YEN_MAX,
  DAY_PATTERN,
  expectedVersion,
  MONTH_PATTERN,
  TIME_OF_DAY_PATTERN,
  versionedInput,
  versionInputSchema,
  versionStampFields,
  yenAmount,
} from '../http/contract-fragments.ts';
import { dbInteger, userText } from '../http/user-input.ts';

export const COURSE_CATEGORIES = ['basic', 'specialist', 'dispatch', 'selfStudy', 'qualification'] as const;
/** basic 基本研修 · specialist 専門研修 · dispatch 派遣研修 · selfStudy 自主研修/通信教育 · qualification 資格取得支援 */
export const courseCategorySchema = z.enum(COURSE_CATEGORIES);
export type CourseCategory = z.infer<typeof courseCategorySchema>;

/** catalog: HR's course (研修計画) · workplace: a 職場研修 run by a 課 for its own staff (課長/係長). */
export const COURSE_SCOPES = ['catalog', 'workplace'] as const;
export const courseScopeSchema = z.enum(COURSE_SCOPES);
export type CourseScope = z.infer<typeof courseScopeSchema>;

export const COURSE_FORMATS = ['inPerson', 'online'] as const;
export const courseFormatSchema = z.enum(COURSE_FORMATS);
export type CourseFormat = z.infer<typeof courseFormatSchema>;

export const COURSE_TITLE_MAX = 120;
export const COURSE_DESCRIPTION_MAX = 4000;
export const PROVIDER_MAX = 120;
export const PLACE_MAX = 200;
export const REASON_MAX = 1000;
export const NOTE_MAX = 1000;
export const CAPACITY_MAX = 1000;
export const YEARS_MAX = 50;
/** The longest window of GET /api/training/sessions. */
export const SESSION_WINDOW_MAX_DAYS = 366;

// One zod schema per shape: the routes validate requests and check answers with them, the OpenAPI
// document is built from them, and the types below (which the tab imports) are inferred from them.

/** YYYY-MM-DD, a day that exists. */
export const isoDate = z
  .string()
  .regex(DAY_PATTERN, 'must be YYYY-MM-DD')
  .refine(
    (day) =>
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
      new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    'no such day',
  );
export const yearMonth = z
  .string()
  .regex(MONTH_PATTERN, 'must be YYYY-MM')
  .meta({ examples: ['2027-05'] });
const hhmm = z.string().regex(TIME_OF_DAY_PATTERN, 'must be HH:MM (Japan time)');
const idList = z.array(userText.max(64)).max(20);
export const localized = (max: number, required: boolean) =>
  z
    .object({
      ja: required ? userText.trim().min(1).max(max) : userText.max(max),
      /** Optional: the tab shows the Japanese text when there is no English. */
      en: userText.max(max).optional(),
    })
    .strict();

/** A title or description as stored: Japanese always, English when given. */
export const localizedTextSchema = z.object({ ja: z.string(), en: z.string().nullable() });

/** Which course a session or an enrolment belongs to: its id and its title as stored. */
const courseRefFields = { courseId: z.string(), courseTitle: localizedTextSchema };

/** A session as the reports, the home and HR's roll-ups name it: which session of which course, and when. */
export const courseSessionRefSchema = z.object({
  sessionId: z.string(),
  ...courseRefFields,
  /** ISO instants of the start and end. */
  start: z.string(),
  end: z.string(),
});
/** The same where the answer names the course by its title only. */
export const sessionRefSchema = courseSessionRefSchema.omit({ courseId: true });

export const courseInputSchema = z
  .object({
    category: courseCategorySchema,
    title: localized(COURSE_TITLE_MAX, true),
    description: localized(COURSE_DESCRIPTION_MAX, false),
    /** Framework level ids; empty = every level. */
    targetLevelIds: idList,
    /** Completed years of service (from the hire date), inclusive; null = no bound. */
    minYearsOfService: dbInteger.min(0).max(YEARS_MAX).nullable(),
    maxYearsOfService: dbInteger.min(0).max(YEARS_MAX).nullable(),
    /** Framework competency ids and DRILL guideline ids the course develops. */
    competencyIds: idList,
    guidelineIds: idList,
    format: courseFormatSchema,
    provider: userText.max(PROVIDER_MAX),
    /**
     * YYYY-MM, Japan time: the month HR expects the next session, shown to staff while no session is open;
     * null clears it; absent keeps what is stored. Not a month already past.
     */
    nextSessionMonth: yearMonth.nullable().optional(),
    /**
     * Yen per attendee, for HR's training budget; null clears it; absent keeps what is stored. At most
     * COST_YEN_MAX (an absurd figure is a typing slip).
     */
    costYen: yenAmount(COST_YEN_MAX).nullable().optional(),
    /**
     * workplace: a 職場研修 of the caller's own 課 (a 課長 or 係長; the 課 is theirs, never chosen);
     * absent or catalog: HR's catalog. Fixed once made.
     */
    scope: courseScopeSchema.optional(),
    /** With scope workplace: the 課. HR names any; a 課長/係長 only their own (absent: the caller's 課). */
    ownerDepartment: userText.trim().min(1).max(100).optional(),
  })
  .strict();
export type CourseInput = z.infer<typeof courseInputSchema>;
export type LocalizedInput = CourseInput['title'];
export const courseUpdateSchema = courseInputSchema
  .omit({ scope: true, ownerDepartment: true })
  .extend({ version: expectedVersion })
  .strict();
export type CourseUpdateInput = z.infer<typeof courseUpdateSchema>;
export const versionOnlySchema = versionInputSchema;
export type VersionOnlyInput = z.infer<typeof versionOnlySchema>;

export const ineligibleReasonSchema = z.enum([
  'level_not_targeted',
  'level_unknown',
  'too_few_years',
  'too_many_years',
  'hire_date_unknown',
]);
export type IneligibleReason = z.infer<typeof ineligibleReasonSchema>;

export const eligibilitySchema = z.object({
  eligible: z.boolean(),
  /** Empty when eligible; each reason with a sentence in both languages. */
  reasons: z.array(z.object({ code: ineligibleReasonSchema, ja: z.string(), en: z.string() })),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const courseViewSchema = z.object({
  id: z.string(),
  category: courseCategorySchema,
  title: localizedTextSchema,
  description: localizedTextSchema,
  targetLevelIds: z.array(z.string()),
  minYearsOfService: z.number().nullable(),
  maxYearsOfService: z.number().nullable(),
  competencyIds: z.array(z.string()),
  guidelineIds: z.array(z.string()),
  format: courseFormatSchema,
  provider: z.string(),
  archived: z.boolean(),
  version: z.number(),
  eligibility: eligibilitySchema.describe('Whether the caller fits the course'),
  /** Sessions still open for applications (deadline not passed, not cancelled). */
  openSessions: z.number(),
  /** YYYY-MM: when HR expects the next session (null when not said). */
  nextSessionMonth: z.string().nullable(),
  /** Yen per attendee (null when HR has not said). */
  costYen: z.number().nullable(),
  /** catalog (HR's) or workplace (職場研修 of the 課 `ownerDepartment`, made by `organiserId`). */
  scope: courseScopeSchema,
  ownerDepartment: z.string().nullable(),
  organiserId: z.string().nullable(),
  /** Whether the caller may change the course and run its sessions (HR, or a 課長/係長 of its 課). */
  manageable: z.boolean(),
  /**
   * A self-study course (通信教育 / e-learning, no dated session) with its link, and whether a learning path
   * of the person the view is for names it (they may then start it though it is for other levels); null
   * for a course of sessions.
   */
  selfStudy: z.object({ externalUrl: z.string().nullable(), onMyPath: z.boolean() }).nullable(),
  /**
   * 開講されたら知らせてほしい: whether the caller waits to be told of the course's next session, whether
   * they may ask now (their own view of a live course of dated sessions with none open, meant for them),
   * and (to those who manage the course, else null) how many people wait.
   */
  waiting: z.object({ mine: z.boolean(), offered: z.boolean(), count: z.number().nullable() }),
});
export type CourseView = z.infer<typeof courseViewSchema>;

export const sessionInputSchema = z
  .object({
    /** YYYY-MM-DD and HH:MM, Japan time. */
    date: isoDate,
    startTime: hhmm,
    endTime: hhmm,
    /** Where it takes place; may be empty for an online session. */
    place: userText.max(PLACE_MAX),
    /** A Teams meeting is added to the event. */
    online: z.boolean(),
    capacity: dbInteger.min(1).max(CAPACITY_MAX),
    /** Last day to apply or be recommended (YYYY-MM-DD, Japan time, inclusive); not after the date. */
    applicationDeadline: isoDate,
  })
  .strict();
export type SessionInput = z.infer<typeof sessionInputSchema>;
export const sessionUpdateSchema = sessionInputSchema.extend({ version: expectedVersion }).strict();
export type SessionUpdateInput = z.infer<typeof sessionUpdateSchema>;
export const cancelSessionSchema = versionedInput({ reason: userText.trim().min(1).max(REASON_MAX) });
export type CancelSessionInput = z.infer<typeof cancelSessionSchema>;

export const sessionStatusSchema = z.enum(['scheduled', 'cancelled']);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;
/** pending: Outlook still owes the change; synced: in the calendar; failed: Outlook refused (see error). */
export const outlookStateSchema = z.enum(['pending', 'synced', 'failed']);
export type OutlookState = z.infer<typeof outlookStateSchema>;

export const sessionViewSchema = z.object({
  id: z.string(),
  ...courseRefFields,
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string(),
  online: z.boolean(),
  capacity: z.number(),
  applicationDeadline: z.string(),
  /** ISO instants of the start and end. */
  start: z.string(),
  end: z.string(),
  status: sessionStatusSchema,
  cancelReason: z.string().nullable(),
  confirmed: z.number(),
  waitlisted: z.number(),
  /** Applications are accepted (scheduled, deadline not passed). */
  open: z.boolean(),
  outlook: outlookStateSchema,
  outlookError: z.string().nullable(),
  webLink: z.string().nullable(),
  joinUrl: z.string().nullable(),
  /** An online session whose event came without a Teams meeting, even read back: the mailbox cannot host one. */
  noTeamsLink: z.boolean().describe('Online, but the event came without a Teams meeting'),
  version: z.number(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const courseDetailSchema = courseViewSchema.extend({ sessions: z.array(sessionViewSchema) });
export type CourseDetail = z.infer<typeof courseDetailSchema>;

export const ENROLMENT_STATUSES = [
  'applied',
  'recommended',
  'nominated',
  'confirmed',
  'waitlisted',
  'attended',
  'reported',
  'withdrawn',
  'declined',
] as const;
export const enrolmentStatusSchema = z.enum(ENROLMENT_STATUSES);
export type EnrolmentStatus = z.infer<typeof enrolmentStatusSchema>;
/** The statuses of someone on a session (its waiting list included): every one but withdrawn and declined. */
export const ON_SESSION_STATUSES: ReadonlySet<string> = new Set(
  ENROLMENT_STATUSES.filter((status) => status !== 'withdrawn' && status !== 'declined'),
);
/** How the enrolment started: the person applied, a supervisor recommended (推薦), HR nominated (指名). */
export const enrolmentOriginSchema = z.enum(['application', 'recommendation', 'nomination']);
export type EnrolmentOrigin = z.infer<typeof enrolmentOriginSchema>;

export const enrolmentViewSchema = z.object({
  id: z.string(),
  ...courseSessionRefSchema.shape,
  category: courseCategorySchema,
  sessionStatus: sessionStatusSchema,
  personId: z.string(),
  personName: z.string(),
  status: enrolmentStatusSchema,
  origin: enrolmentOriginSchema,
  /** Who recommended or nominated (null for an application). */
  requestedById: z.string().nullable(),
  requestedByName: z.string().nullable(),
  reason: z.string().describe('The supervisor’s reason (推薦理由) or HR’s note, shown to the person'),
  /** The person's own note when applying. */
  note: z.string(),
  /** HR nominated someone outside the course's levels or years on purpose. */
  eligibilityOverridden: z.boolean(),
  /** 1-based place on the waiting list, when waitlisted. */
  waitlistPosition: z.number().nullable(),
  /** Why it was declined or withdrawn. */
  closingReason: z.string().nullable(),
  /** The person is on the Outlook event. */
  inCalendar: z.boolean(),
  /** Their answer to the Outlook invitation (null until read back from the event). */
  outlookResponse: z.enum(['none', 'accepted', 'tentative', 'declined']).nullable(),
  ...versionStampFields,
});
export type EnrolmentView = z.infer<typeof enrolmentViewSchema>;

export const rosterSchema = z.object({
  session: sessionViewSchema,
  /** Confirmed and attended first, then the waiting list in order, then the open requests, then closed ones. */
  enrolments: z.array(enrolmentViewSchema),
});
export type Roster = z.infer<typeof rosterSchema>;

export const recommendationSchema = z.object({
  course: courseViewSchema,
  /** Why it is suggested, in both languages (the competency and rating, or the wish it matches). */
  reasons: z.array(
    z.object({
      kind: z.enum(['weakCompetency', 'wanted']),
      ja: z.string(),
      en: z.string(),
      competencyId: z.string().optional(),
      rating: z.number().optional(),
    }),
  ),
  /** Lower ratings and more matches rank first. */
  score: z.number(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const applyInputSchema = z.object({ note: userText.max(NOTE_MAX) }).strict();
export type ApplyInput = z.infer<typeof applyInputSchema>;
export const recommendInputSchema = z
  .object({ personId: userText.max(64), reason: userText.trim().min(1).max(REASON_MAX) })
  .strict();
export type RecommendInput = z.infer<typeof recommendInputSchema>;
export const nominateInputSchema = z
  .object({
    personId: userText.max(64),
    note: userText.max(NOTE_MAX),
    /** HR nominates someone outside the course's levels or years on purpose. */
    overrideEligibility: z.boolean(),
  })
  .strict();
export type NominateInput = z.infer<typeof nominateInputSchema>;
export const closeEnrolmentSchema = versionedInput({ reason: userText.max(REASON_MAX) });
export type CloseEnrolmentInput = z.infer<typeof closeEnrolmentSchema>;

/** `GET /api/training/courses`: the courses that fit the caller (view=fit) or all; archived ones for HR. */
export const courseListQuerySchema = z.object({
  view: z.enum(['fit', 'all']).default('fit'),
  category: courseCategorySchema.optional(),
  archived: z.enum(['true', 'false']).default('false').describe('true: archived courses (HR only)'),
});
export type CourseListQuery = z.input<typeof courseListQuerySchema>;

/** `GET /api/training/sessions`: days in Japan time, the next 180 days when absent. */
export const sessionWindowQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });
