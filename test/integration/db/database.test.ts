import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { auditLog } from '../../../src/db/schema.ts';
import { BACKENDS, createTestStore, type TestStore } from '../../support/backends.ts';

describe.each(BACKENDS)('database on %s', (backend) => {
  const opened: Database[] = [];
  let store: TestStore | undefined;

  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close().catch(() => undefined);
    await store?.dispose();
    store = undefined;
  });

  /** `empty`: no template, so opening really migrates (seconds on PGlite, more on a busy machine). */
  async function open(empty = false): Promise<Database> {
    store ??= await createTestStore(backend, { empty });
    const database = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    opened.push(database);
    return database;
  }

  it('applies the migrations at open', { timeout: 120_000 }, async () => {
    const database = await open(true);
    expect(database.kind).toBe(backend);
    const tables = await database.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((row) => row.table_name)).toContain('audit_log');
  });

  it('keeps data written before a restart', async () => {
    const first = await open();
    await first.db
      .insert(auditLog)
      .values({ actorId: 'u1', subjectId: 'u2', action: 'view', resource: 'goals' });
    await first.close();
    opened.splice(opened.indexOf(first), 1);

    const second = await open();
    const rows = await second.db.select().from(auditLog);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: 'u1', subjectId: 'u2', action: 'view', resource: 'goals' });
  });

  if (backend === 'postgres') {
    it('migrates safely when several instances start together', { timeout: 120_000 }, async () => {
      store = await createTestStore(backend, { empty: true });
      const instances = await Promise.all(
        Array.from({ length: 4 }, () =>
          openDatabase({ databaseUrl: store!.databaseUrl, dataDir: store!.dataDir }),
        ),
      );
      opened.push(...instances);
      const applied = await instances[0]!.query<{ count: string }>(
        'SELECT count(*)::text AS count FROM drizzle.__drizzle_migrations',
      );
      expect(Number(applied[0]!.count)).toBeGreaterThan(0);
      // Applied once, not once per instance.
      const hashes = await instances[0]!.query<{ hash: string }>(
        'SELECT hash FROM drizzle.__drizzle_migrations',
      );
      expect(new Set(hashes.map((row) => row.hash)).size).toBe(hashes.length);
    });
  }

  if (backend === 'pglite') {
    it('refuses a second process-level open of the same folder with a clear message', async () => {
      await open();
      // A lock file naming another live process (our parent) stands for a second instance.
      const { writeFileSync } = await import('node:fs');
      const path = await import('node:path');
      const database = opened[0]!;
      await database.close();
      opened.splice(0);
      writeFileSync(path.join(store!.dataDir, 'pglite.lock'), String(process.ppid));
      await expect(openDatabase({ dataDir: store!.dataDir })).rejects.toThrow(/in use by process/);
    });
  }
});
