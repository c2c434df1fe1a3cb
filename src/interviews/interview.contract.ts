// API contract shared with the tab: one-on-one interviews (面談, policy 7(3)④, 7(4)④⑤).
//
// POST /api/interviews/plan          ← PlanRequest → PlanResponse   (supervisor chain of every person; reads free/busy)
// POST /api/interviews/bookings      ← BookingRequest → 202 BookingResponse (re-checks the slots, stores, enqueues)
// GET  /api/interviews?as=organizer|attendee&fiscalYear= → InterviewSummary[]
// GET  /api/interviews/:interviewId  → InterviewDetail (organizer, the supervisor chain, the attendee, HR)
// POST /api/interviews/:interviewId/reschedule ← RescheduleInput → InterviewDetail (organizer chain)
// POST /api/interviews/:interviewId/cancel     ← CancelInput → InterviewDetail (organizer chain)
// POST /api/interviews/:interviewId/cancel-series ← CancelInput → InterviewDetail (organizer chain; the
//                                                remaining occurrences of its recurring 1:1 series)
// PUT  /api/interviews/:interviewId/record     ← RecordInput → InterviewDetail (organizer chain; the attendee may tick
//                                                action items and, until it starts, write their own agenda items)
//
// 1:1 requests (a person asks their direct supervisor for a 1:1; the supervisor books or declines):
// POST /api/interview-requests                     ← RequestInput → 201 InterviewRequest (the person; one open at a time)
// GET  /api/interview-requests?as=requester|supervisor → InterviewRequest[]
// POST /api/interview-requests/:requestId/decline  ← DeclineInput → InterviewRequest (the supervisor it went to)
// Accepting is booking: POST /api/interviews/bookings with `requestId` (type oneOnOne, that person).
//
// One zod schema per shape: the routes validate, answer and document with them, and the types below
// (which the tab imports) are inferred from them.

import { z } from 'zod';
import {
  dayFormat,
  fiscalYearListQuery,
  TIME_OF_DAY_PATTERN,
  versionedInput,
} from '../http/contract-fragments.ts';
import { dbInteger, userText } from '../http/user-input.ts';

/**
 * The four formal interviews of the cycle (one live per person, type and fiscal year), then the 1:1
 * (1on1): booked any time, as often as the supervisor and the person like, and never counted as a
 * formal interview.
 */
export const FORMAL_INTERVIEW_TYPES = ['goalSetting', 'midYear', 'yearEnd', 'career'] as const;
export const INTERVIEW_TYPES = [...FORMAL_INTERVIEW_TYPES, 'oneOnOne'] as const;
export const interviewTypeSchema = z.enum(INTERVIEW_TYPES);
export type InterviewType = z.infer<typeof interviewTypeSchema>;
export type FormalInterviewType = (typeof FORMAL_INTERVIEW_TYPES)[number];
/** Whether a type is one of the formal interviews (not a 1:1). */
export const isFormalInterview = (type: InterviewType): type is FormalInterviewType =>
  (FORMAL_INTERVIEW_TYPES as readonly string[]).includes(type);

export const DEFAULT_DURATION_MINUTES = 30;
export const MAX_PEOPLE_PER_PLAN = 60;
/** getSchedule refuses windows of 62 days or more. */
export const MAX_WINDOW_DAYS = 61;
/** How long an interview may last, and the most time kept free between two, in minutes. */
export const DURATION_MIN_MINUTES = 10;
export const DURATION_MAX_MINUTES = 240;
export const BUFFER_MAX_MINUTES = 120;
/** Times of day kept free (lunch…) a plan may have. */
export const BREAKS_MAX = 5;
export const NOTE_MAX = 4000;
export const AGENDA_ITEMS_MAX = 30;
export const ACTION_ITEMS_MAX = 30;
/** An agenda or action item's text. */
export const ITEM_TEXT_MAX = 300;
export const CANCEL_REASON_MAX = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const time = z.string().regex(TIME_OF_DAY_PATTERN, 'must be HH:MM');
const instant = z.iso.datetime({ offset: true });
const personId = z.string().regex(UUID, 'must be a person id');

/** Why a person got no slot; `already_booked` when they have this formal interview this fiscal year. */
export const noSlotReasonSchema = z.enum([
  'already_booked',
  'calendar_unavailable',
  'calendar_access_denied',
  'no_working_time',
  'organizer_busy',
  'attendee_busy',
  'no_common_time',
  'taken_by_other_interviews',
]);
export type NoSlotReason = z.infer<typeof noSlotReasonSchema>;

/** How to plan: the same for a proposal and for the booking that confirms it. */
export const planOptionsSchema = z
  .object({
    durationMinutes: dbInteger
      .min(DURATION_MIN_MINUTES)
      .max(DURATION_MAX_MINUTES)
      .default(DEFAULT_DURATION_MINUTES),
    /** YYYY-MM-DD, Japan time, inclusive. */
    firstDay: dayFormat,
    lastDay: dayFormat,
    /** HH:MM, Japan time. Defaults 08:30–17:15 with 12:00–13:00 kept free. */
    dayStart: time.default('08:30'),
    dayEnd: time.default('17:15'),
    breaks: z
      .array(z.object({ start: time, end: time }).strict())
      .max(BREAKS_MAX)
      .default([{ start: '12:00', end: '13:00' }]),
    bufferMinutes: dbInteger.min(0).max(BUFFER_MAX_MINUTES).default(0),
    minimumNoticeMinutes: dbInteger
      .min(0)
      .max(14 * 24 * 60)
      .default(24 * 60),
  })
  .strict();
export type PlanOptions = z.infer<typeof planOptionsSchema>;

export const planInputSchema = planOptionsSchema
  .extend({
    personIds: z.array(personId).min(1).max(MAX_PEOPLE_PER_PLAN),
    type: interviewTypeSchema,
  })
  .strict();
/** A plan request with its defaults filled in (what the service works with). */
export type PlanRequest = z.infer<typeof planInputSchema>;

export const slotSchema = z.object({
  /** ISO instants. */
  start: z.string(),
  end: z.string(),
});
export type Slot = z.infer<typeof slotSchema>;

export const planResponseSchema = z.object({
  slots: z.array(
    slotSchema.extend({ personId: z.string(), displayName: z.string(), alternatives: z.array(slotSchema) }),
  ),
  unplaced: z.array(z.object({ personId: z.string(), displayName: z.string(), reason: noSlotReasonSchema })),
});
export type PlanResponse = z.infer<typeof planResponseSchema>;

/** How often a series of 1:1s repeats (weeks between occurrences) and how many it may have. */
export const SERIES_INTERVAL_WEEKS = [1, 2, 4] as const;
export const SERIES_OCCURRENCES_MIN = 2;
export const SERIES_OCCURRENCES_MAX = 26;

/**
 * A recurring 1:1 series: one Outlook recurring meeting, one interview record per occurrence. Either a
 * number of occurrences or a last day (Japan time) that gives one within the same bounds.
 */
export const seriesInputSchema = z
  .object({
    intervalWeeks: z.union([z.literal(1), z.literal(2), z.literal(4)]),
    occurrences: dbInteger.min(SERIES_OCCURRENCES_MIN).max(SERIES_OCCURRENCES_MAX).optional(),
    /** YYYY-MM-DD, Japan time, inclusive: the last occurrence falls on or before it. */
    until: dayFormat.optional(),
  })
  .strict()
  .refine((series) => (series.occurrences === undefined) !== (series.until === undefined), {
    message: 'give either occurrences or until',
    path: ['occurrences'],
  });
export type SeriesInput = z.infer<typeof seriesInputSchema>;

export const bookingInputSchema = z
  .object({
    /** Made by the tab once per confirmation: a retried or double-clicked confirmation books once. */
    idempotencyKey: z.string().regex(UUID, 'must be a UUID made by the client'),
    /** Accepts this open 1:1 request: one slot, for its requester, type oneOnOne. */
    requestId: z.string().regex(UUID, 'must be a request id').optional(),
    type: interviewTypeSchema,
    plan: planOptionsSchema,
    slots: z
      .array(z.object({ personId, start: instant, end: instant }).strict())
      .min(1)
      .max(MAX_PEOPLE_PER_PLAN),
    /** Books a recurring 1:1 series (type oneOnOne, one slot: the first occurrence). */
    series: seriesInputSchema.optional(),
  })
  .strict();
export type BookingRequest = z.infer<typeof bookingInputSchema>;

export const interviewStatusSchema = z.enum(['pending', 'booked', 'failed', 'cancelled']);
export type InterviewStatus = z.infer<typeof interviewStatusSchema>;

export const interviewSummarySchema = z.object({
  id: z.string(),
  type: interviewTypeSchema,
  fiscalYear: z.number(),
  organizerId: z.string(),
  organizerName: z.string(),
  personId: z.string(),
  personName: z.string(),
  start: z.string(),
  end: z.string(),
  /** pending: being put into Outlook; booked: in both calendars; failed: Outlook refused (see error). */
  status: interviewStatusSchema,
  /** The attendee's answer in Outlook. */
  response: z.enum(['none', 'accepted', 'tentative', 'declined']),
  /** Set when someone moved or deleted the event in Outlook rather than in the app. */
  changedInOutlook: z.enum(['moved', 'deleted']).nullable(),
  joinUrl: z.string().nullable(),
  /**
   * Booked, but Outlook made the event without a Teams meeting (read back to be sure): the organizer's
   * mailbox cannot host Teams meetings. The organizer sees it; an administrator fixes the mailbox.
   */
  noTeamsLink: z.boolean().describe('Booked without a Teams meeting: the organizer mailbox cannot host one'),
  waitingForSendingLimit: z
    .boolean()
    .describe("Pending only because the organizer mailbox has reached Exchange's sending limit this minute"),
  webLink: z.string().nullable(),
  error: z.string().nullable(),
  /** The recurring 1:1 series this occurrence belongs to, and its place in it (0 the first). */
  seriesId: z.string().nullable().optional(),
  seriesIndex: z.number().nullable().optional(),
  version: z.number(),
});
export type InterviewSummary = z.infer<typeof interviewSummarySchema>;

/** An occurrence after the first that meets busy time in either calendar (it is booked all the same). */
export const seriesCollisionSchema = z.object({
  seriesIndex: z.number(),
  start: z.string(),
  end: z.string(),
  organizerBusy: z.boolean(),
  attendeeBusy: z.boolean(),
});
export type SeriesCollision = z.infer<typeof seriesCollisionSchema>;

export const bookingResponseSchema = z.object({
  bookingId: z.string(),
  interviews: z.array(interviewSummarySchema),
  /** For a series: the occurrences after the first that collide with either calendar. */
  collisions: z.array(seriesCollisionSchema).optional(),
});
export type BookingResponse = z.infer<typeof bookingResponseSchema>;

export const agendaItemSchema = z.object({
  id: z.string(),
  text: z.string(),
  /**
   * Where it came from: the person's goal, a competency item of their level, typed freely by the
   * supervisor chain, or added by the person themselves before the meeting (`self`).
   */
  source: z.enum(['goal', 'competency', 'free', 'self']),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const actionItemSchema = z.object({
  id: z.string(),
  text: z.string(),
  done: z.boolean(),
  /** The interview it was first agreed in, when carried over. */
  carriedFrom: z.string().nullable(),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

export const interviewDetailSchema = interviewSummarySchema.extend({
  agenda: z.array(agendaItemSchema),
  /** Shared with the attendee. */
  sharedNotes: z.string(),
  /** The supervisor chain only; absent for the attendee. */
  privateNotes: z.string().optional().describe('The supervisor chain only'),
  actionItems: z.array(actionItemSchema),
  /**
   * In a series: the previous occurrence held (not cancelled), its shared notes and its action items
   * still open. Its private notes are never here (the chain reads them in that occurrence).
   */
  previousOccurrence: z
    .object({
      id: z.string(),
      start: z.string(),
      sharedNotes: z.string(),
      openActionItems: z.array(actionItemSchema),
    })
    .nullable()
    .optional(),
});
export type InterviewDetail = z.infer<typeof interviewDetailSchema>;

/** `?as=organizer|attendee&fiscalYear=` of the interview list. */
export const interviewListQuerySchema = z.object({
  as: z.enum(['organizer', 'attendee']).default('attendee'),
  fiscalYear: fiscalYearListQuery,
});

/** One person's interviews, for them, their supervisor chain and HR (the evaluator's view of notes). */
export const personInterviewsQuerySchema = z.object({ fiscalYear: fiscalYearListQuery });

export const rescheduleInputSchema = versionedInput({ start: instant, end: instant });
export type RescheduleInput = z.infer<typeof rescheduleInputSchema>;

export const cancelInputSchema = versionedInput({ reason: userText.max(CANCEL_REASON_MAX).default('') });
export type CancelInput = z.infer<typeof cancelInputSchema>;

const itemId = userText.min(1).max(64);
const itemText = userText.trim().min(1).max(ITEM_TEXT_MAX);
export const recordInputSchema = versionedInput({
  agenda: z
    .array(z.object({ id: itemId, text: itemText, source: agendaItemSchema.shape.source }).strict())
    .max(AGENDA_ITEMS_MAX),
  sharedNotes: userText.max(NOTE_MAX),
  /**
   * The supervisor chain's; the attendee leaves it out (and may only change `done` of action items and,
   * until the interview starts, their own agenda items: source `self`).
   */
  privateNotes: userText.max(NOTE_MAX).optional(),
  actionItems: z
    .array(
      z
        .object({
          id: itemId,
          text: itemText,
          done: z.boolean(),
          carriedFrom: userText.max(64).nullable(),
        })
        .strict(),
    )
    .max(ACTION_ITEMS_MAX),
});
export type RecordInput = z.infer<typeof recordInputSchema>;

export const REQUEST_TOPIC_MAX = 500;
export const DECLINE_REASON_MAX = 500;

/** open: waiting for the supervisor; booked: a 1:1 was booked for it; declined; closed: no supervisor any more. */
export const INTERVIEW_REQUEST_STATUSES = ['open', 'booked', 'declined', 'closed'] as const;
export const interviewRequestStatusSchema = z.enum(INTERVIEW_REQUEST_STATUSES);
export type InterviewRequestStatus = z.infer<typeof interviewRequestStatusSchema>;

export const requestInputSchema = z
  .object({
    /** Whom the 1:1 is asked of: must be the person's current direct supervisor. */
    supervisorId: personId,
    topic: userText.trim().min(1).max(REQUEST_TOPIC_MAX),
    /** Any day of the preferred week (YYYY-MM-DD, Japan); stored as that week's Monday. */
    preferredWeek: dayFormat.nullable().default(null),
  })
  .strict();
export type RequestInput = z.infer<typeof requestInputSchema>;

export const interviewRequestSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  supervisorId: z.string(),
  supervisorName: z.string(),
  topic: z.string(),
  /** The Monday of the preferred week, or null. */
  preferredWeek: z.string().nullable(),
  status: interviewRequestStatusSchema,
  declineReason: z.string().nullable(),
  /** The 1:1 booked for it. */
  interviewId: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type InterviewRequest = z.infer<typeof interviewRequestSchema>;

export const requestListQuerySchema = z.object({
  as: z.enum(['requester', 'supervisor']).default('requester'),
});

export const declineInputSchema = versionedInput({
  reason: userText.trim().min(1).max(DECLINE_REASON_MAX),
});
export type DeclineInput = z.infer<typeof declineInputSchema>;
