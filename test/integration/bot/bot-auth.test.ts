import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountBot } from '../../../bot/bot-app.ts';
import { errorHandler } from '../../../src/http/error-middleware.ts';
import type { ConversationReferenceStore } from '../../../src/reports/conversation-references.store.ts';
import { testLogger } from '../../support/logger.ts';

// With credentials (production), the Teams SDK validates Bot Framework tokens; nothing unauthenticated
// reaches our handlers or our store.
describe('the bot endpoint with production credentials', () => {
  let server: Server;
  let url: string;
  const remembered: unknown[] = [];
  beforeAll(async () => {
    const app = express();
    const conversations = {
      remember: (reference: unknown) => Promise.resolve(void remembered.push(reference)),
      recordInstallation: () => Promise.resolve(),
      recordUninstallation: () => Promise.resolve(),
    } as unknown as ConversationReferenceStore;
    await mountBot({
      expressApp: app,
      credentials: {
        clientId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
        clientSecret: 'not-a-real-secret',
        tenantId: '11111111-2222-3333-4444-555555555555',
      },
      conversations,
      logger: testLogger,
      publicUrl: 'https://hagukumi.example.lg.jp',
      bodyLimitBytes: 100 * 1024,
    });
    app.use(errorHandler(testLogger));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const activity = {
    type: 'message',
    id: '1',
    text: 'hello',
    serviceUrl: 'https://smba.trafficmanager.net/jp/',
    channelId: 'msteams',
    from: { id: '29:attacker', name: 'Mallory' },
    recipient: { id: '28:5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d' },
    conversation: {
      id: 'a:1',
      conversationType: 'personal',
      tenantId: '11111111-2222-3333-4444-555555555555',
    },
  };

  it.each([
    ['no token', undefined],
    [
      'a token that is not a Bot Framework token',
      'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.',
    ],
  ])('refuses an activity with %s', async (_label, authorization) => {
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(401);
    expect(remembered).toEqual([]);
  });
});
