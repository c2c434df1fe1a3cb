import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Db;
  /** Raw SQL, for health checks, maintenance and tests. */
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The embedded engine, for adapters (the job queue) that speak to it directly. */
  readonly pglite: PGlite | undefined;
  readonly connectionString: string | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL server; without it the embedded PGlite store is used. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite's files; `undefined` keeps PGlite in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
// Any fixed 64-bit number: every instance of the app takes the same lock before migrating.
const MIGRATION_LOCK_KEY = 7_205_331_901;

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : await openPglite(options.dataDir);
  try {
    await applyMigrations(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function openPostgres(connectionString: string, poolSize: number): Promise<Database> {
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
    async query<T extends Record<string, unknown>>(text: string, params?: unknown[]) {
      const result = await pool.query<T>(text, params);
      return result.rows;
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let releaseLock = (): void => undefined;
  let engine: PGlite;
  if (dataDir) {
    const folder = path.join(dataDir, 'pgdata');
    mkdirSync(folder, { recursive: true });
    releaseLock = lockDataDir(dataDir);
    engine = new PGlite(folder);
  } else {
    engine = new PGlite();
  }
  try {
    await engine.waitReady;
  } catch (error) {
    releaseLock();
    throw error;
  }
  return {
    kind: 'pglite',
    db: drizzlePglite(engine, { schema }),
    pglite: engine,
    connectionString: undefined,
    async query<T extends Record<string, unknown>>(text: string, params?: unknown[]) {
      const result = await engine.query<T>(text, params);
      return result.rows;
    },
    async close() {
      try {
        if (!engine.closed) await engine.close();
      } finally {
        releaseLock();
      }
    },
  };
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
    await migratePglite(drizzlePglite(database.pglite, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  // Several instances may start at once: a session-level advisory lock on one dedicated connection
  // lets exactly one migrate while the others wait, then find nothing left to do.
  const client = new pg.Client({ connectionString: database.connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
