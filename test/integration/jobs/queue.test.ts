import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { startQueue, type JobQueue } from '../../../src/jobs/queue.ts';
import { BACKENDS, createTestStore, type TestStore } from '../../support/backends.ts';
import { testLogger } from '../../support/logger.ts';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function waitFor(predicate: () => boolean | Promise<boolean>): Promise<void> {
  await vi.waitFor(async () => expect(await predicate()).toBe(true), { timeout: 20_000, interval: 50 });
}

describe.each(BACKENDS)('job queue on %s', (backend) => {
  let store: TestStore | undefined;
  const running: Array<{ database: Database; queue: JobQueue }> = [];

  afterEach(async () => {
    for (const { database, queue } of running.splice(0)) {
      await queue.stop(1000).catch(() => undefined);
      await database.close().catch(() => undefined);
    }
    await store?.dispose();
    store = undefined;
  });

  async function start() {
    store ??= await createTestStore(backend);
    const database = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    const queue = await startQueue(database, testLogger);
    const instance = { database, queue };
    running.push(instance);
    return instance;
  }

  async function stopInstance(instance: { database: Database; queue: JobQueue }, timeoutMs: number) {
    await instance.queue.stop(timeoutMs);
    await instance.database.close();
    running.splice(running.indexOf(instance), 1);
  }

  it('runs a job that was sent', async () => {
    const { queue } = await start();
    await queue.define('echo');
    const seen: string[] = [];
    await queue.work<{ text: string }>(
      'echo',
      async ([job]) => {
        seen.push(job!.data.text);
      },
      { pollingIntervalSeconds: 0.5 },
    );
    await queue.send('echo', { text: 'こんにちは' });
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual(['こんにちは']);
    expect(await queue.isHealthy()).toBe(true);
  });

  it('keeps a job sent before a restart and runs it after', async () => {
    const first = await start();
    await first.queue.define('later');
    await first.queue.send('later', { n: 42 });
    await stopInstance(first, 1000);

    const second = await start();
    await second.queue.define('later');
    const seen: number[] = [];
    await second.queue.work<{ n: number }>(
      'later',
      async ([job]) => {
        seen.push(job!.data.n);
      },
      { pollingIntervalSeconds: 0.5 },
    );
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([42]);
  });

  it('lets a running job finish during a graceful stop', async () => {
    const instance = await start();
    await instance.queue.define('slow');
    const started = deferred();
    const release = deferred();
    let finished = false;
    await instance.queue.work(
      'slow',
      async () => {
        started.resolve();
        await release.promise;
        finished = true;
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = await instance.queue.send('slow', {});
    await started.promise;
    const stopped = instance.queue.stop(10_000);
    // The job is let go only once the stop has reached its worker: the stop must wait for it.
    await waitFor(() => instance.queue.boss.getWipData().some((worker) => worker.state === 'stopping'));
    expect(finished).toBe(false);
    release.resolve();
    await stopped;
    expect(finished).toBe(true);
    // The queue has closed its connections; read the job's state straight from the store.
    const rows = await instance.database.query<{ state: string }>(
      'SELECT state FROM pgboss.job WHERE id = $1',
      [id],
    );
    expect(rows[0]?.state).toBe('completed');
  });

  it('releases a job that outlives the stop timeout so it runs again after a restart', async () => {
    const first = await start();
    await first.queue.define('stuck', { retryDelaySeconds: 1 });
    const started = deferred();
    await first.queue.work(
      'stuck',
      async () => {
        started.resolve();
        // Never settles: the stop's timeout has to give the job up.
        await new Promise(() => undefined);
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = await first.queue.send('stuck', { attempt: 'first' });
    await started.promise;
    await stopInstance(first, 1000);

    const second = await start();
    const job = await second.queue.boss.getJobById('stuck', id!);
    expect(job?.state).toBe('retry');
    const reran = deferred();
    await second.queue.work('stuck', async () => reran.resolve(), { pollingIntervalSeconds: 0.5 });
    await reran.promise;
    await waitFor(async () => (await second.queue.boss.getJobById('stuck', id!))?.state === 'completed');
  });
});
