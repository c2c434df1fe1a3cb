import { z } from 'zod';
import { localizedTextSchema } from '../framework/framework.schema.ts';

// The city's 人事評価 settings as data (docs/evaluation.md): the rating scale and the two stages' names.
// Like the policy file (framework.schema.ts), this imports only zod: the server validates the file with it
// at start-up and the tab reads the same shape from GET /api/evaluations/config.

const scaleEntrySchema = z
  .object({
    /** What the form stores and the CSV carries: `S`, `A`, … or `5`, `4`, … */
    id: z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'must be 1 to 8 letters or digits'),
    label: localizedTextSchema,
    /**
     * The entry's place on the self-check's 1–5 scale: how far a final rating is from the person's own
     * self-check rating (the 調整 view's outliers) is the difference of the two, in steps.
     */
    points: z.number().int().min(1).max(5),
  })
  .strict();

const stageSchema = z.object({ label: localizedTextSchema }).strict();

export const evaluationConfigSchema = z
  .object({
    version: z.string().min(1),
    /** Best first. */
    scale: z.array(scaleEntrySchema).min(2).max(9),
    /** The 1次評価者 (the direct supervisor) and the 2次評価者 (their supervisor). */
    stages: z.object({ first: stageSchema, second: stageSchema }).strict(),
  })
  .strict()
  .superRefine((config, context) => {
    const seen = new Set<string>();
    config.scale.forEach((entry, index) => {
      if (seen.has(entry.id))
        context.addIssue({
          code: 'custom',
          path: ['scale', index, 'id'],
          message: `duplicate id ${entry.id}`,
        });
      seen.add(entry.id);
      const before = config.scale[index - 1];
      if (before && entry.points >= before.points)
        context.addIssue({
          code: 'custom',
          path: ['scale', index, 'points'],
          message: 'must be lower than the entry before it (the scale is best first)',
        });
    });
  });

export type EvaluationConfig = z.infer<typeof evaluationConfigSchema>;
