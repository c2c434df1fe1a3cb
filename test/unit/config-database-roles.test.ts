// DATABASE_MIGRATION_URL: the owner role that migrates, beside DATABASE_URL, the role that serves
// (docs/security.md, "Database roles"). Kept apart from config.test.ts so the two evolve separately.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const emptyEnvDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-env-'));

const production = {
  APP_MODE: 'production',
  DATABASE_URL: 'postgres://hagukumi_app:secret@db.example.org:5432/hagukumi',
  PUBLIC_URL: 'https://hagukumi.city.example.lg.jp',
  ENTRA_TENANT_ID: '11111111-2222-3333-4444-555555555555',
  ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  ENTRA_CLIENT_SECRET: 'not-a-real-secret',
  BOT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  BOT_PASSWORD: 'not-a-real-password',
  TRAINING_MAILBOX: 'kenshu@city.example.lg.jp',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, { envDir: emptyEnvDir });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('DATABASE_MIGRATION_URL', () => {
  it('is read beside DATABASE_URL in production mode', () => {
    const ownerUrl = 'postgres://hagukumi_owner:other@db.example.org:5432/hagukumi';
    const config = loadConfig({ ...production, DATABASE_MIGRATION_URL: ownerUrl }, { envDir: emptyEnvDir });
    expect(config.databaseMigrationUrl).toBe(ownerUrl);
    expect(config.databaseUrl).toBe(production.DATABASE_URL);
  });

  it('is optional: production may serve with the runtime role after a separate npm run migrate', () => {
    expect(loadConfig(production, { envDir: emptyEnvDir }).databaseMigrationUrl).toBeUndefined();
  });

  it('must be a postgres URL', () => {
    expect(problemsOf({ ...production, DATABASE_MIGRATION_URL: 'mysql://x' })[0]).toMatch(
      /^DATABASE_MIGRATION_URL:/,
    );
  });

  it('refuses the same URL as DATABASE_URL in production: the service would serve as the owner', () => {
    expect(problemsOf({ ...production, DATABASE_MIGRATION_URL: production.DATABASE_URL })).toEqual([
      expect.stringMatching(/^DATABASE_MIGRATION_URL must name another role than DATABASE_URL/),
    ]);
  });
});
