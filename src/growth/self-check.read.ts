// What other slices may read of self-checks in SQL (docs/architecture.md, "Boundaries"): each person's own
// latest submitted rating of each competency, for the 人事評価 調整 view's outliers (src/evaluation).
// Nothing here writes; no access check (callers checked access themselves).
import { sql, type SQL } from 'drizzle-orm';
import { competencySlots, selfCheckLatest } from './self-check.schema.ts';

/**
 * A statement listing `person_id`, `competency_id`, `rating` (1–5) from each person's latest submitted
 * self-check (`self_check_latest`, kept by triggers), one row per competency they rated. Use it as a
 * subquery: sql`… join (${latestSelfRatings()}) as own on …`.
 */
export function latestSelfRatings(): SQL {
  const rating = sql`${selfCheckLatest.ratings}[${competencySlots.slot}]`;
  return sql`select ${selfCheckLatest.personId} as person_id, ${competencySlots.competencyId} as competency_id,
    ${rating} as rating
    from ${selfCheckLatest} cross join ${competencySlots} where ${rating} is not null`;
}
