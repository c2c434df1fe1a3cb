import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, createBotConnector } from '../../../src/reports/bot-connector.ts';

// A stored conversation reference from before the bot checked serviceUrls must not send a request (and,
// in production, the bot token) to a host the bot would not take activities from.
describe('the bot connector with a serviceUrl rule', () => {
  let server: Server;
  let base: string;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'activity-1' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const target = (serviceUrl: string) => ({ serviceUrl, conversationId: 'a:1' });

  it('refuses a serviceUrl the rule rejects, with a 403 the outbox does not retry, sending nothing', async () => {
    const connector = createBotConnector({ credentials: undefined, isAllowedServiceUrl: () => false });
    const posting = connector.post(target(base), { text: 'hello' });
    await expect(posting).rejects.toBeInstanceOf(ConnectorError);
    await expect(posting).rejects.toMatchObject({ status: 403 });
    await expect(
      connector.createPersonalConversation({ serviceUrl: base, tenantId: 't', botId: 'b', userAadId: 'u' }),
    ).rejects.toMatchObject({ status: 403 });
    expect(requests).toBe(0);
  });

  it('posts to a serviceUrl the rule accepts', async () => {
    const connector = createBotConnector({
      credentials: undefined,
      isAllowedServiceUrl: (serviceUrl) => serviceUrl.startsWith(base),
    });
    expect(await connector.post(target(base), { text: 'hello' })).toEqual({ activityId: 'activity-1' });
    expect(requests).toBe(1);
  });
});
