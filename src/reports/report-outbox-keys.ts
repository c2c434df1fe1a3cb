// The outbox keys of the report workflow's bot messages, in one place: the senders build keys from these
// prefixes and the erasure (src/privacy/erasure-plan.ts) finds a leaver's messages by the same prefixes,
// so a renamed or added key cannot slip past the erasure.

/** Prefix → the id the key ends with. */
export const REPORT_OUTBOX_PREFIX = {
  /** The channel summary of a submitted report (`<prefix><report id>`): carries the report. */
  summary: 'report-summary:',
  /** The supervisor's notice of a submitted report (`<prefix><report id>`): names the author. */
  notice: 'report-notice:',
  /** The author's notice of a supervisor's comment (`<prefix><comment id>`): names the commenter. */
  comment: 'report-comment:',
} as const;

export const summaryKey = (reportId: string) => `${REPORT_OUTBOX_PREFIX.summary}${reportId}`;
export const noticeKey = (reportId: string) => `${REPORT_OUTBOX_PREFIX.notice}${reportId}`;
export const commentKey = (commentId: string) => `${REPORT_OUTBOX_PREFIX.comment}${commentId}`;

/** A DRILL follow-up's question to its recipient (`<prefix><follow-up id>`): names the attendee. */
export const FOLLOW_UP_OUTBOX_PREFIX = 'training-follow-up:';
export const followUpKey = (followUpId: string) => `${FOLLOW_UP_OUTBOX_PREFIX}${followUpId}`;
