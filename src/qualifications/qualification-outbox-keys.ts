// The outbox keys of the 資格取得 slice's bot messages, in one place: the notices build keys from this prefix
// and the erasure (src/privacy/erasure-plan.ts) finds a leaver's messages by it. A key already in the
// outbox is ignored, so each step is told once, whatever retries or instances do.

export const QUALIFICATION_OUTBOX_PREFIX = {
  /**
   * A step of an application: `<prefix><applicant id>:<application id>:<version>:supervisor` to the
   * supervisor, `…:<version>:applicant:<decider id>` to the applicant. The version the step wrote makes a
   * resubmission after a return a new message. The erasure finds the messages about an applicant by their
   * id, which comes first, and those naming a decider (the card quotes their comment) by the id at the end.
   */
  application: 'qualification-application:',
} as const;

/** The suffix of the notices that name a decider: the erasure matches `%<suffix><decider id>`. */
export const QUALIFICATION_DECIDER_SUFFIX = ':applicant:';

const stepKey = (application: { id: string; personId: string; version: number }) =>
  `${QUALIFICATION_OUTBOX_PREFIX.application}${application.personId}:${application.id}:${application.version}`;

/** The notice to the supervisor that an application waits for them. */
export const qualificationSubmittedKey = (application: { id: string; personId: string; version: number }) =>
  `${stepKey(application)}:supervisor`;

/** The notice to the applicant of a decision, naming who decided. */
export const qualificationDecidedKey = (
  application: { id: string; personId: string; version: number },
  deciderId: string,
) => `${stepKey(application)}${QUALIFICATION_DECIDER_SUFFIX}${deciderId}`;
