// The outbox keys of the pulse's bot messages. A key already in the outbox is ignored, so each person is
// sent a pulse's card once whatever retries or instances do. The person's id comes first, as the erasure's
// other key rules have it (their messages also go by recipient).

export const PULSE_OUTBOX_PREFIX = { invitation: 'pulse:' } as const;

export const pulseInvitationKey = (personId: string, pulseId: string) =>
  `${PULSE_OUTBOX_PREFIX.invitation}${personId}:${pulseId}`;
