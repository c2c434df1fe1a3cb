import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { careerDesigns } from './career.schema.ts';

/**
 * The trainings a person said they want in their career design (今後受けたい研修), for other slices
 * (training recommendations). No access check: callers checked access themselves.
 */
export function createCareerWishes(db: Db) {
  return {
    async trainingsWantedBy(personId: string): Promise<string[]> {
      const rows = await db
        .select({ wanted: careerDesigns.trainingsWanted })
        .from(careerDesigns)
        .where(eq(careerDesigns.personId, personId))
        .limit(1);
      return rows[0]?.wanted ?? [];
    },
  };
}
