// Which storage backends the storage and queue tests run against. PGlite always; a real PostgreSQL
// server when TEST_DATABASE_URL names one. In CI the server is mandatory: a silent fallback to PGlite
// would hide a broken PostgreSQL path.
//
// A fresh store starts as a copy of a template that was migrated once (the app's migrations and the job
// queue's schema): migrating an empty PGlite takes seconds, copying its folder a fraction of one, and
// PostgreSQL clones a database with CREATE DATABASE … TEMPLATE. The template is named by a hash of
// everything that shapes the schema, so a new migration makes a new template. Tests of migrating itself
// ask for an empty store.
import { createHash, randomBytes } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { openDatabase } from '../../src/db/database.ts';
import { startQueue } from '../../src/jobs/queue.ts';

export type BackendName = 'pglite' | 'postgres';

const adminUrl = process.env.TEST_DATABASE_URL;

if (!adminUrl) {
  if (process.env.CI) {
    throw new Error(
      'TEST_DATABASE_URL is not set in CI: the PostgreSQL half of the storage tests cannot run.',
    );
  }
  console.warn(
    '\n*** TEST_DATABASE_URL is not set: storage and queue tests run against PGlite ONLY. ' +
      'Start PostgreSQL and set it (see README) to test the PostgreSQL path too. ***\n',
  );
}

export const BACKENDS: BackendName[] = adminUrl ? ['pglite', 'postgres'] : ['pglite'];

/**
 * The backend a slice's tests run on: PostgreSQL when TEST_DATABASE_URL names one (production's database),
 * else PGlite. A slice's SQL means the same on both engines; what differs between the two paths (the
 * driver and its type parsing, transactions, locks, several instances on one database) is tested on both
 * by the storage tests that use `BACKENDS`: the database, the job queue, retention, the bot outbox and its
 * failover, the pacers and rate limits, the directory sync at scale, the SQL aggregation and the
 * database errors kept out of the logs. The integration project's test servers use it too
 * (`startTestServer`); the e2e walks run the whole service on PGlite, as `npm start` does.
 */
export const SLICE_BACKENDS: BackendName[] = adminUrl ? ['postgres'] : ['pglite'];

/** A fresh, empty place to store data: a temp folder for PGlite, a new database for PostgreSQL. */
export interface TestStore {
  backend: BackendName;
  dataDir: string;
  databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

export interface TestStoreOptions {
  /** No schema at all (tests of migrating): the template is not used. */
  empty?: boolean;
}

/**
 * Where tests write folders they throw away (test stores, the production test's install): Linux's
 * shared-memory file system when it has room. A PGlite copy of the template is 41 MB in 1,276 files:
 * writing it to the temporary directory's ext4 and removing it again took 1.1-1.2 s of CPU time (nearly
 * all of it the kernel's) and as much wall time; into /dev/shm 0.09 s. PGlite's own writes during a test
 * gain likewise. Docker gives a container 64 MB there by default, and a full disk would fail a test: a
 * folder goes there only while at least 1 GiB is free, else to the temporary directory.
 * `TEST_STORE_IN_TMPDIR=1` keeps everything in the temporary directory (to compare, or to look at).
 */
const SHARED_MEMORY = '/dev/shm';
const SHARED_MEMORY_ROOM = 1024 ** 3;

export function scratchRoot(): string {
  if (process.platform !== 'linux' || process.env.TEST_STORE_IN_TMPDIR === '1') return tmpdir();
  try {
    const { bavail, bsize } = statfsSync(SHARED_MEMORY);
    return bavail * bsize >= SHARED_MEMORY_ROOM ? SHARED_MEMORY : tmpdir();
  } catch {
    return tmpdir();
  }
}

export async function createTestStore(
  backend: BackendName,
  options: TestStoreOptions = {},
): Promise<TestStore> {
  const dataDir = mkdtempSync(path.join(scratchRoot(), 'hagukumi-test-'));
  if (backend === 'pglite') {
    if (!options.empty) cpSync(await pgliteTemplate(), dataDir, { recursive: true });
    return {
      backend,
      dataDir,
      databaseUrl: undefined,
      dispose: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const name = `hagukumi_test_${randomBytes(6).toString('hex')}`;
  const template = options.empty ? undefined : await postgresTemplate();
  await admin((client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return {
    backend,
    dataDir,
    databaseUrl: databaseUrlOf(name),
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

function databaseUrlOf(name: string): string {
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const repo = path.resolve(import.meta.dirname, '../..');

/**
 * PGlite sets up its whole buffer pool each time it opens a folder: with initdb's 128 MB that took about
 * two of the three to five seconds an open took on a loaded machine. A test store holds a few megabytes
 * of rows, so the copies of the template start with a small pool.
 */
const PGLITE_TEST_SETTINGS = 'shared_buffers = 16MB\n';

/** Changes whenever the schema a migrated store holds would change. */
const schemaHash = (() => {
  let memo: string | undefined;
  return () => {
    if (memo) return memo;
    const hash = createHash('sha256');
    const migrations = path.join(repo, 'src/db/migrations');
    const files = readdirSync(migrations, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    for (const file of [
      ...files,
      path.join(repo, 'src/jobs/queue-schema.ts'),
      path.join(repo, 'node_modules/pg-boss/package.json'),
      path.join(repo, 'node_modules/@electric-sql/pglite/package.json'),
    ]) {
      hash.update(path.relative(repo, file));
      hash.update(readFileSync(file));
    }
    hash.update(PGLITE_TEST_SETTINGS);
    memo = hash.digest('hex').slice(0, 16);
    return memo;
  };
})();

/** Migrates a store and installs the job queue's schema, as the first start of the service would. */
async function migrate(place: { dataDir?: string; databaseUrl?: string }): Promise<void> {
  const database = await openDatabase(place);
  try {
    const queue = await startQueue(database, pino({ level: 'silent' }));
    await queue.stop(1000);
  } finally {
    await database.close();
  }
}

let pgliteTemplateMemo: Promise<string> | undefined;

/** A migrated PGlite folder shared by every test process: built once, then only read (copied). */
function pgliteTemplate(): Promise<string> {
  pgliteTemplateMemo ??= (async () => {
    const target = path.join(tmpdir(), `hagukumi-template-${schemaHash()}`);
    if (existsSync(target)) return target;
    // Built aside and renamed into place: a process racing us either finds nothing or a finished one.
    const building = mkdtempSync(`${target}.building-`);
    try {
      await migrate({ dataDir: building });
      appendFileSync(path.join(building, 'pgdata', 'postgresql.conf'), PGLITE_TEST_SETTINGS);
      renameSync(building, target);
    } catch (error) {
      rmSync(building, { recursive: true, force: true });
      if (!existsSync(target)) throw error;
    }
    return target;
  })();
  return pgliteTemplateMemo;
}

let postgresTemplateMemo: Promise<string> | undefined;

/**
 * A migrated database to clone, one per schema. Older ones are left alone: a run on another checkout may
 * still be cloning them (drop `hagukumi_template_%` databases by hand to tidy a developer's server).
 */
function postgresTemplate(): Promise<string> {
  postgresTemplateMemo ??= (async () => {
    const name = `hagukumi_template_${schemaHash()}`;
    const exists = async () =>
      (await admin((client) => client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])))
        .rowCount === 1;
    if (await exists()) return name;
    const building = `hagukumi_building_${randomBytes(6).toString('hex')}`;
    await admin((client) => client.query(`CREATE DATABASE ${building}`));
    try {
      await migrate({ databaseUrl: databaseUrlOf(building) });
      await admin(async (client) => {
        // Another process may have finished first: then theirs is the template and ours goes.
        try {
          await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
        } catch (error) {
          if ((error as { code?: string }).code !== '42P04') throw error;
          await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        }
      });
    } catch (error) {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`));
      if (!(await exists())) throw error;
    }
    return name;
  })();
  return postgresTemplateMemo;
}

/**
 * For tests that share one store (opening a store per test costs seconds): returns a reset that empties
 * every application table that was empty when this was called, and restarts its sequences, so each test
 * starts from the same state.
 * Append-only tables (the audit log, erasure records, window events) refuse TRUNCATE by design: they, and
 * the tables they refer to, keep their rows. A test that reads those must use a store of its own.
 */
export async function tableReset(database: {
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}): Promise<() => Promise<void>> {
  const tables = await database.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const kept = new Set(
    (
      await database.query<{ name: string }>(
        `SELECT DISTINCT c.relname AS name FROM pg_trigger g
           JOIN pg_proc p ON p.oid = g.tgfoid JOIN pg_class c ON c.oid = g.tgrelid
          WHERE p.proname = 'refuse_append_only_change'`,
      )
    ).map((row) => row.name),
  );
  const references = await database.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      WHERE k.contype = 'f'`,
  );
  // A table a kept one refers to cannot be emptied either (the cascade would reach the kept one).
  for (let grown = true; grown;) {
    grown = false;
    for (const { child, parent } of references)
      if (kept.has(child) && !kept.has(parent)) grown = Boolean(kept.add(parent));
  }
  const emptied: string[] = [];
  for (const { name } of tables) {
    if (kept.has(name)) continue;
    if ((await database.query(`SELECT 1 FROM "${name}" LIMIT 1`)).length === 0) emptied.push(name);
  }
  if (emptied.length === 0) return () => Promise.resolve();
  // TRUNCATE gives each table and index it names new files, which costs PGlite a few hundred milliseconds
  // for all of them: only the tables a test wrote to (rows, or a sequence it drew from) are emptied.
  const sequences = await database.query<{ owner: string; sequence: string }>(
    `SELECT t.relname AS owner, s.oid::regclass::text AS sequence FROM pg_depend d
       JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' JOIN pg_class t ON t.oid = d.refobjid
      WHERE d.deptype IN ('a', 'i') AND t.relnamespace = 'public'::regnamespace`,
  );
  const touched = emptied
    .map((name) => {
      const drawn = sequences
        .filter((row) => row.owner === name)
        .map((row) => ` OR pg_sequence_last_value('${row.sequence}'::regclass) IS NOT NULL`)
        .join('');
      return `SELECT '${name}' AS name WHERE EXISTS (SELECT 1 FROM "${name}")${drawn}`;
    })
    .join(' UNION ALL ');
  return async () => {
    const written = await database.query<{ name: string }>(touched);
    if (written.length > 0)
      await database.query(
        `TRUNCATE ${written.map((row) => `"${row.name}"`).join(', ')} RESTART IDENTITY CASCADE`,
      );
  };
}
