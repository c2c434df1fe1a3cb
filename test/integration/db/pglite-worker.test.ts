// The embedded database runs in a worker thread (src/db/pglite-client.ts): it must behave as PGlite in
// the server's thread did — one session, transactions whole, errors and values unchanged — while the
// server's event loop stays free, and a dead thread must fail every call instead of leaving it waiting.
import { PGlite, messages, types } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PgliteWorkerClient } from '../../../src/db/pglite-client.ts';

describe('PGlite in a worker thread', () => {
  let client: PgliteWorkerClient;
  // The reference: PGlite in this thread, as the server ran it before.
  let local: PGlite;

  beforeAll(async () => {
    [client, local] = await Promise.all([PgliteWorkerClient.start(undefined), PGlite.create()]);
  });

  afterAll(async () => {
    await Promise.all([client.close(), local.close()]);
  });

  afterEach(async () => {
    await client.exec('DROP TABLE IF EXISTS item');
  });

  it("keeps a transaction's statements together: a statement from outside waits for the commit", async () => {
    await client.exec('CREATE TABLE item (id int PRIMARY KEY)');
    let outside: Promise<number> | undefined;
    await client.transaction(async (tx) => {
      await tx.query('INSERT INTO item VALUES (1)');
      outside = client
        .query<{ n: number }>('SELECT count(*)::int AS n FROM item')
        .then((result) => result.rows[0]!.n);
      // Round trips inside the transaction give the thread every chance to run the outside statement.
      for (let index = 0; index < 5; index += 1) await tx.query('SELECT 1');
      await tx.query('INSERT INTO item VALUES (2)');
    });
    // Never 1: the outside statement ran after the whole transaction, not between its statements.
    expect(await outside).toBe(2);
  });

  it('rolls back when the callback throws, and the session works afterwards', async () => {
    await client.exec('CREATE TABLE item (id int PRIMARY KEY)');
    await expect(
      client.transaction(async (tx) => {
        await tx.query('INSERT INTO item VALUES (1)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await expect(
      client.transaction(async (tx) => {
        await tx.query('INSERT INTO item VALUES (2)');
        await tx.query('INSERT INTO item VALUES (2)');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    const rows = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM item');
    expect(rows.rows[0]!.n).toBe(0);
  });

  it("keeps PostgreSQL's error class and fields", async () => {
    await client.exec('CREATE TABLE item (id int CONSTRAINT item_pk PRIMARY KEY)');
    await client.query('INSERT INTO item VALUES ($1)', [1]);
    const error = await client.query('INSERT INTO item VALUES ($1)', [1]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(messages.DatabaseError);
    expect(error).toMatchObject({
      code: '23505',
      severity: 'ERROR',
      constraint: 'item_pk',
      table: 'item',
      detail: 'Key (id)=(1) already exists.',
      query: 'INSERT INTO item VALUES ($1)',
      params: [1],
    });
  });

  it('returns values exactly as PGlite in this thread does, with and without drizzle', async () => {
    const text = `SELECT now() AS at, '2026-04-01'::date AS day, '1 day'::interval AS span,
        42::int8 AS big, 12.50::numeric AS amount, '{"a":[1,"x"]}'::jsonb AS doc, '\\x0102'::bytea AS bin,
        ARRAY[now()] AS ats, ARRAY[1.5]::numeric[] AS amounts, NULL::timestamptz AS none, $1::text AS param`;
    // drizzle reads timestamps and dates as text and parses them itself; its parsers are functions.
    const raw = (value: string) => value;
    const asDrizzle = {
      rowMode: 'array' as const,
      parsers: { [types.TIMESTAMPTZ]: raw, [types.DATE]: raw, [types.INTERVAL]: raw, 1185: raw, 1231: raw },
    };
    for (const options of [undefined, asDrizzle]) {
      await client.exec("SET TIME ZONE 'Asia/Tokyo'");
      await local.exec("SET TIME ZONE 'Asia/Tokyo'");
      const there = await client.query(text, ['p'], options);
      const here = await local.query(text, ['p'], options);
      // now() differs between the two databases; every other value and every type must match.
      const at = options ? 0 : 'at';
      const ats = options ? 7 : 'ats';
      const [thereRow, hereRow] = [
        there.rows[0] as Record<string, unknown>,
        here.rows[0] as Record<string, unknown>,
      ];
      expect(thereRow[at]?.constructor).toBe(hereRow[at]?.constructor);
      expect((thereRow[ats] as unknown[])[0]?.constructor).toBe((hereRow[ats] as unknown[])[0]?.constructor);
      delete thereRow[at];
      delete hereRow[at];
      delete thereRow[ats];
      delete hereRow[ats];
      expect(there).toStrictEqual(here);
    }

    const db = drizzle(client as unknown as PGlite);
    const [row] = await db.execute<{ at: unknown }>(sql`SELECT now() AS at`).then((result) => result.rows);
    const [localRow] = await drizzle(local)
      .execute<{ at: unknown }>(sql`SELECT now() AS at`)
      .then((result) => result.rows);
    expect(typeof row!.at).toBe(typeof localRow!.at);
  });

  it('delivers NOTIFY to a listener until it stops listening', async () => {
    const heard: string[] = [];
    const stop = await client.listen('wake', (payload) => heard.push(payload));
    await client.query("SELECT pg_notify('wake', 'one')");
    await stop();
    await client.query("SELECT pg_notify('wake', 'two')");
    await client.query('SELECT 1');
    expect(heard).toEqual(['one']);
  });

  it('leaves the event loop free while a long statement runs', async () => {
    let timerFiredWhileRunning = false;
    let running = true;
    const statement = client.query('SELECT pg_sleep(1)').finally(() => (running = false));
    // In one thread the statement holds the loop: this timer could only fire after it ends.
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        timerFiredWhileRunning = running;
        resolve();
      }, 0),
    );
    await statement;
    expect(timerFiredWhileRunning).toBe(true);
  });
});

describe('PGlite worker thread that dies', () => {
  it('fails the waiting and later calls at once instead of leaving them waiting', async () => {
    const client = await PgliteWorkerClient.start(
      undefined,
      new URL('../../support/crashing-pglite-worker.ts', import.meta.url),
    );
    const waiting = client.query('SELECT 1');
    const crashing = client.query('crash');
    await expect(waiting).rejects.toThrow(/thread failed: the engine aborted/);
    await expect(crashing).rejects.toThrow(/thread failed/);
    await expect(client.query('SELECT 1')).rejects.toThrow(/thread failed/);
    await expect(client.transaction(async () => undefined)).rejects.toThrow(/thread failed/);
    await client.close();
  });
});
