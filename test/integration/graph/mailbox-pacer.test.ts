// Exchange's sending limit per mailbox, paced in the database: several instances asking at once for
// one mailbox get no more than a minute's worth between them, and a refusal says when there is room.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { createMailboxPacer } from '../../../src/graph/mailbox-pacer.ts';
import { BACKENDS, createTestStore, type TestStore } from '../../support/backends.ts';

describe.each(BACKENDS)('the mailbox sending pacer shared by instances on %s', (backend) => {
  let store: TestStore;
  let first: Database;
  let second: Database | undefined;
  let clock = Date.parse('2026-12-07T01:00:00Z');
  const now = () => new Date(clock);

  beforeAll(async () => {
    store = await createTestStore(backend);
    first = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    // On PostgreSQL a second pool stands for a second instance; PGlite serves one process only.
    if (store.databaseUrl) second = await openDatabase({ databaseUrl: store.databaseUrl });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await store?.dispose();
  });

  it('grants a minute’s worth of messages across instances asking at once, and says when the rest fit', async () => {
    const instances = [
      createMailboxPacer(first.db, { now, messagesPerMinute: 25 }),
      createMailboxPacer((second ?? first).db, { now, messagesPerMinute: 25 }),
    ];
    const mailbox = `${randomUUID()}@city.example`;
    const decisions = await Promise.all(
      Array.from({ length: 40 }, (_, index) => instances[index % 2]!.acquire(mailbox, 1)),
    );
    expect(decisions.filter((decision) => decision.granted)).toHaveLength(25);
    const waits = decisions.flatMap((decision) =>
      decision.granted ? [] : [decision.retryAt.getTime() - clock],
    );
    expect(Math.min(...waits)).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(60_000);
    // Another mailbox has its own minute; the same one, spelled otherwise, does not.
    expect(await instances[0]!.acquire(`${randomUUID()}@city.example`, 25)).toEqual({ granted: true });
    expect((await instances[1]!.acquire(mailbox.toUpperCase(), 1)).granted).toBe(false);
    clock += 60_000;
    expect(await instances[1]!.acquire(mailbox, 25)).toEqual({ granted: true });
    expect((await instances[0]!.acquire(mailbox, 1)).granted).toBe(false);
  });

  it('sends more people than a minute holds only into an empty minute, which it fills', async () => {
    const pacer = createMailboxPacer(first.db, { now, messagesPerMinute: 25 });
    const mailbox = `${randomUUID()}@city.example`;
    expect(await pacer.acquire(mailbox, 1)).toEqual({ granted: true });
    const refused = await pacer.acquire(mailbox, 200);
    expect(refused.granted).toBe(false);
    clock += 60_000;
    expect(await pacer.acquire(mailbox, 200)).toEqual({ granted: true });
    expect((await pacer.acquire(mailbox, 1)).granted).toBe(false);
  });

  it('never lets a sliding minute hold more than the limit, whatever the mix of sends', async () => {
    const pacer = createMailboxPacer(first.db, { now, messagesPerMinute: 25 });
    const mailbox = `${randomUUID()}@city.example`;
    const granted: Array<[number, number]> = [];
    // A fixed pseudo-random mix of single invitations and larger sends over ten minutes.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const start = clock;
    while (clock < start + 10 * 60_000) {
      const messages = next() % 5 === 0 ? 1 + (next() % 25) : 1;
      const decision = await pacer.acquire(mailbox, messages);
      if (decision.granted) granted.push([clock, Math.min(messages, 25)]);
      clock += 500 + (next() % 3000);
    }
    const worst = Math.max(
      ...granted.map(([at]) =>
        granted.filter(([t]) => t >= at && t < at + 60_000).reduce((sum, [, n]) => sum + n, 0),
      ),
    );
    expect(worst).toBeLessThanOrEqual(25);
    // And it is not idle: over ten minutes it sends close to ten minutes' worth.
    expect(granted.reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThan(200);
  });
});
