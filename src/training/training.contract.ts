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

export const COURSE_CATEGORIES = ['basic', 'specialist', 'dispatch', 'selfStudy', 'qualification'] as const;
/** basic 基本研修 · specialist 専門研修 · dispatch 派遣研修 · selfStudy 自主研修/通信教育 · qualification 資格取得支援 */
export type CourseCategory = (typeof COURSE_CATEGORIES)[number];

export const COURSE_FORMATS = ['inPerson', 'online'] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];

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

export interface LocalizedInput {
  ja: string;
  /** Optional: the tab shows the Japanese text when there is no English. */
  en?: string | undefined;
}

export interface CourseInput {
  category: CourseCategory;
  title: LocalizedInput;
  description: LocalizedInput;
  /** Framework level ids; empty = every level. */
  targetLevelIds: string[];
  /** Completed years of service (from the hire date), inclusive; null = no bound. */
  minYearsOfService: number | null;
  maxYearsOfService: number | null;
  /** Framework competency ids and DRILL guideline ids the course develops. */
  competencyIds: string[];
  guidelineIds: string[];
  format: CourseFormat;
  provider: string;
}

export type IneligibleReason =
  'level_not_targeted' | 'level_unknown' | 'too_few_years' | 'too_many_years' | 'hire_date_unknown';

export interface Eligibility {
  eligible: boolean;
  /** Empty when eligible; each reason with a sentence in both languages. */
  reasons: Array<{ code: IneligibleReason; ja: string; en: string }>;
}

export interface CourseView extends Omit<CourseInput, 'title' | 'description'> {
  id: string;
  title: { ja: string; en: string | null };
  description: { ja: string; en: string | null };
  archived: boolean;
  version: number;
  /** Whether the caller fits the course's levels and years of service. */
  eligibility: Eligibility;
  /** Sessions still open for applications (deadline not passed, not cancelled). */
  openSessions: number;
}

export interface SessionInput {
  /** YYYY-MM-DD and HH:MM, Japan time. */
  date: string;
  startTime: string;
  endTime: string;
  /** Where it takes place; may be empty for an online session. */
  place: string;
  /** A Teams meeting is added to the event. */
  online: boolean;
  capacity: number;
  /** Last day to apply or be recommended (YYYY-MM-DD, Japan time, inclusive); not after the date. */
  applicationDeadline: string;
}

export type SessionStatus = 'scheduled' | 'cancelled';
/** pending: Outlook still owes the change; synced: in the calendar; failed: Outlook refused (see error). */
export type OutlookState = 'pending' | 'synced' | 'failed';

export interface SessionView extends SessionInput {
  id: string;
  courseId: string;
  courseTitle: { ja: string; en: string | null };
  /** ISO instants of the start and end. */
  start: string;
  end: string;
  status: SessionStatus;
  cancelReason: string | null;
  confirmed: number;
  waitlisted: number;
  /** Applications are accepted (scheduled, deadline not passed). */
  open: boolean;
  outlook: OutlookState;
  outlookError: string | null;
  webLink: string | null;
  joinUrl: string | null;
  /** An online session whose event came without a Teams meeting, even read back: the mailbox cannot host one. */
  noTeamsLink: boolean;
  version: number;
}

export interface CourseDetail extends CourseView {
  sessions: SessionView[];
}

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
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
/** How the enrolment started: the person applied, a supervisor recommended (推薦), HR nominated (指名). */
export type EnrolmentOrigin = 'application' | 'recommendation' | 'nomination';

export interface EnrolmentView {
  id: string;
  sessionId: string;
  courseId: string;
  courseTitle: { ja: string; en: string | null };
  category: CourseCategory;
  start: string;
  end: string;
  sessionStatus: SessionStatus;
  personId: string;
  personName: string;
  status: EnrolmentStatus;
  origin: EnrolmentOrigin;
  /** Who recommended or nominated (null for an application). */
  requestedById: string | null;
  requestedByName: string | null;
  /** The supervisor's reason (推薦理由) or HR's note; shown to the person. */
  reason: string;
  /** The person's own note when applying. */
  note: string;
  /** HR nominated someone outside the course's levels or years on purpose. */
  eligibilityOverridden: boolean;
  /** 1-based place on the waiting list, when waitlisted. */
  waitlistPosition: number | null;
  /** Why it was declined or withdrawn. */
  closingReason: string | null;
  /** The person is on the Outlook event. */
  inCalendar: boolean;
  /** Their answer to the Outlook invitation (null until read back from the event). */
  outlookResponse: 'none' | 'accepted' | 'tentative' | 'declined' | null;
  version: number;
  updatedAt: string;
}

export interface Roster {
  session: SessionView;
  /** Confirmed and attended first, then the waiting list in order, then the open requests, then closed ones. */
  enrolments: EnrolmentView[];
}

export interface Recommendation {
  course: CourseView;
  /** Why it is suggested, in both languages (the competency and rating, or the wish it matches). */
  reasons: Array<{
    kind: 'weakCompetency' | 'wanted';
    ja: string;
    en: string;
    competencyId?: string;
    rating?: number;
  }>;
  /** Lower ratings and more matches rank first. */
  score: number;
}
