// A describe block's own store: a copy of the migrated template, opened before its tests and closed
// after them. Only `db` and `query` are handed out, read at use: the store opens in `beforeAll`.
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { createTestStore, type BackendName, type TestStore } from './backends.ts';

export function describeDatabase(backend: BackendName): Pick<Database, 'db' | 'query'> {
  let store: TestStore | undefined;
  let database: Database | undefined;
  beforeAll(async () => {
    store = await createTestStore(backend);
    database = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
  });
  afterAll(async () => {
    await database?.close();
    await store?.dispose();
  });
  const opened = (): Database => {
    if (!database) throw new Error('the test database opens in beforeAll: use it inside tests and hooks');
    return database;
  };
  return {
    get db() {
      return opened().db;
    },
    query: (text, params) => opened().query(text, params),
  };
}
