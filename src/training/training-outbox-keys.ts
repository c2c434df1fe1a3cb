// The outbox keys of the training slice's bot messages, in one place: the senders build keys from these
// prefixes, the delivery report reads the outbox by them, and the erasure finds a leaver's messages
// through the recipient (src/privacy/erasure-plan.ts).

export const TRAINING_OUTBOX_PREFIX = {
  /** A 受講案内 (`<prefix><session id>:<person id>`): one per session and person, ever. */
  announcement: 'training-announcement:',
  /** A personal status notice (`<prefix><enrolment id>:<enrolment version>`): one per change. */
  status: 'training-status:',
  /**
   * A session told to someone waiting for its course (`<prefix><session id>:<person id>:<session version>`):
   * once each time the session opens (it may close and open again as HR moves its deadline).
   */
  opened: 'training-opened:',
} as const;

export const announcementKey = (sessionId: string, personId: string) =>
  `${TRAINING_OUTBOX_PREFIX.announcement}${sessionId}:${personId}`;

export const statusNoticeKey = (enrolmentId: string, version: number) =>
  `${TRAINING_OUTBOX_PREFIX.status}${enrolmentId}:${version}`;

export const openedNoticeKey = (sessionId: string, personId: string, sessionVersion: number) =>
  `${TRAINING_OUTBOX_PREFIX.opened}${sessionId}:${personId}:${sessionVersion}`;
