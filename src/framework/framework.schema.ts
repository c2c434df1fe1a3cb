import { z } from 'zod';

// The shape of a city's staff-development policy as data. Nothing here names Kodaira's ids: another
// city's file with other levels, competencies and guidelines validates against the same schema.

export const localizedTextSchema = z.object({ ja: z.string().min(1), en: z.string().min(1) }).strict();
// Ids travel as object keys, URL segments and stored values; one spelling rule keeps them safe in all three.
const id = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be a camelCase id');

export const markIdSchema = z.enum(['evaluated', 'maintain', 'parttime', 'none']);

const guidelineSchema = z
  .object({
    id,
    /** The guideline's letter in the slogan (D, R, I, L, L): letters may repeat, ids may not. */
    letter: z.string().min(1).max(3),
    /** `en` is the slogan's own keyword ("Local love"); `ja` is the power it stands for. */
    name: localizedTextSchema,
    /** The one-line statement of the power, translated both ways (the `ja` may equal `name.ja`). */
    summary: localizedTextSchema,
    /** The heading over the description as the policy prints it ("Diversity＝多様性を認め合う力"). */
    heading: localizedTextSchema,
    description: localizedTextSchema,
  })
  .strict();

const levelSchema = z
  .object({
    id,
    name: localizedTextSchema,
    title: localizedTextSchema,
    roles: z.array(localizedTextSchema).min(1),
    employmentType: z.enum(['regular', 'fiscalYear']),
  })
  .strict();

const competencySchema = z.object({ id, group: id, name: localizedTextSchema }).strict();

const markSchema = z
  .object({
    symbol: z.string().max(2),
    label: localizedTextSchema,
    explanation: localizedTextSchema,
    /** False where the text is ours, not the policy's (e.g. the meaning of a blank cell). */
    fromPolicy: z.boolean(),
  })
  .strict();

const sectionSchema = z.object({ id, heading: localizedTextSchema, body: localizedTextSchema }).strict();

export const frameworkSchema = z
  .object({
    version: z.string().min(1),
    city: localizedTextSchema,
    policyTitle: localizedTextSchema,
    issued: z.string().regex(/^\d{4}-\d{2}$/, 'must be YYYY-MM'),
    targetImage: z
      .object({
        statement: localizedTextSchema,
        intro: localizedTextSchema,
        parts: z.array(sectionSchema).min(1),
      })
      .strict(),
    guidelines: z.array(guidelineSchema).min(1),
    drill: z.object({ intro: localizedTextSchema, meanings: z.array(sectionSchema) }).strict(),
    levels: z.array(levelSchema).min(1),
    competencyGroups: z.array(z.object({ id, name: localizedTextSchema }).strict()).min(1),
    competencies: z.array(competencySchema).min(1),
    marks: z
      .object({ evaluated: markSchema, maintain: markSchema, parttime: markSchema, none: markSchema })
      .strict(),
    expectations: z.record(z.string(), z.record(z.string(), markIdSchema)),
  })
  .strict()
  .superRefine((framework, context) => {
    const issue = (path: Array<string | number>, message: string) =>
      context.addIssue({ code: 'custom', path, message });
    // Ids are what goals, self-checks and the matrix refer to: a repeated id would make two entries one.
    const requireUniqueIds = (entries: ReadonlyArray<{ id: string }>, path: Array<string | number>) => {
      const seen = new Set<string>();
      entries.forEach((entry, index) => {
        if (seen.has(entry.id)) issue([...path, index, 'id'], `duplicate id "${entry.id}"`);
        seen.add(entry.id);
      });
    };
    for (const key of ['guidelines', 'levels', 'competencies', 'competencyGroups'] as const) {
      requireUniqueIds(framework[key], [key]);
    }
    requireUniqueIds(framework.targetImage.parts, ['targetImage', 'parts']);
    requireUniqueIds(framework.drill.meanings, ['drill', 'meanings']);
    const groups = new Set(framework.competencyGroups.map((group) => group.id));
    framework.competencies.forEach((competency, index) => {
      if (!groups.has(competency.group))
        issue(['competencies', index, 'group'], `unknown group "${competency.group}"`);
    });
    const competencyIds = framework.competencies.map((competency) => competency.id);
    const levelIds = new Set(framework.levels.map((level) => level.id));
    for (const rowId of Object.keys(framework.expectations)) {
      if (!levelIds.has(rowId)) issue(['expectations', rowId], `row for unknown level "${rowId}"`);
    }
    for (const level of framework.levels) {
      const row = framework.expectations[level.id];
      if (!row) {
        issue(['expectations', level.id], `missing the row of level "${level.id}"`);
        continue;
      }
      for (const competencyId of competencyIds) {
        if (!(competencyId in row)) issue(['expectations', level.id, competencyId], 'missing cell');
      }
      for (const [competencyId, mark] of Object.entries(row)) {
        if (!competencyIds.includes(competencyId)) {
          issue(['expectations', level.id, competencyId], `unknown competency "${competencyId}"`);
        }
        // ○ is, by the policy's own definition, what is required of fiscal-year appointed staff.
        if (mark === 'parttime' && level.employmentType !== 'fiscalYear') {
          issue(
            ['expectations', level.id, competencyId],
            '"parttime" (○) only belongs to a fiscalYear level',
          );
        }
      }
    }
  });

export type Framework = z.infer<typeof frameworkSchema>;
export type LocalizedText = z.infer<typeof localizedTextSchema>;
export type Guideline = Framework['guidelines'][number];
export type Level = Framework['levels'][number];
export type Competency = Framework['competencies'][number];
export type MarkId = z.infer<typeof markIdSchema>;
export type Mark = Framework['marks'][MarkId];
export type CompetencyGroup = Framework['competencyGroups'][number];
// Plain strings on purpose: each city's file brings its own ids, so no union of Kodaira's can be right.
export type LevelId = string;
export type CompetencyId = string;
export type GuidelineId = string;
