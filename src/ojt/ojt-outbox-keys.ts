// The outbox keys of the OJT slice's bot messages, in one place: the sender builds keys from these
// prefixes and the erasure (src/privacy/erasure-plan.ts) finds a leaver's messages by the same prefixes.
// A key already in the outbox is ignored, so each is told once.

export const OJT_OUTBOX_PREFIX = {
  /**
   * An onboarding suggestion told to its supervisor (`<prefix><person id>:<suggestion id>`): once per
   * suggestion. The arrived person's id comes first: the erasure finds the messages that name them by it.
   */
  suggestion: 'ojt-suggestion:',
} as const;

export const ojtSuggestionKey = (suggestion: { id: string; personId: string }) =>
  `${OJT_OUTBOX_PREFIX.suggestion}${suggestion.personId}:${suggestion.id}`;
