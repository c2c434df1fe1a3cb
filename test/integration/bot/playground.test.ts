import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundStandIns } from '../../../src/dev/playground-identities.ts';
import { startPlayground, type Playground } from '../../support/playground.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('the bot with Microsoft 365 Agents Playground', () => {
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

  it('answers "hello" in a 1:1 chat with a greeting card naming the user', async () => {
    const chat = playground.config.personalChat.id;
    await playground.say(chat, 'hello');
    const reply = await playground.waitForMessage(
      (message) => message.conversationId === chat && message.attachments.length > 0,
    );
    const card = reply.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(JSON.stringify(card.content)).toContain(playground.config.currentUser.name);

    const references = await server.database.query<{
      kind: string;
      user_aad_id: string | null;
      service_url: string;
    }>('SELECT kind, user_aad_id, service_url FROM conversation_references WHERE conversation_id = $1', [
      chat,
    ]);
    expect(references).toHaveLength(1);
    expect(references[0]).toMatchObject({
      kind: 'personal',
      // In local mode the Playground's current user stands in for a seeded 主事: the chat is theirs.
      user_aad_id: playgroundStandIns(server.emulator.people)[0]!.id,
    });
    expect(references[0]!.service_url).toContain(new URL(playground.url).port);
  });

  it('records the team, its channels and serviceUrl when installed in a team', async () => {
    const team = playground.config.teams[0]!;
    await playground.installInTeam(team.id);
    const deadline = Date.now() + 10_000;
    let rows: Array<{
      team_id: string;
      team_name: string | null;
      service_url: string;
      channels: Array<{ id: string; name: string }>;
    }> = [];
    while (rows.length === 0 && Date.now() < deadline) {
      rows = await server.database.query(
        'SELECT team_id, team_name, service_url, channels FROM team_installations',
      );
      if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]!.team_id).toBe(team.id);
    expect(rows[0]!.service_url).toContain(new URL(playground.url).port);
    expect(rows[0]!.channels.map((channel) => channel.id).sort()).toEqual(
      team.channels.map((channel) => channel.id).sort(),
    );
  });

  it('refuses a request that is not an activity with a 400 error body', async () => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"hello":"world"}',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
  });
});
