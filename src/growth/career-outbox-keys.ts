// The outbox keys of the career milestones' bot notices (docs/growth.md, "Career milestones"), in one
// place: the sender builds keys from this prefix and the erasure (src/privacy/erasure-plan.ts) finds a
// leaver's notices by it. A key already in the outbox is ignored, so each recipient is told once per prompt.

export const CAREER_OUTBOX_PREFIX = {
  /**
   * A milestone prompt told to the person or their supervisor
   * (`<prefix><person id>:<prompt id>:self` or `…:supervisor:<supervisor id>`). The prompted person's id
   * comes first: the erasure finds the notices that name them by it.
   */
  prompt: 'career-prompt:',
} as const;

export const careerPromptKey = (
  prompt: { id: string; personId: string },
  recipient: { kind: 'self' } | { kind: 'supervisor'; supervisorId: string },
) =>
  `${CAREER_OUTBOX_PREFIX.prompt}${prompt.personId}:${prompt.id}:${
    recipient.kind === 'self' ? 'self' : `supervisor:${recipient.supervisorId}`
  }`;
