// Seeds the 1:1 chat each person would have with the bot (as if they had greeted it), so the outbox can
// post to them without an install: `a:chat-<personId>` at the given connector.
import type { ConversationReferenceStore } from '../../src/reports/conversation-references.store.ts';

export async function rememberPersonalChats(
  conversations: ConversationReferenceStore,
  chats: { serviceUrl: string; tenantId: string; botId: string; people: readonly string[] },
): Promise<void> {
  for (const personId of chats.people)
    await conversations.remember({
      conversationId: `a:chat-${personId}`,
      kind: 'personal',
      serviceUrl: chats.serviceUrl,
      tenantId: chats.tenantId,
      botId: chats.botId,
      userAadId: personId,
      teamId: null,
      channelId: null,
      channelName: null,
    });
}
