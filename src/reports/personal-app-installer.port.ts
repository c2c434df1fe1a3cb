// Teams delivers a bot's 1:1 message only to people who have the app installed. Before the first 1:1
// message to a person, the outbox asks this port to install the app for them and for the id of the chat
// that installation opened (Microsoft Learn, "Proactively install your bot for users using Microsoft
// Graph"; Company Communicator does the same). The adapter is src/graph/graph-teams-apps.ts.

export interface PersonalAppInstaller {
  /**
   * Installs the app in the person's personal scope (already installed is fine) and answers the id of the
   * bot's 1:1 chat with them. Idempotent: safe to ask again after any failure. Fails with a GraphError
   * (`status` 403 when the organisation does not allow the app for this person).
   */
  personalChatOf(userAadId: string): Promise<{ chatId: string }>;
}
