// API contract shared with the tab: session announcements (受講案内, policy 7(2)③) and their delivery report.
//
// POST /api/training/sessions/:sessionId/announcements ← { version, audience } → 201 Announcement (HR)
//      `version` is the session's (the announcement tells what HR saw; a session changed meanwhile → 409).
//      One announcement per session and audience (the same audience again → 409 naming the existing one);
//      a wider audience is told only of those not yet told. An audience of nobody → 422.
// GET  /api/training/sessions/:sessionId/announcements → Announcement[] (HR; newest first)
// GET  /api/training/announcements/:announcementId     → DeliveryReport (HR: counts and the failures)
// POST /api/training/announcements/:announcementId/opened → { opened } (the signed-in recipient followed the card's link)

import { z } from 'zod';
import { versionedInput } from '../http/contract-fragments.ts';
import { userText } from '../http/user-input.ts';
import { localizedTextSchema, YEARS_MAX } from './training.contract.ts';

export const AUDIENCE_LEVELS_MAX = 50;
export const AUDIENCE_DEPARTMENTS_MAX = 200;
export const DEPARTMENT_MAX = 200;
/** How many failures one delivery report lists (the counts cover all). */
export const FAILURES_LISTED_MAX = 500;

const years = z.number().int().min(0).max(YEARS_MAX).nullable();
/** A level of the policy, as the framework names them (camelCase ids). */
const levelId = z
  .string()
  .max(64)
  .regex(/^[a-z][A-Za-z0-9]*$/, 'must be a level id');

/**
 * Who an announcement goes to: everyone the course is meant for today (its target levels and years of
 * service), or an audience HR chooses (any of these levels, any of these 課, within these years of service;
 * an empty list does not narrow). A chosen audience names at least one condition.
 */
export const audienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('eligible') }).strict(),
  z
    .object({
      kind: z.literal('chosen'),
      levelIds: z.array(levelId).max(AUDIENCE_LEVELS_MAX).default([]),
      departments: z
        .array(userText.trim().min(1).max(DEPARTMENT_MAX))
        .max(AUDIENCE_DEPARTMENTS_MAX)
        .default([]),
      minYearsOfService: years.default(null),
      maxYearsOfService: years.default(null),
    })
    .strict()
    .refine(
      (audience) =>
        audience.levelIds.length > 0 ||
        audience.departments.length > 0 ||
        audience.minYearsOfService !== null ||
        audience.maxYearsOfService !== null,
      { message: 'name at least one level, 課 or years of service', path: ['levelIds'] },
    )
    .refine(
      (audience) =>
        audience.minYearsOfService === null ||
        audience.maxYearsOfService === null ||
        audience.minYearsOfService <= audience.maxYearsOfService,
      { message: 'must not be below minYearsOfService', path: ['maxYearsOfService'] },
    ),
]);
export type Audience = z.infer<typeof audienceSchema>;

export const announceInputSchema = versionedInput({ audience: audienceSchema });
export type AnnounceInput = z.infer<typeof announceInputSchema>;

/** Why a message did not reach its person, in words HR can act on (the raw error beside it). */
export const FAILURE_REASONS = ['appNotInstalled', 'noConversation', 'refused', 'gaveUp', 'other'] as const;
export const failureReasonSchema = z.enum(FAILURE_REASONS);
export type FailureReason = z.infer<typeof failureReasonSchema>;

export const deliveryCountsSchema = z.object({
  /** People told by this announcement (those told by an earlier one of the session are not counted again). */
  recipients: z.number(),
  /** Waiting in the bot's outbox (office hours, pacing, retries). */
  pending: z.number(),
  sent: z.number(),
  failed: z.number(),
  /** Followed the card's link into the tab (see docs/training.md, "Opened"). */
  opened: z.number(),
  /** Have applied, been recommended or nominated for the session since (any origin). */
  applied: z.number(),
});
export type DeliveryCounts = z.infer<typeof deliveryCountsSchema>;

export const announcementSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  courseTitle: localizedTextSchema,
  audience: audienceSchema,
  announcedById: z.string(),
  announcedByName: z.string().nullable(),
  announcedAt: z.string(),
  /** The fan-out has written every recipient's message to the outbox. */
  fannedOut: z.boolean(),
  counts: deliveryCountsSchema,
});
export type Announcement = z.infer<typeof announcementSchema>;

export const deliveryFailureSchema = z.object({
  personId: z.string(),
  personName: z.string(),
  department: z.string().nullable(),
  reason: failureReasonSchema,
  /** The reason in words, Japanese and English. */
  reasonText: z.object({ ja: z.string(), en: z.string() }),
  /** What the bot's outbox recorded (for support). */
  error: z.string().nullable(),
});
export type DeliveryFailure = z.infer<typeof deliveryFailureSchema>;

export const deliveryReportSchema = announcementSchema.extend({
  failures: z.array(deliveryFailureSchema),
  /** More failures than listed. */
  failuresTruncated: z.boolean(),
});
export type DeliveryReport = z.infer<typeof deliveryReportSchema>;

export const openedAnswerSchema = z.object({ opened: z.boolean() });
export type OpenedAnswer = z.infer<typeof openedAnswerSchema>;
