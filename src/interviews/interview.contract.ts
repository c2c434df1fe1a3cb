// API contract shared with the tab: one-on-one interviews (面談, policy 7(3)④, 7(4)④⑤).
//
// POST /api/interviews/plan          ← PlanRequest → PlanResponse   (supervisor chain of every person; reads free/busy)
// POST /api/interviews/bookings      ← BookingRequest → 202 BookingResponse (re-checks the slots, stores, enqueues)
// GET  /api/interviews?as=organizer|attendee&fiscalYear= → InterviewSummary[]
// GET  /api/interviews/:interviewId  → InterviewDetail (organizer, the supervisor chain, the attendee, HR)
// POST /api/interviews/:interviewId/reschedule ← { version, start, end } → InterviewDetail (organizer chain)
// POST /api/interviews/:interviewId/cancel     ← { version, reason } → InterviewDetail (organizer chain)
// PUT  /api/interviews/:interviewId/record     ← RecordInput → InterviewDetail (organizer chain; the attendee may tick action items)

export const INTERVIEW_TYPES = ['goalSetting', 'midYear', 'yearEnd', 'career'] as const;
export type InterviewType = (typeof INTERVIEW_TYPES)[number];

export const DEFAULT_DURATION_MINUTES = 30;
export const MAX_PEOPLE_PER_PLAN = 60;
/** getSchedule refuses windows of 62 days or more. */
export const MAX_WINDOW_DAYS = 61;
export const NOTE_MAX = 4000;
export const AGENDA_ITEMS_MAX = 30;
export const ACTION_ITEMS_MAX = 30;

export type NoSlotReason =
  | 'already_booked'
  | 'calendar_unavailable'
  | 'calendar_access_denied'
  | 'no_working_time'
  | 'organizer_busy'
  | 'attendee_busy'
  | 'no_common_time'
  | 'taken_by_other_interviews';

export interface PlanRequest {
  personIds: string[];
  type: InterviewType;
  durationMinutes: number;
  /** YYYY-MM-DD, Japan time, inclusive. */
  firstDay: string;
  lastDay: string;
  /** HH:MM, Japan time. Defaults 08:30–17:15 with 12:00–13:00 kept free. */
  dayStart: string;
  dayEnd: string;
  breaks: Array<{ start: string; end: string }>;
  bufferMinutes: number;
  minimumNoticeMinutes: number;
}

export interface Slot {
  /** ISO instants. */
  start: string;
  end: string;
}

export interface PlanResponse {
  slots: Array<Slot & { personId: string; displayName: string; alternatives: Slot[] }>;
  unplaced: Array<{ personId: string; displayName: string; reason: NoSlotReason }>;
}

export interface BookingRequest {
  /** Made by the tab once per confirmation: a retried or double-clicked confirmation books once. */
  idempotencyKey: string;
  type: InterviewType;
  plan: Omit<PlanRequest, 'personIds' | 'type'>;
  slots: Array<Slot & { personId: string }>;
}

export type InterviewStatus = 'pending' | 'booked' | 'failed' | 'cancelled';

export interface InterviewSummary {
  id: string;
  type: InterviewType;
  fiscalYear: number;
  organizerId: string;
  organizerName: string;
  personId: string;
  personName: string;
  start: string;
  end: string;
  /** pending: being put into Outlook; booked: in both calendars; failed: Outlook refused (see error). */
  status: InterviewStatus;
  /** The attendee's answer in Outlook. */
  response: 'none' | 'accepted' | 'tentative' | 'declined';
  /** Set when someone moved or deleted the event in Outlook rather than in the app. */
  changedInOutlook: 'moved' | 'deleted' | null;
  joinUrl: string | null;
  /**
   * Booked, but Outlook made the event without a Teams meeting (read back to be sure): the organizer's
   * mailbox cannot host Teams meetings. The organizer sees it; an administrator fixes the mailbox.
   */
  noTeamsLink: boolean;
  /** Pending only because the organizer's mailbox has reached Exchange's sending limit this minute. */
  waitingForSendingLimit: boolean;
  webLink: string | null;
  error: string | null;
  version: number;
}

export interface BookingResponse {
  bookingId: string;
  interviews: InterviewSummary[];
}

export interface AgendaItem {
  id: string;
  text: string;
  /** Where it came from: the person's goal, a competency item of their level, or typed freely. */
  source: 'goal' | 'competency' | 'free';
}

export interface ActionItem {
  id: string;
  text: string;
  done: boolean;
  /** The interview it was first agreed in, when carried over. */
  carriedFrom: string | null;
}

export interface InterviewDetail extends InterviewSummary {
  agenda: AgendaItem[];
  /** Shared with the attendee. */
  sharedNotes: string;
  /** The supervisor chain only; absent for the attendee. */
  privateNotes?: string;
  actionItems: ActionItem[];
}

export interface RecordInput {
  version: number;
  agenda: AgendaItem[];
  sharedNotes: string;
  /** The supervisor chain's; the attendee leaves it out (and may only change `done` of action items). */
  privateNotes?: string;
  actionItems: ActionItem[];
}
