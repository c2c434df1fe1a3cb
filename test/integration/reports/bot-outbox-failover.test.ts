// Two instances of the bot outbox on one database, each with its own connections (two openDatabase()), as
// two servers behind a load balancer have: a sender that is abandoned mid-drain is taken over within a
// minute with nothing lost, and the tenant's pacer held in PostgreSQL (bot_outbox_requests) keeps the new
// sender inside Teams' limits right after a hand-over — the tenant's 30 a second included, and the
// requests the old sender left in flight. Time is a clock the test moves: the leases are the production
// ones, the test does not wait for them.
import { isNull } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { createBotConnector, type BotConnector } from '../../../src/reports/bot-connector.ts';
import type { BotMessage } from '../../../src/reports/bot-messages.port.ts';
import {
  createBotOutbox,
  createBotOutboxWorker,
  type BotOutboxWorkerOptions,
} from '../../../src/reports/bot-outbox.ts';
import { botOutboxRequests, botOutboxSender } from '../../../src/reports/bot-outbox.schema.ts';
import { createConversationReferenceStore } from '../../../src/reports/conversation-references.store.ts';
import { BACKENDS, createTestStore, type BackendName, type TestStore } from '../../support/backends.ts';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector.ts';
import { testLogger } from '../../support/logger.ts';
import { rememberPersonalChats } from '../../support/personal-chats.ts';

const TENANT = 'tenant-kodaira';
const BOT = '28:bot-app-id';

/** Real time, plus the jumps the test makes. */
function jumpingClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    /** Moves the clock to `at` (never backwards). */
    jumpTo(at: number) {
      offset = Math.max(offset, at - Date.now());
    },
  };
}

const toPerson = (personId: string, key: string): BotMessage => ({
  key,
  recipient: { kind: 'person', personId },
  text: key,
});

const until = async (condition: () => boolean, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe.each(BACKENDS)('bot outbox failover on %s', (backend: BackendName) => {
  // Separate connections per instance need a server: PGlite is one process's database, so these tests
  // exist on PostgreSQL only (CI always has it) instead of showing up as skipped on PGlite.
  const onPostgres: typeof it = backend === 'postgres' ? it : ((() => undefined) as unknown as typeof it);
  let store: TestStore | undefined;
  const databases: Database[] = [];
  let fake: FakeConnector | undefined;
  const workers: Array<{ stop(): Promise<void> }> = [];

  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    await fake?.close();
    for (const database of databases.splice(0)) await database.close().catch(() => undefined);
    await store?.dispose();
    fake = undefined;
    store = undefined;
  });

  /** Two instances: two connection pools on one PostgreSQL; on PGlite (one process only) one database. */
  async function setUp(people: string[], clock: () => number) {
    store = await createTestStore(backend);
    const first = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    databases.push(first);
    let second = first;
    if (backend === 'postgres') {
      second = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
      databases.push(second);
    }
    fake = await startFakeConnector({ clock });
    const conversations = createConversationReferenceStore(first.db, () => new Date());
    await rememberPersonalChats(conversations, {
      serviceUrl: fake.url,
      tenantId: TENANT,
      botId: BOT,
      people: people,
    });
    return { first, second, fake, messages: createBotOutbox({ db: first.db }) };
  }

  function instance(database: Database, options: Partial<BotOutboxWorkerOptions>, stopAfter = true) {
    const created = createBotOutboxWorker({
      db: database.db,
      conversations: createConversationReferenceStore(database.db, () => new Date()),
      connector: createBotConnector({ credentials: undefined, timeoutMs: 5000 }),
      logger: testLogger,
      retryBaseMs: 20,
      random: () => 0.5,
      ...options,
    });
    if (stopAfter) workers.push(created);
    return created;
  }

  it('a new sender right after a burst waits for the tenant’s window the last sender filled', async () => {
    const clock = jumpingClock();
    const people = Array.from({ length: 60 }, (_, index) => `person-${index}`);
    const context = await setUp(people, clock.now);
    const keys = people.map((id) => `burst:${id}`);
    await context.messages.enqueue(people.map((id, index) => toPerson(id, keys[index]!)));
    // The first instance posts the tenant's 30 for this second and is stopped (a deploy): it hands the
    // sender lease back at once, the second takes it and must not post inside that second.
    const first = instance(context.first, { clock: clock.now, lingerMs: 0 });
    const second = instance(context.second, { clock: clock.now, lingerMs: 0, standbyMs: 0 });
    const firstDrain = first.drain();
    await until(() => context.fake.accepted.length >= 30, 'the first instance’s burst', 60_000);
    await first.stop();
    // 30 when it kept up with the tenant's window (a slow machine may let it post a few more first).
    expect((await firstDrain).sent).toBeGreaterThanOrEqual(30);
    for (let round = 0; round < 10; round += 1) {
      await second.drain();
      const states = await context.messages.status(keys);
      if ([...states.values()].every((status) => status.state === 'sent')) break;
    }
    const states = await context.messages.status(keys);
    expect([...states.values()].filter((status) => status.state === 'sent')).toHaveLength(60);
    expect(context.fake.throttled).toBe(0);
    expect(context.fake.accepted).toHaveLength(60);
  }, 120_000);

  onPostgres(
    'takes over a sender abandoned mid-drain within a minute, loses nothing, duplicates only what was in flight, and counts its requests still in flight',
    async () => {
      const clock = jumpingClock();
      const people = Array.from({ length: 150 }, (_, index) => `person-${index}`);
      const context = await setUp(people, clock.now);
      const keys = people.map((id) => `report-request:${id}`);
      await context.messages.enqueue(people.map((id, index) => toPerson(id, keys[index]!)));

      // The sender posts 10, then its next 6 requests leave but are still on their way when it dies:
      // they reach Teams later (when the test lets them), and their answers reach nobody.
      const real = createBotConnector({ credentials: undefined, timeoutMs: 5000 });
      let posted = 0;
      const inTransit: Array<() => Promise<unknown>> = [];
      const dying: BotConnector = {
        ...real,
        post: (target, payload) => {
          posted += 1;
          if (posted <= 10) return real.post(target, payload);
          inTransit.push(() => real.post(target, payload));
          return new Promise(() => undefined);
        },
      };
      const sender = instance(
        context.first,
        { clock: clock.now, connector: dying, concurrency: 6, heartbeatMs: 3_600_000 },
        false,
      );
      void sender.drain();
      await until(() => inTransit.length === 6 && sender.inFlight() === 6, 'the sender’s requests in flight');
      const inFlightAtKill = sender.inFlight();
      // Killed: its connections are gone, its heartbeat stops, what it held stays leased.
      const [lease] = await context.second.db.select().from(botOutboxSender);
      const killedAt = clock.now();
      void context.first.close();

      // The requests that were in transit arrive at Teams late, but within the time their sender allowed
      // them (they count as in flight until their settle_until: the documented assumption, docs/bot.md);
      // then the sender lease (20 s) runs out. Arriving after settle_until is the bounded residue that
      // docs/bot.md describes, not what this test checks.
      const unanswered = await context.second.db
        .select({ settleUntil: botOutboxRequests.settleUntil })
        .from(botOutboxRequests)
        .where(isNull(botOutboxRequests.answeredAt));
      expect(unanswered).toHaveLength(6);
      const settleFirst = Math.min(...unanswered.map((row) => row.settleUntil.getTime()));
      clock.jumpTo(settleFirst - 300);
      await Promise.all(inTransit.map((send) => send()));
      clock.jumpTo(lease!.leaseUntil.getTime() + 1);
      expect(context.fake.accepted).toHaveLength(16);
      const messages = createBotOutbox({ db: context.second.db });
      const standby = instance(context.second, { clock: clock.now, lingerMs: 0, standbyMs: 0 });
      await standby.drain();
      const resumedAt = context.fake.accepted[16]?.at;
      expect(resumedAt).toBeDefined();
      expect(resumedAt! - killedAt).toBeLessThan(60_000);
      // Right after the hand-over, with the dead sender's requests arriving: Teams throttled nothing.
      expect(context.fake.throttled).toBe(0);

      // The rows the dead sender held come back once their lease (40 s) has run out.
      clock.jumpTo(killedAt + 45_000);
      for (let round = 0; round < 20; round += 1) {
        await standby.drain();
        const states = await messages.status(keys);
        if ([...states.values()].every((status) => status.state === 'sent')) break;
      }
      const taken = new Map<string, number>();
      for (const entry of context.fake.accepted)
        taken.set(entry.activity.text!, (taken.get(entry.activity.text!) ?? 0) + 1);
      const lost = keys.filter((key) => !taken.has(key));
      const duplicated = [...taken.values()].reduce((sum, count) => sum + count - 1, 0);
      expect(lost).toEqual([]);
      expect(duplicated).toBeLessThanOrEqual(inFlightAtKill);
      expect(context.fake.throttled).toBe(0);
    },
    90_000,
  );

  onPostgres(
    'a stalled sender whose lease was taken over starts no request, even with rows still in hand',
    async () => {
      const clock = jumpingClock();
      const people = ['person-1', 'person-2', 'person-3'];
      const context = await setUp(people, clock.now);
      const keys = people.map((id) => `later:${id}`);
      const startedAt = clock.now();
      await context.messages.enqueue(
        people.map((id, index) => ({
          ...toPerson(id, keys[index]!),
          notBefore: new Date(startedAt + 10_000),
        })),
      );
      // The sender's heartbeat has stalled (it never beats). It takes the sender lease now, claims the
      // rows when they are due 10 s later (their lease outlasts its sender lease), and its first request
      // hangs while the others wait in hand.
      const real = createBotConnector({ credentials: undefined, timeoutMs: 5000 });
      let release: (() => void) | undefined;
      let requests = 0;
      const slow: BotConnector = {
        ...real,
        post: async (target, payload) => {
          requests += 1;
          if (requests === 1) await new Promise<void>((resolve) => (release = resolve));
          return real.post(target, payload);
        },
      };
      const stalled = instance(
        context.first,
        { clock: clock.now, connector: slow, concurrency: 1, heartbeatMs: 3_600_000 },
        false,
      );
      const stalledDrain = stalled.drain();
      await new Promise((resolve) => setTimeout(resolve, 100));
      clock.jumpTo(startedAt + 10_000);
      await until(() => release !== undefined, 'the stalled sender’s first request');

      // Its sender lease runs out and another instance takes over.
      const [lease] = await context.second.db.select().from(botOutboxSender);
      clock.jumpTo(lease!.leaseUntil.getTime() + 100);
      // It stays (lingering: the rows come free within 30 s), holding the sender lease.
      const other = instance(context.second, {
        clock: clock.now,
        heartbeatMs: 100,
        standbyMs: 0,
        lingerMs: 60_000,
      });
      const otherDrain = other.drain();
      let owner: string | undefined = lease!.owner;
      for (let tries = 0; owner === lease!.owner && tries < 200; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        [{ owner } = { owner: undefined }] = await context.second.db.select().from(botOutboxSender);
      }
      if (owner === undefined || owner === lease!.owner) release?.();
      expect(owner).toBeDefined();
      expect(owner).not.toBe(lease!.owner);

      // The stalled one wakes up: its request in flight finishes, and it starts none of the rows in hand.
      release!();
      await stalledDrain;
      expect(requests).toBe(1);
      expect(stalled.counts().sent).toBe(1);
      // Its rows go to the new sender (handed back, or once their lease has run out): each posted once.
      clock.jumpTo(lease!.leaseUntil.getTime() + 45_000);
      await otherDrain;
      for (let round = 0; round < 10; round += 1) {
        await other.drain();
        const states = await context.messages.status(keys);
        if ([...states.values()].every((status) => status.state === 'sent')) break;
      }
      expect([...context.fake.countByConversation().values()]).toEqual([1, 1, 1]);
    },
    60_000,
  );
});
