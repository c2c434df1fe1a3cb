// Local mode end to end: the outbox posts through Microsoft 365 Agents Playground's connector exactly as
// it would through Teams' — the serviceUrl comes from the conversation the Playground opened, no token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundStandIns } from '../../../src/dev/playground-identities.ts';
import { startPlayground, type Playground } from '../../support/playground.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('bot outbox through Microsoft 365 Agents Playground', () => {
  let server: TestServer;
  let playground: Playground;
  beforeAll(async () => {
    server = await startTestServer();
    playground = await startPlayground(`${server.url}/api/messages`);
  }, 60_000);
  afterAll(async () => {
    await playground?.stop();
    await server?.stop();
  });

  it('delivers an enqueued message to the 1:1 chat of a user who never wrote to the bot, and a channel post to the installed team', async () => {
    // The user never opened a chat with the bot: the outbox opens it (the serviceUrl comes from the team).
    const chat = playground.config.personalChat.id;
    const team = playground.config.teams[0]!;
    await playground.installInTeam(team.id);
    const deadline = Date.now() + 10_000;
    while (
      (await server.database.query('SELECT 1 FROM team_installations')).length === 0 &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 200));

    expect(
      await server.database.query('SELECT 1 FROM conversation_references WHERE kind = $1', ['personal']),
    ).toEqual([]);
    const me = playgroundStandIns(server.emulator.people)[0]!;
    const channel = team.channels[0]!;
    await server.botMessages.enqueue([
      {
        key: 'playground:personal',
        recipient: { kind: 'person', personId: me.id },
        text: '研修報告のお願い',
      },
      {
        key: 'playground:channel',
        recipient: { kind: 'channel', teamId: team.id, channelId: channel.id },
        text: '研修報告の共有',
      },
    ]);
    const personal = await playground.waitForMessage(
      (message) => message.text === '研修報告のお願い',
      30_000,
    );
    expect(personal.conversationId).toBe(chat);
    const shared = await playground.waitForMessage((message) => message.text === '研修報告の共有', 30_000);
    expect(shared.conversationId).toContain(channel.id);
    // Sent is written just after the connector's answer, which may come after the Playground shows it.
    const keys = ['playground:personal', 'playground:channel'];
    const sentBy = Date.now() + 10_000;
    let states = await server.botMessages.status(keys);
    while ([...states.values()].some((status) => status.state !== 'sent') && Date.now() < sentBy) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      states = await server.botMessages.status(keys);
    }
    expect([...states.values()].map((status) => status.state)).toEqual(['sent', 'sent']);
  }, 90_000);
});
