// The bot's outbox against a fake Bot Framework connector that enforces Teams' limits: every message is
// posted once, retried on throttling and server trouble, given up on refusals, taken over from a worker
// that died, and paced so Teams never has to throttle a burst.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { createBotConnector, type BotConnector } from '../../../src/reports/bot-connector.ts';
import type { BotMessage, BotMessages } from '../../../src/reports/bot-messages.port.ts';
import {
  createBotOutbox,
  createBotOutboxWorker,
  type BotOutboxWorkerOptions,
} from '../../../src/reports/bot-outbox.ts';
import { botOutbox, botOutboxSender } from '../../../src/reports/bot-outbox.schema.ts';
import {
  createConversationReferenceStore,
  type ConversationReferenceStore,
} from '../../../src/reports/conversation-references.store.ts';
import { startM365Emulator, type M365Emulator } from '../../../src/dev/m365-emulator/index.ts';
import { createGraphClient } from '../../../src/graph/graph-client.ts';
import { createGraphTeamsAppInstaller } from '../../../src/graph/graph-teams-apps.ts';
import { createAppTokenProvider } from '../../../src/graph/token-providers.ts';
import { BACKENDS, createTestStore, tableReset, type TestStore } from '../../support/backends.ts';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector.ts';
import { testLogger } from '../../support/logger.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';
import { emulatorEntraSettings } from '../../support/emulator-settings.ts';
import { createVirtualTime } from '../../support/virtual-time.ts';

const TENANT = 'tenant-kodaira';
const BOT = '28:bot-app-id';
const TEAM = '19:team-somu@thread.tacv2';
const CHANNEL = '19:channel-shokuin@thread.tacv2';

const toPerson = (personId: string, key: string, text = `hello ${personId}`): BotMessage => ({
  key,
  recipient: { kind: 'person', personId },
  text,
});

describe.each(BACKENDS)('bot outbox on %s', (backend) => {
  // One store for the file's tests (opening one costs seconds), emptied after each: every test starts
  // from a freshly migrated store all the same.
  let store: TestStore;
  let database: Database;
  let reset: () => Promise<void>;
  let fake: FakeConnector | undefined;
  const workers: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    store = await createTestStore(backend);
    database = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    reset = await tableReset(database);
  });
  afterAll(async () => {
    await database?.close();
    await store?.dispose();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    await fake?.close();
    fake = undefined;
    await reset();
  });

  async function setUp(people: string[] = ['person-1'], connectorOptions: { clock?: () => number } = {}) {
    fake = await startFakeConnector(connectorOptions);
    const conversations = createConversationReferenceStore(database.db, () => new Date());
    for (const personId of people)
      await conversations.remember({
        conversationId: `a:chat-${personId}`,
        kind: 'personal',
        serviceUrl: fake.url,
        tenantId: TENANT,
        botId: BOT,
        userAadId: personId,
        teamId: null,
        channelId: null,
        channelName: null,
      });
    await conversations.recordInstallation({
      teamId: TEAM,
      teamName: '総務部',
      aadGroupId: null,
      tenantId: TENANT,
      serviceUrl: fake.url,
      channels: [{ id: CHANNEL, name: '職員課' }],
    });
    const messages = createBotOutbox({ db: database.db });
    return { db: database.db, fake, conversations, messages };
  }

  function worker(
    context: { db: Database['db']; conversations: ConversationReferenceStore; fake: FakeConnector },
    overrides: Partial<BotOutboxWorkerOptions> = {},
  ) {
    const created = createBotOutboxWorker({
      db: context.db,
      conversations: context.conversations,
      connector: createBotConnector({ credentials: undefined, timeoutMs: 5000 }),
      logger: testLogger,
      retryBaseMs: 20,
      random: () => 0.5,
      ...overrides,
    });
    workers.push(created);
    return created;
  }

  /** Drains until nothing is pending any more (pacing may hand rows back for later runs). */
  async function drainAll(
    run: { drain(): Promise<{ nextDueAt: Date | null }> },
    messages: BotMessages,
    keys: string[],
  ) {
    for (;;) {
      await run.drain();
      const states = await messages.status(keys);
      if ([...states.values()].every((status) => status.state !== 'pending')) return states;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('posts an enqueued message to the person’s 1:1 chat once and records the activity id', async () => {
    const context = await setUp();
    await context.messages.enqueue([
      toPerson('person-1', 'report-request:s1:person-1', '研修報告をお願いします'),
    ]);
    const result = await worker(context).drain();
    expect(result.sent).toBe(1);
    expect(context.fake.accepted).toHaveLength(1);
    expect(context.fake.accepted[0]).toMatchObject({
      conversationId: 'a:chat-person-1',
      activity: { type: 'message', text: '研修報告をお願いします' },
    });
    const [row] = await context.db.select().from(botOutbox);
    expect(row).toMatchObject({
      state: 'sent',
      attempts: 1,
      activityId: context.fake.accepted[0]!.id,
      conversationId: 'a:chat-person-1',
    });
  });

  it('posts a message enqueued twice under the same key once', async () => {
    const context = await setUp();
    await context.messages.enqueue([toPerson('person-1', 'same-key', 'first')]);
    await context.messages.enqueue([
      toPerson('person-1', 'same-key', 'second'),
      toPerson('person-1', 'same-key', 'third'),
    ]);
    const run = worker(context);
    await run.drain();
    await run.drain();
    expect(context.fake.accepted.map((entry) => entry.activity.text)).toEqual(['first']);
  });

  it('stores messages enqueued in a transaction only if the transaction commits', async () => {
    const context = await setUp();
    await context.db
      .transaction(async (tx) => {
        await context.messages.enqueue([toPerson('person-1', 'rolled-back')], tx);
        throw new Error('the report was not stored');
      })
      .catch(() => undefined);
    await context.db.transaction(async (tx) => {
      await context.messages.enqueue([toPerson('person-1', 'committed')], tx);
    });
    const states = await context.messages.status(['rolled-back', 'committed']);
    expect([...states.keys()]).toEqual(['committed']);
  });

  it('posts a channel message to the channel of the installed team, at the installation’s serviceUrl', async () => {
    const context = await setUp();
    await context.messages.enqueue([
      {
        key: 'share:r1',
        recipient: { kind: 'channel', teamId: TEAM, channelId: CHANNEL },
        text: '報告の共有',
      },
    ]);
    await worker(context).drain();
    expect(context.fake.accepted).toMatchObject([
      { conversationId: CHANNEL, activity: { text: '報告の共有' } },
    ]);
  });

  it('creates the 1:1 conversation of a person the bot has never spoken with, remembers it and posts there', async () => {
    const context = await setUp([]);
    await context.conversations.remember({
      conversationId: 'a:chat-someone-else',
      kind: 'personal',
      serviceUrl: context.fake.url,
      tenantId: TENANT,
      botId: BOT,
      userAadId: 'someone-else',
      teamId: null,
      channelId: null,
      channelName: null,
    });
    await context.messages.enqueue([toPerson('newcomer', 'k-new')]);
    await worker(context).drain();
    expect(context.fake.created).toEqual([
      { id: 'a:personal-newcomer', memberId: 'newcomer', tenantId: TENANT, botId: BOT },
    ]);
    expect(context.fake.accepted).toMatchObject([{ conversationId: 'a:personal-newcomer' }]);
    expect((await context.conversations.personalChatOf('newcomer'))?.conversationId).toBe(
      'a:personal-newcomer',
    );
  });

  it('waits out a 429’s Retry-After, then posts once', async () => {
    const context = await setUp();
    context.fake.failNext(429, 1, { retryAfterSeconds: 1 });
    await context.messages.enqueue([toPerson('person-1', 'k429')]);
    const states = await drainAll(worker(context), context.messages, ['k429']);
    expect(states.get('k429')).toMatchObject({ state: 'sent', attempts: 2 });
    expect(context.fake.accepted).toHaveLength(1);
    const [throttled, accepted] = context.fake.answers;
    expect(throttled!.status).toBe(429);
    expect(accepted!.status).toBe(201);
    // Retry-After is a lower bound: the retry never comes back before it.
    expect(accepted!.at - throttled!.at).toBeGreaterThanOrEqual(1000);
  });

  it.each([502, 504, 412])('retries a %i with backoff, then posts once', async (status) => {
    const context = await setUp();
    context.fake.failNext(status, 2);
    await context.messages.enqueue([toPerson('person-1', `k${status}`)]);
    const states = await drainAll(worker(context), context.messages, [`k${status}`]);
    expect(states.get(`k${status}`)).toMatchObject({ state: 'sent', attempts: 3, error: null });
    expect(context.fake.accepted).toHaveLength(1);
  });

  it('retries when the connector cannot be reached, then posts once', async () => {
    const context = await setUp();
    await context.messages.enqueue([toPerson('person-1', 'k-net')]);
    let failures = 1;
    const real = createBotConnector({ credentials: undefined });
    const flaky: BotConnector = {
      ...real,
      post: async (target, payload) => {
        if (failures-- > 0) return real.post({ ...target, serviceUrl: 'http://127.0.0.1:1' }, payload);
        return real.post(target, payload);
      },
    };
    const states = await drainAll(worker(context, { connector: flaky }), context.messages, ['k-net']);
    expect(states.get('k-net')).toMatchObject({ state: 'sent', attempts: 2 });
    expect(context.fake.accepted).toHaveLength(1);
  });

  it('waits for a slow answer within the timeout and posts once', async () => {
    const context = await setUp();
    context.fake.slowNext(400);
    await context.messages.enqueue([toPerson('person-1', 'k-slow')]);
    await worker(context, {
      connector: createBotConnector({ credentials: undefined, timeoutMs: 5000 }),
    }).drain();
    expect((await context.messages.status(['k-slow'])).get('k-slow')).toMatchObject({
      state: 'sent',
      attempts: 1,
    });
    expect(context.fake.accepted).toHaveLength(1);
  });

  it('posts again when Teams took the message but its answer came after the timeout (the other side of the window)', async () => {
    const context = await setUp();
    context.fake.slowNext(600);
    await context.messages.enqueue([toPerson('person-1', 'k-late')]);
    const states = await drainAll(
      worker(context, { connector: createBotConnector({ credentials: undefined, timeoutMs: 200 }) }),
      context.messages,
      ['k-late'],
    );
    expect(states.get('k-late')).toMatchObject({ state: 'sent', attempts: 2 });
    // Taken once by the connector after we stopped waiting, and once by the retry.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(context.fake.accepted).toHaveLength(2);
  });

  it('gives up on a 403 at once, with the reason, and never asks again', async () => {
    const context = await setUp();
    context.fake.failNext(403);
    await context.messages.enqueue([toPerson('person-1', 'k403')]);
    const run = worker(context);
    const result = await run.drain();
    await run.drain();
    expect(result.failed).toBe(1);
    const status = (await context.messages.status(['k403'])).get('k403');
    expect(status).toMatchObject({ state: 'failed', attempts: 1 });
    expect(status?.error).toContain('403');
    expect(context.fake.requests).toBe(1);
    expect(context.fake.accepted).toHaveLength(0);
  });

  it('gives up after the last allowed attempt instead of retrying a 502 for ever', async () => {
    const context = await setUp();
    context.fake.failNext(502, 10);
    await context.messages.enqueue([toPerson('person-1', 'k-forever')]);
    const states = await drainAll(worker(context, { maxAttempts: 3 }), context.messages, ['k-forever']);
    expect(states.get('k-forever')).toMatchObject({ state: 'failed', attempts: 3 });
    expect(context.fake.requests).toBe(3);
  });

  it('takes over the messages of a worker that died mid-run once its lease ran out, and posts each once', async () => {
    const context = await setUp(['person-1', 'person-2', 'person-3']);
    await context.messages.enqueue(['person-1', 'person-2', 'person-3'].map((id) => toPerson(id, `k-${id}`)));
    // The first worker claims everything and dies before its requests leave: they hang for ever.
    let reachedConnector = 0;
    const dead: BotConnector = {
      post: () => {
        reachedConnector += 1;
        return new Promise(() => undefined);
      },
      createPersonalConversation: () => new Promise(() => undefined),
    };
    const dying = createBotOutboxWorker({
      db: context.db,
      conversations: context.conversations,
      connector: dead,
      logger: testLogger,
      leaseMs: 500,
    });
    void dying.drain();
    for (let waited = 0; reachedConnector < 3 && waited < 200; waited += 1)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(reachedConnector).toBe(3);
    // Dead: it claims nothing more, and its hanging requests never finish.
    void dying.stop();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const states = await drainAll(worker(context, { leaseMs: 500 }), context.messages, [
      'k-person-1',
      'k-person-2',
      'k-person-3',
    ]);
    expect([...states.values()].map((status) => status.state)).toEqual(['sent', 'sent', 'sent']);
    expect([...context.fake.countByConversation().values()]).toEqual([1, 1, 1]);
  });

  it('hands the sending over within a minute when the sender stops its heartbeat, and not while it beats', async () => {
    const people = ['person-1', 'person-2', 'person-3'];
    const context = await setUp(people);
    await context.messages.enqueue(people.map((id) => toPerson(id, `k-${id}`)));
    let now = Date.now() + 1000;
    const clock = () => now;
    // The sender: its one request in flight hangs (it was killed mid-request), the other two wait in hand.
    let reachedConnector = 0;
    const hanging: Array<(error: Error) => void> = [];
    const killed: BotConnector = {
      post: () => {
        reachedConnector += 1;
        return new Promise((_resolve, reject) => hanging.push(reject));
      },
      createPersonalConversation: () => new Promise(() => undefined),
    };
    // Heartbeats only when the test beats them; the lease lengths are the production defaults.
    const sender = createBotOutboxWorker({
      db: context.db,
      conversations: context.conversations,
      connector: killed,
      logger: testLogger,
      clock,
      concurrency: 1,
      heartbeatMs: 3_600_000,
    });
    const senderDrain = sender.drain();
    for (let waited = 0; reachedConnector < 1 && waited < 400; waited += 1)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(reachedConnector).toBe(1);
    const standby = worker(context, { clock, heartbeatMs: 3_600_000, standbyMs: 0, lingerMs: 0 });

    // Alive for 30 s (its request still within its lease): it beats every 10 s, nobody else posts.
    for (let beat = 0; beat < 3; beat += 1) {
      now += 10_000;
      expect(await sender.heartbeat()).toBe(true);
      expect((await standby.drain()).sent).toBe(0);
    }
    const held = await context.db.select().from(botOutbox);
    // The two rows it holds were renewed: 40 s from the last beat, not from the claim.
    expect(held.filter((row) => row.leaseUntil && row.leaseUntil.getTime() > now + 30_000)).toHaveLength(2);

    // Killed: no more heartbeats. Within the sender lease (20 s) the standby takes over and posts the row
    // whose request was in flight; the rows it held become free when their lease (40 s) runs out.
    const killedAt = now;
    now += 1; // off the lease boundaries: a lease is free only once it has run out
    let tookOverAt: number | undefined;
    while (now - killedAt < 60_000) {
      now += 5000;
      await standby.drain();
      tookOverAt ??= context.fake.accepted.length > 0 ? now : undefined;
      if (context.fake.accepted.length === 3) break;
    }
    expect(tookOverAt! - killedAt).toBeLessThanOrEqual(25_000);
    expect(now - killedAt).toBeLessThanOrEqual(45_000);
    expect([...context.fake.countByConversation().values()]).toEqual([1, 1, 1]);
    const states = await context.messages.status(people.map((id) => `k-${id}`));
    expect([...states.values()].map((status) => status.state)).toEqual(['sent', 'sent', 'sent']);

    for (const reject of hanging) reject(new Error('killed'));
    await senderDrain;
  }, 90_000);

  it('takes no sender lease back with a heartbeat still on its way when its drain ends and releases it', async () => {
    const context = await setUp();
    await context.messages.enqueue([toPerson('person-1', 'k-last-beat')]);
    // The heartbeat's upsert of the sender row is held back until the worker has deleted that row (or 1 s
    // has passed): on PostgreSQL a statement issued first can reach the server after a later one sent on
    // another pooled connection. Taken back, the lease would keep every other instance waiting.
    let holdNextUpsert = false;
    let releaseUpsert!: () => void;
    const upsertGate = new Promise<void>((resolve) => (releaseUpsert = resolve));
    /** A query builder that runs its statement only once `before` has settled, and calls `after` then. */
    const gated = <T extends object>(target: T, before: Promise<void>, after = () => {}): T =>
      new Proxy(target, {
        get(object, property) {
          const value: unknown = Reflect.get(object, property, object);
          if (typeof value !== 'function') return value;
          if (property === 'then')
            return (onFulfilled?: (result: unknown) => unknown, onRejected?: (error: unknown) => unknown) =>
              before
                .then(() => (object as PromiseLike<unknown>).then((result) => result))
                .finally(after)
                .then(onFulfilled, onRejected);
          return (...args: unknown[]) => {
            const result: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
            return result && typeof result === 'object' ? gated(result, before, after) : result;
          };
        },
      });
    const db = new Proxy(context.db, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (property === 'insert')
          return (table: unknown) => {
            const builder = object.insert(table as typeof botOutboxSender);
            if (table !== botOutboxSender || !holdNextUpsert) return builder;
            holdNextUpsert = false;
            return gated(builder, upsertGate);
          };
        if (property === 'delete')
          return (table: unknown) => {
            const builder = object.delete(table as typeof botOutboxSender);
            return table === botOutboxSender ? gated(builder, Promise.resolve(), releaseUpsert) : builder;
          };
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
      },
    });
    // The post waits until the heartbeat is on its way; then the drain ends (nothing else is pending).
    const real = createBotConnector({ credentials: undefined });
    let letPostGo!: () => void;
    const postMayGo = new Promise<void>((resolve) => (letPostGo = resolve));
    let posting = false;
    const sender = createBotOutboxWorker({
      db,
      conversations: context.conversations,
      connector: {
        ...real,
        post: async (target, payload) => {
          posting = true;
          await postMayGo;
          return real.post(target, payload);
        },
      },
      logger: testLogger,
      heartbeatMs: 3_600_000,
      lingerMs: 0,
    });
    workers.push(sender);
    const drained = sender.drain();
    await vi.waitFor(() => expect(posting).toBe(true), { timeout: 30_000, interval: 10 });
    holdNextUpsert = true;
    const beat = sender.heartbeat();
    letPostGo();
    const deadlockBreaker = setTimeout(releaseUpsert, 1000);
    expect((await drained).sent).toBe(1);
    await beat;
    clearTimeout(deadlockBreaker);
    expect(await context.db.select().from(botOutboxSender)).toEqual([]);
  });

  it('posts again when it dies between the connector’s answer and its own write (the documented window)', async () => {
    const context = await setUp();
    await context.messages.enqueue([toPerson('person-1', 'k-window')]);
    const real = createBotConnector({ credentials: undefined });
    const diesAfterPosting: BotConnector = {
      ...real,
      post: async (target, payload) => {
        await real.post(target, payload);
        return new Promise(() => undefined);
      },
    };
    // Both workers read the wall clock plus an offset the test moves forward once the dying worker has
    // posted, so the takeover need not sleep until its leases run out. The lease (5 s) is long enough not
    // to run out between the claim and the post on a loaded machine. The clock is not frozen: frozen, a
    // sender lease still held when the test starts (a previous worker's, on another pooled connection)
    // never ran out, and the dying worker stood by for ever without posting (seen once in a loaded CI run).
    let offset = 0;
    const clock = () => Date.now() + offset;
    const LEASE_MS = 5_000;
    const dying = createBotOutboxWorker({
      db: context.db,
      conversations: context.conversations,
      connector: diesAfterPosting,
      logger: testLogger,
      clock,
      leaseMs: LEASE_MS,
    });
    void dying.drain();
    // Should it post nothing, the failure shows what the worker, the fake and the sender lease saw.
    await vi.waitFor(
      async () =>
        expect({
          accepted: context.fake.accepted.length,
          answers: context.fake.answers.map((answer) => answer.status),
          worker: dying.counts(),
          inFlight: dying.inFlight(),
          sender: await context.db.select().from(botOutboxSender),
          now: new Date(clock()),
        }).toMatchObject({ accepted: 1 }),
      { timeout: 60_000, interval: 25 },
    );
    void dying.stop();
    offset += LEASE_MS + 1000; // its leases (the row's, and the sender's: half of it) have run out
    await drainAll(worker(context, { clock, leaseMs: LEASE_MS }), context.messages, ['k-window']);
    expect(context.fake.accepted).toHaveLength(2);
  });

  it('paces a burst of 100 to one conversation so Teams never throttles it', async () => {
    // 100 messages need more than 30 s of Teams' windows: the worker and the connector share a virtual
    // clock, so those seconds pass in a moment while the posts, the database and the answers stay real.
    const time = createVirtualTime(Date.now() + 1000);
    const context = await setUp(['person-1'], { clock: time.clock });
    const keys = Array.from({ length: 100 }, (_, index) => `burst-${index}`);
    await context.messages.enqueue(keys.map((key) => toPerson('person-1', key, key)));
    const run = worker(context, { clock: time.clock, timer: time.timer });
    const states = await time.run(async () => {
      for (;;) {
        const { nextDueAt } = await run.drain();
        const current = await context.messages.status(keys);
        if ([...current.values()].every((status) => status.state !== 'pending')) return current;
        // As the job queue does: the next drain when the next message is due.
        if (nextDueAt) time.advanceTo(nextDueAt.getTime());
      }
    });
    expect([...states.values()].filter((status) => status.state === 'sent')).toHaveLength(100);
    expect(context.fake.throttled).toBe(0);
    expect(context.fake.answers.filter((answer) => answer.status === 429)).toHaveLength(0);
    expect(new Set(context.fake.accepted.map((entry) => entry.activity.text)).size).toBe(100);
  }, 120_000);

  it('two instances draining one channel hand over without posting inside the first one’s window', async () => {
    const context = await setUp();
    const first = worker(context, { maxDrainMs: 300 });
    const second = worker(context, { maxDrainMs: 300 });
    // The second instance has drained before (an idle run): what it knew then is not what it needs now.
    await second.drain();
    const keys = Array.from({ length: 24 }, (_, index) => `handover-${index}`);
    await context.messages.enqueue(
      keys.map((key) => ({
        key,
        recipient: { kind: 'channel', teamId: TEAM, channelId: CHANNEL },
        text: key,
      })),
    );
    // Both drain at once, each handing over after 300 ms: one posts while the other stands by.
    for (let round = 0; ; round += 1) {
      const order = round % 2 === 0 ? [first, second] : [second, first];
      await Promise.all(order.map((instance) => instance.drain()));
      const states = await context.messages.status(keys);
      if ([...states.values()].every((status) => status.state !== 'pending')) break;
    }
    expect(first.counts().sent).toBeGreaterThan(0);
    expect(second.counts().sent).toBeGreaterThan(0);
    expect(context.fake.accepted).toHaveLength(24);
    expect(context.fake.throttled).toBe(0);
    expect(context.fake.answers.filter((answer) => answer.status === 429)).toHaveLength(0);
  }, 120_000);

  it('leaves a delivery out of the snapshot that "changing nothing" tests compare, but not a new message', async () => {
    // The drain posts in the background whenever it runs; a refused request must still not enqueue.
    const context = await setUp();
    await context.messages.enqueue([toPerson('person-1', 'k-before')]);
    const before = await snapshotState({ database });
    expect((await worker(context).drain()).sent).toBe(1);
    expect(await snapshotState({ database })).toBe(before);
    await context.messages.enqueue([toPerson('person-1', 'k-after')]);
    expect(await snapshotState({ database })).not.toBe(before);
  });

  it('reports each message as pending, sent or failed', async () => {
    const context = await setUp();
    await context.messages.enqueue([
      toPerson('person-1', 'k-sent'),
      { key: 'k-failed', recipient: { kind: 'channel', teamId: 'not-installed', channelId: 'c' }, text: 'x' },
      { ...toPerson('person-1', 'k-later'), notBefore: new Date(Date.now() + 3_600_000) },
    ]);
    await worker(context).drain();
    const states = await context.messages.status(['k-sent', 'k-failed', 'k-later', 'k-unknown']);
    expect(states.get('k-sent')).toMatchObject({ state: 'sent', attempts: 1, error: null });
    expect(states.get('k-sent')?.sentAt).toBeInstanceOf(Date);
    expect(states.get('k-failed')).toMatchObject({ state: 'failed', attempts: 0, sentAt: null });
    expect(states.get('k-failed')?.error).toContain('not installed');
    expect(states.get('k-later')).toMatchObject({ state: 'pending', attempts: 0, sentAt: null });
    expect(states.has('k-unknown')).toBe(false);
  });

  it('refuses a malformed message and stores nothing', async () => {
    const context = await setUp();
    await expect(
      context.messages.enqueue([
        toPerson('person-1', 'ok'),
        { key: 'empty', recipient: { kind: 'person', personId: 'p' } },
      ]),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await context.messages.status(['ok', 'empty'])).toEqual(new Map());
  });
});

describe.each(BACKENDS)('the running server’s bot outbox on %s', (backend) => {
  let server: TestServer | undefined;
  let fake: FakeConnector | undefined;
  afterEach(async () => {
    await server?.stop();
    await fake?.close();
    server = undefined;
    fake = undefined;
  });

  it('posts what a service enqueues through the bot.outbox queue, without anyone draining by hand', async () => {
    fake = await startFakeConnector();
    server = await startTestServer({ backend });
    await createConversationReferenceStore(server.database.db, () => new Date()).recordInstallation({
      teamId: TEAM,
      teamName: '総務部',
      aadGroupId: null,
      tenantId: TENANT,
      serviceUrl: fake.url,
      channels: [{ id: CHANNEL, name: '職員課' }],
    });
    await server.database.db.transaction(async (tx) => {
      await server!.botMessages.enqueue(
        [
          {
            key: 'share:in-tx',
            recipient: { kind: 'channel', teamId: TEAM, channelId: CHANNEL },
            text: 'in a transaction',
          },
        ],
        tx,
      );
    });
    await server.botMessages.enqueue([
      {
        key: 'share:now',
        recipient: { kind: 'channel', teamId: TEAM, channelId: CHANNEL },
        text: 'right away',
      },
    ]);
    // Sent is written just after the connector's answer: wait for both.
    const keys = ['share:in-tx', 'share:now'];
    const deadline = Date.now() + 30_000;
    let states = await server.botMessages.status(keys);
    while ([...states.values()].some((status) => status.state !== 'sent') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      states = await server.botMessages.status(keys);
    }
    expect([...states.values()].map((status) => status.state)).toEqual(['sent', 'sent']);
    expect(fake.accepted.map((entry) => entry.activity.text).sort()).toEqual([
      'in a transaction',
      'right away',
    ]);
  }, 90_000);
});

// Teams takes a proactive 1:1 message only for someone who has the app. Against the Graph emulator (which
// keeps who has it installed) and a connector that refuses everyone else, as Teams does: the outbox
// installs the app for a person it has no chat with, uses the installation's chat, and keeps it.
describe('bot outbox: installing the app for a person before their first 1:1 message', () => {
  let shared: M365Emulator | undefined;
  let emulator: M365Emulator | undefined;
  // One store for the describe, emptied after each test (as above).
  let store: TestStore;
  let database: Database;
  let reset: () => Promise<void>;
  let fake: FakeConnector | undefined;
  const workers: Array<{ stop(): Promise<void> }> = [];
  const MANIFEST_ID = 'f3e0c9a5-2b4d-4e1a-9c7b-5d6e7f8a9b0c';

  beforeAll(async () => {
    store = await createTestStore('pglite');
    database = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    reset = await tableReset(database);
  });
  afterEach(async () => {
    for (const running of workers.splice(0)) await running.stop();
    await fake?.close();
    await reset();
    if (emulator !== shared) await emulator?.close();
    fake = undefined;
    emulator = undefined;
  });
  afterAll(async () => {
    await shared?.close();
    await database?.close();
    await store?.dispose();
  });

  /** One emulator for the describe (reset before each test), another where a test needs other consent. */
  async function setUp(emulatorOptions: { appRoles?: string[] } = {}, teamInstalled = true) {
    if (emulatorOptions.appRoles) {
      emulator = await startM365Emulator({ teamsAppExternalId: MANIFEST_ID, ...emulatorOptions });
    } else {
      shared ??= await startM365Emulator({ teamsAppExternalId: MANIFEST_ID });
      shared.reset();
      emulator = shared;
    }
    fake = await startFakeConnector({ installations: emulator.teamsApp });
    const conversations = createConversationReferenceStore(database.db, () => new Date());
    // The app is in a team (where the tenant's serviceUrl was learnt); nobody has it personally yet.
    if (teamInstalled)
      await conversations.recordInstallation({
        teamId: TEAM,
        teamName: '総務部',
        aadGroupId: null,
        tenantId: emulator.tenantId,
        serviceUrl: fake.url,
        channels: [{ id: CHANNEL, name: '職員課' }],
      });
    const staff = emulator.people.filter((person) => !person.isMailbox);
    const messages = createBotOutbox({ db: database.db });
    const graph = createGraphClient({
      baseUrl: emulator.graphBaseUrl,
      getToken: createAppTokenProvider(emulatorEntraSettings(emulator)),
      caCertPem: emulator.caCertPem,
      retryDelaySeconds: 0,
      maxRetries: 0,
    });
    const installer = createGraphTeamsAppInstaller({
      graph,
      graphBaseUrl: emulator.graphBaseUrl,
      manifestAppId: MANIFEST_ID,
      logger: testLogger,
    });
    return { emulator, db: database.db, fake, conversations, messages, staff, installer };
  }

  function worker(
    context: Awaited<ReturnType<typeof setUp>>,
    overrides: Partial<BotOutboxWorkerOptions> = {},
  ) {
    const created = createBotOutboxWorker({
      db: context.db,
      conversations: context.conversations,
      connector: createBotConnector({ credentials: undefined, timeoutMs: 5000 }),
      logger: testLogger,
      retryBaseMs: 20,
      random: () => 0.5,
      botId: BOT,
      installer: context.installer,
      ...overrides,
    });
    workers.push(created);
    return created;
  }

  async function drainUntilSettled(
    run: { drain(): Promise<unknown> },
    messages: BotMessages,
    keys: string[],
  ) {
    for (let round = 0; round < 50; round += 1) {
      await run.drain();
      const states = await messages.status(keys);
      if ([...states.values()].every((status) => status.state !== 'pending')) return states;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return messages.status(keys);
  }

  it('Teams (the fake connector) refuses a 1:1 conversation with someone who never installed the app', async () => {
    const context = await setUp();
    const person = context.staff[0]!;
    await context.messages.enqueue([toPerson(person.id, 'k-refused')]);
    // Without an installer the outbox asks the connector to create the chat, as before: refused.
    const states = await drainUntilSettled(worker(context, { installer: undefined }), context.messages, [
      'k-refused',
    ]);
    expect(states.get('k-refused')).toMatchObject({ state: 'failed' });
    expect(states.get('k-refused')?.error).toContain('403');
    expect(context.fake.refusedUninstalled).toBe(1);
    expect(context.fake.accepted).toHaveLength(0);
  });

  it('installs the app for a person who never had it, posts the report form into the installation’s chat and keeps it', async () => {
    const context = await setUp();
    const person = context.staff[3]!;
    expect(context.emulator.teamsApp.isInstalledFor(person.id)).toBe(false);
    await context.messages.enqueue([toPerson(person.id, 'k-first', '研修報告をお願いします')]);
    const states = await drainUntilSettled(worker(context), context.messages, ['k-first']);
    expect(states.get('k-first')?.error ?? null).toBeNull();
    expect(states.get('k-first')).toMatchObject({ state: 'sent' });
    expect(context.emulator.teamsApp.isInstalledFor(person.id)).toBe(true);
    const chatId = `19:${person.id}_${context.emulator.botFramework.app.clientId}@unq.gbl.spaces`;
    expect(context.fake.accepted).toMatchObject([
      { conversationId: chatId, activity: { text: '研修報告をお願いします' } },
    ]);
    expect(context.fake.created).toEqual([]);
    expect(await context.conversations.personalChatOf(person.id)).toMatchObject({
      conversationId: chatId,
      kind: 'personal',
      serviceUrl: context.fake.url,
      tenantId: context.emulator.tenantId,
      botId: BOT,
    });
    // The next message goes straight to the kept chat: no second install.
    const installsBefore = context.emulator.stats().byPath['/users/{id}/teamwork/installedApps'] ?? 0;
    await context.messages.enqueue([toPerson(person.id, 'k-second', 'リマインダー')]);
    await drainUntilSettled(worker(context), context.messages, ['k-second']);
    expect(context.fake.accepted.map((entry) => entry.conversationId)).toEqual([chatId, chatId]);
    expect(context.emulator.stats().byPath['/users/{id}/teamwork/installedApps'] ?? 0).toBe(installsBefore);
  });

  it('opens the first 1:1 chat of a tenant the bot never heard from at the configured proactive serviceUrl', async () => {
    const context = await setUp({}, false);
    const person = context.staff[9]!;
    await context.messages.enqueue([toPerson(person.id, 'k-day-one')]);
    const states = await drainUntilSettled(
      worker(context, { proactiveServiceUrl: context.fake.url, tenantId: context.emulator.tenantId }),
      context.messages,
      ['k-day-one'],
    );
    expect(states.get('k-day-one')).toMatchObject({ state: 'sent' });
    expect(context.fake.accepted).toHaveLength(1);
    expect(await context.conversations.personalChatOf(person.id)).toMatchObject({
      serviceUrl: context.fake.url,
      tenantId: context.emulator.tenantId,
    });
  });

  it('keeps retrying, not dropping, while the app is not yet in the organisation’s catalog', async () => {
    const context = await setUp();
    const person = context.staff[10]!;
    await context.messages.enqueue([toPerson(person.id, 'k-unpublished')]);
    const run = worker(context, {
      installer: createGraphTeamsAppInstaller({
        graph: createGraphClient({
          baseUrl: context.emulator.graphBaseUrl,
          getToken: createAppTokenProvider(emulatorEntraSettings(context.emulator)),
          caCertPem: context.emulator.caCertPem,
          retryDelaySeconds: 0,
          maxRetries: 0,
        }),
        graphBaseUrl: context.emulator.graphBaseUrl,
        manifestAppId: '00000000-0000-4000-8000-000000000000',
        logger: testLogger,
      }),
      retryBaseMs: 60_000,
    });
    await run.drain();
    const states = await context.messages.status(['k-unpublished']);
    expect(states.get('k-unpublished')).toMatchObject({ state: 'pending', attempts: 1 });
    expect(states.get('k-unpublished')?.error).toContain('TeamsAppNotInCatalog');
    expect(context.fake.requests).toBe(0);
  });

  it('takes an app the person already has (409 Conflict) as installed and posts', async () => {
    const context = await setUp();
    const person = context.staff[4]!;
    context.emulator.teamsApp.installFor(person.id);
    await context.messages.enqueue([toPerson(person.id, 'k-has-it')]);
    const states = await drainUntilSettled(worker(context), context.messages, ['k-has-it']);
    expect(states.get('k-has-it')).toMatchObject({ state: 'sent', attempts: 1 });
    expect(context.fake.accepted).toHaveLength(1);
  });

  it('installs again safely after a crash between the install and the post, and posts once', async () => {
    const context = await setUp();
    const person = context.staff[5]!;
    await context.messages.enqueue([toPerson(person.id, 'k-crash')]);
    // The install succeeds, then the worker dies before it keeps the chat (its lease runs out). Both
    // workers read a clock the test moves: on the wall clock, a 200 ms lease could run out between the
    // claim and the install on a loaded machine (the row is then skipped, never installed), and the
    // takeover had to sleep until it had.
    let now = Date.now();
    const clock = () => now;
    const dying = worker(context, {
      clock,
      leaseMs: 200,
      leaseSafetyMs: 10,
      installer: {
        async personalChatOf(userAadId) {
          await context.installer.personalChatOf(userAadId);
          return new Promise<never>(() => undefined);
        },
      },
    });
    // Never stopped: its install never answers (the process is gone), so stop() would wait for ever.
    workers.splice(workers.indexOf(dying), 1);
    void dying.drain();
    // vi.waitFor gives up after 1 s by default: beside another suite the install took longer. The wait
    // catches a hang, not slowness.
    await vi.waitFor(() => expect(context.emulator.teamsApp.isInstalledFor(person.id)).toBe(true), {
      timeout: 60_000,
      interval: 25,
    });
    now += 1000; // its leases (the row's and the sender's) have run out
    const states = await drainUntilSettled(
      worker(context, { clock, leaseMs: 200, leaseSafetyMs: 10 }),
      context.messages,
      ['k-crash'],
    );
    expect(states.get('k-crash')).toMatchObject({ state: 'sent' });
    expect(context.fake.accepted).toHaveLength(1);
  });

  it('gives up for good, logged and counted, on a person the organisation does not allow the app (403)', async () => {
    const context = await setUp();
    const person = context.staff[6]!;
    context.emulator.teamsApp.blockFor(person.id);
    await context.messages.enqueue([toPerson(person.id, 'k-blocked')]);
    const run = worker(context);
    const states = await drainUntilSettled(run, context.messages, ['k-blocked']);
    expect(states.get('k-blocked')).toMatchObject({ state: 'failed', attempts: 1 });
    expect(states.get('k-blocked')?.error).toContain('refused to install the app');
    expect(run.counts()).toMatchObject({ installRefused: 1, failed: 1, sent: 0 });
    expect(context.fake.accepted).toHaveLength(0);
    expect(context.fake.requests).toBe(0);
  });

  it('waits out Graph throttling (429 with Retry-After) on the install, then posts once', async () => {
    const context = await setUp();
    const person = context.staff[7]!;
    context.emulator.faults.add({
      status: 429,
      retryAfterSeconds: 1,
      count: 1,
      pathPattern: '/teamwork/installedApps',
    });
    await context.messages.enqueue([toPerson(person.id, 'k-throttled')]);
    const startedAt = Date.now();
    const run = worker(context);
    const states = await drainUntilSettled(run, context.messages, ['k-throttled']);
    expect(states.get('k-throttled')).toMatchObject({ state: 'sent', attempts: 2 });
    expect(run.counts()).toMatchObject({ retried: 1, sent: 1 });
    expect(context.fake.accepted).toHaveLength(1);
    // Graph's Retry-After (1 s), not the outbox's own 20 ms backoff.
    expect(context.fake.accepted[0]!.at - startedAt).toBeGreaterThanOrEqual(1000);
  });

  it('does not hold the tenant’s other messages back while Graph throttles an install', async () => {
    const context = await setUp();
    const [waiting, known] = [context.staff[11]!, context.staff[12]!];
    await context.conversations.remember({
      conversationId: `a:chat-${known.id}`,
      kind: 'personal',
      serviceUrl: context.fake.url,
      tenantId: context.emulator.tenantId,
      botId: BOT,
      userAadId: known.id,
      teamId: null,
      channelId: null,
      channelName: null,
    });
    context.emulator.faults.add({
      status: 429,
      retryAfterSeconds: 40,
      count: 1,
      pathPattern: '/teamwork/installedApps',
    });
    const run = worker(context);
    await context.messages.enqueue([toPerson(waiting.id, 'k-install-throttled')]);
    expect(await run.drain()).toMatchObject({ retried: 1, sent: 0 });
    await context.messages.enqueue([toPerson(known.id, 'k-meanwhile')]);
    expect(await run.drain()).toMatchObject({ sent: 1, deferred: 0 });
    expect(context.fake.accepted).toMatchObject([{ conversationId: `a:chat-${known.id}` }]);
  });

  it('Graph refuses the install to an app token without TeamsAppInstallation.ReadWriteSelfForUser.All', async () => {
    const context = await setUp({
      appRoles: ['User.Read.All', 'Calendars.ReadWrite', 'AppCatalog.Read.All'],
    });
    const person = context.staff[8]!;
    await expect(context.installer.personalChatOf(person.id)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('TeamsAppInstallation.ReadWriteSelfForUser.All') as unknown,
    });
    expect(context.emulator.teamsApp.isInstalledFor(person.id)).toBe(false);
  });
});
