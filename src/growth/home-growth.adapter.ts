// The growth slice's side of the home's GrowthNews port (src/home/home-sources.ts): feedback and
// comments others wrote on my self-checks and goals, and the direct reports' self-checks still waiting
// for feedback (by the team list's rule). Small reads: one person's rows, or a team's submitted self-checks of two halves.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { Framework } from '../framework/framework.schema.ts';
import type { GrowthNews } from '../home/home-sources.ts';
import { goals } from './goal.schema.ts';
import { feedbackStateColumns, feedbackStateOf, isAwaitingFeedback } from './self-check-feedback-state.ts';
import { selfChecks } from './self-check.schema.ts';

export function createHomeGrowth(db: Db, framework: Framework): GrowthNews {
  return {
    async feedbackFor(personId, since) {
      const after = since.toISOString();
      const [checks, mine] = await Promise.all([
        db
          .select({ period: selfChecks.period, feedback: selfChecks.feedback })
          .from(selfChecks)
          .where(and(eq(selfChecks.personId, personId), sql`${selfChecks.feedback} <> '{}'::jsonb`)),
        db
          .select({ id: goals.id, title: goals.title, comments: goals.comments })
          .from(goals)
          .where(and(eq(goals.personId, personId), sql`${goals.comments} <> '[]'::jsonb`)),
      ]);
      const selfCheckNews = checks.flatMap((row) => {
        // ISO instants compare as text.
        const fresh = Object.values(row.feedback).filter(
          (entry) => entry.at >= after && entry.authorId !== personId,
        );
        if (fresh.length === 0) return [];
        const latest = fresh.reduce((a, b) => (b.at > a.at ? b : a));
        return [{ period: row.period, at: latest.at, authorId: latest.authorId, count: fresh.length }];
      });
      const goalNews = mine.flatMap((row) => {
        const fresh = row.comments.filter((comment) => comment.at >= after && comment.authorId !== personId);
        if (fresh.length === 0) return [];
        const latest = fresh.reduce((a, b) => (b.at > a.at ? b : a));
        return [{ goalId: row.id, title: row.title, at: latest.at, authorId: latest.authorId }];
      });
      return { selfChecks: selfCheckNews, goals: goalNews };
    },

    async awaitingFeedback(personIds, periods) {
      if (personIds.length === 0 || periods.length === 0) return [];
      const rows = await db
        .select({
          personId: selfChecks.personId,
          period: selfChecks.period,
          submittedAt: selfChecks.submittedAt,
          ...feedbackStateColumns,
        })
        .from(selfChecks)
        .where(
          and(
            inArray(selfChecks.personId, personIds),
            inArray(selfChecks.period, periods),
            eq(selfChecks.status, 'submitted'),
          ),
        );
      // The team list's rule (self-check-feedback-state.ts): comments on some items leave it waiting.
      return rows.flatMap((row) => {
        const state = feedbackStateOf(row, framework);
        return isAwaitingFeedback(state) && state.selfCheckFeedback
          ? [
              {
                personId: row.personId,
                period: row.period,
                submittedAt: row.submittedAt,
                feedback: state.selfCheckFeedback,
              },
            ]
          : [];
      });
    },
  };
}
