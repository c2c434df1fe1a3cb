// The common part of the DevelopmentSources counts (development-sources.ts) that the owners of the counted
// rows (ojt, reports, training) implement over their own tables: no authors, no query; the fiscal year's
// bounds; one count per author and person, a row with no author left out.
import { fiscalYearBounds } from '../shared/fiscal-period.ts';
import type { ActivityCount } from './development-sources.ts';

/** A counted row as a query gives it: the author may be unknown, the count may come back as text. */
export interface CountedRow {
  authorId: string | null;
  personId: string;
  n: number | string;
}

/** What `count` reads for `authorIds` in the fiscal year's [from, to), as activity counts. */
export async function activityCounts(
  authorIds: readonly string[],
  fiscalYear: number,
  count: (bounds: { from: Date; to: Date }) => Promise<CountedRow[]>,
): Promise<ActivityCount[]> {
  if (authorIds.length === 0) return [];
  const rows = await count(fiscalYearBounds(fiscalYear));
  return rows.flatMap((row) =>
    row.authorId ? [{ authorId: row.authorId, personId: row.personId, n: Number(row.n) }] : [],
  );
}
