// The operations signals (docs/operations.md, "Telemetry") reach an OpenTelemetry meter provider when
// one is registered — here an in-memory one, as useAzureMonitor registers Azure Monitor's — with the
// names and attributes the documented Application Insights queries use; and without a connection
// string no SDK is even loaded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { createGraphClient } from '../../../src/graph/graph-client.ts';
import { GraphError } from '../../../src/graph/graph-errors.ts';
import { createHttpApp } from '../../../src/http/app.ts';
import { defineRoute } from '../../../src/http/route.ts';
import { startQueue, type JobQueue } from '../../../src/jobs/queue.ts';
import { ConnectorError, createBotConnector } from '../../../src/reports/bot-connector.ts';
import { createBotOutbox, createBotOutboxWorker } from '../../../src/reports/bot-outbox.ts';
import { createConversationReferenceStore } from '../../../src/reports/conversation-references.store.ts';
import { METRIC } from '../../../src/telemetry/metrics.ts';
import { createCalendarWatch } from '../../../src/calendar-watch/calendar-watch.service.ts';
import type { CalendarWatchStore } from '../../../src/calendar-watch/calendar-watch.store.ts';
import { startTelemetry } from '../../../src/telemetry/telemetry-sdk.ts';
import { createTestStore, type TestStore } from '../../support/backends.ts';
import { testLogger } from '../../support/logger.ts';

/** Reads on demand (collect()), never on a timer: nothing is exported anywhere. */
class TestReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const reader = new TestReader();
const provider = new MeterProvider({ readers: [reader] });

async function points(name: string): Promise<Array<DataPoint<unknown>>> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === name)
    .flatMap((metric) => metric.dataPoints as Array<DataPoint<unknown>>);
}

async function counted(name: string, attributes: Record<string, string | number>): Promise<number> {
  const found = (await points(name)).filter((point) =>
    Object.entries(attributes).every(([key, value]) => point.attributes[key] === value),
  );
  return found.reduce((sum, point) => sum + (point.value as number), 0);
}

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const servers: Server[] = [];

beforeAll(() => {
  // What useAzureMonitor does with its own provider; metrics.ts picks up whichever is registered.
  expect(metrics.setGlobalMeterProvider(provider)).toBe(true);
});

afterAll(async () => {
  for (const server of servers) server.close();
  metrics.disable();
  await provider.shutdown();
});

describe('request latency', () => {
  it('is recorded per route template, method and status, without the concrete path', async () => {
    const route = defineRoute({
      method: 'get',
      path: '/api/people/:personId',
      operationId: 'getPerson',
      summary: 'test route',
      tags: ['test'],
      auth: 'public',
      request: { params: z.object({ personId: z.string() }) },
      responses: { 200: { description: 'ok' } },
      handler: async ({ params }) => ({ body: { id: params.personId } }),
    });
    const app = await createHttpApp({
      logger: testLogger,
      routes: [route],
      bodyLimitBytes: 1024,
      version: 'test',
      frameAncestors: ["'self'"],
    });
    const { server, url } = await listen(app);
    servers.push(server);

    expect((await fetch(`${url}/api/people/yamada-hanako-0042`)).status).toBe(200);
    expect((await fetch(`${url}/api/nowhere/suzuki-ichiro-0043`)).status).toBe(404);

    const recorded = await points(METRIC.requestDuration);
    const served = recorded.find((point) => point.attributes['http.route'] === '/api/people/:personId');
    expect(served?.attributes).toEqual({
      'http.request.method': 'GET',
      'http.route': '/api/people/:personId',
      'http.response.status_code': 200,
    });
    expect((served!.value as Histogram).count).toBe(1);
    expect(recorded.find((point) => point.attributes['http.route'] === 'unmatched')?.attributes).toEqual({
      'http.request.method': 'GET',
      'http.route': 'unmatched',
      'http.response.status_code': 404,
    });
    // No person's id in any attribute: they are not redacted on the way to Application Insights.
    expect(JSON.stringify(recorded.map((point) => point.attributes))).not.toMatch(/yamada|suzuki|004/);
  });
});

describe('throttling', () => {
  it('counts a Graph 429 that the SDK retries by itself, and a 429 inside a batch', async () => {
    let gets = 0;
    let batches = 0;
    const { server, url } = await listen((req, res) => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.url?.startsWith('/v1.0/$batch')) {
        batches += 1;
        const inner =
          batches === 1
            ? { id: '1', status: 429, headers: { 'Retry-After': '0' }, body: { error: { code: 'TooMany' } } }
            : { id: '1', status: 200, headers: {}, body: { ok: true } };
        send(200, { responses: [inner] });
        return;
      }
      gets += 1;
      if (gets === 1)
        send(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'Retry-After': '0' });
      else send(200, { value: 'fine' });
    });
    servers.push(server);
    const graph = createGraphClient({
      baseUrl: `${url}/v1.0`,
      getToken: () => Promise.resolve('token'),
      retryDelaySeconds: 0,
      maxRetries: 2,
    });

    await expect(graph.get<{ value: string }>('/users/someone')).resolves.toEqual({ value: 'fine' });
    expect(gets).toBe(2);
    expect(await counted(METRIC.throttled, { service: 'graph', 'http.response.status_code': 429 })).toBe(1);

    const [result] = await graph.batch([{ id: '1', method: 'GET', url: '/users/someone' }]);
    expect(result?.status).toBe(200);
    expect(
      await counted(METRIC.throttled, { service: 'graph-batch-item', 'http.response.status_code': 429 }),
    ).toBe(1);
  });

  it("counts the bot connector's 429", async () => {
    const { server, url } = await listen((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ error: { code: 'Throttled', message: 'too many' } }));
    });
    servers.push(server);
    const connector = createBotConnector({ credentials: undefined });
    const failure = await connector
      .post({ serviceUrl: url, conversationId: 'a:conversation' }, { text: 'hello' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect((failure as ConnectorError).status).toBe(429);
    expect(
      await counted(METRIC.throttled, { service: 'bot-connector', 'http.response.status_code': 429 }),
    ).toBe(1);
  });
});

describe('with a database (PGlite)', () => {
  let store: TestStore;
  let database: Database;
  let queue: JobQueue;

  beforeAll(async () => {
    store = await createTestStore('pglite');
    database = await openDatabase({ databaseUrl: undefined, dataDir: store.dataDir });
    queue = await startQueue(database, testLogger);
  }, 60_000);

  afterAll(async () => {
    await queue?.stop(1000).catch(() => undefined);
    await database?.close().catch(() => undefined);
    await store?.dispose();
  });

  it('counts a job failure by queue name', async () => {
    await queue.define('telemetry.fails', { retryLimit: 0 });
    await queue.work('telemetry.fails', () => Promise.reject(new Error('the directory is down')), {
      pollingIntervalSeconds: 0.5,
    });
    await queue.send('telemetry.fails', {});
    await waitFor(async () => (await counted(METRIC.jobFailures, { queue: 'telemetry.fails' })) === 1);
  });

  it('records how long a due bot message waited before it was claimed', async () => {
    const outbox = createBotOutbox({ db: database.db });
    // Due 90 s ago: the lag a worker that was down (or busy) for a minute and a half would see.
    await outbox.enqueue([
      {
        key: 'telemetry-lag',
        recipient: { kind: 'channel', teamId: 'team-without-installation', channelId: 'channel' },
        text: 'hello',
        notBefore: new Date(Date.now() - 90_000),
      },
    ]);
    const worker = createBotOutboxWorker({
      db: database.db,
      conversations: createConversationReferenceStore(database.db, () => new Date()),
      connector: createBotConnector({ credentials: undefined }),
      logger: testLogger,
    });
    // No installation for that team: claimed (lag recorded), then given up without a request.
    const run = await worker.drain();
    await worker.stop();
    expect(run.failed).toBe(1);
    const [lag] = await points(METRIC.outboxLag);
    const histogram = lag?.value as Histogram | undefined;
    expect(histogram?.count).toBe(1);
    expect(histogram?.min).toBeGreaterThanOrEqual(90);
    expect(histogram?.max).toBeLessThan(120);
  });

  it('counts a 1:1 message given up because the organisation refused to install the app', async () => {
    const conversations = createConversationReferenceStore(database.db, () => new Date());
    await conversations.recordInstallation({
      teamId: 'team-telemetry',
      teamName: null,
      aadGroupId: null,
      tenantId: 'tenant',
      serviceUrl: 'https://smba.trafficmanager.net/jp/',
      channels: [],
    });
    const outbox = createBotOutbox({ db: database.db });
    await outbox.enqueue([
      { key: 'telemetry-install-refused', recipient: { kind: 'person', personId: 'blocked' }, text: 'hi' },
    ]);
    const worker = createBotOutboxWorker({
      db: database.db,
      conversations,
      connector: createBotConnector({ credentials: undefined }),
      logger: testLogger,
      botId: '28:bot',
      installer: {
        personalChatOf: () =>
          Promise.reject(new GraphError(403, 'Forbidden', 'blocked by policy', undefined, undefined)),
      },
    });
    const run = await worker.drain();
    await worker.stop();
    expect(run).toMatchObject({ failed: 1, installRefused: 1 });
    expect(await counted(METRIC.installRefused, {})).toBe(1);
  });
});

describe('Outlook notifications', () => {
  it('counts notifications by outcome and mailboxes left unwatched past the limit', async () => {
    const row = {
      id: 's1',
      mailbox: 'kacho',
      resource: 'users/kacho/events',
      clientState: 'secret',
      expiresAt: new Date(Date.now() + 86_400_000),
      createdAt: new Date(),
      renewedAt: null,
    };
    const store = {
      subscriptionsById: async (ids: string[]) => (ids.includes('s1') ? [row] : []),
      subscriptions: async () => [row],
    } as unknown as CalendarWatchStore;
    const watch = createCalendarWatch({
      store,
      graph: {
        create: async () => ({ id: 'new', expiresAt: new Date(Date.now() + 86_400_000) }),
        renew: async () => null,
        remove: async () => undefined,
        list: async () => ['s1'],
        calendarDelta: async () => ({ changes: [], deltaLink: 'x' }),
      },
      logger: testLogger,
      now: () => new Date(),
      tenantId: 'tenant',
      endpoints: async () => ({
        notificationUrl: 'https://a.test/n',
        lifecycleNotificationUrl: 'https://a.test/l',
      }),
      wantedMailboxes: async () => ['kacho', 'b', 'c'],
      maxSubscriptions: 1,
      reconcile: async () => 0,
      enqueueSync: async () => undefined,
      enqueueLifecycle: async () => undefined,
    });
    await watch.accept('change', [
      { subscriptionId: 's1', clientState: 'secret', tenantId: 'tenant', changeType: 'updated' },
      { subscriptionId: 's1', clientState: 'guess', tenantId: 'tenant', changeType: 'updated' },
      { subscriptionId: 'other', clientState: 'secret', tenantId: 'tenant', changeType: 'updated' },
    ]);
    expect(await counted(METRIC.outlookNotifications, { kind: 'change', outcome: 'accepted' })).toBe(1);
    expect(await counted(METRIC.outlookNotifications, { kind: 'change', outcome: 'client_state' })).toBe(1);
    expect(
      await counted(METRIC.outlookNotifications, { kind: 'change', outcome: 'unknown_subscription' }),
    ).toBe(1);
    await watch.maintain();
    const [unwatched] = await points(METRIC.outlookWatchLimit);
    expect(unwatched?.value).toBe(2);
  });
});

describe('without a connection string', () => {
  it('loads no SDK and registers nothing', async () => {
    let loaded = false;
    const sdk = await startTelemetry(undefined, {
      load: () => {
        loaded = true;
        return Promise.reject(new Error('must not be loaded'));
      },
    });
    expect(sdk).toBeUndefined();
    expect(loaded).toBe(false);
  });

  it('starts Azure Monitor with the configured connection string, and flushes it once', async () => {
    const calls: string[] = [];
    const sdk = await startTelemetry('InstrumentationKey=00000000-0000-0000-0000-000000000000', {
      load: () =>
        Promise.resolve({
          useAzureMonitor: (options) => calls.push(options.azureMonitorExporterOptions.connectionString),
          shutdownAzureMonitor: () => {
            calls.push('shutdown');
            return Promise.resolve();
          },
        }),
    });
    await Promise.all([sdk!.shutdown(), sdk!.shutdown()]);
    expect(calls).toEqual(['InstrumentationKey=00000000-0000-0000-0000-000000000000', 'shutdown']);
  });

  it('reads the connection string in either mode, and refuses one without an instrumentation key', () => {
    const local = loadConfig({}, { mode: 'local', envDir: '/nonexistent' });
    expect(local.applicationInsightsConnectionString).toBeUndefined();
    const secret =
      'InstrumentationKey=11111111-2222-3333-4444-555555555555;IngestionEndpoint=https://japaneast-1.in.applicationinsights.azure.com/';
    expect(
      loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: secret }, { mode: 'local', envDir: '/nonexistent' })
        .applicationInsightsConnectionString,
    ).toBe(secret);
    let refused: unknown;
    try {
      loadConfig(
        { APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://secret-endpoint.example/' },
        { mode: 'local', envDir: '/nonexistent' },
      );
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).message).toMatch(/APPLICATIONINSIGHTS_CONNECTION_STRING/);
    // The value itself is not repeated in the error (it is printed on stderr).
    expect((refused as ConfigError).message).not.toMatch(/secret-endpoint/);
  });
});
