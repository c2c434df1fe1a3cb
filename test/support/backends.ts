// Which storage backends the storage and queue tests run against. PGlite always; a real PostgreSQL
// server when TEST_DATABASE_URL names one. In CI the server is mandatory: a silent fallback to PGlite
// would hide a broken PostgreSQL path.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

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

/** A fresh, empty place to store data: a temp folder for PGlite, a new database for PostgreSQL. */
export interface TestStore {
  backend: BackendName;
  dataDir: string;
  databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

export async function createTestStore(backend: BackendName): Promise<TestStore> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-test-'));
  if (backend === 'pglite') {
    return {
      backend,
      dataDir,
      databaseUrl: undefined,
      dispose: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const name = `hagukumi_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return {
    backend,
    dataDir,
    databaseUrl: url.toString(),
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
