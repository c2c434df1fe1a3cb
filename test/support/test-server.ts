import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { PgBoss, type SendOptions } from 'pg-boss';
import { loadOrCreateKeys } from '../../src/dev/m365-emulator/keys.ts';
import type { JobQueue } from '../../src/jobs/queue.ts';
import type { Logger } from '../../src/logger.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { createTestStore, SLICE_BACKENDS, type BackendName, type TestStore } from './backends.ts';
import { testLogger } from './logger.ts';

export interface TestServer extends RunningServer {
  store: TestStore;
  /** The Microsoft 365 emulator of local mode (always present in tests). */
  emulator: NonNullable<RunningServer['local']>['emulator'];
  /** A valid Teams SSO token for a seeded person (id or userPrincipalName). */
  tokenFor(user: string): Promise<string>;
  stop(): Promise<void>;
}

const noEnvFiles = mkdtempSync(path.join(tmpdir(), 'hagukumi-noenv-'));

/**
 * The emulator makes three RSA keys and two certificates when its state folder has none: 1-1.5 s of
 * work that holds the event loop, in every server start on a loaded machine. In local mode they depend on
 * nothing in the configuration, so one set, made once and named by the code that makes them, is placed in
 * each test server's state folder, where the emulator loads it as after a restart.
 */
let emulatorKeysFile: string | undefined;
function seedEmulatorKeys(dataDir: string): void {
  if (!emulatorKeysFile) {
    const maker = path.resolve(import.meta.dirname, '../../src/dev/m365-emulator/keys.ts');
    const hash = createHash('sha256').update(readFileSync(maker)).digest('hex').slice(0, 16);
    const file = path.join(tmpdir(), `hagukumi-emulator-keys-${hash}.json`);
    if (!existsSync(file)) {
      // Made aside and renamed into place: a process racing us finds nothing or a whole file.
      const building = mkdtempSync(path.join(tmpdir(), 'hagukumi-emulator-keys-'));
      loadOrCreateKeys(building);
      renameSync(path.join(building, 'keys.json'), file);
      rmSync(building, { recursive: true, force: true });
    }
    emulatorKeysFile = file;
  }
  mkdirSync(path.join(dataDir, 'm365-emulator'), { recursive: true });
  copyFileSync(emulatorKeysFile, path.join(dataDir, 'm365-emulator', 'keys.json'));
}

/**
 * Where a test server stores its data unless a test names a backend: the integration project sets
 * `TEST_SERVER_STORE=slice` (vitest.config.ts) and gets the slices' backend, PostgreSQL where the tests
 * have one, as production does; the e2e walks keep local mode's PGlite, as `npm start` does.
 */
function defaultServerBackend(): BackendName {
  return process.env.TEST_SERVER_STORE === 'slice' ? SLICE_BACKENDS[0]! : 'pglite';
}

/**
 * How the e2e walks' servers run their jobs (`TEST_SERVER_JOBS=kick`, set by the e2e project in
 * vitest.config.ts): a job sent is started at once instead of at its worker's next fetch, so the workers
 * may fetch only every two seconds (production's default). Each fetch is a query on the in-process PGlite:
 * two idle servers side by side on a loaded machine burned 1.31 s of CPU time in 20 s polling every half
 * second, 0.58 s every two seconds; two e2e servers run through the whole browser phase. The walks that
 * wait for jobs also got quicker (interviews' booking steps waited on each Outlook job's next fetch).
 * What nobody sends (a schedule, a retry after its delay) still waits for the next fetch.
 */
function kickedJobs(): boolean {
  return process.env.TEST_SERVER_JOBS === 'kick';
}

/** The ids of each PgBoss's workers by queue, as `work()` answers them (the server starts its workers). */
const workersOf = new WeakMap<PgBoss, Map<string, string[]>>();
let workRecorded = false;
function recordWorkers(): void {
  // Test code only, and once per module graph (`isolate: false` keeps it across a worker's files).
  if (workRecorded) return;
  workRecorded = true;
  const work = Reflect.get(PgBoss.prototype, 'work') as (
    this: PgBoss,
    name: string,
    ...rest: unknown[]
  ) => Promise<string>;
  PgBoss.prototype.work = async function (this: PgBoss, name: string, ...rest: unknown[]) {
    const id = await work.call(this, name, ...rest);
    const byQueue = workersOf.get(this) ?? new Map<string, string[]>();
    workersOf.set(this, byQueue);
    byQueue.set(name, [...(byQueue.get(name) ?? []), id]);
    return id;
  } as typeof PgBoss.prototype.work;
}

/**
 * Wakes the queue's workers when a job is sent to it (pg-boss's `notifyWorker`: a worker waiting for its
 * next fetch fetches now; one busy fetches again as soon as it is done), or when a job sent with
 * `startAfter` seconds becomes due.
 */
function kickOnSend(queue: JobQueue, stopped: () => boolean): void {
  const send = queue.send.bind(queue);
  const kick = (name: string) => {
    if (stopped()) return;
    for (const id of workersOf.get(queue.boss)?.get(name) ?? []) queue.boss.notifyWorker(id);
  };
  queue.send = async <T extends object>(name: string, data: T, options?: SendOptions) => {
    const id = await send(name, data, options);
    const after = options?.startAfter;
    if (after === undefined) kick(name);
    else if (typeof after === 'number') setTimeout(() => kick(name), after * 1000 + 50).unref();
    return id;
  };
}

/** The whole service, as `npm start` wires it, on a random port with its own empty store. */
export async function startTestServer(
  options: {
    backend?: BackendName;
    env?: Record<string, string>;
    /** Where the service logs (default: quiet); captureLogs() in ./logger.ts reads it back. */
    logger?: Logger;
    /** The time every service and job reads (default: the machine's). */
    clock?: Clock;
  } = {},
): Promise<TestServer> {
  const kicked = kickedJobs();
  if (kicked) recordWorkers();
  const store = await createTestStore(options.backend ?? defaultServerBackend());
  seedEmulatorKeys(store.dataDir);
  const config = loadConfig(
    {
      // As `npm start` does with --mode=local: the mode is never a default.
      APP_MODE: 'local',
      PORT: '0',
      DATA_DIR: store.dataDir,
      LOG_LEVEL: 'silent',
      SHUTDOWN_TIMEOUT_MS: '2000',
      // Workers fetch every half second instead of every two: a test waiting for a job (a booking, a sync,
      // an outbox drain) waits for the next fetch, and those waits were most of several files' time. Where
      // a sent job wakes its worker (`kickedJobs`), the two seconds of production hold.
      JOB_POLL_INTERVAL_SECONDS: kicked ? '2' : '0.5',
      ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}),
      ...options.env,
    },
    { envDir: noEnvFiles },
  );
  const server = await startServer(config, options.logger ?? testLogger, { clock: options.clock }).catch(
    async (error: unknown) => {
      await store.dispose();
      throw error;
    },
  );
  const local = server.local;
  if (!local) throw new Error('the test server runs in local mode');
  let stopping = false;
  if (kicked) kickOnSend(server.queue, () => stopping);
  // Reporting lines come from the directory sync the server starts with; tests need them in place.
  const deadline = Date.now() + 30_000;
  while ((await server.database.query('SELECT 1 FROM directory_syncs LIMIT 1')).length === 0) {
    if (Date.now() > deadline) throw new Error('the directory sync did not finish');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    ...server,
    store,
    emulator: local.emulator,
    tokenFor: (user) => local.emulator.issueSsoToken(user),
    async stop() {
      stopping = true;
      await server.close();
      await store.dispose();
    },
  };
}

/**
 * Of a table that background jobs also write, the columns only requests write. The outbox drain posts a
 * message enqueued before the snapshot (its state, attempts, lease, due time and answer) whenever it runs:
 * a refused request that enqueued a message still shows, as a new row.
 */
const WRITTEN_BY_REQUESTS: Record<string, string[]> = {
  bot_outbox: ['id', 'key', 'recipient', 'payload', 'created_at'],
};

/**
 * A fingerprint of every row of every application table: equal before and after means nothing changed.
 * The rate-limit counters are left out: every write request counts there, refused or not, by design.
 */
export async function snapshotState(server: Pick<RunningServer, 'database'>): Promise<string> {
  const tables = await server.database.query<{ table_name: string }>(
    // Left out: the rate-limit counters (every request counts), the calendar watch's subscriptions and
    // delta links, and the bot outbox's sender lease and request ledger, which background jobs keep
    // whatever the requests do (the outbox drain runs every minute and may hold its lease at the moment of
    // a snapshot).
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('rate_limit_counters', 'outlook_subscriptions', 'outlook_delta_links', 'bot_outbox_sender', 'bot_outbox_requests') ORDER BY table_name`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const columns = WRITTEN_BY_REQUESTS[table_name];
    const row = columns ? `(${columns.map((column) => `t.${column}`).join(', ')})` : 't';
    const rows = await server.database.query<{ digest: string | null }>(
      `SELECT md5(coalesce(string_agg(${row}::text, '|' ORDER BY ${row}::text), '')) AS digest FROM "${table_name}" t`,
    );
    parts.push(`${table_name}:${rows[0]?.digest ?? ''}`);
  }
  return parts.join(',');
}
