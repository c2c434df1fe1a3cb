// Which learning paths a person is on: HR's live paths with a step that fits the person today (their
// level, their years of service). The path page lists them, and a self-study course one of them names may
// be started by the person even where the course itself is for other levels (docs/training.md, "Learning
// paths and self-study"): the catalog and the enrolment check ask the same question here.
import { asc, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { PersonRow } from '../people/people.store.ts';
import { eligibilityFor } from './eligibility.ts';
import { learningPaths, type LearningPathStepRow } from './learning.schema.ts';

export function createLearningPathsReader(db: Db, today: () => string) {
  /** The live paths the person is on (one of their steps fits them today), and that test for a step. */
  const pathsOf = async (person: Pick<PersonRow, 'levelId' | 'hireDate'>) => {
    const day = today();
    const candidate = { levelId: person.levelId, hireDate: person.hireDate };
    const fits = (step: LearningPathStepRow) =>
      eligibilityFor(
        {
          targetLevelIds: step.levelIds,
          minYearsOfService: step.minYearsOfService,
          maxYearsOfService: step.maxYearsOfService,
        },
        candidate,
        day,
      ).eligible;
    const rows = await db
      .select()
      .from(learningPaths)
      .where(isNull(learningPaths.archivedAt))
      .orderBy(asc(learningPaths.titleJa));
    return { mine: rows.filter((row) => row.steps.some(fits)), fits };
  };
  return {
    pathsOf,
    /** The courses named by any step of the person's paths (a later step's too, as the path page shows). */
    async courseIdsOf(person: Pick<PersonRow, 'levelId' | 'hireDate'>): Promise<Set<string>> {
      const { mine } = await pathsOf(person);
      return new Set(mine.flatMap((row) => row.steps.flatMap((step) => step.courseIds)));
    },
  };
}

export type LearningPathsReader = ReturnType<typeof createLearningPathsReader>;
