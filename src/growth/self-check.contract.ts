// API contract shared with the tab: self-checks per half of the fiscal year (policy 6(2), 5 DRILL).
//
// GET /api/people/:personId/self-checks                   → SelfCheckHistoryResponse (self, supervisor chain, HR)
// GET /api/people/:personId/self-checks/:period           → SelfCheckResponse (a blank one before the first save)
// PUT /api/people/:personId/self-checks/:period           ← SelfCheckDraftInput → SelfCheckResponse (self, open period)
// POST /api/people/:personId/self-checks/:period/submit   ← SelfCheckSubmitInput → SelfCheckResponse (self; 422 when items are not rated)
// PUT /api/people/:personId/self-checks/:period/feedback  ← SelfCheckFeedbackInput → SelfCheckResponse (supervisor)
// POST /api/people/:personId/self-checks/:period/feedback/complete ← SelfCheckSubmitInput → SelfCheckResponse (supervisor)
//
// One zod schema per shape: the server validates requests and (outside production) checks its answers with
// them, the OpenAPI document is built from them, and the types below (which the tab imports) are inferred.

import { z } from 'zod';
import { versionedInput, versionedOrNewInput, versionInputSchema } from '../http/contract-fragments.ts';
import { viewpointTextSchema } from '../framework/viewpoint.contract.ts';
import { dbInteger, userText } from '../http/user-input.ts';

/** The rating scale of a self-check item, 1 to 5. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const EVIDENCE_MAX = 400;
export const REFLECTION_MAX = 1000;
export const FEEDBACK_MAX = 1000;

export const selfCheckStatusSchema = z.enum(['new', 'draft', 'submitted']);

export const selfCheckResponseSchema = z.object({
  personId: z.string(),
  period: z.string(),
  /** `new` until the first save. */
  status: selfCheckStatusSchema,
  /** Open for the owner to write (the current half, not yet submitted). */
  editable: z.boolean(),
  levelId: z.string().nullable(),
  frameworkVersion: z.string(),
  /** The competencies this self-check covers: every item the level's row marks. */
  items: z.array(z.object({ competencyId: z.string(), mark: z.enum(['evaluated', 'maintain', 'parttime']) })),
  ratings: z.record(z.string(), z.object({ rating: z.number(), evidence: z.string() })),
  reflections: z.record(z.string(), z.string()),
  feedback: z.record(z.string(), z.object({ comment: z.string(), authorId: z.string(), at: z.string() })),
  /** When the supervisor marked their feedback complete; until then the feedback is in progress. */
  feedbackCompletedAt: z.string().nullable(),
  /**
   * 着眼点 HR wrote for this self-check's level under the framework version it was written with, by
   * competency (`en` empty when only Japanese was written). Items without one show the policy's words.
   */
  viewpoints: z.record(z.string(), viewpointTextSchema),
  version: z.number(),
  submittedAt: z.string().nullable(),
  /**
   * The DRILL follow-up (docs/training.md "Follow-up") as evidence beside the ● items: per competency, the
   * trainings developing it whose follow-up was asked since the previous submitted self-check (and before
   * this one's submission), with the person's answer and their supervisor's observation. Absent where the
   * server has no follow-up source.
   */
  followUps: z
    .record(
      z.string(),
      z.array(
        z.object({
          sessionId: z.string(),
          courseTitle: z.object({ ja: z.string(), en: z.string().nullable() }),
          start: z.string(),
          answer: z.enum(['applied', 'partly', 'notYet']).nullable(),
          example: z.string().nullable(),
          observation: z.string().nullable(),
        }),
      ),
    )
    .optional(),
});
export type SelfCheckResponse = z.infer<typeof selfCheckResponseSchema>;

export const selfCheckHistoryResponseSchema = z.object({
  personId: z.string(),
  periods: z.array(
    z.object({
      period: z.string(),
      status: selfCheckStatusSchema.exclude(['new']),
      /** Average rating per competency group, for the growth chart. */
      averages: z.record(z.string(), z.number()),
    }),
  ),
});
export type SelfCheckHistoryResponse = z.infer<typeof selfCheckHistoryResponseSchema>;

export const selfCheckDraftInputSchema = versionedOrNewInput({
  ratings: z.record(
    userText.max(64),
    z
      .object({
        rating: dbInteger.min(RATING_MIN).max(RATING_MAX),
        evidence: userText.max(EVIDENCE_MAX),
      })
      .strict(),
  ),
  /** Per DRILL guideline. */
  reflections: z.record(userText.max(64), userText.max(REFLECTION_MAX)),
});
export type SelfCheckDraftInput = z.infer<typeof selfCheckDraftInputSchema>;

export const selfCheckSubmitInputSchema = versionInputSchema;
export type SelfCheckSubmitInput = z.infer<typeof selfCheckSubmitInputSchema>;

export const selfCheckFeedbackInputSchema = versionedInput({
  /** A comment per item of the self-check. */
  feedback: z.record(userText.max(64), userText.min(1).max(FEEDBACK_MAX)),
});
export type SelfCheckFeedbackInput = z.infer<typeof selfCheckFeedbackInputSchema>;

/** The supervisor marks their feedback complete (the version last read). */
export const selfCheckFeedbackCompleteInputSchema = versionInputSchema;
export type SelfCheckFeedbackCompleteInput = z.infer<typeof selfCheckFeedbackCompleteInputSchema>;

/** `:period` of the self-check routes: a half of a fiscal year. */
export const selfCheckPeriodSchema = z
  .string()
  .regex(/^\d{4}-H[12]$/, 'must look like 2026-H1')
  .describe('Half of a fiscal year: YYYY-H1 (上期) or YYYY-H2 (下期)')
  .meta({ examples: ['2026-H1'] });
