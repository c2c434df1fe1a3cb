// API contract shared with the tab: career design (キャリアデザイン, policy 7(3)⑤, 7(4)⑥, 7(5)③).
//
// GET /api/people/:personId/career   → CareerDesignResponse (self, supervisor chain, HR; reads by others audited)
// PUT /api/people/:personId/career   ← CareerDesignInput → CareerDesignResponse (self only; 409 on a stale version)
//
// One zod schema per shape: the server validates requests and (outside production) checks its answers with
// them, the OpenAPI document is built from them, and the types below (which the tab imports) are inferred.

import { z } from 'zod';
import { MONTH_PATTERN, versionedOrNewInput } from '../http/contract-fragments.ts';
import { userText } from '../http/user-input.ts';

export const CAREER_TEXT_MAX = 2000;
export const CAREER_SHORT_MAX = 100;
export const CAREER_LIST_MAX = 20;
export const ROTATION_MAX = 30;
/** The policy's 能力・適性等評価期間: roughly the first ten years after hiring (the setting's default). */
export const EVALUATION_PERIOD_YEARS = 10;

/** specialist: deepen one field (専門職志向); rotation: broad experience across fields; undecided. */
export const careerPathSchema = z.enum(['specialist', 'rotation', 'undecided']);
export type CareerPath = z.infer<typeof careerPathSchema>;

const month = z.string().regex(MONTH_PATTERN, 'must be a month, YYYY-MM');
// Blank entries in a list carry no meaning and would show as empty rows; reject rather than drop them.
const shortName = userText
  .max(CAREER_SHORT_MAX)
  .refine((value) => value.trim().length > 0, 'must not be blank');

export const qualificationInputSchema = z
  .object({
    name: shortName,
    /** Held: when it was obtained (YYYY-MM); planned: the target (YYYY-MM). Optional. */
    month: month.nullable(),
  })
  .strict();
export type Qualification = z.infer<typeof qualificationInputSchema>;

export const rotationEntryInputSchema = z
  .object({
    /** YYYY-MM */
    from: month,
    /** YYYY-MM, or null for the current posting. */
    to: month.nullable(),
    /** 部・課 (free text: departments change names over the years). */
    department: shortName,
    duties: userText.max(CAREER_SHORT_MAX),
  })
  .strict();
export type RotationEntry = z.infer<typeof rotationEntryInputSchema>;

/**
 * Whether a typed posting still counts beside HR's 発令 records (src/growth/rotation.ts): only one that ended
 * before the month (YYYY-MM) of the first record; a current one (`to` null) overlaps them. Everything counts
 * without records (`firstRecordMonth` undefined).
 */
export const countsBeforeRecords = (
  entry: { to: string | null },
  firstRecordMonth: string | undefined,
): boolean => firstRecordMonth === undefined || (entry.to !== null && entry.to < firstRecordMonth);

export const careerDesignInputSchema = versionedOrNewInput({
  visionMidTerm: userText.max(CAREER_TEXT_MAX),
  visionLongTerm: userText.max(CAREER_TEXT_MAX),
  path: careerPathSchema,
  /** The specialist field, or the fields a rotation should cover. */
  pathField: userText.max(CAREER_SHORT_MAX),
  interests: z.array(shortName).max(CAREER_LIST_MAX),
  qualificationsHeld: z.array(qualificationInputSchema).max(CAREER_LIST_MAX),
  qualificationsPlanned: z.array(qualificationInputSchema).max(CAREER_LIST_MAX),
  trainingsWanted: z.array(shortName).max(CAREER_LIST_MAX),
  rotation: z.array(rotationEntryInputSchema).max(ROTATION_MAX),
});
export type CareerDesignInput = z.infer<typeof careerDesignInputSchema>;

const qualificationSchema = z.object({ name: z.string(), month: z.string().nullable() });

export const careerDesignResponseSchema = z.object({
  personId: z.string(),
  editable: z.boolean().describe('Only the owner may write'),
  /** From the directory / HR; null when unknown. */
  hireDate: z.string().nullable(),
  evaluationPeriodEnd: z
    .string()
    .nullable()
    .describe(
      `hireDate + EVALUATION_PERIOD_YEARS (default ${EVALUATION_PERIOD_YEARS}) years (能力・適性等評価期間), YYYY-MM-DD`,
    ),
  version: z.number().describe('0 while nothing was saved yet'),
  visionMidTerm: z.string(),
  visionLongTerm: z.string(),
  path: careerPathSchema,
  pathField: z.string(),
  interests: z.array(z.string()),
  qualificationsHeld: z.array(qualificationSchema),
  qualificationsPlanned: z.array(qualificationSchema),
  trainingsWanted: z.array(z.string()),
  /** Oldest first; each marked when it starts inside the evaluation period. */
  rotation: z.array(
    z.object({
      from: z.string(),
      to: z.string().nullable(),
      department: z.string(),
      duties: z.string(),
      inEvaluationPeriod: z.boolean(),
      superseded: z
        .boolean()
        .describe("Overlaps the time HR's 発令 records cover: shown and editable, but the records win"),
    }),
  ),
  /** Read-only, oldest first: the postings HR's 発令 records (effective up to today, Japan) make. */
  rotationFromRecords: z.array(
    z.object({
      from: z.string(),
      to: z.string().nullable().describe('null for the posting in force'),
      department: z.string().nullable().describe('課'),
      division: z.string().nullable().describe('部'),
      inEvaluationPeriod: z.boolean(),
    }),
  ),
  updatedAt: z.string().nullable(),
});
export type CareerDesignResponse = z.infer<typeof careerDesignResponseSchema>;
