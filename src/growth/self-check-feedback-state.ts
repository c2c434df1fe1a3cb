// Where a self-check stands with its supervisor's feedback: one rule for every place that shows it (the
// team list, GET /api/team, and the supervisor's home, GET /api/home). Issue 18.6: feedback on 2 of 7
// items is feedback in progress, not 「フィードバック済み」; only the supervisor's explicit "complete"
// (self-check.service.ts, completeFeedback) makes it so.
import { sql } from 'drizzle-orm';
import { expectedCompetencies } from '../framework/framework-loader.ts';
import type { Framework } from '../framework/framework.schema.ts';
import { selfChecks } from './self-check.schema.ts';
import type { SelfCheckState, TeamMember } from './team.contract.ts';

/** The columns the rule reads, for a select over many self-checks in one query. */
export const feedbackStateColumns = {
  status: selfChecks.status,
  levelId: selfChecks.levelId,
  completed: sql<boolean>`${selfChecks.feedbackCompletedAt} is not null`,
  commented: sql<number>`(select count(*) from jsonb_object_keys(${selfChecks.feedback}))::int`,
};

export interface FeedbackStateRow {
  status: string;
  levelId: string;
  completed: boolean;
  commented: number | string;
}

export interface FeedbackState {
  /** draft, submitted (feedback not complete, whatever the number of comments) or reviewed. */
  selfCheck: Exclude<SelfCheckState, 'none'>;
  /** Of a submitted self-check: how many of its items have a comment so far (e.g. 2 of 7). */
  selfCheckFeedback?: NonNullable<TeamMember['selfCheckFeedback']>;
}

/** The rule: reviewed only once the feedback is marked complete; comments alone leave it submitted. */
export function feedbackStateOf(row: FeedbackStateRow, framework: Framework): FeedbackState {
  if (row.status === 'draft') return { selfCheck: 'draft' };
  return {
    selfCheck: row.completed ? 'reviewed' : 'submitted',
    selfCheckFeedback: {
      commented: Number(row.commented),
      // A level's self-check has an item for every mark but blank.
      items: expectedCompetencies(framework, row.levelId).length,
    },
  };
}

/** Waits on its supervisor: submitted, feedback not marked complete (with or without comments so far). */
export function isAwaitingFeedback(state: FeedbackState): boolean {
  return state.selfCheck === 'submitted';
}
