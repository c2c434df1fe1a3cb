// The cards the report workflow sends, as the server sees them: opaque Adaptive Card content built by the
// bot's pure card builders (bot/cards), handed in by the composition root — src/ does not import bot/.

export interface CardSessionInfo {
  sessionId: string;
  courseTitle: { ja: string; en: string | null };
  /** ISO instant of the start. */
  start: string;
}

export interface CardReportContent {
  learned: string;
  application: string;
  competencyIds: string[];
  guidelineIds: string[];
}

export interface CardAuthor {
  name: string;
  department: string | null;
}

export interface ReportCardBuilders {
  /** The report form sent when a session has ended. */
  requestForm(input: { session: CardSessionInfo; submissionId: string }): Promise<unknown>;
  reminder(input: { session: CardSessionInfo; reminder: number; max: number }): unknown;
  /** Posted to the channel mapped to the author's 課. */
  summary(input: { author: CardAuthor; session: CardSessionInfo; report: CardReportContent }): unknown;
  /** To the author's supervisor: the gist, a link and a comment box. */
  supervisorNotice(input: {
    reportId: string;
    requestId: string;
    author: CardAuthor;
    session: CardSessionInfo;
    report: CardReportContent;
    link: string;
  }): unknown;
  /** To the author: a supervisor commented. */
  commentNotice(input: {
    supervisorName: string;
    session: CardSessionInfo;
    comment: string;
    link: string;
  }): unknown;
}

export const adaptiveCard = (content: unknown) => ({
  contentType: 'application/vnd.microsoft.card.adaptive' as const,
  content,
});
