// The parts of a bot message that the outbox stores as they are: who gets it and its cards. A leaf
// module (it imports nothing), so the outbox's table and the port can both name them without a cycle.

/** Who gets the message: a person's 1:1 chat with the bot, or a channel of a team the app is installed in. */
export type BotRecipient =
  { kind: 'person'; personId: string } | { kind: 'channel'; teamId: string; channelId: string };

export interface BotAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: unknown;
}
