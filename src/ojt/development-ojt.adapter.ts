// The ojt slice's side of the growth slice's DevelopmentSources port (src/growth/development-sources.ts):
// the OJT guidance each supervisor logged in a fiscal year, per person, by the day it was given.
import { and, count, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { activityCounts } from '../growth/activity-counts.ts';
import type { DevelopmentSources } from '../growth/development-sources.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import { ojtGuidance } from './ojt.schema.ts';

export function createDevelopmentOjt(db: Db): Pick<DevelopmentSources, 'ojtGuidance'> {
  return {
    ojtGuidance: (authorIds, fiscalYear) =>
      activityCounts(authorIds, fiscalYear, ({ from, to }) =>
        db
          .select({ authorId: ojtGuidance.givenById, personId: ojtGuidance.personId, n: count() })
          .from(ojtGuidance)
          .where(
            and(
              inArray(ojtGuidance.givenById, authorIds),
              gte(ojtGuidance.day, jstDayOf(from.getTime())),
              lt(ojtGuidance.day, jstDayOf(to.getTime())),
            ),
          )
          .groupBy(ojtGuidance.givenById, ojtGuidance.personId),
      ),
  };
}
