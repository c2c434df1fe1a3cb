// Two PostgreSQL roles (docs/security.md, "Database roles"): the owner migrates; the runtime role
// serves and may only read and write rows. Only an owner (or a superuser) can switch the append-only
// triggers off, so the service must never hold either when it serves.
import pg from 'pg';

/** Every schema the app's objects live in: its tables, pg-boss's queue, drizzle's migration journal. */
const APP_SCHEMAS = ['public', 'pgboss', 'drizzle'] as const;
/** Schemas whose tables the service reads and writes (drizzle's journal it only reads). */
const DATA_SCHEMAS = ['public', 'pgboss'] as const;
/** Tables whose rows are history: the runtime role may only add and read them. */
const REQUIRED_APPEND_ONLY = ['audit_log', 'erasure_records'] as const;

/** Runs one statement and returns its rows: `Database.query`, or a wrapped owner connection. */
export type Query = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * The append-only tables, found by their guard (migration 0011's `refuse_append_only_change`), so a
 * table that gets the trigger in a later migration is covered without a list to keep in step.
 */
async function appendOnlyTables(query: Query): Promise<Array<{ name: string; enabled: boolean }>> {
  return query<{ name: string; enabled: boolean }>(
    `SELECT c.relname AS name, bool_and(t.tgenabled IN ('O', 'A')) AS enabled
       FROM pg_trigger t
       JOIN pg_proc p ON p.oid = t.tgfoid
       JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE p.proname = 'refuse_append_only_change' AND n.nspname = 'public' AND NOT t.tgisinternal
      GROUP BY c.relname
      ORDER BY c.relname`,
  );
}

/**
 * Gives the runtime role what the service needs and nothing more. Run by the owner after every
 * migration, under the migration lock: it is idempotent, reads the live catalogue (so a new table or a
 * new append-only table is never forgotten), and re-asserts the state each start (a stray grant of
 * UPDATE on the audit log is revoked again). Default privileges let the runtime role read and add to a
 * table the owner creates later even before this step runs again.
 */
export async function grantRuntimeRole(query: Query, runtimeRole: string): Promise<void> {
  const role = pg.escapeIdentifier(runtimeRole);
  const present = await query<{ nspname: string }>(
    'SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)',
    [APP_SCHEMAS],
  );
  const exists = new Set(present.map((row) => row.nspname));
  const data = DATA_SCHEMAS.filter((schema) => exists.has(schema)).join(', ');
  const all = APP_SCHEMAS.filter((schema) => exists.has(schema)).join(', ');
  const statements = [
    `GRANT USAGE ON SCHEMA ${all} TO ${role}`,
    `REVOKE CREATE ON SCHEMA ${all} FROM ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${data} TO ${role}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA ${data} FROM ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${data} TO ${role}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${data} TO ${role}`,
    // Only reading and adding: whether a new table may also be changed is this step's decision, made
    // right after the migration that adds it, once its append-only trigger (if any) exists.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${data} GRANT SELECT, INSERT ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${data} GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
  ];
  // The service reads the journal only to confirm the schema is current when it does not migrate.
  if (exists.has('drizzle')) statements.push(`GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${role}`);
  for (const { name } of await appendOnlyTables(query)) {
    statements.push(
      `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON public.${pg.escapeIdentifier(name)} FROM ${role}, PUBLIC`,
    );
  }
  // One transaction: the blanket grant above includes UPDATE on the append-only tables, and a running
  // instance must never see it before the revokes below take it back.
  await query('BEGIN');
  try {
    for (const statement of statements) await query(statement);
    await query('COMMIT');
  } catch (error) {
    await query('ROLLBACK');
    throw error;
  }
}

/**
 * What makes a role unfit to serve in production: anything that lets it rewrite history. Empty when
 * the role is fit. Every answer comes from the server's own privilege functions, as seen by the role.
 */
export async function leastPrivilegeProblems(query: Query): Promise<string[]> {
  const problems: string[] = [];
  const roles = await query<{
    name: string;
    superuser: boolean;
    createrole: boolean;
    version: number;
  }>(
    `SELECT current_user AS name, rolsuper AS superuser, rolcreaterole AS createrole,
            current_setting('server_version_num')::int AS version
       FROM pg_roles WHERE rolname = current_user`,
  );
  const role = roles[0]!;
  if (role.superuser) problems.push(`the role ${role.name} is a superuser`);
  // Before PostgreSQL 16, CREATEROLE could make itself a member of the owner role.
  if (role.createrole) problems.push(`the role ${role.name} can create roles (CREATEROLE)`);

  // Owning a table, or its schema, or being a member of a role that does, allows DDL on it.
  const owned = await query<{ name: string }>(
    `SELECT name FROM (
       SELECT c.relname AS name, 0 AS rank FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND pg_has_role(current_user, c.relowner, 'MEMBER')
       UNION ALL
       SELECT n.nspname || '.' || c.relname, 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname <> 'public' AND n.nspname = ANY($1) AND c.relkind IN ('r', 'p')
          AND pg_has_role(current_user, c.relowner, 'MEMBER')
       UNION ALL
       SELECT 'schema ' || n.nspname, 2 FROM pg_namespace n
        WHERE n.nspname = ANY($1) AND pg_has_role(current_user, n.nspowner, 'MEMBER')
     ) AS owned
     ORDER BY rank, name`,
    [APP_SCHEMAS],
  );
  if (owned.length > 0) {
    const names = owned.map((row) => row.name);
    const shown = names.length > 5 ? [...names.slice(0, 5), `… (${names.length} in all)`] : names;
    problems.push(`the role ${role.name} owns (or is a member of the owner of) ${shown.join(', ')}`);
  }

  if (role.version >= 150000) {
    const rows = await query<{ allowed: boolean }>(
      `SELECT has_parameter_privilege(current_user, 'session_replication_role', 'SET') AS allowed`,
    );
    if (rows[0]!.allowed) {
      problems.push(`the role ${role.name} may SET session_replication_role, which silences every trigger`);
    }
  }

  const tables = await appendOnlyTables(query);
  for (const required of REQUIRED_APPEND_ONLY) {
    if (!tables.some((table) => table.name === required)) {
      problems.push(`${required} has no append-only trigger (migration 0011_append_only_guards)`);
    }
  }
  for (const table of tables) {
    if (!table.enabled) problems.push(`the append-only trigger on ${table.name} is disabled`);
    const rows = await query<{ privilege: string }>(
      `SELECT privilege FROM unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER']) AS privilege
        WHERE CASE privilege
                WHEN 'UPDATE' THEN has_any_column_privilege(current_user, $1::regclass, 'UPDATE')
                ELSE has_table_privilege(current_user, $1::regclass, privilege)
              END`,
      [`public.${pg.escapeIdentifier(table.name)}`],
    );
    if (rows.length > 0) {
      problems.push(
        `the role ${role.name} may ${rows.map((row) => row.privilege).join(', ')} ${table.name}, which is append-only`,
      );
    }
  }
  return problems;
}
