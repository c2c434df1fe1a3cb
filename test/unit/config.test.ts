import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const emptyEnvDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-env-'));

const production = {
  APP_MODE: 'production',
  DATABASE_URL: 'postgres://app:secret@db.example.org:5432/hagukumi',
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

describe('loadConfig', () => {
  it('defaults to local mode on port 3978 with PGlite under .data', () => {
    const config = loadConfig({}, { envDir: emptyEnvDir });
    expect(config.mode).toBe('local');
    expect(config.port).toBe(3978);
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3978');
  });

  it('respects PORT and DATA_DIR', () => {
    const config = loadConfig({ PORT: '4100', DATA_DIR: '/tmp/hagukumi-x' }, { envDir: emptyEnvDir });
    expect(config.port).toBe(4100);
    expect(config.dataDir).toBe('/tmp/hagukumi-x');
    expect(config.publicUrl).toBe('http://localhost:4100');
  });

  it('rejects a PORT that is not a port number, naming the variable', () => {
    expect(problemsOf({ PORT: 'eighty' })[0]).toMatch(/^PORT:/);
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT:/);
  });

  it('reads the report reminder settings (3 days, 2 reminders by default) and refuses nonsense, naming the variable', () => {
    const defaults = loadConfig({}, { envDir: emptyEnvDir });
    expect([defaults.reportReminderAfterDays, defaults.reportReminderMax, defaults.teamsAppId]).toEqual([
      3,
      2,
      undefined,
    ]);
    const set = loadConfig(
      { REPORT_REMINDER_AFTER_DAYS: '5', REPORT_REMINDER_MAX: '0' },
      { envDir: emptyEnvDir },
    );
    expect([set.reportReminderAfterDays, set.reportReminderMax]).toEqual([5, 0]);
    expect(problemsOf({ REPORT_REMINDER_AFTER_DAYS: '0' })[0]).toMatch(/^REPORT_REMINDER_AFTER_DAYS:/);
    expect(problemsOf({ REPORT_REMINDER_MAX: 'two' })[0]).toMatch(/^REPORT_REMINDER_MAX:/);
    expect(problemsOf({ TEAMS_APP_ID: 'not-a-guid' })[0]).toMatch(/^TEAMS_APP_ID:/);
  });

  it('reads the emulator organisation file in local mode only (the load benchmark), resolved from here', () => {
    const config = loadConfig(
      { M365_EMULATOR_ORGANISATION_FILE: 'bench/city.json' },
      { envDir: emptyEnvDir },
    );
    expect(config.mode === 'local' && config.emulatorOrganisationFile).toBe(path.resolve('bench/city.json'));
    const plain = loadConfig({}, { envDir: emptyEnvDir });
    expect(plain.mode === 'local' && plain.emulatorOrganisationFile).toBeUndefined();
  });

  it('rejects a DATABASE_URL that is not a postgres URL', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })[0]).toMatch(/^DATABASE_URL:/);
  });

  it('reads env/.env.local in local mode, with the real environment taking precedence', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hagukumi-env-'));
    writeFileSync(path.join(dir, '.env.local'), 'PORT=4001\nLOG_LEVEL=debug\n');
    const config = loadConfig({ LOG_LEVEL: 'warn' }, { envDir: dir });
    expect(config.port).toBe(4001);
    expect(config.logLevel).toBe('warn');
  });

  it('never reads env files in production mode', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hagukumi-env-'));
    writeFileSync(path.join(dir, '.env.local'), 'PORT=4001\n');
    const config = loadConfig(production, { envDir: dir });
    expect(config.port).toBe(3978);
  });

  it('starts in production mode with every credential present', () => {
    const config = loadConfig(production, { envDir: emptyEnvDir });
    expect(config.mode).toBe('production');
    if (config.mode !== 'production') throw new Error('unreachable');
    expect(config.host).toBe('0.0.0.0');
    expect(config.microsoft.authorityHost).toBe('https://login.microsoftonline.com');
    expect(config.microsoft.graphBaseUrl).toBe('https://graph.microsoft.com/v1.0');
    expect(config.microsoft.appIdUri).toBe(
      'api://hagukumi.city.example.lg.jp/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    );
  });

  it('refuses production mode without credentials and names every missing one', () => {
    const problems = problemsOf({ APP_MODE: 'production' });
    for (const name of [
      'DATABASE_URL',
      'PUBLIC_URL',
      'ENTRA_TENANT_ID',
      'ENTRA_CLIENT_ID',
      'ENTRA_CLIENT_SECRET',
      'BOT_ID',
      'BOT_PASSWORD',
      'TRAINING_MAILBOX',
    ]) {
      expect(
        problems.some((problem) => problem.startsWith(`${name} is required`)),
        name,
      ).toBe(true);
    }
  });

  it('refuses production mode without a bot id, since token validation would be off', () => {
    const { BOT_ID: _omitted, ...rest } = production;
    expect(problemsOf(rest)).toEqual([expect.stringMatching(/^BOT_ID is required/)]);
  });

  it('refuses local-mode settings in production mode', () => {
    expect(problemsOf({ ...production, M365_EMULATOR_PORT: '8443' })).toEqual([
      expect.stringMatching(/M365_EMULATOR_PORT is a local-mode setting/),
    ]);
    expect(problemsOf({ ...production, M365_EMULATOR_ORGANISATION_FILE: '/tmp/city.json' })).toEqual([
      expect.stringMatching(/M365_EMULATOR_ORGANISATION_FILE is a local-mode setting/),
    ]);
    expect(problemsOf({ ...production, ENTRA_AUTHORITY_HOST: 'https://127.0.0.1:8443' })).toEqual([
      expect.stringMatching(/ENTRA_AUTHORITY_HOST points at this machine/),
    ]);
    expect(problemsOf({ ...production, PUBLIC_URL: 'http://hagukumi.example.org' })).toEqual([
      expect.stringMatching(/PUBLIC_URL must be an https URL/),
    ]);
    expect(problemsOf({ ...production, ENTRA_TENANT_ID: 'kodaira' })).toEqual([
      expect.stringMatching(/ENTRA_TENANT_ID must be a GUID/),
    ]);
  });
});
