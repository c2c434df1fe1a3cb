// The interviews slice's side of the growth slice's DevelopmentSources port (src/growth/development-sources.ts):
// how many interviews each supervisor held with each person in a fiscal year, formal ones and 1:1s apart,
// in one statement over this slice's own table.
import { and, count, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { DevelopmentSources } from '../growth/development-sources.ts';
import { heldInterviewStatuses } from './interview-status.ts';
import { interviews } from './interview.schema.ts';

export function createDevelopmentInterviews(db: Db): Pick<DevelopmentSources, 'interviewsHeld'> {
  return {
    async interviewsHeld(organizerIds, fiscalYear, now) {
      if (organizerIds.length === 0) return [];
      const rows = await db
        .select({
          organizerId: interviews.organizerId,
          personId: interviews.personId,
          oneOnOne: sql<boolean>`${interviews.type} = 'oneOnOne'`.as('one_on_one'),
          n: count(),
        })
        .from(interviews)
        .where(
          and(
            inArray(interviews.organizerId, organizerIds),
            eq(interviews.fiscalYear, fiscalYear),
            inArray(interviews.status, heldInterviewStatuses),
            lte(interviews.endsAt, now),
            // Never one with oneself (a row the directory's loops could make).
            ne(interviews.organizerId, interviews.personId),
          ),
        )
        .groupBy(interviews.organizerId, interviews.personId, sql`3`);
      const found = new Map<
        string,
        { organizerId: string; personId: string; formal: number; oneOnOne: number }
      >();
      for (const row of rows) {
        const key = `${row.organizerId}\u0000${row.personId}`;
        const entry = found.get(key) ?? {
          organizerId: row.organizerId,
          personId: row.personId,
          formal: 0,
          oneOnOne: 0,
        };
        if (row.oneOnOne) entry.oneOnOne += Number(row.n);
        else entry.formal += Number(row.n);
        found.set(key, entry);
      }
      return [...found.values()];
    },
  };
}
