// The outbox keys of the 資格取得 slice's bot messages, in one place: the notices build keys from this prefix
// and the erasure (src/privacy/erasure-plan.ts) finds a leaver's messages by it. A key already in the
// outbox is ignored, so each step is told once, whatever retries or instances do.

export const QUALIFICATION_OUTBOX_PREFIX = {
  /**
   * A step of an application (`<prefix><applicant id>:<application id>:<version>:<to>`): the version the
   * step wrote makes a resubmission after a return a new message. The applicant's id comes first: the
   * erasure finds the messages about them by it.
   */
  application: 'qualification-application:',
} as const;

export const qualificationNoticeKey = (
  application: { id: string; personId: string; version: number },
  to: 'supervisor' | 'applicant',
) =>
  `${QUALIFICATION_OUTBOX_PREFIX.application}${application.personId}:${application.id}:${application.version}:${to}`;
