// The ports the home reads through (docs/architecture.md, "Ports point from the consumer"): the home
// declares what it needs from the growth and reports slices, and each owner answers over its own tables
// (src/growth/home-growth.adapter.ts, src/reports/home-reports.adapter.ts). Nothing here reads a table.

export interface GrowthNews {
  /**
   * Feedback on my self-checks and comments on my goals that others wrote at or after `since`: per
   * self-check the latest feedback's time, author and how many items it covers; per goal the latest comment.
   */
  feedbackFor(
    personId: string,
    since: Date,
  ): Promise<{
    selfChecks: Array<{ period: string; at: string; authorId: string; count: number }>;
    goals: Array<{ goalId: string; title: string; at: string; authorId: string }>;
  }>;
  /**
   * Of these people, the submitted self-checks of these periods whose feedback is not marked complete
   * (the team list's rule: comments on some items do not count), with how many items have a comment.
   */
  awaitingFeedback(
    personIds: string[],
    periods: string[],
  ): Promise<
    Array<{
      personId: string;
      period: string;
      submittedAt: Date | null;
      feedback: { commented: number; items: number };
    }>
  >;
}

export interface ReportNews {
  /**
   * Reports these authors submitted at or after `since` on which `commenterId` has written no comment,
   * with the course's title.
   */
  awaitingComment(
    authorIds: string[],
    commenterId: string,
    since: Date,
  ): Promise<
    Array<{
      reportId: string;
      personId: string;
      sessionId: string;
      submittedAt: Date;
      titleJa: string;
      titleEn: string | null;
    }>
  >;
}
