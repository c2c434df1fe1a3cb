// The outbox keys of the interviews slice's bot messages (1:1 request notices), in one place: the senders
// build keys from these prefixes, and the erasure finds a leaver's messages through the recipient
// (src/privacy/erasure-plan.ts). A key already in the outbox is ignored, so each is told once.

export const INTERVIEW_OUTBOX_PREFIX = {
  /**
   * A request reached a supervisor (`<prefix><requester id>:<request id>:<supervisor id>`): once per
   * request and supervisor, so a request moved to a new supervisor by a reporting-line change tells the
   * new one once. The requester's id comes first: the erasure finds the messages that name them by it.
   */
  requestArrived: 'interview-request-arrived:',
  /** The requester is told their request was declined (`<prefix><request id>`): once per request. */
  requestDeclined: 'interview-request-declined:',
  /** The requester is told their request was booked (`<prefix><request id>`): once per request. */
  requestBooked: 'interview-request-booked:',
} as const;

export const requestArrivedKey = (request: { id: string; personId: string; supervisorId: string }) =>
  `${INTERVIEW_OUTBOX_PREFIX.requestArrived}${request.personId}:${request.id}:${request.supervisorId}`;

export const requestDeclinedKey = (requestId: string) =>
  `${INTERVIEW_OUTBOX_PREFIX.requestDeclined}${requestId}`;

export const requestBookedKey = (requestId: string) => `${INTERVIEW_OUTBOX_PREFIX.requestBooked}${requestId}`;
