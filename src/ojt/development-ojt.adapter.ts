// The ojt slice's side of the growth slice's DevelopmentSources port (src/growth/development-sources.ts):
// the OJT guidance each supervisor logged in a fiscal year, per person, by the day it was given.
import { and, count, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { DevelopmentSources } from '../growth/development-sources.ts';
import { fiscalYearBounds } from '../shared/fiscal-period.ts';
import { jstDayOf } from '../shared/japan-time.ts';
import { ojtGuidance } from './ojt.schema.ts';

export function createDevelopmentOjt(db: Db): Pick<DevelopmentSources, 'ojtGuidance'> {
  return {
    async ojtGuidance(authorIds, fiscalYear) {
      if (authorIds.length === 0) return [];
      const { from, to } = fiscalYearBounds(fiscalYear);
      const rows = await db
        .select({ authorId: ojtGuidance.givenById, personId: ojtGuidance.personId, n: count() })
        .from(ojtGuidance)
        .where(
          and(
            inArray(ojtGuidance.givenById, authorIds),
            gte(ojtGuidance.day, jstDayOf(from.getTime())),
            lt(ojtGuidance.day, jstDayOf(to.getTime())),
          ),
        )
        .groupBy(ojtGuidance.givenById, ojtGuidance.personId);
      return rows.map((row) => ({ ...row, n: Number(row.n) }));
    },
  };
}
