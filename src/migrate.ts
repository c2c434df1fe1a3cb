// `npm run migrate`: the release step that migrates as the owner role (DATABASE_MIGRATION_URL) and
// grants the runtime role (DATABASE_URL) what it needs, so the serving instances never hold the
// owner's password (docs/security.md, "Database roles"). It ends with the same check the service runs.
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Hagukumi cannot migrate.\n${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  if (!config.databaseUrl || !config.databaseMigrationUrl) {
    process.stderr.write(
      'Hagukumi cannot migrate: set DATABASE_MIGRATION_URL (the owner role) and DATABASE_URL (the runtime role it grants to).\n',
    );
    process.exit(78);
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    migrationUrl: config.databaseMigrationUrl,
    leastPrivilege: config.mode === 'production',
    poolSize: 1,
  });
  await database.close();
  process.stdout.write('Migrated; the runtime role has its grants.\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Hagukumi failed to migrate: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
