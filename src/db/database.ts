import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { installQueueSchema } from '../jobs/queue-schema.ts';
import { grantRuntimeRole, leastPrivilegeProblems, type Query } from './database-roles.ts';
import { PgliteWorkerClient } from './pglite-client.ts';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Db;
  /** Raw SQL, for health checks, maintenance and tests. */
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * The embedded engine (in its own thread, see pglite-client.ts), for adapters (the job queue) that
   * speak to it directly.
   */
  readonly pglite: PgliteWorkerClient | undefined;
  readonly connectionString: string | undefined;
  /**
   * False when an owner role migrates the schema and this connection only reads and writes rows: the
   * job queue must then not try to install or upgrade its own schema either.
   */
  readonly ownsSchema: boolean;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL server; without it the embedded PGlite store is used. */
  databaseUrl?: string | undefined;
  /**
   * The role that owns the tables (docs/security.md, "Database roles"). With it, migrations, pg-boss's
   * schema and the runtime role's grants run as this role; `databaseUrl` then only serves.
   */
  migrationUrl?: string | undefined;
  /**
   * Production: refuse to serve with a role that could rewrite the append-only history (superuser,
   * owner, UPDATE/DELETE/TRUNCATE on the audit log), and never migrate with the serving role.
   */
  leastPrivilege?: boolean;
  /** Folder for PGlite's files; `undefined` keeps PGlite in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
// Any fixed 64-bit number: every instance of the app takes the same lock before migrating.
const MIGRATION_LOCK_KEY = 7_205_331_901;

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (!options.databaseUrl) {
    if (options.migrationUrl) throw new Error('DATABASE_MIGRATION_URL needs DATABASE_URL (the runtime role)');
    if (options.leastPrivilege)
      throw new Error('A PostgreSQL server (DATABASE_URL) is required in production');
    const database = await openPglite(options.dataDir);
    return migrateOrClose(database, () => applyMigrations(database));
  }
  // In production the serving role never changes the schema, even when no owner URL is given.
  const ownsSchema = !options.migrationUrl && !options.leastPrivilege;
  const database = await openPostgres(options.databaseUrl, options.poolSize ?? 10, ownsSchema);
  return migrateOrClose(database, async () => {
    if (options.migrationUrl) {
      const [current] = await database.query<{ role: string }>('SELECT current_user AS role');
      await migrateAsOwner(options.migrationUrl, current!.role);
    } else if (options.leastPrivilege) {
      // Production without the owner's URL: a release step (`npm run migrate`) migrated already.
      await assertMigrated(database);
    } else {
      await applyMigrations(database);
    }
    if (options.leastPrivilege) {
      const problems = await leastPrivilegeProblems((text, params) => database.query(text, params));
      if (problems.length > 0) {
        throw new Error(
          `DATABASE_URL must name the runtime role, which may only read and write rows (docs/security.md, "Database roles"):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
        );
      }
    }
  });
}

async function migrateOrClose(database: Database, migrate: () => Promise<void>): Promise<Database> {
  try {
    await migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function openPostgres(
  connectionString: string,
  poolSize: number,
  ownsSchema: boolean,
): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize, application_name: 'hagukumi' });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const client = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL (DATABASE_URL): ${(error as Error).message}`, {
      cause: error,
    });
  });
  client.release();
  return {
    kind: 'postgres',
    db: drizzlePostgres(pool, { schema }),
    pglite: undefined,
    connectionString,
    ownsSchema,
    async query<T extends Record<string, unknown>>(text: string, params?: unknown[]) {
      const result = await pool.query<T>(text, params);
      return result.rows;
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * PGlite runs PostgreSQL as WebAssembly on the thread that calls it: in the server's thread, every query
 * would hold the event loop and requests would queue behind each other (README, "Load test"). It runs in
 * a worker thread instead; `engine` is the server's side of it.
 */
async function openPglite(dataDir: string | undefined): Promise<Database> {
  let releaseLock = (): void => undefined;
  let folder: string | undefined;
  if (dataDir) {
    folder = path.join(dataDir, 'pgdata');
    mkdirSync(folder, { recursive: true });
    releaseLock = lockDataDir(dataDir);
  }
  let engine: PgliteWorkerClient;
  try {
    engine = await PgliteWorkerClient.start(folder);
  } catch (error) {
    releaseLock();
    throw error;
  }
  return {
    kind: 'pglite',
    db: drizzlePglite(asPglite(engine), { schema }),
    pglite: engine,
    connectionString: undefined,
    ownsSchema: true,
    async query<T extends Record<string, unknown>>(text: string, params?: unknown[]) {
      const result = await engine.query<T>(text, params);
      return result.rows;
    },
    async close() {
      try {
        await engine.close();
      } finally {
        releaseLock();
      }
    },
  };
}

/** drizzle's pglite driver types its client as PGlite; it calls only what PgliteWorkerClient offers. */
function asPglite(engine: PgliteWorkerClient): PGlite {
  return engine as unknown as PGlite;
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * A lock file with our pid turns that into a clear error; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isProcessAlive(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${owner}. Stop that process, choose another DATA_DIR, or set DATABASE_URL.`,
          { cause: error },
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}`);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function applyMigrations(database: Database): Promise<void> {
  if (database.pglite) {
    await migratePglite(drizzlePglite(asPglite(database.pglite), { schema }), {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    return;
  }
  await withMigrationLock(database.connectionString!, async (client) => {
    await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  });
}

/**
 * The owner's step, before the runtime role serves: the app's migrations, pg-boss's schema, then the
 * runtime role's grants, all under the one migration lock so instances starting together neither race
 * nor see a table before its grants.
 */
async function migrateAsOwner(migrationUrl: string, runtimeRole: string): Promise<void> {
  await withMigrationLock(migrationUrl, async (client) => {
    await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    await installQueueSchema(migrationUrl);
    const query: Query = async <T extends Record<string, unknown>>(text: string, params?: unknown[]) =>
      (await client.query<T>(text, params)).rows;
    await grantRuntimeRole(query, runtimeRole);
  });
}

// Several instances may start at once: a session-level advisory lock on one dedicated connection
// lets exactly one migrate while the others wait, then find nothing left to do.
async function withMigrationLock(
  connectionString: string,
  migrate: (client: pg.Client) => Promise<void>,
): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: 'hagukumi-migrate' });
  await client.connect().catch((error: unknown) => {
    throw new Error(`Cannot connect to PostgreSQL to migrate: ${(error as Error).message}`, { cause: error });
  });
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/** The runtime role does not migrate in production: it only confirms the owner already did. */
async function assertMigrated(database: Database): Promise<void> {
  const latest = Math.max(
    ...readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.folderMillis),
  );
  const applied = await database
    .query<{ latest: string | null }>(
      'SELECT max(created_at)::text AS latest FROM drizzle.__drizzle_migrations',
    )
    .catch(() => [{ latest: null }]);
  if (Number(applied[0]?.latest ?? 0) < latest) {
    throw new Error(
      'The database is not migrated to this version. Run `npm run migrate` with DATABASE_MIGRATION_URL (the owner role) first, or set DATABASE_MIGRATION_URL so the service migrates at start (docs/security.md, "Database roles").',
    );
  }
}
