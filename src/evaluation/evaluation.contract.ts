// API contract shared with the tab: 人事評価 support (docs/evaluation.md, issue 20 point 1).
//
// GET  /api/evaluations/config                                   → EvaluationConfig (the scale and the stages)
// GET  /api/evaluations?fiscalYear=                              → EvaluateeRow[] (the people I evaluate, as 1次 or 2次)
// GET  /api/people/:personId/evaluations/:fiscalYear              → EvaluationView (self: the confirmed result only)
// PUT  /api/people/:personId/evaluations/:fiscalYear/first        ← EvaluationFirstInput (the 1次, until submitted)
// POST /api/people/:personId/evaluations/:fiscalYear/submit       ← version (the 1次)
// PUT  /api/people/:personId/evaluations/:fiscalYear/second       ← EvaluationSecondInput (the 2次, after submit)
// POST /api/people/:personId/evaluations/:fiscalYear/confirm      ← version (the 2次)
// GET  /api/hr/evaluations/:fiscalYear/evaluators                 → EvaluatorOverrideRow[] (HR: the year's overrides)
// PUT  /api/hr/evaluations/:fiscalYear/evaluators/:personId       ← EvaluatorOverrideInput (HR)
// GET  /api/hr/evaluations/:fiscalYear/trainings                  → EvaluatorTrainingRow[] (HR: the year's records)
// PUT  /api/hr/evaluations/:fiscalYear/trainings/:personId        ← EvaluatorTrainingInput (HR: 評価者研修)
// GET  /api/hr/evaluations.csv?fiscalYear=&encoding=               → CSV (HR, docs/evaluation.md)
// GET  /api/evaluations/calibration?fiscalYear=&department=|division= → CalibrationView (調整: 課長/部長, HR)

import { z } from 'zod';
import {
  fiscalYearListQuery,
  versionInputSchema,
  versionedInput,
  versionedOrNewInput,
} from '../http/contract-fragments.ts';
import { dbIntegerFromText, userText } from '../http/user-input.ts';
import { FIRST_FISCAL_YEAR } from '../shared/fiscal-period.ts';

export { evaluationConfigSchema, type EvaluationConfig } from './evaluation-config.schema.ts';

export const EVALUATION_COMMENT_MAX = 1000;
export const EVALUATION_ITEMS_MAX = 200;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const id = z.string().regex(UUID, 'must be an id');

/** What a rating is of: a ● item of the person's level (a competency id), or one of their goals (its id). */
export const evaluationItemKindSchema = z.enum(['competency', 'goal']);
export type EvaluationItemKind = z.infer<typeof evaluationItemKindSchema>;

/** Where an evaluation stands; `notStarted` before the 1次 first saves it. */
export const evaluationStatusSchema = z.enum(['notStarted', 'draft', 'submitted', 'confirmed']);
export type EvaluationStatus = z.infer<typeof evaluationStatusSchema>;

const itemKey = { kind: evaluationItemKindSchema, itemId: userText.min(1).max(100) };
/** A scale entry's id (checked against the configured scale by the service). */
const ratingId = userText.min(1).max(8);

export const evaluationFirstInputSchema = versionedOrNewInput({
  ratings: z
    .array(
      z
        .object({
          ...itemKey,
          rating: ratingId,
          comment: userText.max(EVALUATION_COMMENT_MAX).default(''),
        })
        .strict(),
    )
    .max(EVALUATION_ITEMS_MAX),
});
export type EvaluationFirstInput = z.input<typeof evaluationFirstInputSchema>;
export type EvaluationFirst = z.output<typeof evaluationFirstInputSchema>;

/** The 2次's adjustments, all of them: an item left out keeps the 1次's rating. */
export const evaluationSecondInputSchema = versionedInput({
  adjustments: z
    .array(
      z
        .object({
          ...itemKey,
          rating: ratingId,
          reason: userText
            .max(EVALUATION_COMMENT_MAX)
            .refine((value) => value.trim().length > 0, 'a reason is required'),
        })
        .strict(),
    )
    .max(EVALUATION_ITEMS_MAX),
});
export type EvaluationSecondInput = z.infer<typeof evaluationSecondInputSchema>;

export const evaluationVersionInputSchema = versionInputSchema;

const personRefSchema = z.object({ id: z.string(), displayName: z.string().nullable() });

export const evaluationItemViewSchema = z.object({
  kind: evaluationItemKindSchema,
  itemId: z.string(),
  /** A goal's title; null for a competency (its label is in the framework). */
  title: z.string().nullable(),
  firstRating: z.string().nullable(),
  firstComment: z.string(),
  /** The 2次's rating where they adjusted it, with their reason; the 1次's stays beside it. */
  adjustedRating: z.string().nullable(),
  adjustReason: z.string().nullable(),
  /** The adjusted rating, else the 1次's. */
  finalRating: z.string().nullable(),
});
export type EvaluationItemView = z.infer<typeof evaluationItemViewSchema>;

export const evaluatorSchema = personRefSchema.extend({
  /** Whether they completed this fiscal year's 評価者研修 (HR records it): a warning, not a block. */
  trained: z.boolean(),
  /** Named by HR for this person and year, rather than taken from the reporting lines. */
  overridden: z.boolean(),
});

export const evaluationViewSchema = z.object({
  personId: z.string(),
  person: personRefSchema.extend({ department: z.string().nullable(), levelId: z.string().nullable() }),
  fiscalYear: z.number(),
  status: evaluationStatusSchema,
  /** The caller's part: the 1次, the 2次, the person (who sees the confirmed result only), or a reader. */
  role: z.enum(['first', 'second', 'self', 'reader']),
  firstEvaluator: evaluatorSchema.nullable(),
  secondEvaluator: evaluatorSchema.nullable(),
  /** The form's items: the ● competencies of the level, then the year's goals (empty for the person before confirmation). */
  items: z.array(evaluationItemViewSchema),
  submittedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  /** 0 before the first save. */
  version: z.number(),
  updatedAt: z.string().nullable(),
});
export type EvaluationView = z.infer<typeof evaluationViewSchema>;

/** `?fiscalYear=` where one is required. */
const fiscalYearQuery = dbIntegerFromText.min(FIRST_FISCAL_YEAR).max(2100);

export const evaluateesQuerySchema = z.object({ fiscalYear: fiscalYearListQuery });

export const evaluateeRowSchema = z.object({
  person: personRefSchema,
  department: z.string().nullable(),
  fiscalYear: z.number(),
  /** The caller's stage for this person. */
  stage: z.enum(['first', 'second']),
  status: evaluationStatusSchema,
});
export type EvaluateeRow = z.infer<typeof evaluateeRowSchema>;

/** HR names a person's evaluators for a year; null keeps the reporting lines' one for that stage. */
export const evaluatorOverrideInputSchema = versionedOrNewInput({
  firstEvaluatorId: id.nullable(),
  secondEvaluatorId: id.nullable(),
});
export type EvaluatorOverrideInput = z.infer<typeof evaluatorOverrideInputSchema>;

export const evaluatorOverrideViewSchema = z.object({
  personId: z.string(),
  fiscalYear: z.number(),
  firstEvaluator: evaluatorSchema.nullable(),
  secondEvaluator: evaluatorSchema.nullable(),
  version: z.number(),
});
export type EvaluatorOverrideView = z.infer<typeof evaluatorOverrideViewSchema>;

/** An override in the year's list: whom it is about, and the evaluators it gives them. */
export const evaluatorOverrideRowSchema = evaluatorOverrideViewSchema.extend({ person: personRefSchema });
export type EvaluatorOverrideRow = z.infer<typeof evaluatorOverrideRowSchema>;

export const evaluatorTrainingInputSchema = z.object({ completed: z.boolean() }).strict();
export const evaluatorTrainingViewSchema = z.object({
  personId: z.string(),
  fiscalYear: z.number(),
  completed: z.boolean(),
});
export type EvaluatorTrainingView = z.infer<typeof evaluatorTrainingViewSchema>;

/** A 評価者研修 record in the year's list: who, whether completed, when HR recorded it. */
export const evaluatorTrainingRowSchema = evaluatorTrainingViewSchema.extend({
  person: personRefSchema,
  recordedAt: z.string(),
});
export type EvaluatorTrainingRow = z.infer<typeof evaluatorTrainingRowSchema>;

export const evaluationCsvQuerySchema = z.object({
  fiscalYear: fiscalYearQuery,
  encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8'),
});

/** The 課 or 部 a 調整 view names. */
export const CALIBRATION_UNIT_MAX = 200;

export const calibrationQuerySchema = z
  .object({
    fiscalYear: fiscalYearListQuery,
    department: userText.min(1).max(CALIBRATION_UNIT_MAX).optional(),
    division: userText.min(1).max(CALIBRATION_UNIT_MAX).optional(),
  })
  .refine((query) => (query.department === undefined) !== (query.division === undefined), {
    message: 'name either a department (課) or a division (部)',
  });

export type CalibrationQuery = z.infer<typeof calibrationQuerySchema>;

/** Per final rating id, how many. */
const distributionSchema = z.record(z.string(), z.number());

export const calibrationViewSchema = z.object({
  fiscalYear: z.number(),
  department: z.string().nullable(),
  division: z.string().nullable(),
  /** Confirmed evaluations counted. */
  evaluations: z.number(),
  overall: distributionSchema,
  items: z.array(
    z.object({ kind: evaluationItemKindSchema, itemId: z.string(), distribution: distributionSchema }),
  ),
  /** Final ratings 2 or more steps from the person's own latest self-check rating of the item. */
  outliers: z.array(
    z.object({
      person: personRefSchema,
      itemId: z.string(),
      finalRating: z.string(),
      selfRating: z.number(),
      steps: z.number(),
    }),
  ),
});
export type CalibrationView = z.infer<typeof calibrationViewSchema>;
