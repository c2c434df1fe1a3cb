// Local mode only: a realistic demo catalog of Kodaira's training (policy 7(2)), so the tab has something
// to show without HR typing it in first. Loaded by the composition root in local mode; each course has a
// seed key, so starting again adds nothing twice and never overwrites what HR changed. The courses are
// data (data/training-catalog.json), checked against this schema when they are read.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { courseCategorySchema, courseFormatSchema } from '../training/training.contract.ts';
import type { NewCourse, TrainingStore } from '../training/training.store.ts';

const ids = z.array(z.string());
const years = z.number().int().min(0).nullable();

const seedCourseSchema = z
  .object({
    key: z.string(),
    category: courseCategorySchema,
    titleJa: z.string(),
    titleEn: z.string(),
    descriptionJa: z.string(),
    descriptionEn: z.string(),
    /** Framework level ids; empty = every level. */
    targetLevelIds: ids,
    minYearsOfService: years,
    maxYearsOfService: years,
    competencyIds: ids,
    guidelineIds: ids,
    format: courseFormatSchema,
    provider: z.string(),
  })
  .strict() satisfies z.ZodType<Omit<NewCourse, 'id' | 'seedKey'> & { key: string }>;

const CATALOG_FILE = new URL('./data/training-catalog.json', import.meta.url);

export const DEMO_TRAINING_CATALOG = z
  .array(seedCourseSchema)
  .parse(JSON.parse(readFileSync(CATALOG_FILE, 'utf8')));

/** Adds the demo catalog's courses that are not there yet; returns how many were added. */
export async function seedTrainingCatalog(store: Pick<TrainingStore, 'seedCourses'>): Promise<number> {
  return store.seedCourses(
    DEMO_TRAINING_CATALOG.map(({ key, ...course }) => ({ ...course, seedKey: `demo:${key}` })),
  );
}
