// The audit log and the erasure records stay append-only for the service itself: it serves as a role
// that owns nothing, so it can neither switch their triggers off nor change their rows
// (docs/security.md, "Database roles"). Needs a real PostgreSQL: PGlite has one role.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { grantRuntimeRole, type Query } from '../../../src/db/database-roles.ts';
import { startQueue } from '../../../src/jobs/queue.ts';
import { BACKENDS } from '../../support/backends.ts';
import { testLogger } from '../../support/logger.ts';

const adminUrl = process.env.TEST_DATABASE_URL;
const onPostgres = BACKENDS.includes('postgres');

if (!onPostgres) {
  console.warn(
    '\n*** TEST_DATABASE_URL is not set: the database-role tests (append-only for the service, the ' +
      'production start-up check) are SKIPPED. ***\n',
  );
}

const APPEND_ONLY = ['audit_log', 'erasure_records', 'cycle_window_events'] as const;

function urlFor(role: string, password: string, database: string): string {
  const url = new URL(adminUrl!);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

async function asAdmin<T>(database: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(adminUrl!);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!onPostgres)('database roles on PostgreSQL', () => {
  const suffix = randomBytes(5).toString('hex');
  const databaseName = `hagukumi_roles_${suffix}`;
  const owner = `hagukumi_owner_${suffix}`;
  const runtime = `hagukumi_app_${suffix}`;
  const password = randomBytes(12).toString('hex');
  let ownerUrl: string;
  let runtimeUrl: string;
  let superuserUrl: string;
  let runtimeClient: pg.Client;
  const opened: Database[] = [];

  beforeAll(async () => {
    // What a city's DBA runs (docs/security.md): two login roles, a database the owner owns.
    await asAdmin('postgres', async (admin) => {
      await admin.query(`CREATE ROLE ${owner} LOGIN PASSWORD '${password}'`);
      await admin.query(`CREATE ROLE ${runtime} LOGIN PASSWORD '${password}'`);
      await admin.query(`CREATE DATABASE ${databaseName} OWNER ${owner}`);
      await admin.query(`REVOKE ALL ON DATABASE ${databaseName} FROM PUBLIC`);
      await admin.query(`GRANT CONNECT ON DATABASE ${databaseName} TO ${runtime}`);
    });
    ownerUrl = urlFor(owner, password, databaseName);
    runtimeUrl = urlFor(runtime, password, databaseName);
    const url = new URL(adminUrl!);
    url.pathname = `/${databaseName}`;
    superuserUrl = url.toString();

    // Several instances starting at once: one migrates and grants, the others wait for it.
    opened.push(
      ...(await Promise.all(
        [1, 2].map(() =>
          openDatabase({
            databaseUrl: runtimeUrl,
            migrationUrl: ownerUrl,
            leastPrivilege: true,
            poolSize: 2,
          }),
        ),
      )),
    );
    runtimeClient = new pg.Client({ connectionString: runtimeUrl });
    await runtimeClient.connect();
  }, 120_000);

  afterAll(async () => {
    await runtimeClient?.end().catch(() => undefined);
    for (const database of opened) await database.close().catch(() => undefined);
    await asAdmin('postgres', async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${runtime}`);
      await admin.query(`DROP ROLE IF EXISTS ${owner}`);
    });
  }, 60_000);

  async function refusal(sql: string): Promise<string> {
    // Each attempt in its own transaction, so a refused statement leaves nothing behind.
    await runtimeClient.query('BEGIN');
    try {
      await runtimeClient.query(sql);
    } catch (error) {
      return (error as Error).message;
    } finally {
      await runtimeClient.query('ROLLBACK');
    }
    return 'accepted';
  }

  it('the owner owns the tables and pg-boss schema; the serving role owns nothing', async () => {
    const owners = await asAdmin(databaseName, async (admin) => {
      const { rows } = await admin.query<{ owner: string }>(
        `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname IN ('public', 'pgboss', 'drizzle') AND c.relkind IN ('r', 'p')`,
      );
      return rows.map((row) => row.owner);
    });
    expect(owners).toEqual([owner]);
  });

  it('the serving role may add and read audit and erasure rows', async () => {
    await runtimeClient.query(
      `INSERT INTO audit_log (actor_id, subject_id, action, resource) VALUES ('u1', 'u2', 'view', 'goals')`,
    );
    const { rows } = await runtimeClient.query(`SELECT actor_id FROM audit_log WHERE actor_id = 'u1'`);
    expect(rows).toHaveLength(1);
    await runtimeClient.query('SELECT count(*) FROM erasure_records');
    await runtimeClient.query('SELECT count(*) FROM cycle_window_events');
  });

  it.each(APPEND_ONLY)(
    'the serving role is refused UPDATE, DELETE and TRUNCATE on %s by privilege, before any trigger',
    async (table) => {
      // "permission denied" is the privilege system; the trigger's own refusal says "append-only".
      expect(await refusal(`UPDATE ${table} SET id = id`)).toMatch(/permission denied for table/);
      expect(await refusal(`DELETE FROM ${table}`)).toMatch(/permission denied for table/);
      expect(await refusal(`TRUNCATE ${table}`)).toMatch(/permission denied for table/);
    },
  );

  it.each(APPEND_ONLY)('the serving role cannot switch off the triggers of %s', async (table) => {
    expect(await refusal(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).toMatch(/must be owner/);
    expect(await refusal(`ALTER TABLE ${table} DISABLE TRIGGER USER`)).toMatch(/must be owner/);
    expect(await refusal(`DROP TABLE ${table}`)).toMatch(/must be owner/);
  });

  it('the serving role cannot silence triggers for its session', async () => {
    expect(await refusal('SET session_replication_role = replica')).toMatch(/permission denied/);
    expect(await refusal(`SET LOCAL session_replication_role = 'replica'`)).toMatch(/permission denied/);
  });

  it('the serving role cannot create tables or functions', async () => {
    expect(await refusal('CREATE TABLE public.intruder (id int)')).toMatch(/permission denied/);
    expect(await refusal('CREATE TABLE pgboss.intruder (id int)')).toMatch(/permission denied/);
  });

  it('the serving role changes ordinary rows', async () => {
    await runtimeClient.query(
      `INSERT INTO people (id, user_principal_name, display_name)
       VALUES ('p-roles', 'roles@example.org', 'Roles Test')
       ON CONFLICT (id) DO NOTHING`,
    );
    await runtimeClient.query(`UPDATE people SET display_name = 'Renamed' WHERE id = 'p-roles'`);
    await runtimeClient.query(`DELETE FROM people WHERE id = 'p-roles'`);
  });

  it('a table a later migration adds can be read and added to at once, and changed after the grants step', async () => {
    await asAdmin(databaseName, async (admin) => {
      await admin.query(`SET ROLE ${owner}`);
      await admin.query('CREATE TABLE later_feature (id int PRIMARY KEY)');
    });
    // Default privileges: nothing to forget, but no UPDATE before the step knows the table is not append-only.
    await runtimeClient.query('INSERT INTO later_feature VALUES (1)');
    await runtimeClient.query('SELECT id FROM later_feature');
    expect(await refusal('UPDATE later_feature SET id = 2')).toMatch(/permission denied/);

    opened.push(
      await openDatabase({
        databaseUrl: runtimeUrl,
        migrationUrl: ownerUrl,
        leastPrivilege: true,
        poolSize: 1,
      }),
    );
    await runtimeClient.query('UPDATE later_feature SET id = 2');
    await runtimeClient.query('DELETE FROM later_feature');
    expect(await refusal('TRUNCATE later_feature')).toMatch(/permission denied/);
  }, 60_000);

  it('the service runs its queue as the serving role', async () => {
    const database = opened[0]!;
    expect(database.ownsSchema).toBe(false);
    const queue = await startQueue(database, testLogger);
    try {
      await queue.define('roles.test');
      const done = new Promise<unknown>((resolve) => {
        void queue.work<{ n: number }>('roles.test', async (jobs) => resolve(jobs[0]!.data));
      });
      await queue.send('roles.test', { n: 7 });
      await expect(done).resolves.toEqual({ n: 7 });
      expect(await queue.isHealthy()).toBe(true);
    } finally {
      await queue.stop(2000);
    }
  }, 30_000);

  it('production serves with the runtime role alone once the owner migrated (npm run migrate)', async () => {
    const database = await openDatabase({ databaseUrl: runtimeUrl, leastPrivilege: true, poolSize: 1 });
    opened.push(database);
    expect(database.ownsSchema).toBe(false);
  });

  it('production refuses to serve as the owner of the tables', async () => {
    await expect(openDatabase({ databaseUrl: ownerUrl, leastPrivilege: true, poolSize: 1 })).rejects.toThrow(
      new RegExp(`role ${owner} owns .*audit_log`),
    );
  });

  it('production refuses to serve as a superuser', async () => {
    await expect(
      openDatabase({ databaseUrl: superuserUrl, leastPrivilege: true, poolSize: 1 }),
    ).rejects.toThrow(/is a superuser/);
  });

  it('production refuses a serving role that was granted UPDATE on the audit log by hand', async () => {
    const sneaky = `hagukumi_sneaky_${suffix}`;
    await asAdmin(databaseName, async (admin) => {
      await admin.query(`CREATE ROLE ${sneaky} LOGIN PASSWORD '${password}'`);
      await admin.query(`GRANT CONNECT ON DATABASE ${databaseName} TO ${sneaky}`);
      await admin.query(`GRANT USAGE ON SCHEMA drizzle TO ${sneaky}`);
      await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${sneaky}`);
      await admin.query(`GRANT SELECT, INSERT, UPDATE (action) ON audit_log TO ${sneaky}`);
      await admin.query(`GRANT TRUNCATE ON erasure_records TO ${sneaky}`);
    });
    try {
      const refused = openDatabase({
        databaseUrl: urlFor(sneaky, password, databaseName),
        leastPrivilege: true,
        poolSize: 1,
      });
      await expect(refused).rejects.toThrow(/may UPDATE audit_log, which is append-only/);
      await expect(refused).rejects.toThrow(/may TRUNCATE erasure_records/);
    } finally {
      await asAdmin(databaseName, async (admin) => {
        await admin.query(`DROP OWNED BY ${sneaky}`);
        await admin.query(`DROP ROLE ${sneaky}`);
      });
    }
  });

  it('the owner step takes back a stray grant on the audit log at the next start', async () => {
    await asAdmin(databaseName, async (admin) => {
      await admin.query(`SET ROLE ${owner}`);
      await admin.query(`GRANT UPDATE, DELETE ON audit_log TO ${runtime}`);
    });
    const database = await openDatabase({
      databaseUrl: runtimeUrl,
      migrationUrl: ownerUrl,
      leastPrivilege: true,
      poolSize: 1,
    });
    opened.push(database);
    expect(await refusal('DELETE FROM audit_log')).toMatch(/permission denied for table/);
  }, 60_000);

  it('another instance starting never lets a running one see UPDATE on the audit log', async () => {
    // The grants step grants every table, then takes UPDATE back from the append-only ones: the
    // running instance, looking in between, must still see no UPDATE (one transaction).
    const seen: boolean[] = [];
    const ownerClient = new pg.Client({ connectionString: ownerUrl });
    await ownerClient.connect();
    try {
      const spy: Query = async <T extends Record<string, unknown>>(text: string, params?: unknown[]) => {
        const { rows } = await ownerClient.query<T>(text, params);
        if (/^GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES/.test(text)) {
          const { rows: look } = await runtimeClient.query<{ allowed: boolean }>(
            `SELECT has_any_column_privilege('audit_log', 'UPDATE') AS allowed`,
          );
          seen.push(look[0]!.allowed);
        }
        return rows;
      };
      await grantRuntimeRole(spy, runtime);
    } finally {
      await ownerClient.end();
    }
    expect(seen).toEqual([false]);
  });

  it('production refuses a database that is not migrated yet', async () => {
    const empty = `hagukumi_roles_empty_${suffix}`;
    await asAdmin('postgres', async (admin) => {
      await admin.query(`CREATE DATABASE ${empty} OWNER ${owner}`);
    });
    try {
      await expect(
        openDatabase({ databaseUrl: urlFor(runtime, password, empty), leastPrivilege: true, poolSize: 1 }),
      ).rejects.toThrow(/not migrated to this version.*npm run migrate/);
    } finally {
      await asAdmin('postgres', (admin) => admin.query(`DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`));
    }
  });
});
