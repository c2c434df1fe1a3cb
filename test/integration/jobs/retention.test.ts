// Retention (docs/operations.md): old sent and failed bot messages are deleted, pending ones and recent
// ones stay; finished pg-boss jobs are kept for the configured time, also on queues an earlier release made.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { startQueue, type JobQueue } from '../../../src/jobs/queue.ts';
import { createBotOutboxRetention } from '../../../src/reports/bot-outbox-retention.ts';
import { botOutbox } from '../../../src/reports/bot-outbox.schema.ts';
import { BACKENDS, createTestStore, type TestStore } from '../../support/backends.ts';
import { testLogger } from '../../support/logger.ts';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-06-01T03:30:00+09:00');

describe.each(BACKENDS)('retention on %s', (backend) => {
  let store: TestStore | undefined;
  let database: Database | undefined;
  let queue: JobQueue | undefined;

  afterEach(async () => {
    await queue?.stop(1000).catch(() => undefined);
    await database?.close().catch(() => undefined);
    await store?.dispose();
    queue = undefined;
    database = undefined;
    store = undefined;
  });

  const open = async () => {
    store = await createTestStore(backend);
    database = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    return database;
  };

  it('deletes sent and failed bot messages older than the retention, and nothing pending or recent', async () => {
    const { db } = await open();
    const row = (key: string, state: 'pending' | 'sent' | 'failed', ageDays: number) => ({
      key,
      recipient: { kind: 'person' as const, personId: 'p-1' },
      payload: { text: key },
      state,
      createdAt: new Date(NOW.getTime() - ageDays * DAY),
    });
    await db
      .insert(botOutbox)
      .values([
        row('old-sent', 'sent', 401),
        row('old-failed', 'failed', 401),
        row('old-pending', 'pending', 401),
        row('recent-sent', 'sent', 399),
      ]);
    const retention = createBotOutboxRetention({ db, retentionDays: 400, now: () => NOW });
    expect(await retention.runOnce()).toEqual({ deleted: 2 });
    const left = await database!.query<{ key: string }>('SELECT key FROM bot_outbox ORDER BY key');
    expect(left.map((entry) => entry.key)).toEqual(['old-pending', 'recent-sent']);
    expect(await retention.runOnce()).toEqual({ deleted: 0 });
  });

  it('keeps finished jobs for the configured time, on new queues and on queues an earlier release made', async () => {
    const opened = await open();
    const earlier = await startQueue(opened, testLogger);
    await earlier.define('retention.earlier');
    expect((await earlier.boss.getQueue('retention.earlier'))?.deleteAfterSeconds).toBe(7 * 24 * 3600);
    await earlier.stop(1000);
    queue = await startQueue(opened, testLogger, { finishedJobRetentionSeconds: 3 * 24 * 3600 });
    await queue.define('retention.earlier');
    await queue.define('retention.new');
    expect((await queue.boss.getQueue('retention.earlier'))?.deleteAfterSeconds).toBe(3 * 24 * 3600);
    expect((await queue.boss.getQueue('retention.new'))?.deleteAfterSeconds).toBe(3 * 24 * 3600);
  });
});
