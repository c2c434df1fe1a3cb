// API contract shared with the tab: attendance proposed from a session's Teams attendance report
// (issue 19 ④). After a session with a Teams meeting ends, a job reads the meeting's attendance report
// through Graph and proposes who attended; HR confirms it in one action, correcting individuals if needed.
//
// GET  /api/training/sessions/:sessionId/attendance-proposal          → { proposal: AttendanceProposal | null } (HR)
// POST /api/training/sessions/:sessionId/attendance-proposal/confirm  ← { version, present, absent }
//                                                  → AttendanceProposal (HR; proposed → confirmed; the confirmed
//                                                  present become `attended`, which the report requests follow)
// POST /api/training/sessions/:sessionId/attendance-proposal/retry    ← { version } → AttendanceProposal
//                                                  (HR; refused, noMeeting or failed → waiting: read the report again)
//
// Check-in codes for sessions held in a room: HR shows the session's code in the room; attendees check in
// with it from the tab around the session's time; HR confirms the check-ins like a Teams proposal.
// POST /api/training/sessions/:sessionId/checkin-code → AttendanceProposal (HR; the code, made once)
// POST /api/training/checkins ← { code } → CheckIn (anyone signed in; wrong code 400, outside its time 409,
//                                                  too many wrong codes 429; checking in twice is the same)

import { z } from 'zod';
import { versionedInput, versionInputSchema, versionStampFields } from '../http/contract-fragments.ts';
import { userText } from '../http/user-input.ts';

/**
 * waiting: the job reads the report (after the session, once Teams has made one; retried with backoff);
 * proposed: read, waiting for HR; refused: Graph answered 403 (the permission or the application access
 * policy is missing), not retried until HR asks; noMeeting: Graph knows no meeting for the join link;
 * failed: gave up after repeated errors; confirmed: a person confirmed it.
 */
export const ATTENDANCE_PROPOSAL_STATES = [
  'waiting',
  'proposed',
  'refused',
  'noMeeting',
  'failed',
  'confirmed',
] as const;
export const attendanceProposalStateSchema = z.enum(ATTENDANCE_PROPOSAL_STATES);
export type AttendanceProposalState = z.infer<typeof attendanceProposalStateSchema>;

/** At most this many people corrected in one confirmation (a session's roster is far smaller). */
export const ATTENDANCE_CORRECTIONS_MAX = 500;

export const proposedAttendeeSchema = z.object({
  personId: z.string(),
  personName: z.string(),
  /** The enrolment's status now (confirmed, attended, reported). */
  enrolmentStatus: z.string(),
  attendedMinutes: z.number(),
  /** Attended time as a share of the session, in percent (rounded down). */
  sharePercent: z.number(),
  proposedPresent: z.boolean(),
  /** When they checked in with the room's code (check-in proposals). */
  checkedInAt: z.string().nullable(),
});
export type ProposedAttendee = z.infer<typeof proposedAttendeeSchema>;

export const attendanceProposalSchema = z.object({
  sessionId: z.string(),
  source: z.enum(['teams', 'checkin']),
  state: attendanceProposalStateSchema,
  /** A room session's check-in code and when it is accepted. */
  checkin: z.object({ code: z.string(), validFrom: z.string(), validUntil: z.string() }).nullable(),
  /** Why it is refused, failed or still waiting (Graph's answer), in English. */
  error: z.string().nullable(),
  minSharePercent: z.number(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  fetchedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  /** Everyone on the roster (confirmed or attended), proposed present or absent. */
  attendees: z.array(proposedAttendeeSchema),
  /** In the report but not on the roster: listed, never added. */
  notOnRoster: z.array(
    z.object({ personId: z.string(), displayName: z.string(), attendedMinutes: z.number() }),
  ),
  ...versionStampFields,
});
export type AttendanceProposal = z.infer<typeof attendanceProposalSchema>;

export const attendanceProposalAnswerSchema = z.object({ proposal: attendanceProposalSchema.nullable() });
export type AttendanceProposalAnswer = z.infer<typeof attendanceProposalAnswerSchema>;

const personIds = z.array(userText.trim().min(1).max(100)).max(ATTENDANCE_CORRECTIONS_MAX).default([]);

/** Confirms the proposal; `present` and `absent` correct individuals (people on the roster only). */
export const confirmAttendanceSchema = versionedInput({ present: personIds, absent: personIds });
export type ConfirmAttendanceInput = z.infer<typeof confirmAttendanceSchema>;

export const retryAttendanceSchema = versionInputSchema;
export type RetryAttendanceInput = z.infer<typeof retryAttendanceSchema>;

/** Check-in codes: 6 characters without look-alikes (0/O, 1/I/L). */
export const CHECKIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CHECKIN_CODE_LENGTH = 6;

/** What a refused check-in's error detail says (`body.code`), so that the bot can answer each in words. */
export const CHECKIN_REFUSED = {
  cancelled: 'the session is cancelled',
  outsideWindow: 'outside the session’s check-in time',
} as const;

export const checkInSchema = z.object({ code: userText.trim().min(1).max(20) }).strict();
export type CheckInInput = z.infer<typeof checkInSchema>;

export const checkInAnswerSchema = z.object({
  sessionId: z.string(),
  courseTitle: z.object({ ja: z.string(), en: z.string().nullable() }),
  checkedInAt: z.string(),
  /** False when they were not on the session's roster: listed for HR, not added. */
  onRoster: z.boolean(),
  /** True when they had checked in before (the answer is the same; nothing changed). */
  alreadyCheckedIn: z.boolean(),
});
export type CheckInAnswer = z.infer<typeof checkInAnswerSchema>;
