import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_BOT_SERVICE_URL_HOSTS,
  LIBRARY_ENV_VARIABLES,
  loadConfig,
  modeFromArguments,
} from '../../src/config.ts';

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

/** Local mode, as `npm start` asks for it (--mode=local). */
const localConfig = (env: Record<string, string>, envDir = emptyEnvDir) =>
  loadConfig(env, { envDir, mode: 'local' });

function problemsOf(env: Record<string, string>, options: { mode?: string; envDir?: string } = {}): string[] {
  try {
    loadConfig(env, { envDir: emptyEnvDir, ...options });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs local mode on port 3978 with PGlite under .data', () => {
    const config = localConfig({});
    expect(config.mode).toBe('local');
    expect(config.port).toBe(3978);
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3978');
  });

  it('respects PORT and DATA_DIR', () => {
    const config = localConfig({ PORT: '4100', DATA_DIR: '/tmp/hagukumi-x' });
    expect(config.port).toBe(4100);
    expect(config.dataDir).toBe('/tmp/hagukumi-x');
    expect(config.publicUrl).toBe('http://localhost:4100');
  });

  it('rejects a PORT that is not a port number, naming the variable', () => {
    expect(problemsOf({ PORT: 'eighty' }, { mode: 'local' })[0]).toMatch(/^PORT:/);
    expect(problemsOf({ PORT: '70000' }, { mode: 'local' })[0]).toMatch(/^PORT:/);
  });

  it('reads the report reminder settings (3 days, 2 reminders by default) and refuses nonsense, naming the variable', () => {
    const defaults = localConfig({});
    expect([defaults.reportReminderAfterDays, defaults.reportReminderMax, defaults.teamsAppId]).toEqual([
      3,
      2,
      undefined,
    ]);
    const set = localConfig({ REPORT_REMINDER_AFTER_DAYS: '5', REPORT_REMINDER_MAX: '0' });
    expect([set.reportReminderAfterDays, set.reportReminderMax]).toEqual([5, 0]);
    expect(problemsOf({ REPORT_REMINDER_AFTER_DAYS: '0' }, { mode: 'local' })[0]).toMatch(
      /^REPORT_REMINDER_AFTER_DAYS:/,
    );
    expect(problemsOf({ REPORT_REMINDER_MAX: 'two' }, { mode: 'local' })[0]).toMatch(/^REPORT_REMINDER_MAX:/);
    expect(problemsOf({ TEAMS_APP_ID: 'not-a-guid' }, { mode: 'local' })[0]).toMatch(/^TEAMS_APP_ID:/);
  });

  it('reads the career interview years (3, 5, 9 by default) and refuses years the milestones cannot use', () => {
    expect(localConfig({}).careerInterviewYears).toEqual([3, 5, 9]);
    // Unset, the defaults inside a shorter period: EVALUATION_PERIOD_YEARS alone still starts.
    expect(localConfig({ EVALUATION_PERIOD_YEARS: '5' }).careerInterviewYears).toEqual([3]);
    expect(localConfig({ CAREER_INTERVIEW_YEARS: ' 2, 4 ,7' }).careerInterviewYears).toEqual([2, 4, 7]);
    expect(
      localConfig({ CAREER_INTERVIEW_YEARS: '3,5', EVALUATION_PERIOD_YEARS: '6' }).careerInterviewYears,
    ).toEqual([3, 5]);
    for (const [years, rule] of [
      ['3,5,10', /before the end of the evaluation period \(10 years\)/],
      ['5,3', /ascending order without repeats/],
      ['3,3,5', /ascending order without repeats/],
      ['0,5', /whole numbers of years from 1/],
      ['three', /whole numbers of years from 1/],
    ] as const)
      expect(problemsOf({ CAREER_INTERVIEW_YEARS: years }, { mode: 'local' })).toEqual([
        expect.stringMatching(new RegExp(`^CAREER_INTERVIEW_YEARS must .*${rule.source}`)),
      ]);
    expect(
      problemsOf({ CAREER_INTERVIEW_YEARS: '3,5,9', EVALUATION_PERIOD_YEARS: '8' }, { mode: 'local' })[0],
    ).toMatch(/^CAREER_INTERVIEW_YEARS must each be before the end of the evaluation period \(8 years\)/);
  });

  it('reads the attendance-report settings (half the session, 15 minutes by default) and refuses nonsense', () => {
    const defaults = localConfig({});
    expect([defaults.attendanceMinSharePercent, defaults.attendanceReportDelayMinutes]).toEqual([50, 15]);
    const set = localConfig({ ATTENDANCE_MIN_SHARE_PERCENT: '75', ATTENDANCE_REPORT_DELAY_MINUTES: '0' });
    expect([set.attendanceMinSharePercent, set.attendanceReportDelayMinutes]).toEqual([75, 0]);
    for (const share of ['0', '101', 'half', '50.5'])
      expect(problemsOf({ ATTENDANCE_MIN_SHARE_PERCENT: share }, { mode: 'local' })[0]).toMatch(
        /^ATTENDANCE_MIN_SHARE_PERCENT:/,
      );
    expect(problemsOf({ ATTENDANCE_REPORT_DELAY_MINUTES: '1441' }, { mode: 'local' })[0]).toMatch(
      /^ATTENDANCE_REPORT_DELAY_MINUTES:/,
    );
  });

  it('reads the DRILL follow-up delay (3 months by default) and refuses 0, 25 or a fraction', () => {
    expect(localConfig({}).trainingFollowUpMonths).toBe(3);
    expect(localConfig({ TRAINING_FOLLOW_UP_MONTHS: '6' }).trainingFollowUpMonths).toBe(6);
    for (const wrong of ['0', '25', '1.5', 'three'])
      expect(problemsOf({ TRAINING_FOLLOW_UP_MONTHS: wrong }, { mode: 'local' })[0]).toMatch(
        /^TRAINING_FOLLOW_UP_MONTHS:/,
      );
  });

  it('reads how often background workers poll (2 s by default, as pg-boss) and refuses less than 0.5 s', () => {
    expect(localConfig({}).jobPollIntervalSeconds).toBe(2);
    expect(localConfig({ JOB_POLL_INTERVAL_SECONDS: '0.5' }).jobPollIntervalSeconds).toBe(0.5);
    for (const bad of ['0.4', '0', '61', 'fast']) {
      expect(problemsOf({ JOB_POLL_INTERVAL_SECONDS: bad }, { mode: 'local' })[0]).toMatch(
        /^JOB_POLL_INTERVAL_SECONDS:/,
      );
    }
  });

  it('reads the emulator organisation file in local mode only (the load benchmark), resolved from here', () => {
    const config = localConfig({ M365_EMULATOR_ORGANISATION_FILE: 'bench/city.json' });
    expect(config.mode === 'local' && config.emulatorOrganisationFile).toBe(path.resolve('bench/city.json'));
    const plain = localConfig({});
    expect(plain.mode === 'local' && plain.emulatorOrganisationFile).toBeUndefined();
  });

  it('rejects a DATABASE_URL that is not a postgres URL', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://x' }, { mode: 'local' })[0]).toMatch(/^DATABASE_URL:/);
  });

  it('reads env/.env.local in local mode, with the real environment taking precedence', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hagukumi-env-'));
    writeFileSync(path.join(dir, '.env.local'), 'PORT=4001\nLOG_LEVEL=debug\n');
    const config = localConfig({ LOG_LEVEL: 'warn' }, dir);
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
      // One credential per identity; a certificate or a managed identity, or a secret (docs/deploy.md §13).
      'ENTRA_CREDENTIAL',
      'BOT_ID',
      'BOT_CREDENTIAL',
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

  it('opens first 1:1 chats at the documented public proactive serviceUrl, or one set on an allowed host', () => {
    const config = loadConfig(production, { envDir: emptyEnvDir });
    expect(config.mode === 'production' && config.botProactiveServiceUrl).toBe(
      'https://smba.trafficmanager.net/teams/',
    );
    // A sovereign cloud that lists its own hosts does not get the public cloud's endpoint by default.
    const sovereign = loadConfig(
      { ...production, BOT_SERVICE_URL_HOSTS: 'smba.infra.gov.teams.microsoft.us' },
      { envDir: emptyEnvDir },
    );
    expect(sovereign.mode === 'production' && sovereign.botProactiveServiceUrl).toBeUndefined();
    const set = loadConfig(
      {
        ...production,
        BOT_SERVICE_URL_HOSTS: 'smba.infra.gov.teams.microsoft.us',
        BOT_PROACTIVE_SERVICE_URL: 'https://smba.infra.gov.teams.microsoft.us/teams',
      },
      { envDir: emptyEnvDir },
    );
    expect(set.mode === 'production' && set.botProactiveServiceUrl).toBe(
      'https://smba.infra.gov.teams.microsoft.us/teams',
    );
    expect(
      problemsOf({ ...production, BOT_PROACTIVE_SERVICE_URL: 'https://connector.example.org/' }),
    ).toEqual([
      expect.stringMatching(/^BOT_PROACTIVE_SERVICE_URL's host connector.example.org is not one of/),
    ]);
    expect(
      problemsOf({ ...production, BOT_PROACTIVE_SERVICE_URL: 'http://smba.trafficmanager.net/teams/' }),
    ).toEqual([expect.stringMatching(/^BOT_PROACTIVE_SERVICE_URL must be an https URL/)]);
  });

  it('reads the allowed Bot Framework serviceUrl hosts: the documented public-cloud hosts unless set', () => {
    const config = loadConfig(production, { envDir: emptyEnvDir });
    expect(config.mode === 'production' && config.botServiceUrlHosts).toEqual([
      ...DEFAULT_BOT_SERVICE_URL_HOSTS,
    ]);
    const set = loadConfig(
      { ...production, BOT_SERVICE_URL_HOSTS: 'smba.infra.gov.teams.microsoft.us, SMBA.example.org' },
      { envDir: emptyEnvDir },
    );
    expect(set.mode === 'production' && set.botServiceUrlHosts).toEqual([
      'smba.infra.gov.teams.microsoft.us',
      'smba.example.org',
    ]);
    expect(
      problemsOf({ ...production, BOT_SERVICE_URL_HOSTS: 'https://smba.trafficmanager.net/jp/' }),
    ).toEqual([expect.stringMatching(/^BOT_SERVICE_URL_HOSTS must list host names/)]);
    expect(problemsOf({ ...production, BOT_SERVICE_URL_HOSTS: '*.trafficmanager.net' })).toEqual([
      expect.stringMatching(/^BOT_SERVICE_URL_HOSTS must list host names/),
    ]);
    expect(problemsOf({ ...production, BOT_SERVICE_URL_HOSTS: 'app.localhost' })).toEqual([
      expect.stringMatching(/^BOT_SERVICE_URL_HOSTS names this machine/),
    ]);
  });
});

describe('the mode is explicit and fails closed', () => {
  const { APP_MODE: _mode, ...productionWithoutMode } = production;

  it('refuses to start when neither APP_MODE nor --mode says the mode, naming APP_MODE', () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^APP_MODE is not set/)]);
    // The forgotten variable of a production start: production settings, no mode. Never local mode.
    expect(problemsOf(productionWithoutMode)).toEqual([expect.stringMatching(/^APP_MODE is not set/)]);
    expect(problemsOf({ APP_MODE: '  ' })).toEqual([expect.stringMatching(/^APP_MODE is not set/)]);
  });

  it('takes the mode from --mode (npm start) or APP_MODE, and refuses when they disagree', () => {
    expect(localConfig({}).mode).toBe('local');
    expect(loadConfig({ APP_MODE: 'local' }, { envDir: emptyEnvDir }).mode).toBe('local');
    expect(loadConfig(production, { envDir: emptyEnvDir, mode: 'production' }).mode).toBe('production');
    expect(loadConfig(productionWithoutMode, { envDir: emptyEnvDir, mode: 'production' }).mode).toBe(
      'production',
    );
    expect(problemsOf(production, { mode: 'local' })).toEqual([
      'APP_MODE=production disagrees with --mode=local: set the mode one way only (`npm start` passes --mode=local)',
    ]);
    expect(problemsOf({ APP_MODE: 'prod' })).toEqual([expect.stringMatching(/^APP_MODE=prod is not a mode/)]);
    expect(problemsOf({}, { mode: 'dev' })).toEqual([expect.stringMatching(/^--mode=dev is not a mode/)]);
  });

  it('never lets an env file choose the mode', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hagukumi-env-'));
    writeFileSync(path.join(dir, '.env.local'), 'APP_MODE=local\n');
    writeFileSync(path.join(dir, '.env.local.user'), 'APP_MODE=local\n');
    expect(problemsOf({}, { envDir: dir })).toEqual([expect.stringMatching(/^APP_MODE is not set/)]);
  });

  it('reads --mode=<mode> and --mode <mode> from the process arguments', () => {
    expect(modeFromArguments(['--mode=local'])).toBe('local');
    expect(modeFromArguments(['--mode', 'production'])).toBe('production');
    expect(modeFromArguments(['--mode'])).toBe('');
    expect(modeFromArguments([])).toBeUndefined();
  });
});

describe('local mode holds nothing of production', () => {
  const localProblems = (env: Record<string, string>) => problemsOf(env, { mode: 'local' });

  it('refuses every production credential and setting, naming each', () => {
    const { APP_MODE: _mode, DATABASE_URL: _db, PUBLIC_URL: _url, ...settings } = production;
    const problems = localProblems({
      ...settings,
      ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.com',
      ENTRA_APP_ID_URI: 'api://hagukumi.example.lg.jp/x',
      GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0',
      BOT_SERVICE_URL_HOSTS: 'smba.trafficmanager.net',
      CLIENT_SECRET: 'not-a-real-secret',
    });
    for (const name of [
      'ENTRA_TENANT_ID',
      'ENTRA_CLIENT_ID',
      'ENTRA_CLIENT_SECRET',
      'ENTRA_AUTHORITY_HOST',
      'ENTRA_APP_ID_URI',
      'GRAPH_BASE_URL',
      'BOT_ID',
      'BOT_PASSWORD',
      'BOT_SERVICE_URL_HOSTS',
      'TRAINING_MAILBOX',
      'CLIENT_SECRET',
    ]) {
      expect(
        problems.some((problem) => problem.startsWith(`${name} is`)),
        name,
      ).toBe(true);
    }
    expect(problems).toHaveLength(11);
  });

  it('refuses a database or public URL on another machine, and accepts this machine', () => {
    expect(localProblems({ DATABASE_URL: 'postgres://app:secret@db.example.org:5432/hagukumi' })).toEqual([
      expect.stringMatching(/^DATABASE_URL points at another machine/),
    ]);
    // node-postgres takes ?host= as the host: it must not smuggle a remote server past the check.
    expect(localProblems({ DATABASE_URL: 'postgres://app@localhost/hagukumi?host=db.example.org' })).toEqual([
      expect.stringMatching(/^DATABASE_URL points at another machine/),
    ]);
    expect(localProblems({ PUBLIC_URL: 'https://hagukumi.city.example.lg.jp' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL is not on this machine/),
    ]);
    for (const databaseUrl of [
      'postgres://ci:ci@127.0.0.1:5432/postgres',
      'postgresql://ci@localhost/hagukumi',
      'postgres://ci@[::1]:5432/hagukumi',
      'postgres:///hagukumi?host=/var/run/postgresql',
    ]) {
      expect(
        localConfig({ DATABASE_URL: databaseUrl, PUBLIC_URL: 'http://localhost:3978' }).databaseUrl,
      ).toBe(databaseUrl);
    }
  });

  it('listens on loopback only: HOST must be 127.0.0.1, ::1 or localhost', () => {
    expect(localConfig({}).host).toBe('127.0.0.1');
    for (const host of ['127.0.0.1', '::1', 'localhost']) expect(localConfig({ HOST: host }).host).toBe(host);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'hagukumi.example.lg.jp']) {
      expect(localProblems({ HOST: host })).toEqual([
        `HOST=${host} would listen beyond this machine; local mode listens on 127.0.0.1, ::1, localhost only`,
      ]);
    }
  });

  it('names every problem at once', () => {
    expect(
      localProblems({ HOST: '0.0.0.0', BOT_PASSWORD: 'x', PUBLIC_URL: 'https://hagukumi.example.lg.jp' }),
    ).toHaveLength(3);
  });

  it('checks env/.env.local.user as well as the environment', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hagukumi-env-'));
    writeFileSync(path.join(dir, '.env.local.user'), 'ENTRA_CLIENT_SECRET=not-a-real-secret\n');
    expect(problemsOf({}, { envDir: dir, mode: 'local' })).toEqual([
      expect.stringMatching(/^ENTRA_CLIENT_SECRET is a production setting/),
    ]);
  });
});

describe('production refuses what the Teams SDK and msal-node would read behind config.ts', () => {
  it.each(Object.keys(LIBRARY_ENV_VARIABLES))('refuses %s, naming it', (name) => {
    expect(problemsOf({ ...production, [name]: 'true' })).toEqual([
      expect.stringMatching(new RegExp(`^${name} is set`)),
    ]);
  });

  it('refuses them even empty: present is enough', () => {
    expect(problemsOf({ ...production, DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS: '' })).toEqual([
      expect.stringMatching(/^DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS is set/),
    ]);
  });

  it('lists every variable the installed SDK reads from process.env', async () => {
    // A guard against an SDK upgrade that reads a new variable: every name the SDK's code looks up in
    // process.env is either refused or one the comment in config.ts explains away.
    const { readFile } = await import('node:fs/promises');
    const files = [
      'node_modules/@microsoft/teams.apps/dist/app.js',
      'node_modules/@microsoft/teams.apps/dist/token-manager.js',
      'node_modules/@microsoft/teams.api/dist/clients/api-client-settings.js',
    ];
    const read: string[] = [];
    for (const file of files) {
      const source = await readFile(file, 'utf8');
      for (const match of source.matchAll(/process\.env\.([A-Z_]+)|env\?\.([A-Z_]+)/g))
        read.push((match[1] ?? match[2])!);
      for (const match of source.matchAll(/getBooleanEnvValue\)\('([A-Z_]+)'\)/g)) read.push(match[1]!);
    }
    const explained = new Set(['PORT']);
    expect(read.filter((name) => !(name in LIBRARY_ENV_VARIABLES) && !explained.has(name))).toEqual([]);
    expect(read).toEqual(
      expect.arrayContaining(['DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS', 'CLIENT_SECRET']),
    );
  });
});
