// The only module that reads process.env. Everything else receives a validated, typed Config.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { appPaths } from './app-paths.ts';
import { DEFAULT_MILESTONES, parseInterviewYears } from './growth/career-milestones.ts';
import {
  parseClientCertificatePem,
  type BotCredential,
  type ClientCertificate,
  type EntraCredential,
} from './graph/client-credentials.ts';

const DEFAULT_FRAMEWORK_FILE = appPaths.defaultFrameworkFile;
const DEFAULT_EVALUATION_FILE = appPaths.defaultEvaluationFile;
const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
const DEFAULT_LEGAL_PAGES_DIR = appPaths.defaultLegalPagesDir;
/**
 * The hosts Teams' Bot Framework connector uses in the public cloud, as the Teams SDK documents them
 * ("Service URL Validation", microsoft.github.io/teams-sdk): the region is in the path
 * (`https://smba.trafficmanager.net/jp/`), never in the host. Sovereign clouds set BOT_SERVICE_URL_HOSTS.
 */
export const DEFAULT_BOT_SERVICE_URL_HOSTS = [
  'smba.trafficmanager.net',
  'smba.onyx.prod.teams.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
] as const;

/**
 * Where to open a person's first 1:1 chat when no conversation or team ever told the bot its tenant's
 * serviceUrl: the public cloud's endpoint for proactive messages (Microsoft 365 Agents SDK,
 * TeamsProactiveServiceEndpoints.publicGlobal: "use only if the incoming serviceUrl is unavailable";
 * a serviceUrl learnt from any activity is preferred).
 */
export const DEFAULT_BOT_PROACTIVE_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

export const APP_MODES = ['local', 'production'] as const;
export type AppMode = (typeof APP_MODES)[number];

/**
 * What the Teams SDK and msal-node read from process.env by themselves when an option is left unset
 * (@microsoft/teams.apps 2.0: dist/app.js, token-manager.js, utils/env.js; @microsoft/teams.api:
 * clients/api-client-settings.js; @azure/msal-node: ConfidentialClientApplication). bot/bot-app.ts
 * passes every one of those options, so none of these is read; production refuses them anyway, so
 * nobody believes they do something, and a library that starts reading one again changes nothing.
 * Not listed: PORT and LOG_LEVEL (ours too; the SDK reads them only in App.start() and its console
 * logger, neither of which runs), LOG (console logger only), REGION_NAME (msal-node reads it only for
 * region auto-detection, which nothing requests) and the managed-identity variables Azure sets itself
 * (IDENTITY_ENDPOINT, IDENTITY_HEADER, IMDS_ENDPOINT, MSI_ENDPOINT, MSI_SECRET: read by msal-node's
 * ManagedIdentityApplication, which runs only for ENTRA_CREDENTIAL=managed-identity-federation or
 * BOT_CREDENTIAL=managed-identity, with the identity's client id from our own settings).
 * MANAGED_IDENTITY_CLIENT_ID is refused because the Teams SDK would read it: ours is
 * ENTRA_MANAGED_IDENTITY_CLIENT_ID, and the bot's identity is BOT_ID itself.
 */
export const LIBRARY_ENV_VARIABLES = {
  DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS: 'the Teams SDK would accept unauthenticated bot activities',
  CLOUD: 'the Teams SDK would take its login, token issuer and bot scope from it',
  SERVICE_URL: 'the Teams SDK would send its default connector calls there',
  CLIENT_ID: 'the Teams SDK would take it as the bot id (Hagukumi uses BOT_ID)',
  CLIENT_SECRET: 'the Teams SDK would take it as the bot secret (Hagukumi uses BOT_PASSWORD)',
  TENANT_ID: 'the Teams SDK would take it as the bot tenant (Hagukumi uses ENTRA_TENANT_ID)',
  MANAGED_IDENTITY_CLIENT_ID: 'the Teams SDK would switch the bot to managed-identity tokens',
  OAUTH_URL: 'the Teams API client would send user-token calls there',
  MSAL_FORCE_REGION: 'msal-node would request tokens from a regional Entra endpoint',
} as const;
// The Bot Framework's public cloud, as the Teams SDK's PUBLIC cloud environment has them.
const DEFAULT_BOT_OPENID_METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
const DEFAULT_BOT_TOKEN_ISSUER = 'https://api.botframework.com';

const emptyToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

/** A whole number from `min` to `max`; `fallback` when unset or empty. */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

/** A whole number from `min` to `max`, or none when unset or empty. */
const optionalWholeNumber = (min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).optional());

const port = optionalWholeNumber(0, 65535);

/**
 * Microsoft's documented client ids of Teams, Microsoft 365 and Outlook (desktop, web, mobile), the only
 * apps that ask Entra ID for the tab's SSO token (Microsoft Learn, "Configure tab app in Microsoft Entra
 * ID", authorized client applications).
 */
export const MICROSOFT_365_CLIENT_APPS = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
  '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
  '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile, Outlook desktop
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
  '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
] as const;

export interface SecurityLimits {
  /** `azp` (v2) / `appid` (v1) values a tab SSO token may carry. */
  ssoAllowedClientApps: string[];
  /** Tokens issued longer ago than this (from `iat`) are refused, whatever their `exp`. */
  ssoMaxTokenAgeSeconds: number;
  /** Per person and tier: at most `…Max` write requests in any window of this length. */
  rateLimitWindowSeconds: number;
  /** Routes that message people or change Outlook events. */
  rateLimitNotifyMax: number;
  /** Every other write route. */
  rateLimitWriteMax: number;
}

const guidList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item !== ''),
  )
  .pipe(z.array(guid).min(1, 'must list at least one client application id'));

const securityLimitsSchema = {
  SSO_ALLOWED_CLIENT_APPS: z.preprocess(emptyToUndefined, guidList.default([...MICROSOFT_365_CLIENT_APPS])),
  // Entra ID gives Teams and Microsoft 365 tokens up to two hours where Conditional Access is not used.
  SSO_MAX_TOKEN_AGE_MINUTES: wholeNumber(5, 1440, 120),
  RATE_LIMIT_WINDOW_SECONDS: wholeNumber(1, 86400, 60),
  RATE_LIMIT_NOTIFY_MAX: wholeNumber(1, 100000, 60),
  RATE_LIMIT_WRITE_MAX: wholeNumber(1, 100000, 300),
};

const commonSchema = z.object({
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
  // The owner role, used only to migrate and to grant DATABASE_URL's role what it needs (docs/security.md).
  DATABASE_MIGRATION_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATABASE_POOL_SIZE: wholeNumber(1, 100, 10),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  FRAMEWORK_FILE: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_FRAMEWORK_FILE)),
  EVALUATION_FILE: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_EVALUATION_FILE)),
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  BODY_LIMIT_KB: wholeNumber(1, 10240, 100),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(1000, 600000, 20000),
  SHUTDOWN_DRAIN_DELAY_MS: optionalWholeNumber(0, 60000),
  // Sent and failed bot messages; at least a fiscal year, because their keys keep reminders from repeating.
  BOT_OUTBOX_RETENTION_DAYS: wholeNumber(366, 3650, 400),
  // Finished pg-boss jobs (completed, failed, cancelled); pg-boss's own maintenance deletes them.
  JOB_RETENTION_DAYS: wholeNumber(1, 365, 14),
  // How often a background worker asks the queue for work: the most a queued job waits (pg-boss's default,
  // 2 s). Each instance's workers poll the database this often; pg-boss refuses less than 0.5 s.
  JOB_POLL_INTERVAL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(0.5).max(60).default(2)),
  INTERVIEW_LEASE_SECONDS: wholeNumber(1, 3600, 120),
  // The policy's 能力・適性等評価期間 (7(3)⑤), "about ten years" from the hire date (docs/growth.md, "配置").
  EVALUATION_PERIOD_YEARS: wholeNumber(1, 40, 10),
  // The years of service at which a キャリア面談 is prompted (docs/growth.md, "Career milestones"); checked
  // against EVALUATION_PERIOD_YEARS below.
  CAREER_INTERVIEW_YEARS: optionalString,
  M365_EMULATOR_PORT: port,
  M365_EMULATOR_ORGANISATION_FILE: optionalString,
  ENTRA_TENANT_ID: optionalString,
  ENTRA_CLIENT_ID: optionalString,
  ENTRA_CREDENTIAL: z.preprocess(
    emptyToUndefined,
    z.enum(['certificate', 'managed-identity-federation', 'secret']).optional(),
  ),
  ENTRA_CLIENT_SECRET: optionalString,
  ENTRA_CLIENT_CERTIFICATE_FILE: optionalString,
  ENTRA_MANAGED_IDENTITY_CLIENT_ID: optionalString,
  ENTRA_AUTHORITY_HOST: optionalString,
  ENTRA_APP_ID_URI: optionalString,
  GRAPH_BASE_URL: optionalString,
  BOT_ID: optionalString,
  BOT_CREDENTIAL: z.preprocess(
    emptyToUndefined,
    z.enum(['certificate', 'managed-identity', 'secret']).optional(),
  ),
  BOT_PASSWORD: optionalString,
  BOT_CLIENT_CERTIFICATE_FILE: optionalString,
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
  REPORT_REMINDER_AFTER_DAYS: wholeNumber(1, 60, 3),
  REPORT_REMINDER_MAX: wholeNumber(0, 10, 2),
  // Attendance proposed from Teams attendance reports (docs/training.md).
  ATTENDANCE_MIN_SHARE_PERCENT: wholeNumber(1, 100, 50),
  ATTENDANCE_REPORT_DELAY_MINUTES: wholeNumber(0, 1440, 15),
  // The DRILL follow-up (docs/training.md): months after a session before attendees are asked about it.
  TRAINING_FOLLOW_UP_MONTHS: wholeNumber(1, 24, 3),
  TEAMS_APP_ID: z.preprocess(emptyToUndefined, guid.optional()),
  LEGAL_PAGES_DIR: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_LEGAL_PAGES_DIR)),
  BOT_SERVICE_URL_HOSTS: optionalString,
  BOT_PROACTIVE_SERVICE_URL: optionalString,
  // Application Insights (docs/operations.md, "Telemetry"); unset: no telemetry SDK is even loaded.
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(
        /(^|;)\s*InstrumentationKey=[^;]+/i,
        'must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)',
      )
      .optional(),
  ),
  ...securityLimitsSchema,
});

type RawEnv = z.infer<typeof commonSchema>;

/** Token and rate-limit settings (docs/security.md); read into `config.security`. */
function securityLimitsOf(raw: RawEnv): SecurityLimits {
  return {
    ssoAllowedClientApps: raw.SSO_ALLOWED_CLIENT_APPS,
    ssoMaxTokenAgeSeconds: raw.SSO_MAX_TOKEN_AGE_MINUTES * 60,
    rateLimitWindowSeconds: raw.RATE_LIMIT_WINDOW_SECONDS,
    rateLimitNotifyMax: raw.RATE_LIMIT_NOTIFY_MAX,
    rateLimitWriteMax: raw.RATE_LIMIT_WRITE_MAX,
  };
}

export interface MicrosoftConfig {
  tenantId: string;
  clientId: string;
  /** How the app registration proves itself to Entra ID (ENTRA_CREDENTIAL). */
  credential: EntraCredential;
  authorityHost: string;
  appIdUri: string;
  graphBaseUrl: string;
  botId: string;
  /** How the bot gets its own tokens (BOT_CREDENTIAL); absent in local mode, where it has none. */
  botCredential: BotCredential | undefined;
  /** Where tokens on incoming activities come from (sovereign clouds have their own); absent: public cloud. */
  botFramework?: { openIdMetadataUrl: string; tokenIssuer: string };
  trainingMailbox: string | undefined;
}

interface BaseConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The role that owns the tables; migrations run with it, the service never serves with it. */
  databaseMigrationUrl: string | undefined;
  databasePoolSize: number;
  logLevel: RawEnv['LOG_LEVEL'];
  frameworkFile: string;
  /** The 人事評価 scale and stages (docs/evaluation.md). */
  evaluationFile: string;
  publicUrl: string;
  bodyLimitBytes: number;
  /** The whole drain after SIGTERM: readiness 503, requests finish, jobs released, connections closed. */
  shutdownTimeoutMs: number;
  /** How long readiness answers 503 before the listener closes (the load balancer's probe interval). */
  shutdownDrainDelayMs: number;
  /** Retention (docs/operations.md): sent or failed bot messages, and finished background jobs. */
  botOutboxRetentionDays: number;
  jobRetentionDays: number;
  /** The longest a background worker waits between fetches (`JOB_POLL_INTERVAL_SECONDS`). */
  jobPollIntervalSeconds: number;
  /** How long a worker holds interviews while it talks to Outlook; after a crash, the wait before a retry. */
  interviewLeaseMs: number;
  /** The 能力・適性等評価期間 in years from the hire date (`EVALUATION_PERIOD_YEARS`, default 10). */
  evaluationPeriodYears: number;
  /** Years of service at which a キャリア面談 is prompted (`CAREER_INTERVIEW_YEARS`, default 3,5,9). */
  careerInterviewYears: number[];
  /** The app role (in the SSO token's `roles` claim) that makes someone HR. */
  hrAppRole: string;
  /** Training reports: days without a submitted report before a reminder (and between reminders), and how many. */
  reportReminderAfterDays: number;
  reportReminderMax: number;
  /**
   * Attendance from Teams attendance reports: the share of a session (percent) that counts as present,
   * and the minutes after a session's end before its report is first read.
   */
  attendanceMinSharePercent: number;
  attendanceReportDelayMinutes: number;
  /** The DRILL follow-up: whole months after a session ends before the attendee and supervisor are asked. */
  trainingFollowUpMonths: number;
  /** The Teams app id (manifest `id`): links in bot messages open the tab inside Teams when it is set. */
  teamsAppId: string | undefined;
  /** The folder of the city's privacy.html and terms.html, which the Teams manifest links to. */
  legalPagesDir: string;
  security: SecurityLimits;
  /** Where traces and metrics go (Application Insights); undefined: nowhere. A secret: never logged. */
  applicationInsightsConnectionString: string | undefined;
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
  /** Production always has the bot's credential: without one the bot would run unauthenticated. */
  microsoft: MicrosoftConfig & { botCredential: BotCredential };
  /** The only hosts an activity's serviceUrl may name: the bot sends its token there when it replies. */
  botServiceUrlHosts: string[];
  /**
   * The serviceUrl for a first 1:1 chat when none was ever learnt; undefined when the default's host is
   * not among botServiceUrlHosts (a sovereign cloud that did not set its own).
   */
  botProactiveServiceUrl: string | undefined;
}

export type Config = LocalConfig | ProductionConfig;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * CAREER_INTERVIEW_YEARS read by the milestones' own rule, its error named after the variable. Unset: the
 * default years (3, 5, 9) that fall inside the evaluation period, so a shorter EVALUATION_PERIOD_YEARS alone
 * still starts.
 */
function careerInterviewYearsOf(text: string | undefined, evaluationPeriodYears: number): number[] {
  if (text === undefined)
    return DEFAULT_MILESTONES.interviewYears.filter((years) => years < evaluationPeriodYears);
  try {
    return parseInterviewYears(text, evaluationPeriodYears);
  } catch (error) {
    throw new ConfigError([`CAREER_INTERVIEW_YEARS ${(error as Error).message}`]);
  }
}

const PRODUCTION_REQUIRED = [
  ['DATABASE_URL', 'a PostgreSQL server (the embedded PGlite store is for one local process only)'],
  ['PUBLIC_URL', 'the https URL Teams reaches the app at'],
  ['ENTRA_TENANT_ID', "the city's Entra ID tenant id"],
  ['ENTRA_CLIENT_ID', 'the app registration (client) id'],
  ['BOT_ID', 'the Azure Bot id (Bot Framework token validation is off without it)'],
  [
    'TRAINING_MAILBOX',
    "the training department's mailbox (e.g. kenshu@…): it organizes every training session's Outlook event",
  ],
] as const satisfies ReadonlyArray<readonly [keyof RawEnv, string]>;

/** Settings only production reads: local mode talks to the emulator and would silently ignore them. */
const PRODUCTION_ONLY = [
  'ENTRA_TENANT_ID',
  'ENTRA_CLIENT_ID',
  'ENTRA_CREDENTIAL',
  'ENTRA_CLIENT_SECRET',
  'ENTRA_CLIENT_CERTIFICATE_FILE',
  'ENTRA_MANAGED_IDENTITY_CLIENT_ID',
  'ENTRA_AUTHORITY_HOST',
  'ENTRA_APP_ID_URI',
  'GRAPH_BASE_URL',
  'BOT_ID',
  'BOT_CREDENTIAL',
  'BOT_PASSWORD',
  'BOT_CLIENT_CERTIFICATE_FILE',
  'BOT_SERVICE_URL_HOSTS',
  'BOT_PROACTIVE_SERVICE_URL',
  'TRAINING_MAILBOX',
] as const satisfies ReadonlyArray<keyof RawEnv>;

/** What local mode may listen on: this machine only. */
const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return (
    host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
  );
}

function isLoopbackUrl(value: string): boolean {
  try {
    return isLoopbackHostname(new URL(value).hostname);
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL URL that reaches only this machine: a loopback host or a Unix socket (no host, or a
 * `host` parameter that is a socket path). node-postgres honours `?host=`, so it counts as the host too.
 */
function isLocalDatabaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    const hosts = [url.hostname, ...url.searchParams.getAll('host'), ...url.searchParams.getAll('hostaddr')];
    return hosts.every((host) => host === '' || host.startsWith('/') || isLoopbackHostname(host));
  } catch {
    return false;
  }
}

/** The lower-case host of an https URL; undefined for anything else. */
function hostOfHttpsUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password
      ? url.hostname.toLowerCase()
      : undefined;
  } catch {
    return undefined;
  }
}

/** `BOT_SERVICE_URL_HOSTS`: bare host names, exact match; no wildcards, schemes, ports or paths. */
function parseHostList(value: string): { hosts: string[]; invalid: string[] } {
  const entries = value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const isHostname = (entry: string) =>
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/.test(entry);
  return {
    hosts: entries.filter(isHostname),
    invalid: entries.filter((entry) => !isHostname(entry)),
  };
}

function libraryVariableProblems(env: Record<string, string | undefined>): string[] {
  return Object.entries(LIBRARY_ENV_VARIABLES)
    .filter(([name]) => env[name] !== undefined)
    .map(
      ([name, effect]) =>
        `${name} is set: ${effect} if it read the environment. Hagukumi configures the SDK itself (src/config.ts → bot/bot-app.ts); unset it`,
    );
}

/** The variables that carry a credential (a secret, a certificate file, a managed identity's id). */
type CredentialVariable =
  | 'ENTRA_CLIENT_CERTIFICATE_FILE'
  | 'ENTRA_MANAGED_IDENTITY_CLIENT_ID'
  | 'ENTRA_CLIENT_SECRET'
  | 'BOT_CLIENT_CERTIFICATE_FILE'
  | 'BOT_PASSWORD';

/** One way an identity may sign in: its kind, the variable it needs, and the credential made of its value. */
interface CredentialInput<C extends { kind: string }> {
  kind: C['kind'];
  /** None for a kind that needs no variable (the bot's managed identity). */
  variable?: CredentialVariable;
  /** The credential of the variable's value (set whenever the input names a variable); a problem when unusable. */
  credential: (value: string, problems: string[]) => C | undefined;
}

interface CredentialChoice<C extends { kind: string }> {
  /** The setting that names the kind. */
  setting: 'ENTRA_CREDENTIAL' | 'BOT_CREDENTIAL';
  inputs: ReadonlyArray<CredentialInput<C>>;
}

/**
 * Exactly one complete credential per identity. The setting names the kind; without it, the one
 * credential variable that is set does (deployments from before the setting existed had a secret only).
 */
function credentialKind<C extends { kind: string }>(
  raw: RawEnv,
  choice: CredentialChoice<C>,
  problems: string[],
): C['kind'] | undefined {
  const chosen = raw[choice.setting] as C['kind'] | undefined;
  const inputs = choice.inputs.map((input) => ({
    ...input,
    value: input.variable === undefined ? undefined : raw[input.variable],
  }));
  const present = inputs.filter((input) => input.variable !== undefined && input.value !== undefined);
  const options = inputs
    .map((input) => (input.variable ? `${input.kind} (${input.variable})` : input.kind))
    .join(', ');
  if (chosen === undefined) {
    if (present.length === 1) return present[0]!.kind;
    problems.push(
      present.length === 0
        ? `${choice.setting} is required in production mode: one of ${options}`
        : `${present.map((input) => input.variable).join(' and ')} are both set: set ${choice.setting} and one credential only`,
    );
    return undefined;
  }
  const input = inputs.find((candidate) => candidate.kind === chosen)!;
  let complete = true;
  if (input.variable !== undefined && input.value === undefined) {
    problems.push(`${input.variable} is required when ${choice.setting}=${chosen}`);
    complete = false;
  }
  for (const other of present.filter((candidate) => candidate.kind !== chosen)) {
    problems.push(
      `${other.variable} is set but ${choice.setting}=${chosen}: one credential per identity; unset it`,
    );
    complete = false;
  }
  return complete ? chosen : undefined;
}

/** The identity's credential: the kind `credentialKind` settled on, made of its variable's value. */
function credentialOf<C extends { kind: string }>(
  raw: RawEnv,
  choice: CredentialChoice<C>,
  problems: string[],
): C | undefined {
  const kind = credentialKind(raw, choice, problems);
  const input = choice.inputs.find((candidate) => candidate.kind === kind);
  if (kind === undefined || !input) return undefined;
  return input.credential(input.variable === undefined ? '' : raw[input.variable]!, problems);
}

/**
 * The certificate credential of a PEM file's key and certificate, named by `variable`; the problem names
 * the variable and the file, never its contents.
 */
function certificateInput(
  variable: 'ENTRA_CLIENT_CERTIFICATE_FILE' | 'BOT_CLIENT_CERTIFICATE_FILE',
): CredentialInput<{ kind: 'certificate'; certificate: ClientCertificate }> {
  return {
    kind: 'certificate',
    variable,
    credential: (file, problems) => {
      let pem: string;
      try {
        pem = readFileSync(file, 'utf8');
      } catch (error) {
        problems.push(
          `${variable}: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        );
        return undefined;
      }
      try {
        return { kind: 'certificate', certificate: parseClientCertificatePem(pem) };
      } catch (error) {
        problems.push(`${variable}: ${file} ${(error as Error).message}`);
        return undefined;
      }
    },
  };
}

/** A client secret, named by `variable`. */
function secretInput(
  variable: 'ENTRA_CLIENT_SECRET' | 'BOT_PASSWORD',
): CredentialInput<{ kind: 'secret'; clientSecret: string }> {
  return { kind: 'secret', variable, credential: (clientSecret) => ({ kind: 'secret', clientSecret }) };
}

/** How the app registration signs in to Entra ID. */
const ENTRA_CREDENTIALS: CredentialChoice<EntraCredential> = {
  setting: 'ENTRA_CREDENTIAL',
  inputs: [
    certificateInput('ENTRA_CLIENT_CERTIFICATE_FILE'),
    {
      kind: 'managed-identity-federation',
      variable: 'ENTRA_MANAGED_IDENTITY_CLIENT_ID',
      credential: (managedIdentityClientId, problems) => {
        if (guid.safeParse(managedIdentityClientId).success)
          return { kind: 'managed-identity-federation', managedIdentityClientId };
        problems.push("ENTRA_MANAGED_IDENTITY_CLIENT_ID must be a GUID (the identity's client id)");
        return undefined;
      },
    },
    secretInput('ENTRA_CLIENT_SECRET'),
  ],
};

/** How the bot signs in to the Bot Framework. */
const BOT_CREDENTIALS: CredentialChoice<BotCredential> = {
  setting: 'BOT_CREDENTIAL',
  inputs: [
    certificateInput('BOT_CLIENT_CERTIFICATE_FILE'),
    // A UserAssignedMSI bot: BOT_ID is the identity's client id, nothing else to set.
    { kind: 'managed-identity', credential: () => ({ kind: 'managed-identity' }) },
    secretInput('BOT_PASSWORD'),
  ],
};

function productionProblems(raw: RawEnv, env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const [key, why] of PRODUCTION_REQUIRED) {
    if (raw[key] === undefined) problems.push(`${key} is required in production mode: ${why}`);
  }
  if (raw.DATABASE_MIGRATION_URL !== undefined && raw.DATABASE_MIGRATION_URL === raw.DATABASE_URL) {
    problems.push(
      'DATABASE_MIGRATION_URL must name another role than DATABASE_URL: the service must not serve as the owner of its tables (docs/security.md)',
    );
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
  if (raw.BOT_SERVICE_URL_HOSTS !== undefined) {
    const { hosts, invalid } = parseHostList(raw.BOT_SERVICE_URL_HOSTS);
    if (invalid.length > 0)
      problems.push(
        `BOT_SERVICE_URL_HOSTS must list host names separated by commas (no schemes, ports, paths or wildcards): ${invalid.join(', ')}`,
      );
    else if (hosts.length === 0) problems.push('BOT_SERVICE_URL_HOSTS lists no host');
    const loopback = hosts.filter(isLoopbackHostname);
    if (loopback.length > 0)
      problems.push(`BOT_SERVICE_URL_HOSTS names this machine (${loopback.join(', ')}): that is local mode`);
  }
  if (raw.BOT_PROACTIVE_SERVICE_URL !== undefined) {
    // The bot's token goes there: only to a connector host the service accepts activities from.
    const allowed = raw.BOT_SERVICE_URL_HOSTS
      ? parseHostList(raw.BOT_SERVICE_URL_HOSTS).hosts
      : [...DEFAULT_BOT_SERVICE_URL_HOSTS];
    const host = hostOfHttpsUrl(raw.BOT_PROACTIVE_SERVICE_URL);
    if (!host) problems.push('BOT_PROACTIVE_SERVICE_URL must be an https URL');
    else if (!allowed.includes(host))
      problems.push(`BOT_PROACTIVE_SERVICE_URL's host ${host} is not one of BOT_SERVICE_URL_HOSTS`);
  }
  problems.push(...libraryVariableProblems(env));
  return problems;
}

/**
 * Local mode serves `/dev/api/token` (anyone can mint any token), trusts the emulator's keys and takes
 * unauthenticated bot activities: it must only ever run on this machine, with nothing of production.
 */
function localProblems(raw: RawEnv, merged: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const key of PRODUCTION_ONLY) {
    if (raw[key] !== undefined)
      problems.push(
        `${key} is a production setting; local mode uses the Microsoft 365 emulator and must not hold production settings or credentials`,
      );
  }
  if (raw.DATABASE_URL !== undefined && !isLocalDatabaseUrl(raw.DATABASE_URL))
    problems.push(
      'DATABASE_URL points at another machine; local mode uses a database on this machine only (it syncs the fictional city hall into it)',
    );
  if (raw.PUBLIC_URL !== undefined && !isLoopbackUrl(raw.PUBLIC_URL))
    problems.push('PUBLIC_URL is not on this machine; local mode serves http://localhost only');
  if (raw.HOST !== undefined && !LOOPBACK_HOSTS.includes(raw.HOST.toLowerCase()))
    problems.push(
      `HOST=${raw.HOST} would listen beyond this machine; local mode listens on ${LOOPBACK_HOSTS.join(', ')} only`,
    );
  if (merged.CLIENT_SECRET !== undefined)
    problems.push('CLIENT_SECRET is set: a credential has no place in local mode; unset it');
  return problems;
}

function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
}

const modeSchema = z.enum(APP_MODES);

/**
 * The mode comes from `--mode=` (what `npm start` passes) or APP_MODE, never from a default: a
 * production start that forgets it must not fall into local mode. Both set and different: refused.
 */
function resolveMode(envValue: unknown, flagValue: string | undefined): AppMode {
  const fromEnv = emptyToUndefined(envValue) as string | undefined;
  const problems: string[] = [];
  const parse = (value: string | undefined, label: string) => {
    if (value === undefined) return undefined;
    const parsed = modeSchema.safeParse(value.trim());
    if (!parsed.success) problems.push(`${label}=${value} is not a mode: use local or production`);
    return parsed.data;
  };
  const envMode = parse(fromEnv, 'APP_MODE');
  const flagMode = parse(flagValue, '--mode');
  if (problems.length > 0) throw new ConfigError(problems);
  if (envMode && flagMode && envMode !== flagMode)
    throw new ConfigError([
      `APP_MODE=${envMode} disagrees with --mode=${flagMode}: set the mode one way only (\`npm start\` passes --mode=local)`,
    ]);
  const mode = flagMode ?? envMode;
  if (!mode)
    throw new ConfigError([
      'APP_MODE is not set: set APP_MODE=production to run a deployment (with the variables of env/README.md); `npm start` runs local mode',
    ]);
  return mode;
}

/** `--mode=local` or `--mode local` among the process arguments; undefined when absent. */
export function modeFromArguments(args: readonly string[]): string | undefined {
  for (const [index, arg] of args.entries()) {
    if (arg.startsWith('--mode=')) return arg.slice('--mode='.length);
    if (arg === '--mode') return args[index + 1] ?? '';
  }
  return undefined;
}

/**
 * Builds the configuration from an environment. The mode must be explicit (`options.mode`, from the
 * `--mode` flag, or APP_MODE). In local mode the committed `env/.env.local` (and a personal, git-ignored
 * `env/.env.local.user`) fill in what the environment leaves unset; they cannot choose the mode.
 * Production reads the real environment only, so a stray file can never switch a deployment to local
 * settings.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: { envDir?: string; mode?: string } = {},
): Config {
  const envDir = options.envDir ?? appPaths.envDir;
  const mode = resolveMode(env.APP_MODE, options.mode);
  const merged: Record<string, string | undefined> =
    mode === 'local'
      ? {
          ...withoutMode(readEnvFile(path.join(envDir, '.env.local'))),
          ...withoutMode(readEnvFile(path.join(envDir, '.env.local.user'))),
          ...env,
        }
      : { ...env };

  const parsed = commonSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(formatZodIssues(parsed.error));
  const raw = parsed.data;

  const portNumber = raw.PORT ?? 3978;
  const base: BaseConfig = {
    port: portNumber,
    host: raw.HOST ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0'),
    dataDir: path.resolve(raw.DATA_DIR),
    databaseUrl: raw.DATABASE_URL,
    databaseMigrationUrl: raw.DATABASE_MIGRATION_URL,
    databasePoolSize: raw.DATABASE_POOL_SIZE,
    logLevel: raw.LOG_LEVEL,
    frameworkFile: path.resolve(raw.FRAMEWORK_FILE),
    evaluationFile: path.resolve(raw.EVALUATION_FILE),
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${portNumber}`).replace(/\/$/, ''),
    bodyLimitBytes: raw.BODY_LIMIT_KB * 1024,
    shutdownTimeoutMs: raw.SHUTDOWN_TIMEOUT_MS,
    // Nobody balances load in front of a local process: Ctrl-C stops at once.
    shutdownDrainDelayMs: raw.SHUTDOWN_DRAIN_DELAY_MS ?? (mode === 'production' ? 5000 : 0),
    botOutboxRetentionDays: raw.BOT_OUTBOX_RETENTION_DAYS,
    jobRetentionDays: raw.JOB_RETENTION_DAYS,
    jobPollIntervalSeconds: raw.JOB_POLL_INTERVAL_SECONDS,
    interviewLeaseMs: raw.INTERVIEW_LEASE_SECONDS * 1000,
    evaluationPeriodYears: raw.EVALUATION_PERIOD_YEARS,
    careerInterviewYears: careerInterviewYearsOf(raw.CAREER_INTERVIEW_YEARS, raw.EVALUATION_PERIOD_YEARS),
    hrAppRole: raw.HR_APP_ROLE,
    reportReminderAfterDays: raw.REPORT_REMINDER_AFTER_DAYS,
    reportReminderMax: raw.REPORT_REMINDER_MAX,
    attendanceMinSharePercent: raw.ATTENDANCE_MIN_SHARE_PERCENT,
    attendanceReportDelayMinutes: raw.ATTENDANCE_REPORT_DELAY_MINUTES,
    trainingFollowUpMonths: raw.TRAINING_FOLLOW_UP_MONTHS,
    teamsAppId: raw.TEAMS_APP_ID,
    legalPagesDir: path.resolve(raw.LEGAL_PAGES_DIR),
    security: securityLimitsOf(raw),
    applicationInsightsConnectionString: raw.APPLICATIONINSIGHTS_CONNECTION_STRING,
  };

  if (mode === 'local') {
    const problems = localProblems(raw, merged);
    if (problems.length > 0) throw new ConfigError(problems);
    return {
      ...base,
      mode: 'local',
      emulatorPort: raw.M365_EMULATOR_PORT ?? 0,
      emulatorOrganisationFile: raw.M365_EMULATOR_ORGANISATION_FILE
        ? path.resolve(raw.M365_EMULATOR_ORGANISATION_FILE)
        : undefined,
    };
  }

  const problems = productionProblems(raw, env);
  const credential = credentialOf(raw, ENTRA_CREDENTIALS, problems);
  const botCredential = credentialOf(raw, BOT_CREDENTIALS, problems);
  if (problems.length > 0 || !credential || !botCredential) throw new ConfigError(problems);
  // Non-null assertions are safe: productionProblems reported every missing value above.
  const clientId = raw.ENTRA_CLIENT_ID!;
  const publicHost = new URL(raw.PUBLIC_URL!).host;
  const botServiceUrlHosts = raw.BOT_SERVICE_URL_HOSTS
    ? parseHostList(raw.BOT_SERVICE_URL_HOSTS).hosts
    : [...DEFAULT_BOT_SERVICE_URL_HOSTS];
  return {
    ...base,
    mode: 'production',
    databaseUrl: raw.DATABASE_URL!,
    microsoft: {
      tenantId: raw.ENTRA_TENANT_ID!,
      clientId,
      credential,
      authorityHost: (raw.ENTRA_AUTHORITY_HOST ?? DEFAULT_AUTHORITY_HOST).replace(/\/$/, ''),
      appIdUri: raw.ENTRA_APP_ID_URI ?? `api://${publicHost}/${clientId}`,
      graphBaseUrl: (raw.GRAPH_BASE_URL ?? DEFAULT_GRAPH_BASE_URL).replace(/\/$/, ''),
      botId: raw.BOT_ID!,
      botCredential,
      botFramework: {
        openIdMetadataUrl: raw.BOT_FRAMEWORK_OPENID_METADATA_URL ?? DEFAULT_BOT_OPENID_METADATA_URL,
        tokenIssuer: (raw.BOT_FRAMEWORK_TOKEN_ISSUER ?? DEFAULT_BOT_TOKEN_ISSUER).replace(/\/$/, ''),
      },
      trainingMailbox: raw.TRAINING_MAILBOX,
    },
    botServiceUrlHosts,
    botProactiveServiceUrl:
      raw.BOT_PROACTIVE_SERVICE_URL ??
      (botServiceUrlHosts.includes(new URL(DEFAULT_BOT_PROACTIVE_SERVICE_URL).hostname)
        ? DEFAULT_BOT_PROACTIVE_SERVICE_URL
        : undefined),
  };
}

/** The env files fill in settings; the mode is the caller's to say (flag or real environment). */
function withoutMode(values: Record<string, string>): Record<string, string> {
  const { APP_MODE: _ignored, ...rest } = values;
  return rest;
}

function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
}
