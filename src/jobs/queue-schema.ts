import { PgBoss } from 'pg-boss';

/** pg-boss's own schema; the runtime role reads and writes it, only the owner changes its shape. */
export const QUEUE_SCHEMA = 'pgboss';

/** How long the owner waits for index builds a pg-boss upgrade queued (BAM); they only speed it up. */
const INDEX_BUILD_WAIT_MS = 120_000;

/**
 * Installs or upgrades pg-boss's schema as the owner role, so the runtime role (which starts pg-boss
 * with `migrate: false`) never needs DDL. pg-boss's own start-up is the one supported way to do it:
 * it creates the schema, runs its migrations, and queues the slow index builds of an upgrade for its
 * background worker (BAM), which only runs where `migrate` is on: here, as the owner. The caller holds
 * the migration lock, so instances starting together do this one at a time.
 */
export async function installQueueSchema(ownerConnectionString: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerConnectionString,
    schema: QUEUE_SCHEMA,
    max: 2,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  const errors: Error[] = [];
  boss.on('error', (error: Error) => errors.push(error));
  await boss.start();
  try {
    const deadline = Date.now() + INDEX_BUILD_WAIT_MS;
    while (Date.now() < deadline && (await hasPendingIndexBuilds(boss))) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // Builds still pending past the wait are finished by the next start's owner step.
  } finally {
    await boss.stop({ graceful: true, timeout: 5000, close: true });
  }
  if (errors.length > 0) {
    throw new Error(`Installing the job queue's schema failed: ${errors[0]!.message}`, {
      cause: errors[0],
    });
  }
}

async function hasPendingIndexBuilds(boss: PgBoss): Promise<boolean> {
  if (boss.isBamWorking()) return true;
  const db = boss.getDb();
  const result = await db.executeSql(
    `SELECT 1 FROM ${QUEUE_SCHEMA}.bam WHERE status IN ('pending', 'in_progress') LIMIT 1`,
  );
  return result.rows.length > 0;
}
