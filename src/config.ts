// The only module that reads process.env. Everything else receives a validated, typed Config.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { appPaths } from './app-paths.ts';

const DEFAULT_FRAMEWORK_FILE = appPaths.defaultFrameworkFile;
const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
// The Bot Framework's public cloud, as the Teams SDK's PUBLIC cloud environment has them.
const DEFAULT_BOT_OPENID_METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
const DEFAULT_BOT_TOKEN_ISSUER = 'https://api.botframework.com';

const emptyToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

const port = z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).optional());

const commonSchema = z.object({
  APP_MODE: z.preprocess(emptyToUndefined, z.enum(['local', 'production']).default('local')),
  PORT: port,
  HOST: optionalString,
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(10)),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  FRAMEWORK_FILE: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_FRAMEWORK_FILE)),
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  BODY_LIMIT_KB: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10240).default(100)),
  SHUTDOWN_TIMEOUT_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1000).max(600000).default(20000),
  ),
  SHUTDOWN_DRAIN_DELAY_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(0).max(60000).optional(),
  ),
  // Sent and failed bot messages; at least a fiscal year, because their keys keep reminders from repeating.
  BOT_OUTBOX_RETENTION_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(366).max(3650).default(400),
  ),
  // Finished pg-boss jobs (completed, failed, cancelled); pg-boss's own maintenance deletes them.
  JOB_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(365).default(14)),
  INTERVIEW_LEASE_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(3600).default(120),
  ),
  M365_EMULATOR_PORT: port,
  M365_EMULATOR_ORGANISATION_FILE: optionalString,
  ENTRA_TENANT_ID: optionalString,
  ENTRA_CLIENT_ID: optionalString,
  ENTRA_CLIENT_SECRET: optionalString,
  ENTRA_AUTHORITY_HOST: optionalString,
  ENTRA_APP_ID_URI: optionalString,
  GRAPH_BASE_URL: optionalString,
  BOT_ID: optionalString,
  BOT_PASSWORD: optionalString,
  BOT_FRAMEWORK_OPENID_METADATA_URL: optionalString,
  BOT_FRAMEWORK_TOKEN_ISSUER: optionalString,
  HR_APP_ROLE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9._-]{0,119}$/, 'must be an app role value such as Hagukumi.HR')
      .default('Hagukumi.HR'),
  ),
  TRAINING_MAILBOX: optionalString,
  REPORT_REMINDER_AFTER_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(60).default(3),
  ),
  REPORT_REMINDER_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10).default(2)),
  TEAMS_APP_ID: z.preprocess(emptyToUndefined, guid.optional()),
});

type RawEnv = z.infer<typeof commonSchema>;

export interface MicrosoftConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  appIdUri: string;
  graphBaseUrl: string;
  botId: string;
  botPassword: string;
  /** Where tokens on incoming activities come from (sovereign clouds have their own); absent: public cloud. */
  botFramework?: { openIdMetadataUrl: string; tokenIssuer: string };
  trainingMailbox: string | undefined;
}

interface BaseConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  logLevel: RawEnv['LOG_LEVEL'];
  frameworkFile: string;
  publicUrl: string;
  bodyLimitBytes: number;
  /** The whole drain after SIGTERM: readiness 503, requests finish, jobs released, connections closed. */
  shutdownTimeoutMs: number;
  /** How long readiness answers 503 before the listener closes (the load balancer's probe interval). */
  shutdownDrainDelayMs: number;
  /** Retention (docs/operations.md): sent or failed bot messages, and finished background jobs. */
  botOutboxRetentionDays: number;
  jobRetentionDays: number;
  /** How long a worker holds interviews while it talks to Outlook; after a crash, the wait before a retry. */
  interviewLeaseMs: number;
  /** The app role (in the SSO token's `roles` claim) that makes someone HR. */
  hrAppRole: string;
  /** Training reports: days without a submitted report before a reminder (and between reminders), and how many. */
  reportReminderAfterDays: number;
  reportReminderMax: number;
  /** The Teams app id (manifest `id`): links in bot messages open the tab inside Teams when it is set. */
  teamsAppId: string | undefined;
}

export interface LocalConfig extends BaseConfig {
  mode: 'local';
  emulatorPort: number;
  /** A JSON file of people the emulator serves instead of the seeded city hall (the load benchmark). */
  emulatorOrganisationFile: string | undefined;
}

export interface ProductionConfig extends BaseConfig {
  mode: 'production';
  databaseUrl: string;
  microsoft: MicrosoftConfig;
}

export type Config = LocalConfig | ProductionConfig;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const PRODUCTION_REQUIRED = [
  ['DATABASE_URL', 'a PostgreSQL server (the embedded PGlite store is for one local process only)'],
  ['PUBLIC_URL', 'the https URL Teams reaches the app at'],
  ['ENTRA_TENANT_ID', "the city's Entra ID tenant id"],
  ['ENTRA_CLIENT_ID', 'the app registration (client) id'],
  ['ENTRA_CLIENT_SECRET', "the app registration's client secret"],
  ['BOT_ID', 'the Azure Bot id (Bot Framework token validation is off without it)'],
  ['BOT_PASSWORD', "the Azure Bot's client secret"],
  [
    'TRAINING_MAILBOX',
    "the training department's mailbox (e.g. kenshu@…): it organizes every training session's Outlook event",
  ],
] as const satisfies ReadonlyArray<readonly [keyof RawEnv, string]>;

function isLoopbackUrl(value: string): boolean {
  try {
    const { hostname } = new URL(value);
    return ['localhost', '127.0.0.1', '[::1]', '::1'].includes(hostname) || hostname.endsWith('.localhost');
  } catch {
    return false;
  }
}

function productionProblems(raw: RawEnv): string[] {
  const problems: string[] = [];
  for (const [key, why] of PRODUCTION_REQUIRED) {
    if (raw[key] === undefined) problems.push(`${key} is required in production mode: ${why}`);
  }
  if (raw.M365_EMULATOR_PORT !== undefined) {
    problems.push('M365_EMULATOR_PORT is a local-mode setting; the emulator never runs in production');
  }
  if (raw.M365_EMULATOR_ORGANISATION_FILE !== undefined) {
    problems.push(
      'M365_EMULATOR_ORGANISATION_FILE is a local-mode setting; the emulator never runs in production',
    );
  }
  if (raw.ENTRA_TENANT_ID !== undefined && !guid.safeParse(raw.ENTRA_TENANT_ID).success) {
    problems.push('ENTRA_TENANT_ID must be a GUID');
  }
  if (raw.ENTRA_CLIENT_ID !== undefined && !guid.safeParse(raw.ENTRA_CLIENT_ID).success) {
    problems.push('ENTRA_CLIENT_ID must be a GUID');
  }
  const urls: Array<[string, string | undefined]> = [
    ['PUBLIC_URL', raw.PUBLIC_URL],
    ['ENTRA_AUTHORITY_HOST', raw.ENTRA_AUTHORITY_HOST],
    ['GRAPH_BASE_URL', raw.GRAPH_BASE_URL],
    ['BOT_FRAMEWORK_OPENID_METADATA_URL', raw.BOT_FRAMEWORK_OPENID_METADATA_URL],
    ['BOT_FRAMEWORK_TOKEN_ISSUER', raw.BOT_FRAMEWORK_TOKEN_ISSUER],
  ];
  for (const [key, value] of urls) {
    if (value === undefined) continue;
    if (!value.startsWith('https://')) problems.push(`${key} must be an https URL in production mode`);
    else if (isLoopbackUrl(value))
      problems.push(`${key} points at this machine: that is a local-mode setting`);
  }
  return problems;
}

function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
}

/**
 * Builds the configuration from an environment. In local mode the committed `env/.env.local` (and a
 * personal, git-ignored `env/.env.local.user`) fill in what the environment leaves unset; production
 * reads the real environment only, so a stray file can never switch a deployment to local settings.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: { envDir?: string } = {},
): Config {
  const envDir = options.envDir ?? appPaths.envDir;
  const mode = env.APP_MODE === 'production' ? 'production' : 'local';
  const merged: Record<string, string | undefined> =
    mode === 'local'
      ? {
          ...readEnvFile(path.join(envDir, '.env.local')),
          ...readEnvFile(path.join(envDir, '.env.local.user')),
          ...env,
        }
      : { ...env };

  const parsed = commonSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(formatZodIssues(parsed.error));
  const raw = parsed.data;

  const portNumber = raw.PORT ?? 3978;
  const base: BaseConfig = {
    port: portNumber,
    host: raw.HOST ?? (raw.APP_MODE === 'local' ? '127.0.0.1' : '0.0.0.0'),
    dataDir: path.resolve(raw.DATA_DIR),
    databaseUrl: raw.DATABASE_URL,
    databasePoolSize: raw.DATABASE_POOL_SIZE,
    logLevel: raw.LOG_LEVEL,
    frameworkFile: path.resolve(raw.FRAMEWORK_FILE),
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${portNumber}`).replace(/\/$/, ''),
    bodyLimitBytes: raw.BODY_LIMIT_KB * 1024,
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT_MS,
    // Nobody balances load in front of a local process: Ctrl-C stops at once.
    shutdownDrainDelayMs: raw.SHUTDOWN_DRAIN_DELAY_MS ?? (raw.APP_MODE === 'production' ? 5000 : 0),
    botOutboxRetentionDays: raw.BOT_OUTBOX_RETENTION_DAYS,
    jobRetentionDays: raw.JOB_RETENTION_DAYS,
    interviewLeaseMs: raw.INTERVIEW_LEASE_SECONDS * 1000,
    hrAppRole: raw.HR_APP_ROLE,
    reportReminderAfterDays: raw.REPORT_REMINDER_AFTER_DAYS,
    reportReminderMax: raw.REPORT_REMINDER_MAX,
    teamsAppId: raw.TEAMS_APP_ID,
  };

  if (raw.APP_MODE === 'local') {
    return {
      ...base,
      mode: 'local',
      emulatorPort: raw.M365_EMULATOR_PORT ?? 0,
      emulatorOrganisationFile: raw.M365_EMULATOR_ORGANISATION_FILE
        ? path.resolve(raw.M365_EMULATOR_ORGANISATION_FILE)
        : undefined,
    };
  }

  const problems = productionProblems(raw);
  if (problems.length > 0) throw new ConfigError(problems);
  // Non-null assertions are safe: productionProblems reported every missing value above.
  const clientId = raw.ENTRA_CLIENT_ID!;
  const publicHost = new URL(raw.PUBLIC_URL!).host;
  return {
    ...base,
    mode: 'production',
    databaseUrl: raw.DATABASE_URL!,
    microsoft: {
      tenantId: raw.ENTRA_TENANT_ID!,
      clientId,
      clientSecret: raw.ENTRA_CLIENT_SECRET!,
      authorityHost: (raw.ENTRA_AUTHORITY_HOST ?? DEFAULT_AUTHORITY_HOST).replace(/\/$/, ''),
      appIdUri: raw.ENTRA_APP_ID_URI ?? `api://${publicHost}/${clientId}`,
      graphBaseUrl: (raw.GRAPH_BASE_URL ?? DEFAULT_GRAPH_BASE_URL).replace(/\/$/, ''),
      botId: raw.BOT_ID!,
      botPassword: raw.BOT_PASSWORD!,
      botFramework: {
        openIdMetadataUrl: raw.BOT_FRAMEWORK_OPENID_METADATA_URL ?? DEFAULT_BOT_OPENID_METADATA_URL,
        tokenIssuer: (raw.BOT_FRAMEWORK_TOKEN_ISSUER ?? DEFAULT_BOT_TOKEN_ISSUER).replace(/\/$/, ''),
      },
      trainingMailbox: raw.TRAINING_MAILBOX,
    },
  };
}

function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
}
