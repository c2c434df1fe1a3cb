// API contract shared with the tab and the bot: the DRILL follow-up (issue 19 ⑤, policy 7(5)②: what was
// learned is reflected in daily work). Some months after a session (TRAINING_FOLLOW_UP_MONTHS, default 3)
// the attendee is asked 「業務に反映できましたか」 with a short answer and an example, and their supervisor
// for a one-line observation of them. The bot's cards and the tab write through the same schemas.
//
// GET /api/reports/follow-ups                         → FollowUpView[] (the follow-ups addressed to me, as
//                                                       attendee or supervisor, that I may still answer or change)
// PUT /api/reports/follow-ups/:followUpId/answer      ← FollowUpAnswerInput → FollowUpView (the attendee only)
// PUT /api/reports/follow-ups/:followUpId/observation ← FollowUpObservationInput → FollowUpView (the
//                                                       supervisor asked only)
// Both writes: 403 for anyone else; 404 for an unknown id; 409 version_conflict on a stale version, 409
// conflict once the attendee has submitted a self-check after the follow-up was asked (it is evidence
// there now and stays as it was).

import { z } from 'zod';
import { versionedInput } from '../http/contract-fragments.ts';
import { userText } from '../http/user-input.ts';
import { courseSessionRefSchema } from '../training/training.contract.ts';

/** The example an attendee gives (characters). */
export const FOLLOW_UP_EXAMPLE_MAX = 500;
/** The supervisor's one-line observation (characters, no line breaks). */
export const FOLLOW_UP_OBSERVATION_MAX = 200;

/** できた / 一部できた / まだ. */
export const followUpAnswerSchema = z.enum(['applied', 'partly', 'notYet']);
export type FollowUpAnswer = z.infer<typeof followUpAnswerSchema>;

export const followUpRoleSchema = z.enum(['attendee', 'supervisor']);
export type FollowUpRole = z.infer<typeof followUpRoleSchema>;

export const followUpAnswerInputSchema = versionedInput({
  answer: followUpAnswerSchema,
  /** What the attendee did with it; may be empty (e.g. with まだ). */
  example: userText.max(FOLLOW_UP_EXAMPLE_MAX),
});
export type FollowUpAnswerInput = z.infer<typeof followUpAnswerInputSchema>;

export const followUpObservationInputSchema = versionedInput({
  observation: userText
    .trim()
    .min(1, 'must not be blank')
    .max(FOLLOW_UP_OBSERVATION_MAX)
    .refine((value) => !/[\r\n]/.test(value), { message: 'must be one line' }),
});
export type FollowUpObservationInput = z.infer<typeof followUpObservationInputSchema>;

export const followUpViewSchema = z.object({
  id: z.string(),
  role: followUpRoleSchema,
  session: courseSessionRefSchema,
  /** The attendee the follow-up is about (the caller themself for `attendee`). */
  personId: z.string(),
  personName: z.string(),
  requestedAt: z.string(),
  /** The attendee's answer; null until answered and for the supervisor's observation. */
  answer: followUpAnswerSchema.nullable(),
  /** The example, or the observation; null until answered. */
  text: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** Whether it may still be answered or changed (until the attendee's next self-check is submitted). */
  editable: z.boolean(),
  version: z.number(),
});
export type FollowUpView = z.infer<typeof followUpViewSchema>;
