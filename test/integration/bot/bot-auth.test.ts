import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { App } from '@microsoft/teams.apps';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountBot, type BotAccess } from '../../../bot/bot-app.ts';
import { DEFAULT_BOT_SERVICE_URL_HOSTS } from '../../../src/config.ts';
import { errorHandler } from '../../../src/http/error-middleware.ts';
import type { ConversationReferenceStore } from '../../../src/reports/conversation-references.store.ts';
import { testLogger } from '../../support/logger.ts';

const TENANT = '11111111-2222-3333-4444-555555555555';
const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';
const BOT_APP_ID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';

// Our token provider stands in for the bot's credential: the SDK never holds one itself.
const botToken = () => Promise.resolve('not-a-real-token');
const production = {
  mode: 'production' as const,
  clientId: BOT_APP_ID,
  token: botToken,
  tenantId: TENANT,
  authorityHost: 'https://login.microsoftonline.com',
  serviceUrlHosts: DEFAULT_BOT_SERVICE_URL_HOSTS,
} satisfies BotAccess;

interface MountedBot {
  app: App;
  url: string;
  remembered: unknown[];
  installations: unknown[];
  post(body: unknown, authorization?: string): Promise<Response>;
  close(): Promise<void>;
}

/** The bot alone on an express app, with a store that records what it is asked to keep. */
async function mountTestBot(access: BotAccess): Promise<MountedBot> {
  const app = express();
  const remembered: unknown[] = [];
  const installations: unknown[] = [];
  const conversations = {
    remember: (reference: unknown) => Promise.resolve(void remembered.push(reference)),
    recordInstallation: (installation: unknown) => Promise.resolve(void installations.push(installation)),
    recordUninstallation: () => Promise.resolve(),
  } as unknown as ConversationReferenceStore;
  const bot = await mountBot({
    expressApp: app,
    access,
    conversations,
    logger: testLogger,
    publicUrl: 'https://hagukumi.example.lg.jp',
    bodyLimitBytes: 100 * 1024,
  });
  app.use(errorHandler(testLogger));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    app: bot,
    url,
    remembered,
    installations,
    post: (body, authorization) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(body),
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const activity = {
  type: 'message',
  id: '1',
  text: 'hello',
  serviceUrl: 'https://smba.trafficmanager.net/jp/',
  channelId: 'msteams',
  from: { id: '29:attacker', name: 'Mallory' },
  recipient: { id: `28:${BOT_APP_ID}` },
  conversation: { id: 'a:1', conversationType: 'personal', tenantId: TENANT },
  channelData: { tenant: { id: TENANT } },
};

// With credentials (production), the Teams SDK validates Bot Framework tokens; nothing unauthenticated
// reaches our handlers or our store.
describe('the bot endpoint with production credentials', () => {
  let bot: MountedBot;
  beforeAll(async () => {
    bot = await mountTestBot(production);
  });
  afterAll(() => bot?.close());

  it.each([
    ['no token', undefined],
    [
      'a token that is not a Bot Framework token',
      'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.',
    ],
  ])('refuses an activity with %s', async (_label, authorization) => {
    const response = await bot.post(activity, authorization);
    expect(response.status).toBe(401);
    expect(bot.remembered).toEqual([]);
  });

  // 401 above means the activity passed our guard and the SDK checked its token; 403 below means our
  // guard refused it before the SDK, the handlers or the store saw it.
  it.each([
    ['channelData names another tenant', { channelData: { tenant: { id: OTHER_TENANT } } }],
    [
      'the conversation names another tenant',
      { conversation: { ...activity.conversation, tenantId: OTHER_TENANT } },
    ],
    [
      'it names no tenant at all',
      { channelData: {}, conversation: { id: 'a:1', conversationType: 'personal' } },
    ],
  ])('refuses an activity from another tenant (%s) and never stores it', async (_label, change) => {
    const response = await bot.post({ ...activity, ...change });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect(bot.remembered).toEqual([]);
  });

  it('refuses a team installation from another tenant: no team, channel or serviceUrl is recorded', async () => {
    const response = await bot.post({
      ...activity,
      type: 'conversationUpdate',
      membersAdded: [{ id: activity.recipient.id }],
      conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: OTHER_TENANT },
      channelData: { tenant: { id: OTHER_TENANT }, team: { id: '19:general@thread.tacv2', name: 'Evil' } },
    });
    expect(response.status).toBe(403);
    expect([bot.remembered, bot.installations]).toEqual([[], []]);
  });

  it('compares tenant ids without regard to case', async () => {
    const response = await bot.post({ ...activity, channelData: { tenant: { id: TENANT.toUpperCase() } } });
    expect(response.status).toBe(401);
  });

  it.each([
    ['a host that is not a connector', 'https://connector.attacker.example/jp/'],
    ['a look-alike host', 'https://smba.trafficmanager.net.attacker.example/jp/'],
    ['plain http', 'http://smba.trafficmanager.net/jp/'],
    ['credentials in the URL', 'https://user:secret@smba.trafficmanager.net/jp/'],
    ['this machine', 'http://127.0.0.1:56150/_connector'],
  ])('refuses a serviceUrl on %s and never stores it', async (_label, serviceUrl) => {
    const response = await bot.post({ ...activity, serviceUrl });
    expect(response.status).toBe(403);
    expect(bot.remembered).toEqual([]);
  });

  it.each(DEFAULT_BOT_SERVICE_URL_HOSTS.map((host) => [host]))(
    'lets an activity with a serviceUrl on %s through to the token check',
    async (host) => {
      const response = await bot.post({ ...activity, serviceUrl: `https://${host}/apac/` });
      expect(response.status).toBe(401);
    },
  );
});

describe('the bot endpoint with another list of connector hosts (BOT_SERVICE_URL_HOSTS)', () => {
  let bot: MountedBot;
  beforeAll(async () => {
    bot = await mountTestBot({ ...production, serviceUrlHosts: ['smba.infra.gov.teams.microsoft.us'] });
  });
  afterAll(() => bot?.close());

  it('takes only the configured hosts', async () => {
    expect((await bot.post(activity)).status).toBe(403);
    const gov = { ...activity, serviceUrl: 'https://smba.infra.gov.teams.microsoft.us/teams/' };
    expect((await bot.post(gov)).status).toBe(401);
  });
});

// Local mode: Agents Playground on this machine, unauthenticated, with its own fake tenant.
describe('the bot endpoint in local mode', () => {
  let bot: MountedBot;
  beforeAll(async () => {
    bot = await mountTestBot({ mode: 'local' });
  });
  afterAll(() => bot?.close());

  const typing = {
    ...activity,
    type: 'typing',
    serviceUrl: 'http://127.0.0.1:56150/_connector',
    channelData: { tenant: { id: OTHER_TENANT } },
    conversation: { id: 'playground-chat', conversationType: 'personal', tenantId: OTHER_TENANT },
  };

  it('takes the Playground at a loopback serviceUrl, whatever its tenant, and stores the reference', async () => {
    const response = await bot.post(typing);
    expect(response.status).toBe(200);
    expect(bot.remembered).toEqual([
      expect.objectContaining({ conversationId: 'playground-chat', serviceUrl: typing.serviceUrl }),
    ]);
  });

  it('refuses a serviceUrl beyond this machine: unauthenticated activities must not point the bot elsewhere', async () => {
    const before = bot.remembered.length;
    const response = await bot.post({ ...typing, serviceUrl: 'https://smba.trafficmanager.net/jp/' });
    expect(response.status).toBe(403);
    expect(bot.remembered).toHaveLength(before);
  });
});

// The Teams SDK reads these itself when an option is left unset; bot-app.ts sets every one of them, so a
// stray variable changes nothing (and production configuration refuses them: test/unit/config.test.ts).
describe('the Teams SDK takes nothing from the environment', () => {
  const planted = {
    DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS: 'true',
    CLIENT_ID: '00000000-0000-0000-0000-00000000beef',
    CLIENT_SECRET: 'planted-secret',
    TENANT_ID: OTHER_TENANT,
    MANAGED_IDENTITY_CLIENT_ID: 'system',
    SERVICE_URL: 'https://connector.attacker.example',
    CLOUD: 'USGov',
    OAUTH_URL: 'https://oauth.attacker.example',
  };
  const saved: Record<string, string | undefined> = {};
  let productionBot: MountedBot;
  let localBot: MountedBot;
  beforeAll(async () => {
    for (const [name, value] of Object.entries(planted)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    productionBot = await mountTestBot(production);
    localBot = await mountTestBot({ mode: 'local' });
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await productionBot?.close();
    await localBot?.close();
  });

  it('keeps authentication on in production and uses our credentials, cloud and endpoints', async () => {
    expect((await productionBot.post(activity)).status).toBe(401);
    expect(productionBot.app.credentials).toEqual({
      clientId: BOT_APP_ID,
      token: botToken,
      tenantId: TENANT,
    });
    expect(productionBot.app.cloud.loginEndpoint).toBe('https://login.microsoftonline.com');
    expect(productionBot.app.cloud.tokenIssuer).toBe('https://api.botframework.com');
    expect(productionBot.app.api.serviceUrl).toBe('https://smba.trafficmanager.net/teams');
  });

  it('has no credentials at all in local mode', () => {
    expect(localBot.app.credentials).toBeUndefined();
    expect(localBot.app.api.serviceUrl).toBe('https://smba.trafficmanager.net/teams');
  });
});
