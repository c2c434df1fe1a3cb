// A faithful stand-in for the parts of Entra ID and Microsoft Graph v1.0 that Hagukumi uses, over HTTPS,
// for local mode and tests. It follows Graph's documented shapes, limits, errors and throttling.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomUUID,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  decodeProtectedHeader,
  errors as joseErrors,
  exportJWK,
  importPKCS8,
  jwtVerify,
  SignJWT,
  type JWTPayload,
} from 'jose';
import { z } from 'zod';
import { newEventIds, seedCalendar, type Attendee, type ShowAs, type StoredEvent } from './calendars.ts';
import { loadOrCreateKeys } from './keys.ts';
import { DEMO_DOMAIN, seedOrganisation, stableGuid, type SeedPerson } from './seed-organisation.ts';

import {
  createSubscriptionService,
  subscriptionInput,
  subscriptionPatch,
  SubscriptionFailure,
  type EmulatedSubscription,
  type LifecycleEvent,
  type NotificationDelivery,
} from './subscriptions.ts';
export type { SeedPerson } from './seed-organisation.ts';

export interface FaultRule {
  /** 403 stands for a mailbox the app may not reach (an application access policy), never retried. */
  status: 403 | 429 | 503 | 504;
  retryAfterSeconds?: number;
  /** How many requests it hits; unlimited when absent. */
  count?: number;
  /** Matches the Graph path (e.g. `/calendar/getSchedule` or a RegExp). */
  pathPattern?: string | RegExp;
  mailbox?: string;
  /** false: only top-level requests; true: only requests inside $batch; absent: both. */
  inBatch?: boolean;
}

export interface FaultController {
  add(rule: FaultRule): void;
  clear(): void;
  setLatency(ms: number): void;
}

export interface M365EmulatorOptions {
  port?: number;
  now?: () => Date;
  /** Persist created events and keys there, so a restart keeps them. */
  stateFile?: string;
  latencyMs?: number;
  /** Another organisation (benchmarks); the seeded city hall by default. */
  organisation?: SeedPerson[];
  /**
   * Host names to answer as, the way a sovereign cloud has its own (the production CI test maps them to
   * 127.0.0.1 in /etc/hosts): its TLS certificate names them and every URL it hands out uses them.
   * Without them it answers as 127.0.0.1 (local mode).
   */
  hostnames?: { login: string; graph: string; botFramework: string };
  /**
   * More names for its TLS certificate, served by others with `tls` (the production CI test's Bot
   * Framework connector, which must be https on a host the service allows).
   */
  extraTlsNames?: string[];
  /**
   * The application permissions (`roles`) the tenant's admin consented to for our app; all it asks for
   * (aad.manifest.json) by default. A test leaves one out to see Graph refuse.
   */
  appRoles?: string[];
  /** Our Teams app as the tenant's app catalog holds it; `externalId` is the manifest's id (TEAMS_APP_ID). */
  teamsAppExternalId?: string;
}

/** What Graph's app token carries when the admin consented to everything aad.manifest.json asks for. */
export const CONSENTED_APP_ROLES = [
  'User.Read.All',
  'Calendars.ReadWrite',
  'TeamsAppInstallation.ReadWriteSelfForUser.All',
  'AppCatalog.Read.All',
] as const;

/** Our Teams app in the tenant: who has it installed in their personal scope, and who may not have it. */
export interface EmulatedTeamsApp {
  /** The id the app catalog gave it (not the manifest id). */
  catalogId: string;
  externalId: string;
  /** Whether the user (Entra object id) has the app in their personal scope. */
  isInstalledFor(userId: string): boolean;
  /** The member of a 1:1 chat between the bot and a user, from the chat id; undefined for other ids. */
  memberOfChat(chatId: string): string | undefined;
  /** As if the user had added the app themselves (or a setup policy had). */
  installFor(userId: string): void;
  /** The organisation's app permission policy does not allow the app for this user: installing is 403. */
  blockFor(userId: string): void;
}

/** The Bot Framework side: tokens a channel signs for the bot, and the bot's own app registration. */
export interface EmulatedBotFramework {
  /** The bot's app registration (BOT_ID / BOT_PASSWORD): client credentials for the Bot Framework scope. */
  app: { clientId: string; clientSecret: string };
  /** Where the channel's signing keys are described (the SDK reads `…/keys` beside it). */
  openIdMetadataUrl: string;
  /** The `iss` of tokens the channel signs. */
  tokenIssuer: string;
  /** A token the channel (Teams) would send with an activity to the bot. */
  issueChannelToken(serviceUrl: string, options?: { lifetimeSeconds?: number }): Promise<string>;
}

export interface M365Emulator {
  url: string;
  caCertPem: string;
  /** The TLS certificate (signed by the CA) and key it serves with, for a test server under the same names. */
  tls: { certPem: string; keyPem: string };
  tenantId: string;
  authorityHost: string;
  graphBaseUrl: string;
  app: { clientId: string; clientSecret: string; appIdUri: string };
  botFramework: EmulatedBotFramework;
  people: SeedPerson[];
  teamsApp: EmulatedTeamsApp;
  issueSsoToken(user: string, options?: { audience?: string; lifetimeSeconds?: number }): Promise<string>;
  signJwt(payload: Record<string, unknown>, options?: { unknownKey?: boolean }): Promise<string>;
  faults: FaultController;
  /** `sendingLimitRefusals`: requests refused because a mailbox was over its message rate limit. */
  stats(): { requests: number; byPath: Record<string, number>; sendingLimitRefusals: number };
  eventsOf(mailbox: string): StoredEvent[];
  /**
   * The calendar's `allowedOnlineMeetingProviders` (default `['teamsForBusiness']` for a licensed account,
   * `[]` for one without a licence, as the seeded shared mailbox). With `[]` the
   * mailbox stands for one without a Teams licence (a shared or resource mailbox): an event created
   * with `isOnlineMeeting: true` is still created (201), with no online meeting.
   */
  setOnlineMeetingProviders(mailbox: string, providers: Array<'teamsForBusiness'>): void;
  /**
   * Uploads a certificate's public part to an app registration (the Graph app's or the bot's client id):
   * client assertions signed with its key and naming it in `x5t#S256` (or `x5t`) are accepted from then on.
   */
  registerClientCertificate(clientId: string, certificatePem: string): void;
  /**
   * A federated identity credential on an app registration: it accepts, as its client assertion, a token
   * for `api://AzureADTokenExchange` that this tenant issued to the managed identity `subject`.
   */
  registerFederatedCredential(clientId: string, subject: string): void;
  /** Stands in for the managed identity's endpoint: its token for `api://AzureADTokenExchange`. */
  issueManagedIdentityToken(subject: string, options?: { audience?: string }): Promise<string>;
  /** Stands for the 7 days after which Entra refuses a users delta link (400 syncStateNotFound). */
  expireDeltaLinks(): void;
  /** Graph change notifications on Outlook events (subscriptions.ts): what tests observe and provoke. */
  subscriptions: {
    all(): EmulatedSubscription[];
    deliveries(): NotificationDelivery[];
    /** Sends a lifecycle notification; `subscriptionRemoved` also ends the subscription. */
    sendLifecycle(subscriptionId: string, event: LifecycleEvent): void;
    /** While true, change notifications are lost (what a later `missed` lifecycle event reports). */
    dropChangeNotifications(drop: boolean): void;
    /** Resolves when every notification sent so far has been answered. */
    settled(): Promise<void>;
  };
  reset(): void;
  close(): Promise<void>;
}

const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';
const BOT_OPENID_PATH = '/botframework/v1/.well-known/openidconfiguration';
const BOT_KEYS_PATH = '/botframework/v1/.well-known/keys';
const MAILBOX_CONCURRENCY = 4;
const MAILBOX_QUOTA = 10_000;
/**
 * Exchange Online's message rate limit ("Exchange Online limits", sending limits): 30 messages a minute
 * per mailbox. Every invitation, update to a new attendee and cancellation counts, one per recipient.
 */
const MESSAGES_PER_MINUTE = 30;
const MESSAGE_WINDOW_MS = 60_000;
const QUOTA_WINDOW_MS = 10 * 60 * 1000;
const PAGE_SIZE = 100;

interface GraphResult {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  requestId = randomUUID(),
): GraphResult {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'request-id': requestId,
      'client-request-id': requestId,
      ...headers,
    },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': requestId,
          'client-request-id': requestId,
        },
      },
    },
  };
}

// ---- time zones (the ones Hagukumi and Outlook clients use) ----
const ZONE_OFFSETS: Record<string, number> = {
  'tokyo standard time': 9 * 60,
  'asia/tokyo': 9 * 60,
  utc: 0,
  'etc/utc': 0,
  gmt: 0,
};

function zoneOffsetMinutes(zone: string | undefined): number {
  const offset = ZONE_OFFSETS[(zone ?? 'UTC').toLowerCase()];
  if (offset === undefined)
    throw new GraphFailure(
      400,
      'TimeZoneNotSupportedException',
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`,
    );
  return offset;
}

function preferredZone(prefer: string | undefined): string {
  const match = /outlook\.timezone="([^"]+)"/i.exec(prefer ?? '');
  return match?.[1] ?? 'UTC';
}

function toUtc(value: { dateTime: string; timeZone?: string }): Date {
  // A dateTime with its own offset wins; otherwise it is wall-clock time in timeZone.
  if (/[zZ]|[+-]\d\d:\d\d$/.test(value.dateTime)) return new Date(value.dateTime);
  const offset = zoneOffsetMinutes(value.timeZone);
  const parsed = new Date(`${value.dateTime.replace(/\.\d+$/, '')}Z`);
  if (Number.isNaN(parsed.getTime()))
    throw new GraphFailure(
      400,
      'ErrorInvalidRequest',
      `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTimeOffset'.`,
    );
  return new Date(parsed.getTime() - offset * 60_000);
}

/** JSON with keys sorted at every level, so two bodies compare by content, not key order. */
function canonicalJson(value: unknown): string {
  const sorted = (item: unknown): unknown =>
    Array.isArray(item)
      ? item.map(sorted)
      : item && typeof item === 'object'
        ? Object.fromEntries(
            Object.entries(item as Record<string, unknown>)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, entry]) => [key, sorted(entry)]),
          )
        : item;
  return JSON.stringify(sorted(value));
}

/**
 * The one $filter form on events the emulator knows, as "Get singleValueLegacyExtendedProperty"
 * documents it: `singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')`. The name in
 * the id compares case-sensitively, the value case-insensitively (as documented).
 */
function extendedPropertyFilter(filter: string): { id: string; value: string } | undefined {
  const quoted = "'((?:[^']|'')*)'";
  const match = new RegExp(
    `^singleValueExtendedProperties/any\\((\\w+):\\s*\\1/id eq ${quoted} and \\1/value eq ${quoted}\\)$`,
    'i',
  ).exec(filter.trim());
  if (!match) return undefined;
  return { id: match[2]!.replace(/''/g, "'"), value: match[3]!.replace(/''/g, "'") };
}

/**
 * Extended property ids compare like Exchange: the type and the GUID namespace without regard to case,
 * the name (after `Name`) exactly ("Filtering the string name (Name) in the id … is case-sensitive").
 */
function sameExtendedPropertyId(stored: string, wanted: string): boolean {
  const split = (id: string) => {
    const match = /^(\w+)\s+\{([0-9a-f-]+)\}\s+Name\s+(.+)$/i.exec(id.trim());
    return match ? `${match[1]!.toLowerCase()} ${match[2]!.toLowerCase()} ${match[3]!}` : id.trim();
  };
  return split(stored) === split(wanted);
}

function fromUtc(iso: string, zone: string): { dateTime: string; timeZone: string } {
  const offset = zoneOffsetMinutes(zone);
  const local = new Date(new Date(iso).getTime() + offset * 60_000);
  return { dateTime: `${local.toISOString().slice(0, 19)}.0000000`, timeZone: zone };
}

const dateTimeTimeZone = z.object({ dateTime: z.string().min(10), timeZone: z.string().optional() });
const emailAddress = z.object({ address: z.string().min(3), name: z.string().optional() });
const eventInput = z.object({
  subject: z.string().max(255).optional(),
  body: z.object({ contentType: z.enum(['text', 'html', 'Text', 'HTML']), content: z.string() }).optional(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  attendees: z
    .array(z.object({ emailAddress, type: z.enum(['required', 'optional', 'resource']).optional() }))
    .max(500)
    .optional(),
  location: z.object({ displayName: z.string() }).optional(),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z
    .enum(['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer', 'unknown'])
    .optional(),
  transactionId: z.string().max(255).optional(),
  // "Create single-value extended property": a String property named in a GUID namespace.
  singleValueExtendedProperties: z
    .array(z.object({ id: z.string().min(1), value: z.string() }))
    .max(100)
    .optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
  allowNewTimeProposals: z.boolean().optional(),
  isReminderOn: z.boolean().optional(),
});
const eventPatch = eventInput.partial().omit({ transactionId: true, singleValueExtendedProperties: true });
const scheduleInput = z.object({
  schedules: z.array(z.string()).min(1),
  startTime: dateTimeTimeZone,
  endTime: dateTimeTimeZone,
  availabilityViewInterval: z.number().int().optional(),
});
const batchInput = z.object({
  requests: z.array(
    z.object({
      id: z.string().min(1),
      method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
      url: z.string().min(1),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
      dependsOn: z.array(z.string()).optional(),
    }),
  ),
});

interface Caller {
  kind: 'app' | 'user';
  userId: string | undefined;
  appId: string;
  /** Application permissions in an app token. */
  roles: string[];
}

/** calendarView (and its delta) require both ends of the window: Graph refuses the request without them. */
function timeWindowOf(query: URLSearchParams): [string, string] {
  const startText = query.get('startDateTime');
  const endText = query.get('endDateTime');
  if (!startText || !endText)
    throw new GraphFailure(
      400,
      'ErrorInvalidParameter',
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    );
  return [startText, endText];
}

export async function startM365Emulator(options: M365EmulatorOptions = {}): Promise<M365Emulator> {
  const now = options.now ?? (() => new Date());
  const stateDir = options.stateFile ? path.dirname(options.stateFile) : undefined;
  const hostnames = options.hostnames;
  const keys = loadOrCreateKeys(stateDir, [
    ...(hostnames ? [hostnames.login, hostnames.graph, hostnames.botFramework] : []),
    ...(options.extraTlsNames ?? []),
  ]);
  const signingKey = await importPKCS8(keys.signingKeyPem, 'RS256');
  const publicJwk = {
    ...(await exportJWK(createPublicKey(createPrivateKey(keys.signingKeyPem)))),
    kid: keys.signingKid,
    alg: 'RS256',
    use: 'sig',
  };
  const strangerKey = await importPKCS8(
    (await import('node:crypto'))
      .generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    'RS256',
  );

  const tenantId = stableGuid('tenant:kodaira-demo');
  const clientId = stableGuid('app:hagukumi');
  const clientSecret = `local-emulator-only-${clientId.slice(0, 8)}`;
  const botClientId = stableGuid('app:hagukumi-bot');
  const botClientSecret = `local-emulator-only-${botClientId.slice(0, 8)}`;
  const people = options.organisation ?? seedOrganisation();
  const teamsAppCatalogId = stableGuid('teams-app:hagukumi');
  const teamsAppExternalId = options.teamsAppExternalId ?? stableGuid('teams-manifest:hagukumi');
  const blockedFor = new Set<string>();
  // The 1:1 chat of a user with the bot has an id of its own, the same every time it is asked for.
  const chatIdOf = (userId: string) => `19:${userId}_${botClientId}@unq.gbl.spaces`;
  const installationIdOf = (userId: string) =>
    Buffer.from(`${userId}##${teamsAppCatalogId}`).toString('base64url');
  const byId = new Map(people.map((person) => [person.id, person]));
  const byAddress = new Map(people.map((person) => [person.userPrincipalName.toLowerCase(), person]));
  const findPerson = (idOrUpn: string) =>
    byId.get(idOrUpn) ?? byAddress.get(decodeURIComponent(idOrUpn).toLowerCase());

  const subscriptionService = createSubscriptionService({
    now,
    tenantId,
    mailboxOf: (segment) => findPerson(segment)?.id,
  });
  /**
   * Every change to a created event, in order: what calendarView/delta reads after a delta token, and
   * what change notifications report. Seeded events never change.
   */
  const changeLog: Array<{ seq: number; mailboxId: string; eventId: string }> = [];
  let changeSeq = 0;
  const signatureOf = (event: StoredEvent) =>
    `${event.changeKey}|${event.isCancelled}|${event.responseStatus.response}|${event.attendees
      .map((attendee) => attendee.status.response)
      .join(',')}`;

  // ---- state ----
  let created: StoredEvent[] = [];
  /** Users (object ids) with our Teams app in their personal scope. */
  let installedFor = new Set<string>();
  const loadState = () => {
    if (options.stateFile && existsSync(options.stateFile)) {
      const state = JSON.parse(readFileSync(options.stateFile, 'utf8')) as {
        events: StoredEvent[];
        installedFor?: string[];
      };
      created = state.events;
      installedFor = new Set(state.installedFor ?? []);
    }
  };
  const saveState = () => {
    if (!options.stateFile) return;
    mkdirSync(path.dirname(options.stateFile), { recursive: true });
    writeFileSync(
      `${options.stateFile}.tmp`,
      JSON.stringify({ events: created, installedFor: [...installedFor] }),
    );
    renameSync(`${options.stateFile}.tmp`, options.stateFile);
  };
  loadState();
  const seededCache = new Map<string, { day: string; events: StoredEvent[] }>();
  const eventsOf = (mailboxId: string): StoredEvent[] => {
    const person = byId.get(mailboxId);
    if (!person) return [];
    const day = now().toISOString().slice(0, 10);
    let seeded = seededCache.get(mailboxId);
    if (!seeded || seeded.day !== day) {
      seeded = { day, events: seedCalendar(person, now()) };
      seededCache.set(mailboxId, seeded);
    }
    return [...seeded.events, ...created.filter((event) => event.mailboxId === mailboxId)];
  };

  // ---- faults, throttling, stats ----
  let rules: Array<FaultRule & { remaining: number }> = [];
  let latencyMs = options.latencyMs ?? 0;
  const active = new Map<string, number>();
  const quota = new Map<string, number[]>();
  /** Per mailbox id: when each recent message (one per recipient) left it. */
  const sent = new Map<string, number[]>();
  let sendingLimitRefusals = 0;
  /** Per mailbox id: allowedOnlineMeetingProviders when set; otherwise Teams for licensed accounts only. */
  const meetingProviders = new Map<string, Array<'teamsForBusiness'>>();
  // Teams comes with a Microsoft 365 suite licence; a mailbox without one (the seeded shared training
  // mailbox, like shared and resource mailboxes Exchange creates) cannot host Teams meetings.
  const defaultMeetingProviders = (person: SeedPerson): Array<'teamsForBusiness'> =>
    (person.licensed ?? !person.isMailbox) ? ['teamsForBusiness'] : [];
  let requestCount = 0;
  const byPath: Record<string, number> = {};

  const faults: FaultController = {
    add: (rule) => rules.push({ ...rule, remaining: rule.count ?? Number.POSITIVE_INFINITY }),
    clear: () => {
      rules = [];
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
  };

  const injectedFault = (
    graphPath: string,
    mailbox: string | undefined,
    inBatch: boolean,
  ): GraphResult | undefined => {
    for (const rule of rules) {
      if (rule.remaining <= 0) continue;
      if (rule.inBatch !== undefined && rule.inBatch !== inBatch) continue;
      if (rule.mailbox && rule.mailbox !== mailbox) continue;
      if (
        rule.pathPattern &&
        !(typeof rule.pathPattern === 'string'
          ? graphPath.includes(rule.pathPattern)
          : rule.pathPattern.test(graphPath))
      )
        continue;
      rule.remaining -= 1;
      const headers: Record<string, string> =
        rule.retryAfterSeconds !== undefined ? { 'Retry-After': String(rule.retryAfterSeconds) } : {};
      if (rule.status === 403)
        return graphError(
          403,
          'ErrorAccessDenied',
          'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
          headers,
        );
      return rule.status === 429
        ? graphError(429, 'TooManyRequests', 'Application is over its MailboxConcurrency limit.', headers)
        : graphError(
            rule.status,
            rule.status === 503 ? 'ServiceUnavailable' : 'GatewayTimeout',
            'The service is temporarily unavailable.',
            headers,
          );
    }
    return undefined;
  };

  const mailboxOf = (graphPath: string, caller: Caller): string | undefined => {
    const match = /^\/users\/([^/?]+)\/(calendar|events|calendarView)/.exec(graphPath);
    if (match?.[1]) return findPerson(match[1])?.id ?? match[1];
    if (/^\/me\/(calendar|events|calendarView)/.test(graphPath)) return caller.userId;
    return undefined;
  };

  // ---- tokens ----
  const issuer = () => `${loginUrl}/${tenantId}/v2.0`;
  const sign = (payload: Record<string, unknown>, key = signingKey) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: keys.signingKid, typ: 'JWT' }).sign(key);
  const accessToken = (claims: Record<string, unknown>, lifetime = 3600) => {
    const issuedAt = Math.floor(now().getTime() / 1000);
    return sign({
      iss: issuer(),
      tid: tenantId,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + lifetime,
      ver: '2.0',
      ...claims,
    });
  };
  const verify = async (token: string, audience: string[]): Promise<JWTPayload> => {
    const { payload } = await jwtVerify(
      token,
      async () => createPublicKey(createPrivateKey(keys.signingKeyPem)),
      {
        issuer: issuer(),
        audience,
        algorithms: ['RS256'],
        currentDate: now(),
      },
    );
    return payload;
  };

  const appIdUri = `api://localhost/${clientId}`;
  const issueSsoToken = async (
    user: string,
    tokenOptions: { audience?: string; lifetimeSeconds?: number } = {},
  ) => {
    const person = findPerson(user);
    if (!person || person.isMailbox) throw new Error(`No seeded person ${user}`);
    return accessToken(
      {
        aud: tokenOptions.audience ?? appIdUri,
        azp: TEAMS_CLIENT_ID,
        azpacr: '0',
        oid: person.id,
        sub: person.id,
        scp: 'access_as_user',
        name: person.displayName,
        preferred_username: person.userPrincipalName,
        ...(person.appRoles.length > 0 ? { roles: person.appRoles } : {}),
        uti: randomUUID(),
      },
      tokenOptions.lifetimeSeconds ?? 3600,
    );
  };

  const tokenError = (status: number, error: string, description: string): GraphResult => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: {
      error,
      error_description: description,
      error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)],
      timestamp: now().toISOString(),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
  });

  // ---- client authentication: a secret, a certificate's signed assertion, or a federated token ----
  const certificates = new Map<string, Map<string, KeyObject>>();
  const federatedSubjects = new Map<string, Set<string>>();
  const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
  const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
  const registerClientCertificate = (registeredClientId: string, certificatePem: string) => {
    const certificate = new X509Certificate(certificatePem);
    const thumbprints = certificates.get(registeredClientId) ?? new Map<string, KeyObject>();
    // Both forms a client may name it by (RFC 7515): SHA-256 and, for old clients, SHA-1, base64url.
    for (const algorithm of ['sha256', 'sha1'])
      thumbprints.set(
        `${algorithm}:${createHash(algorithm).update(certificate.raw).digest('base64url')}`,
        certificate.publicKey,
      );
    certificates.set(registeredClientId, thumbprints);
  };
  const invalidClient = (description: string) => tokenError(401, 'invalid_client', description);
  /** Entra's checks of a client assertion (Microsoft Learn, "Certificate credentials" assertion format). */
  const verifyCertificateAssertion = async (
    registeredClientId: string,
    assertion: string,
    header: Record<string, unknown>,
  ): Promise<GraphResult | undefined> => {
    const sha256 = header['x5t#S256'];
    const sha1 = header.x5t;
    const thumbprint =
      typeof sha256 === 'string' ? `sha256:${sha256}` : typeof sha1 === 'string' ? `sha1:${sha1}` : undefined;
    const key = thumbprint ? certificates.get(registeredClientId)?.get(thumbprint) : undefined;
    if (!key)
      return invalidClient(
        `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${typeof sha256 === 'string' ? sha256 : typeof sha1 === 'string' ? sha1 : ''}']`,
      );
    try {
      await jwtVerify(assertion, key, {
        audience: `${loginUrl}/${tenantId}/oauth2/v2.0/token`,
        issuer: registeredClientId,
        subject: registeredClientId,
        requiredClaims: ['exp', 'nbf', 'jti'],
        algorithms: ['RS256', 'PS256'],
        currentDate: now(),
        // Entra tolerates some clock skew between the client and itself (msal sets nbf to the second).
        clockTolerance: 300,
      });
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        return invalidClient('AADSTS700024: Client assertion is not within its valid time range.');
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        return invalidClient(
          `AADSTS700021: Client assertion failed validation: the '${error.claim}' claim is not as expected.`,
        );
      return invalidClient('AADSTS700027: Client assertion failed signature validation.');
    }
    return undefined;
  };
  const verifyFederatedAssertion = async (
    registeredClientId: string,
    assertion: string,
  ): Promise<GraphResult | undefined> => {
    let claims: JWTPayload;
    try {
      claims = await verify(assertion, [TOKEN_EXCHANGE_AUDIENCE]);
    } catch {
      return invalidClient(
        'AADSTS700211: No matching federated identity record found for presented assertion issuer, or the assertion failed validation.',
      );
    }
    if (!claims.sub || !federatedSubjects.get(registeredClientId)?.has(claims.sub))
      return invalidClient(
        `AADSTS70021: No matching federated identity record found for presented assertion. Assertion Subject: '${claims.sub ?? ''}'.`,
      );
    return undefined;
  };
  /** Undefined when the client proved itself; otherwise Entra's answer. */
  const authenticateClient = async (
    form: URLSearchParams,
    registeredClientId: string,
    secret: string,
  ): Promise<GraphResult | undefined> => {
    const assertion = form.get('client_assertion');
    if (assertion === null) {
      return form.get('client_secret') === secret
        ? undefined
        : invalidClient(
            'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
          );
    }
    if (form.get('client_secret') !== null)
      return tokenError(
        400,
        'invalid_request',
        'AADSTS90023: A client secret and a client assertion cannot both be presented.',
      );
    if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE)
      return tokenError(
        400,
        'invalid_request',
        `AADSTS50027: client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.`,
      );
    let header: Record<string, unknown>;
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      return invalidClient('AADSTS50027: JWT token is invalid or malformed.');
    }
    return 'x5t#S256' in header || 'x5t' in header
      ? verifyCertificateAssertion(registeredClientId, assertion, header)
      : verifyFederatedAssertion(registeredClientId, assertion);
  };

  const tokenEndpoint = async (form: URLSearchParams): Promise<GraphResult> => {
    if (form.get('client_id') === botClientId) return botTokenEndpoint(form);
    if (form.get('client_id') !== clientId)
      return tokenError(
        400,
        'unauthorized_client',
        `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`,
      );
    const refused = await authenticateClient(form, clientId, clientSecret);
    if (refused) return refused;
    const grant = form.get('grant_type');
    const scope = form.get('scope') ?? '';
    if (grant === 'client_credentials') {
      if (!scope.split(' ').includes(`${GRAPH_AUDIENCE}/.default`))
        return tokenError(
          400,
          'invalid_scope',
          `AADSTS1002012: The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        );
      const token = await accessToken({
        aud: GRAPH_AUDIENCE,
        appid: clientId,
        azp: clientId,
        idtyp: 'app',
        roles: options.appRoles ?? [...CONSENTED_APP_ROLES],
        oid: stableGuid('sp:hagukumi'),
        sub: stableGuid('sp:hagukumi'),
      });
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token },
      };
    }
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      if (form.get('requested_token_use') !== 'on_behalf_of')
        return tokenError(
          400,
          'invalid_request',
          "AADSTS900144: The request body must contain the following parameter: 'requested_token_use'.",
        );
      let assertion: JWTPayload;
      try {
        assertion = await verify(form.get('assertion') ?? '', [appIdUri, clientId]);
      } catch (error) {
        return tokenError(
          400,
          'invalid_grant',
          `AADSTS50013: Assertion failed signature validation or is expired. ${(error as Error).message}`,
        );
      }
      const scopes = scope
        .split(' ')
        .filter((item) => item && item !== 'offline_access' && item !== 'openid' && item !== 'profile');
      const granted = scopes
        .map((item) => item.replace(`${GRAPH_AUDIENCE}/`, ''))
        .map((item) => (item === '.default' ? 'User.Read Calendars.ReadWrite' : item))
        .join(' ');
      const token = await accessToken({
        aud: GRAPH_AUDIENCE,
        appid: clientId,
        azp: clientId,
        idtyp: 'user',
        scp: granted,
        oid: assertion.oid,
        sub: assertion.sub,
        name: assertion.name,
        preferred_username: assertion.preferred_username,
      });
      const clientInfo = Buffer.from(JSON.stringify({ uid: String(assertion.oid), utid: tenantId })).toString(
        'base64url',
      );
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: {
          token_type: 'Bearer',
          scope: granted,
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: token,
          client_info: clientInfo,
        },
      };
    }
    return tokenError(
      400,
      'unsupported_grant_type',
      `AADSTS70003: The app requested an unsupported grant type '${grant}'.`,
    );
  };

  // The bot's app registration: client credentials for the Bot Framework scope only, as Azure Bot uses it.
  const botTokenEndpoint = async (form: URLSearchParams): Promise<GraphResult> => {
    const refused = await authenticateClient(form, botClientId, botClientSecret);
    if (refused) return refused;
    if (form.get('grant_type') !== 'client_credentials')
      return tokenError(
        400,
        'unsupported_grant_type',
        'AADSTS70003: The app requested an unsupported grant type.',
      );
    const scope = form.get('scope') ?? '';
    if (!scope.split(' ').includes(`${BOT_FRAMEWORK_AUDIENCE}/.default`))
      return tokenError(
        400,
        'invalid_scope',
        `AADSTS1002012: The provided value for scope ${scope} is not valid.`,
      );
    const token = await accessToken({
      aud: BOT_FRAMEWORK_AUDIENCE,
      appid: botClientId,
      azp: botClientId,
      idtyp: 'app',
      oid: stableGuid('sp:hagukumi-bot'),
      sub: stableGuid('sp:hagukumi-bot'),
    });
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token },
    };
  };
  const botTokenIssuer = () => `https://api.${hostnames?.botFramework ?? 'botframework.localhost'}`;
  const issueChannelToken = (serviceUrl: string, tokenOptions: { lifetimeSeconds?: number } = {}) => {
    const issuedAt = Math.floor(now().getTime() / 1000);
    // The claims the Bot Framework puts in a channel's token to a bot: audience is the bot's app id, and
    // `serviceurl` must equal the activity's serviceUrl.
    return sign({
      iss: botTokenIssuer(),
      aud: botClientId,
      serviceurl: serviceUrl,
      nbf: issuedAt,
      iat: issuedAt,
      exp: issuedAt + (tokenOptions.lifetimeSeconds ?? 3600),
    });
  };

  // ---- Graph resources ----
  const userResource = (person: SeedPerson) => ({
    '@odata.type': '#microsoft.graph.user',
    id: person.id,
    businessPhones: [],
    displayName: person.displayName,
    givenName: person.givenName,
    surname: person.surname,
    jobTitle: person.jobTitle,
    mail: person.mail,
    mobilePhone: null,
    officeLocation: person.officeLocation,
    preferredLanguage: 'ja-JP',
    userPrincipalName: person.userPrincipalName,
    department: person.department,
    employeeId: person.employeeId,
    employeeHireDate: person.employeeHireDate,
    employeeType: person.employeeType,
    employeeOrgData: { division: person.divisionName, costCenter: null },
    accountEnabled: person.accountEnabled ?? true,
    userType: person.userType ?? 'Member',
    // A made-up SKU id: only "has a licence or not" matters here.
    assignedLicenses:
      (person.licensed ?? !person.isMailbox)
        ? [{ disabledPlans: [], skuId: stableGuid('sku:office365-e3') }]
        : [],
  });

  // "List users": without $select Graph returns only this default set (the user resource's properties table).
  const DEFAULT_USER_PROPERTIES = new Set([
    'businessPhones',
    'displayName',
    'givenName',
    'id',
    'jobTitle',
    'mail',
    'mobilePhone',
    'officeLocation',
    'preferredLanguage',
    'surname',
    'userPrincipalName',
  ]);
  const selectUser = (person: SeedPerson, query: URLSearchParams) => {
    const resource = userResource(person);
    if (query.get('$select')) return select(resource, query);
    return Object.fromEntries(
      Object.entries(resource).filter(
        ([key]) => DEFAULT_USER_PROPERTIES.has(key) || key.startsWith('@odata'),
      ),
    );
  };

  /**
   * The $filter clauses we support on /users, joined by `and`. Operators and properties that the "Advanced
   * query capabilities" page lists as advanced-only are refused unless the request carries
   * `ConsistencyLevel: eventual` and `$count=true`, with Graph's Request_UnsupportedQuery message.
   */
  const userFilter = (
    filter: string,
    advanced: boolean,
  ): ((resource: ReturnType<typeof userResource>) => boolean) => {
    const needsAdvanced = (operator: string) => {
      if (!advanced)
        throw new GraphFailure(
          400,
          'Request_UnsupportedQuery',
          `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
        );
    };
    const tests = filter.split(/\s+and\s+/i).map((clause) => {
      const text = clause.trim();
      const scalar = /^(department|userType|accountEnabled) (eq|ne) (?:'((?:[^']|'')*)'|(true|false))$/.exec(
        text,
      );
      if (scalar) {
        const [, property, operator, quoted, bool] = scalar;
        if (operator === 'ne') needsAdvanced('ne');
        const wanted: unknown = quoted !== undefined ? quoted.replace(/''/g, "'") : bool === 'true';
        return (resource: ReturnType<typeof userResource>) =>
          (resource[property as 'department' | 'userType' | 'accountEnabled'] === wanted) ===
          (operator === 'eq');
      }
      const licences = /^assignedLicenses\/\$count (eq|ne) 0$/.exec(text);
      if (licences) {
        // Counting a collection is an advanced query whatever the operator.
        needsAdvanced(licences[1]!);
        return (resource: ReturnType<typeof userResource>) =>
          (resource.assignedLicenses.length === 0) === (licences[1] === 'eq');
      }
      if (/^not\(/i.test(text)) needsAdvanced('not');
      if (/^endsWith\(/i.test(text)) needsAdvanced('endsWith');
      throw new GraphFailure(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
    });
    return (resource) => tests.every((test) => test(resource));
  };

  // ---- users delta ("user: delta", "Use delta query to track changes") ----
  // A delta token stands for a snapshot of what the client saw (its $select, each user's values and
  // manager), so changes made any way (including tests editing `people`) show up in the next round.
  const DELTA_TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000;
  interface DeltaState {
    issuedAt: number;
    select: string | null;
    seen: Map<string, { values: string; managerId: string | null }>;
  }
  const deltaStates = new Map<string, DeltaState>();
  const deltaPages = new Map<
    string,
    { items: unknown[]; next: number; deltaToken: string; issuedAt: number }
  >();
  const deltaSnapshot = (person: SeedPerson, query: URLSearchParams) => {
    const { manager: _manager, ...values } = selectUser(person, query);
    return { values: JSON.stringify(values), managerId: person.managerId };
  };
  const usersDelta = (query: URLSearchParams): unknown => {
    const skipToken = query.get('$skiptoken');
    if (skipToken) {
      // A skip token is a state token like a delta token ("Use delta query", state tokens): it stands
      // for its page of the round's snapshot and lives as long (7 days for directory objects). The docs
      // do not say whether one may be used twice; the emulator allows it, and production does not rely
      // on it (a refused resume link starts a full round).
      const pending = deltaPages.get(skipToken);
      if (!pending || now().getTime() - pending.issuedAt > DELTA_TOKEN_LIFETIME_MS)
        throw new GraphFailure(
          400,
          'syncStateNotFound',
          'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
        );
      return deltaPage(pending.items, pending.next, pending.deltaToken);
    }
    if (query.get('$expand')) throw new GraphFailure(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
    if (query.get('$filter') && !/^id eq '[^']+'( or id eq '[^']+')*$/.test(query.get('$filter')!))
      throw new GraphFailure(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
    const deltaToken = query.get('$deltatoken');
    let previous: DeltaState | undefined;
    if (deltaToken) {
      previous = deltaStates.get(deltaToken);
      if (!previous || now().getTime() - previous.issuedAt > DELTA_TOKEN_LIFETIME_MS)
        throw new GraphFailure(
          400,
          'syncStateNotFound',
          'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
        );
    }
    const selectText = previous ? previous.select : query.get('$select');
    const selectQuery = new URLSearchParams(selectText ? { $select: selectText } : {});
    const tracksManager = (selectText ?? '').split(',').some((field) => field.trim() === 'manager');
    const seen = new Map<string, { values: string; managerId: string | null }>();
    const items: unknown[] = [];
    for (const person of people) {
      const snapshot = deltaSnapshot(person, selectQuery);
      seen.set(person.id, snapshot);
      const before = previous?.seen.get(person.id);
      const valuesChanged = !before || before.values !== snapshot.values;
      const managerChanged = tracksManager && (!before || before.managerId !== snapshot.managerId);
      if (!valuesChanged && !managerChanged) continue;
      const item: Record<string, unknown> = JSON.parse(snapshot.values) as Record<string, unknown>;
      if (managerChanged) {
        // Relationships are annotations (propertyName@delta); a removed manager is marked @removed.
        item['manager@delta'] = person.managerId
          ? [{ '@odata.type': '#microsoft.graph.user', id: person.managerId }]
          : before?.managerId
            ? [
                {
                  '@odata.type': '#microsoft.graph.user',
                  id: before.managerId,
                  '@removed': { reason: 'deleted' },
                },
              ]
            : [];
      }
      items.push(item);
    }
    for (const [id] of previous?.seen ?? []) {
      if (!seen.has(id)) items.push({ id, '@removed': { reason: 'deleted' } });
    }
    const token = randomUUID();
    deltaStates.set(token, { issuedAt: now().getTime(), select: selectText, seen });
    return deltaPage(items, 0, token);
  };
  // Delta page sizes vary and $top is refused ("Use delta query"); a smaller page than listings makes a
  // full read of the seeded city hall take several requests, so tests can tell it from an incremental one.
  const DELTA_PAGE_SIZE = 50;
  const deltaPage = (items: unknown[], from: number, deltaToken: string) => {
    const slice = items.slice(from, from + DELTA_PAGE_SIZE);
    const base = `${graphUrl}/v1.0/users/delta`;
    if (from + DELTA_PAGE_SIZE < items.length) {
      const skipToken = randomUUID();
      deltaPages.set(skipToken, {
        items,
        next: from + DELTA_PAGE_SIZE,
        deltaToken,
        issuedAt: now().getTime(),
      });
      return {
        '@odata.context': `${graphUrl}/v1.0/$metadata#users`,
        '@odata.nextLink': `${base}?$skiptoken=${skipToken}`,
        value: slice,
      };
    }
    return {
      '@odata.context': `${graphUrl}/v1.0/$metadata#users`,
      '@odata.deltaLink': `${base}?$deltatoken=${deltaToken}`,
      value: slice,
    };
  };

  const select = (resource: Record<string, unknown>, query: URLSearchParams) => {
    const fields = query.get('$select');
    if (!fields) return resource;
    const wanted = new Set(fields.split(',').map((field) => field.trim()));
    wanted.add('id');
    return Object.fromEntries(
      Object.entries(resource).filter(([key]) => wanted.has(key) || key.startsWith('@odata')),
    );
  };

  const page = <T>(items: T[], query: URLSearchParams, selfUrl: string, context: string) => {
    const top = Math.min(Number(query.get('$top') ?? PAGE_SIZE) || PAGE_SIZE, 999);
    const skip = Number(query.get('$skiptoken') ?? 0) || 0;
    const slice = items.slice(skip, skip + top);
    const next = new URLSearchParams(query);
    next.set('$skiptoken', String(skip + top));
    return {
      '@odata.context': `${graphUrl}/v1.0/$metadata#${context}`,
      value: slice,
      ...(skip + top < items.length
        ? { '@odata.nextLink': `${graphUrl}/v1.0${selfUrl}?${next.toString()}` }
        : {}),
    };
  };

  const renderEvent = (event: StoredEvent, zone: string) => ({
    '@odata.etag': `W/"${event.changeKey}"`,
    id: event.id,
    iCalUId: event.iCalUId,
    transactionId: event.transactionId,
    createdDateTime: event.createdDateTime,
    lastModifiedDateTime: event.lastModifiedDateTime,
    changeKey: event.changeKey,
    subject: event.subject,
    bodyPreview: event.bodyPreview,
    body: event.body,
    start: fromUtc(event.startUtc, zone),
    end: fromUtc(event.endUtc, zone),
    isAllDay: event.isAllDay,
    isCancelled: event.isCancelled,
    isOrganizer: event.isOrganizer,
    showAs: event.showAs,
    responseStatus: event.responseStatus,
    location: event.location,
    attendees: event.attendees,
    organizer: event.organizer,
    isOnlineMeeting: event.isOnlineMeeting,
    onlineMeetingProvider: event.onlineMeetingProvider,
    onlineMeeting: event.onlineMeeting,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}&exvsurl=1&path=/calendar/item`,
  });

  /** Application permissions: Graph answers 403 when the app token carries none of those the API accepts. */
  const requireRole = (caller: Caller, accepted: string[]) => {
    if (caller.kind === 'app' && caller.roles.some((role) => accepted.includes(role))) return;
    throw new GraphFailure(
      403,
      'Forbidden',
      `Missing role permissions on the request. API requires one of '${accepted.join(', ')}'. Roles on the request '${caller.roles.join(', ')}'.`,
    );
  };

  const installedAppResource = (userId: string) => ({
    id: installationIdOf(userId),
    teamsApp: {
      id: teamsAppCatalogId,
      externalId: teamsAppExternalId,
      displayName: 'Hagukumi',
      distributionMethod: 'organization',
    },
  });

  /**
   * Apps in a user's personal scope ("Install app for user", "List apps installed for user", "Get chat
   * between user and app"), for our own app, with TeamsAppInstallation.ReadWriteSelfForUser.All (or a
   * broader role). App tokens only: the delegated forms are not emulated.
   */
  const userInstalledApps = (
    method: string,
    segments: string[],
    query: URLSearchParams,
    caller: Caller,
    body: unknown,
  ): [number, unknown?] => {
    requireRole(caller, [
      'TeamsAppInstallation.ReadWriteSelfForUser.All',
      'TeamsAppInstallation.ReadWriteForUser.All',
      'TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All',
      'TeamsAppInstallation.ReadWriteAndConsentForUser.All',
    ]);
    const person = findPerson(segments[1] ?? '');
    if (!person || person.isMailbox)
      throw new GraphFailure(404, 'NotFound', `User '${segments[1] ?? ''}' was not found.`);
    const installed = installedFor.has(person.id);
    const rest = segments.slice(4);
    if (method === 'POST' && rest.length === 0) {
      const bind = z.object({ 'teamsApp@odata.bind': z.string() }).safeParse(body).data?.[
        'teamsApp@odata.bind'
      ];
      const bound = bind ? /\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind)?.[1] : undefined;
      if (!bind) throw new GraphFailure(400, 'BadRequest', 'teamsApp@odata.bind is required.');
      // The catalog id, never the manifest id ("Install app for user": "the catalog generated app ID").
      if (bound !== teamsAppCatalogId)
        throw new GraphFailure(
          404,
          'NotFound',
          `The Teams app '${bound ?? bind}' was not found in the catalog.`,
        );
      if (blockedFor.has(person.id))
        throw new GraphFailure(
          403,
          'Forbidden',
          'The app is not allowed for this user by the organization’s app permission policy.',
        );
      if (installed) throw new GraphFailure(409, 'Conflict', 'The app is already installed for this user.');
      installedFor.add(person.id);
      saveState();
      return [201];
    }
    if (method === 'GET' && rest.length === 0) {
      const filter = query.get('$filter');
      const match = filter ? /^teamsApp\/(id|externalId) eq '((?:[^']|'')*)'$/.exec(filter.trim()) : null;
      if (filter && !match) throw new GraphFailure(400, 'BadRequest', `Invalid filter clause: ${filter}`);
      const value = match?.[2]?.replace(/''/g, "'");
      const wanted =
        !match ||
        (match[1] === 'id' && value === teamsAppCatalogId) ||
        (match[1] === 'externalId' && value === teamsAppExternalId);
      const expand = query.get('$expand') === 'teamsApp';
      const list = installed && wanted ? [installedAppResource(person.id)] : [];
      return [
        200,
        {
          '@odata.context': `${graphUrl}/v1.0/$metadata#users('${person.id}')/teamwork/installedApps`,
          value: list.map((entry) => (expand ? entry : { id: entry.id })),
        },
      ];
    }
    if (rest.length >= 1 && (!installed || rest[0] !== installationIdOf(person.id)))
      throw new GraphFailure(404, 'NotFound', 'The app installation was not found.');
    if (method === 'GET' && rest.length === 1) return [200, installedAppResource(person.id)];
    if (method === 'GET' && rest.length === 2 && rest[1] === 'chat')
      return [
        200,
        {
          '@odata.context': `${graphUrl}/v1.0/$metadata#chats/$entity`,
          id: chatIdOf(person.id),
          topic: null,
          chatType: 'oneOnOne',
          tenantId,
        },
      ];
    throw new GraphFailure(
      400,
      'BadRequest',
      `Resource not found for the segment '${segments.at(-1) ?? ''}'.`,
    );
  };

  const mailboxPerson = (segment: string, caller: Caller): SeedPerson => {
    const id = segment === 'me' ? caller.userId : segment;
    const person = id ? findPerson(id) : undefined;
    if (!person)
      throw new GraphFailure(
        404,
        'ErrorItemNotFound',
        'The specified object was not found in the store., The process failed to get the correct properties.',
      );
    if (caller.kind === 'user' && person.id !== caller.userId)
      throw new GraphFailure(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    return person;
  };

  const findEvent = (owner: SeedPerson, eventId: string): StoredEvent => {
    const event = eventsOf(owner.id).find((candidate) => candidate.id === eventId);
    if (!event)
      throw new GraphFailure(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    return event;
  };

  const copiesOf = (event: StoredEvent) =>
    created.filter((candidate) => candidate.iCalUId === event.iCalUId && candidate.id !== event.id);

  const createEvent = (
    owner: SeedPerson,
    input: z.infer<typeof eventInput>,
  ): { status: number; event: StoredEvent } => {
    const sentBody = canonicalJson(input);
    if (input.transactionId) {
      const existing = created.find(
        (event) =>
          event.mailboxId === owner.id && event.transactionId === input.transactionId && event.isOrganizer,
      );
      // Microsoft documents transactionId only as protection against redundant POSTs on retry. Handing
      // back the first event for an identical body, and refusing a reused id with a different body
      // (400 ErrorDuplicateTransactionId), are what users report of real Graph: callers must depend
      // on neither, and the refusal is what breaks naive crash recovery, so the emulator shows it.
      if (existing?.transactionBody && existing.transactionBody !== sentBody)
        throw new GraphFailure(
          400,
          'ErrorDuplicateTransactionId',
          'An item with the same transaction id already exists with different content.',
        );
      if (existing) return { status: 201, event: existing };
    }
    const start = toUtc(input.start);
    const end = toUtc(input.end);
    if (end.getTime() <= start.getTime())
      throw new GraphFailure(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
    const stamp = now().toISOString();
    const ids = newEventIds();
    // A mailbox whose calendar does not allow Teams (no licence: shared and resource mailboxes) still
    // gets its event, 201, without an online meeting ("Create or set an event as an online meeting in
    // an Outlook calendar": allowedOnlineMeetingProviders).
    const online =
      input.isOnlineMeeting === true &&
      (input.onlineMeetingProvider ?? 'teamsForBusiness') === 'teamsForBusiness' &&
      (meetingProviders.get(owner.id) ?? defaultMeetingProviders(owner)).includes('teamsForBusiness');
    countMessages(owner.id, (input.attendees ?? []).length);
    const meetingId = randomUUID();
    const attendees: Attendee[] = (input.attendees ?? []).map((attendee) => ({
      type: attendee.type ?? 'required',
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: {
        name:
          attendee.emailAddress.name ??
          findPerson(attendee.emailAddress.address)?.displayName ??
          attendee.emailAddress.address,
        address: attendee.emailAddress.address,
      },
    }));
    const content = input.body?.content ?? '';
    const event: StoredEvent = {
      ...ids,
      mailboxId: owner.id,
      transactionId: input.transactionId ?? null,
      transactionBody: input.transactionId ? sentBody : null,
      extendedProperties: input.singleValueExtendedProperties ?? [],
      subject: input.subject ?? '',
      bodyPreview: content.replace(/<[^>]+>/g, '').slice(0, 255),
      body: { contentType: input.body?.contentType.toLowerCase() === 'html' ? 'html' : 'text', content },
      startUtc: start.toISOString(),
      endUtc: end.toISOString(),
      showAs: input.showAs ?? 'busy',
      isAllDay: false,
      isCancelled: false,
      isOrganizer: true,
      isOnlineMeeting: online,
      onlineMeetingProvider: online ? 'teamsForBusiness' : 'unknown',
      onlineMeeting: online
        ? {
            joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${Buffer.from(meetingId).toString('base64url')}%40thread.v2/0?context=%7b%22Tid%22%3a%22${tenantId}%22%2c%22Oid%22%3a%22${owner.id}%22%7d`,
          }
        : null,
      organizer: { emailAddress: { name: owner.displayName, address: owner.mail } },
      attendees,
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      location: input.location ?? { displayName: online ? 'Microsoft Teams 会議' : '' },
      createdDateTime: stamp,
      lastModifiedDateTime: stamp,
      changeKey: randomUUID().slice(0, 12),
      seeded: false,
    };
    created.push(event);
    deliverInvitations(event, attendees);
    saveState();
    return { status: 201, event };
  };

  /**
   * Exchange's message rate limit: the messages a change sends (one per recipient) must fit in the
   * mailbox's last minute, or the request is refused and nothing is sent. What Graph answers then is not
   * documented (Exchange documents that SMTP submissions are rejected and Outlook clients queue in the
   * Outbox): the emulator answers 429 with Retry-After, which the app treats as any throttling.
   */
  const countMessages = (mailboxId: string, messages: number) => {
    if (messages <= 0) return;
    const at = now().getTime();
    const recent = (sent.get(mailboxId) ?? []).filter((time) => time > at - MESSAGE_WINDOW_MS);
    // Exchange counts messages, and one meeting request to many people is one message; we count one
    // per recipient (stricter), so a single change to more people than the limit goes only into an
    // empty minute, and fills it.
    if (recent.length > 0 && recent.length + messages > MESSAGES_PER_MINUTE) {
      sendingLimitRefusals += 1;
      sent.set(mailboxId, recent);
      const oldest =
        recent[
          Math.min(recent.length - 1, Math.max(0, recent.length + messages - MESSAGES_PER_MINUTE - 1))
        ] ?? at;
      throw new GraphFailure(
        429,
        'TooManyRequests',
        `The mailbox is over Exchange Online's message rate limit (${MESSAGES_PER_MINUTE} messages a minute).`,
        { 'Retry-After': String(Math.max(1, Math.ceil((oldest + MESSAGE_WINDOW_MS - at) / 1000))) },
      );
    }
    for (let index = 0; index < messages; index += 1) recent.push(at);
    sent.set(mailboxId, recent);
  };

  /** Outlook delivers the invitation: each attendee in this tenant gets their own copy. */
  const deliverInvitations = (event: StoredEvent, attendees: Attendee[]) => {
    for (const attendee of attendees) {
      const invitee = findPerson(attendee.emailAddress.address);
      if (!invitee || invitee.id === event.mailboxId) continue;
      const existing = copiesOf(event).find((copy) => copy.mailboxId === invitee.id);
      if (existing) {
        existing.isCancelled = false;
        continue;
      }
      created.push({
        ...event,
        id: newEventIds().id,
        mailboxId: invitee.id,
        isOrganizer: false,
        transactionId: null,
        transactionBody: null,
        extendedProperties: [],
        responseStatus: { response: 'none', time: '0001-01-01T00:00:00Z' },
        showAs: 'tentative',
      });
    }
  };

  /**
   * PATCH attendees replaces the whole list, as in Graph: kept attendees keep their response, new ones
   * are invited, removed ones get a cancellation.
   */
  const replaceAttendees = (
    event: StoredEvent,
    next: NonNullable<z.infer<typeof eventPatch>['attendees']>,
  ) => {
    const previous = new Map(
      event.attendees.map((attendee) => [attendee.emailAddress.address.toLowerCase(), attendee]),
    );
    const nextAddresses = new Set(next.map((attendee) => attendee.emailAddress.address.toLowerCase()));
    countMessages(
      event.mailboxId,
      next.filter((attendee) => !previous.has(attendee.emailAddress.address.toLowerCase())).length +
        [...previous.keys()].filter((address) => !nextAddresses.has(address)).length,
    );
    const attendees: Attendee[] = next.map((attendee) => {
      const kept = previous.get(attendee.emailAddress.address.toLowerCase());
      if (kept) return { ...kept, type: attendee.type ?? kept.type };
      return {
        type: attendee.type ?? 'required',
        status: { response: 'none', time: '0001-01-01T00:00:00Z' },
        emailAddress: {
          name:
            attendee.emailAddress.name ??
            findPerson(attendee.emailAddress.address)?.displayName ??
            attendee.emailAddress.address,
          address: attendee.emailAddress.address,
        },
      };
    });
    const invited = new Set(
      attendees.map((attendee) => findPerson(attendee.emailAddress.address)?.id).filter(Boolean),
    );
    event.attendees = attendees;
    for (const copy of copiesOf(event)) {
      copy.attendees = attendees;
      if (!invited.has(copy.mailboxId)) copy.isCancelled = true;
    }
    deliverInvitations(event, attendees);
  };

  const applyPatch = (event: StoredEvent, patch: z.infer<typeof eventPatch>) => {
    if (patch.subject !== undefined) event.subject = patch.subject;
    if (patch.body)
      event.body = {
        contentType: patch.body.contentType.toLowerCase() === 'html' ? 'html' : 'text',
        content: patch.body.content,
      };
    if (patch.start) event.startUtc = toUtc(patch.start).toISOString();
    if (patch.end) event.endUtc = toUtc(patch.end).toISOString();
    if (patch.location) event.location = patch.location;
    if (patch.showAs && event.isOrganizer) event.showAs = patch.showAs;
    if (new Date(event.endUtc).getTime() <= new Date(event.startUtc).getTime())
      throw new GraphFailure(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
    event.lastModifiedDateTime = now().toISOString();
    event.changeKey = randomUUID().slice(0, 12);
  };

  const schedule = (caller: Caller, input: z.infer<typeof scheduleInput>, zone: string) => {
    if (input.schedules.length > 20)
      throw new GraphFailure(
        400,
        'ErrorInvalidRequest',
        'The maximum number of schedules per request is 20.',
      );
    const interval = input.availabilityViewInterval ?? 30;
    if (interval < 5 || interval > 1440)
      throw new GraphFailure(
        400,
        'ErrorInvalidRequest',
        'AvailabilityViewInterval must be between 5 and 1440 minutes.',
      );
    const start = toUtc(input.startTime);
    const end = toUtc(input.endTime);
    if (end.getTime() <= start.getTime())
      throw new GraphFailure(400, 'ErrorInvalidRequest', 'The end time must be after the start time.');
    if (end.getTime() - start.getTime() >= 62 * 24 * 3600 * 1000)
      throw new GraphFailure(
        400,
        'ErrorInvalidRequest',
        'The time window of the request must be less than 62 days.',
      );
    const slots = Math.ceil((end.getTime() - start.getTime()) / (interval * 60_000));
    const rank: Record<ShowAs, number> = {
      free: 0,
      unknown: 0,
      workingElsewhere: 1,
      tentative: 2,
      busy: 3,
      oof: 4,
    };
    const digit: Record<ShowAs, string> = {
      free: '0',
      unknown: '0',
      workingElsewhere: '4',
      tentative: '1',
      busy: '2',
      oof: '3',
    };
    void caller;
    return {
      '@odata.context': `${graphUrl}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`,
      value: input.schedules.map((address) => {
        const person = findPerson(address);
        if (!person) {
          return {
            scheduleId: address,
            availabilityView: '',
            error: { message: `The requested user '${address}' is invalid.`, responseCode: 'UserNotFound' },
          };
        }
        const items = eventsOf(person.id).filter(
          (event) =>
            !event.isCancelled &&
            event.showAs !== 'free' &&
            new Date(event.startUtc) < end &&
            new Date(event.endUtc) > start,
        );
        let view = '';
        for (let slot = 0; slot < slots; slot += 1) {
          const slotStart = start.getTime() + slot * interval * 60_000;
          const slotEnd = Math.min(slotStart + interval * 60_000, end.getTime());
          let best: ShowAs = 'free';
          for (const item of items) {
            if (
              new Date(item.startUtc).getTime() < slotEnd &&
              new Date(item.endUtc).getTime() > slotStart &&
              rank[item.showAs] > rank[best]
            )
              best = item.showAs;
          }
          view += digit[best];
        }
        return {
          scheduleId: address,
          availabilityView: view,
          scheduleItems: items.map((item) => ({
            isPrivate: false,
            status: item.showAs,
            subject: item.subject,
            location: item.location.displayName,
            start: fromUtc(item.startUtc, zone),
            end: fromUtc(item.endUtc, zone),
          })),
          workingHours: {
            daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
            startTime: '08:30:00.0000000',
            endTime: '17:15:00.0000000',
            timeZone: { name: 'Tokyo Standard Time' },
          },
        };
      }),
    };
  };

  /** One Graph request, top-level or inside a batch. */
  const handleGraph = async (
    method: string,
    rawUrl: string,
    headers: Record<string, string | undefined>,
    body: unknown,
    caller: Caller,
    inBatch: boolean,
  ): Promise<GraphResult> => {
    const url = new URL(rawUrl, 'https://graph.invalid');
    // Top-level requests arrive with the version; batch requests are relative to it ("JSON batching":
    // `/users`, not `/v1.0/users`), so a version there is an unknown first segment, as in Graph.
    const graphPath =
      (inBatch ? url.pathname : url.pathname.replace(/^\/v1\.0/, '')).replace(/\/$/, '') || '/';
    const query = url.searchParams;
    const zone = preferredZone(headers.prefer);
    const pathKey = graphPath
      .replace(/\/users\/(?!delta$|microsoft\.graph\.delta$)[^/]+/, '/users/{id}')
      .replace(/\/events\/[^/]+/, '/events/{id}');
    byPath[pathKey] = (byPath[pathKey] ?? 0) + 1;

    const mailbox = mailboxOf(graphPath, caller);
    const fault = injectedFault(graphPath, mailbox, inBatch);
    if (fault) return fault;
    if (mailbox) {
      const window = (quota.get(mailbox) ?? []).filter((at) => at > now().getTime() - QUOTA_WINDOW_MS);
      if (window.length >= MAILBOX_QUOTA)
        return graphError(429, 'ApplicationThrottled', 'Application is over its MailboxRequests limit.', {
          'Retry-After': '60',
        });
      window.push(now().getTime());
      quota.set(mailbox, window);
      if ((active.get(mailbox) ?? 0) >= MAILBOX_CONCURRENCY) {
        return graphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', {
          'Retry-After': '1',
        });
      }
      active.set(mailbox, (active.get(mailbox) ?? 0) + 1);
    }
    const before =
      method === 'GET'
        ? undefined
        : new Map(created.map((event) => [event.id, { event, signature: signatureOf(event) }]));
    try {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      // No content, no content type: as Graph answers a 201 without a body ("Install app for user").
      const ok = (status: number, resource?: unknown): GraphResult => ({
        status,
        headers: {
          ...(resource !== undefined ? { 'content-type': 'application/json' } : {}),
          'request-id': randomUUID(),
        },
        body: resource,
      });
      const segments = graphPath.split('/').filter(Boolean);
      if (inBatch && (segments[0] === 'v1.0' || segments[0] === 'beta'))
        throw new GraphFailure(400, 'BadRequest', `Resource not found for the segment '${segments[0]}'.`);

      if (
        method === 'GET' &&
        (graphPath === '/users/delta' || graphPath === '/users/microsoft.graph.delta')
      ) {
        return ok(200, usersDelta(query));
      }
      if (method === 'GET' && graphPath === '/users') {
        const filter = query.get('$filter');
        let list = [...people];
        const advanced =
          headers.consistencylevel?.toLowerCase() === 'eventual' && query.get('$count') === 'true';
        if (filter) {
          const matches = userFilter(filter, advanced);
          list = list.filter((person) => matches(userResource(person)));
        }
        const expandManager = /^manager(\(.*\))?$/.test(query.get('$expand') ?? '');
        const listed = page(
          list.map((person) => ({
            ...selectUser(person, query),
            ...(expandManager && person.managerId
              ? { manager: { '@odata.type': '#microsoft.graph.user', id: person.managerId } }
              : {}),
          })),
          query,
          '/users',
          'users',
        );
        return ok(200, query.get('$count') === 'true' ? { '@odata.count': list.length, ...listed } : listed);
      }
      if (segments[0] === 'me' && segments.length === 1) {
        if (caller.kind !== 'user')
          throw new GraphFailure(
            400,
            'BadRequest',
            '/me request is only valid with delegated authentication flow.',
          );
        return ok(200, {
          '@odata.context': `${graphUrl}/v1.0/$metadata#users/$entity`,
          ...selectUser(mailboxPerson('me', caller), query),
        });
      }
      if (method === 'GET' && graphPath === '/appCatalogs/teamsApps') {
        requireRole(caller, ['AppCatalog.Read.All', 'AppCatalog.ReadWrite.All', 'Directory.Read.All']);
        // "List teamsApp": filter on `externalId eq '…'` (the manifest id), `id eq '…'` or
        // `distributionMethod eq 'organization'`; the tenant's catalog holds our app only.
        const filter = query.get('$filter');
        const match = filter
          ? /^(externalId|id|distributionMethod) eq '((?:[^']|'')*)'$/.exec(filter.trim())
          : null;
        if (filter && !match) throw new GraphFailure(400, 'BadRequest', `Invalid filter clause: ${filter}`);
        const app = {
          id: teamsAppCatalogId,
          externalId: teamsAppExternalId,
          displayName: 'Hagukumi',
          distributionMethod: 'organization',
        };
        const value = match?.[2]?.replace(/''/g, "'");
        const wanted =
          !match ||
          (match[1] === 'externalId' && value === app.externalId) ||
          (match[1] === 'id' && value === app.id) ||
          (match[1] === 'distributionMethod' && value === app.distributionMethod);
        return ok(200, {
          '@odata.context': `${graphUrl}/v1.0/$metadata#appCatalogs/teamsApps`,
          value: wanted ? [app] : [],
        });
      }
      if (segments[0] === 'users' && segments[2] === 'teamwork' && segments[3] === 'installedApps') {
        return ok(...userInstalledApps(method, segments, query, caller, body));
      }
      if (segments[0] === 'subscriptions') {
        if (caller.kind !== 'app' && segments.length === 1 && method === 'POST')
          throw new GraphFailure(
            400,
            'InvalidRequest',
            'The emulator takes subscriptions from app tokens only.',
          );
        if (segments.length === 1 && method === 'POST')
          return ok(201, {
            '@odata.context': `${graphUrl}/v1.0/$metadata#subscriptions/$entity`,
            ...(await subscriptionService.create(parseBody(subscriptionInput, body), caller.appId)),
          });
        if (segments.length === 1 && method === 'GET')
          return ok(200, {
            '@odata.context': `${graphUrl}/v1.0/$metadata#subscriptions`,
            value: subscriptionService.list(caller.appId),
          });
        if (segments.length === 2 && method === 'PATCH')
          return ok(200, subscriptionService.renew(segments[1]!, parseBody(subscriptionPatch, body)));
        if (segments.length === 2 && method === 'DELETE') {
          subscriptionService.remove(segments[1]!);
          return { status: 204 };
        }
      }
      if (segments[0] === 'users' || segments[0] === 'me') {
        const ownerSegment = segments[0] === 'me' ? 'me' : (segments[1] ?? '');
        const rest = segments[0] === 'me' ? segments.slice(1) : segments.slice(2);
        if (rest.length === 0 && method === 'GET') {
          const person = findPerson(ownerSegment);
          if (!person)
            throw new GraphFailure(
              404,
              'Request_ResourceNotFound',
              `Resource '${ownerSegment}' does not exist or one of its queried reference-property objects are not present.`,
            );
          return ok(200, {
            '@odata.context': `${graphUrl}/v1.0/$metadata#users/$entity`,
            ...selectUser(person, query),
          });
        }
        if (rest[0] === 'manager' && method === 'GET') {
          const person = findPerson(ownerSegment === 'me' ? (caller.userId ?? '') : ownerSegment);
          const manager = person?.managerId ? byId.get(person.managerId) : undefined;
          if (!manager)
            throw new GraphFailure(
              404,
              'Request_ResourceNotFound',
              "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
            );
          return ok(200, {
            '@odata.context': `${graphUrl}/v1.0/$metadata#directoryObjects/$entity`,
            ...selectUser(manager, query),
          });
        }
        if (rest[0] === 'directReports' && method === 'GET') {
          const person = findPerson(ownerSegment === 'me' ? (caller.userId ?? '') : ownerSegment);
          if (!person)
            throw new GraphFailure(
              404,
              'Request_ResourceNotFound',
              `Resource '${ownerSegment}' does not exist or one of its queried reference-property objects are not present.`,
            );
          return ok(
            200,
            page(
              people
                .filter((candidate) => candidate.managerId === person.id)
                .map((report) => selectUser(report, query)),
              query,
              `/users/${person.id}/directReports`,
              'directoryObjects',
            ),
          );
        }
        const owner = mailboxPerson(ownerSegment, caller);
        if (rest[0] === 'calendar' && rest[1] === 'getSchedule' && method === 'POST') {
          return ok(200, schedule(caller, parseBody(scheduleInput, body), zone));
        }
        const eventsPath = rest[0] === 'calendar' ? rest.slice(1) : rest;
        if (eventsPath[0] === 'calendarView' && eventsPath[1] === 'delta' && method === 'GET')
          return ok(200, calendarDelta(owner, query, zone));
        if (eventsPath[0] === 'calendarView' && method === 'GET') {
          const [startText, endText] = timeWindowOf(query);
          const from = toUtc({ dateTime: startText, timeZone: 'UTC' });
          const to = toUtc({ dateTime: endText, timeZone: 'UTC' });
          const list = eventsOf(owner.id)
            .filter((event) => new Date(event.startUtc) < to && new Date(event.endUtc) > from)
            .sort((a, b) => a.startUtc.localeCompare(b.startUtc));
          return ok(
            200,
            page(
              list.map((event) => renderEvent(event, zone)),
              query,
              `/users/${owner.id}/calendarView`,
              `users('${owner.id}')/calendarView`,
            ),
          );
        }
        if (eventsPath[0] === 'events') {
          if (eventsPath.length === 1 && method === 'POST') {
            const { status, event } = createEvent(owner, parseBody(eventInput, body));
            return ok(status, {
              '@odata.context': `${graphUrl}/v1.0/$metadata#users('${owner.id}')/events/$entity`,
              ...renderEvent(event, zone),
            });
          }
          if (eventsPath.length === 1 && method === 'GET') {
            const filter = query.get('$filter');
            const byProperty = filter ? extendedPropertyFilter(filter) : undefined;
            if (filter && !byProperty)
              throw new GraphFailure(
                400,
                'ErrorInvalidUrlQueryFilter',
                'The query filter contains one or more invalid nodes.',
              );
            const matching = eventsOf(owner.id).filter(
              (event) =>
                !byProperty ||
                (event.extendedProperties ?? []).some(
                  (property) =>
                    sameExtendedPropertyId(property.id, byProperty.id) &&
                    property.value.toLowerCase() === byProperty.value.toLowerCase(),
                ),
            );
            return ok(
              200,
              page(
                matching.map((event) => select(renderEvent(event, zone), query)),
                query,
                `/users/${owner.id}/events`,
                `users('${owner.id}')/events`,
              ),
            );
          }
          const event = findEvent(owner, eventsPath[1] ?? '');
          if (eventsPath.length === 2 && method === 'GET') return ok(200, renderEvent(event, zone));
          if (eventsPath.length === 2 && method === 'PATCH') {
            if (event.seeded) throw new GraphFailure(403, 'ErrorAccessDenied', 'Access is denied.');
            // Optimistic concurrency: an If-Match with an older @odata.etag than the event's current
            // one means someone changed it since the caller read it (412 ErrorIrresolvableConflict).
            const ifMatch = headers['if-match']?.trim();
            if (ifMatch && ifMatch !== '*' && ifMatch !== `W/"${event.changeKey}"`)
              throw new GraphFailure(
                412,
                'ErrorIrresolvableConflict',
                'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
              );
            const patch = parseBody(eventPatch, body);
            // Attendees first: a change the mailbox may not send now leaves the event as it was.
            if (patch.attendees && event.isOrganizer) replaceAttendees(event, patch.attendees);
            applyPatch(event, patch);
            if (event.isOrganizer)
              for (const copy of copiesOf(event)) applyPatch(copy, { ...patch, showAs: undefined });
            saveState();
            return ok(200, renderEvent(event, zone));
          }
          if (eventsPath.length === 2 && method === 'DELETE') {
            if (event.seeded) throw new GraphFailure(403, 'ErrorAccessDenied', 'Access is denied.');
            if (event.isOrganizer) for (const copy of copiesOf(event)) copy.isCancelled = true;
            created = created.filter((candidate) => candidate !== event);
            saveState();
            return { status: 204 };
          }
          if (eventsPath.length === 3 && method === 'POST') {
            const action = eventsPath[2];
            if (action === 'cancel') {
              if (!event.isOrganizer)
                throw new GraphFailure(
                  400,
                  'ErrorInvalidRequest',
                  "Your request can't be completed. You need to be an organizer to cancel a meeting.",
                );
              countMessages(event.mailboxId, event.attendees.length);
              for (const copy of copiesOf(event)) copy.isCancelled = true;
              created = created.filter((candidate) => candidate !== event);
              saveState();
              return { status: 202 };
            }
            if (action === 'accept' || action === 'decline' || action === 'tentativelyAccept') {
              if (event.isOrganizer)
                throw new GraphFailure(
                  400,
                  'ErrorInvalidRequest',
                  "Your request can't be completed. You can't respond to a meeting you organized.",
                );
              const response =
                action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'tentativelyAccepted';
              const time = now().toISOString();
              event.responseStatus = { response, time };
              event.showAs =
                response === 'accepted' ? 'busy' : response === 'declined' ? 'free' : 'tentative';
              const original = created.find(
                (candidate) => candidate.iCalUId === event.iCalUId && candidate.isOrganizer,
              );
              const attendee = original?.attendees.find(
                (candidate) => candidate.emailAddress.address.toLowerCase() === owner.mail.toLowerCase(),
              );
              if (original && attendee) {
                attendee.status = { response, time };
                original.changeKey = randomUUID().slice(0, 12);
                original.lastModifiedDateTime = time;
              }
              saveState();
              return { status: 202 };
            }
          }
        }
      }
      throw new GraphFailure(
        400,
        'BadRequest',
        `Resource not found for the segment '${segments.at(-1) ?? ''}'.`,
      );
    } catch (error) {
      if (error instanceof GraphFailure)
        return graphError(error.status, error.code, error.message, error.headers);
      if (error instanceof SubscriptionFailure) return graphError(error.status, error.code, error.message);
      throw error;
    } finally {
      if (mailbox) active.set(mailbox, (active.get(mailbox) ?? 1) - 1);
      if (before) recordChanges(before);
    }
  };

  /** Compares the created events with a snapshot taken before a write: logs and notifies each change. */
  const recordChanges = (before: Map<string, { event: StoredEvent; signature: string }>) => {
    const note = (event: StoredEvent, changeType: 'created' | 'updated' | 'deleted') => {
      changeSeq += 1;
      changeLog.push({ seq: changeSeq, mailboxId: event.mailboxId, eventId: event.id });
      subscriptionService.changed(event.mailboxId, event, changeType);
    };
    for (const event of created) {
      const earlier = before.get(event.id);
      if (!earlier) note(event, 'created');
      else if (earlier.signature !== signatureOf(event)) note(event, 'updated');
    }
    const remaining = new Set(created.map((event) => event.id));
    for (const [id, { event }] of before) if (!remaining.has(id)) note(event, 'deleted');
  };

  /**
   * GET …/calendarView/delta ("event: delta", "Get incremental changes to events in a calendar view"):
   * a first round returns every event in the window, then a @odata.deltaLink; a round from a delta link
   * returns the events changed since, and `{ id, @removed }` for those gone. The links keep the window.
   */
  const calendarDelta = (owner: SeedPerson, query: URLSearchParams, zone: string) => {
    type Token = { start: string; end: string; after: number; upTo: number; offset: number };
    const encode = (token: Token) => Buffer.from(JSON.stringify(token)).toString('base64url');
    const decode = (text: string): Token => {
      try {
        return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Token;
      } catch {
        throw new GraphFailure(400, 'ErrorInvalidUrlQuery', 'The delta token is invalid.');
      }
    };
    const skip = query.get('$skiptoken');
    const deltaToken = query.get('$deltatoken');
    let token: Token;
    if (skip) token = decode(skip);
    else if (deltaToken) token = { ...decode(deltaToken), upTo: changeSeq, offset: 0 };
    else {
      const [startText, endText] = timeWindowOf(query);
      token = {
        start: toUtc({ dateTime: startText, timeZone: 'UTC' }).toISOString(),
        end: toUtc({ dateTime: endText, timeZone: 'UTC' }).toISOString(),
        after: -1,
        upTo: changeSeq,
        offset: 0,
      };
    }
    const from = new Date(token.start);
    const to = new Date(token.end);
    const inWindow = (event: StoredEvent) => new Date(event.startUtc) < to && new Date(event.endUtc) > from;
    let items: unknown[];
    if (token.after < 0) {
      items = eventsOf(owner.id)
        .filter(inWindow)
        .sort((a, b) => a.startUtc.localeCompare(b.startUtc))
        .map((event) => renderEvent(event, zone));
    } else {
      const ids = [
        ...new Set(
          changeLog
            .filter(
              (entry) => entry.mailboxId === owner.id && entry.seq > token.after && entry.seq <= token.upTo,
            )
            .map((entry) => entry.eventId),
        ),
      ];
      items = ids.map((id) => {
        const event = created.find((candidate) => candidate.id === id && candidate.mailboxId === owner.id);
        return event && inWindow(event)
          ? renderEvent(event, zone)
          : { '@odata.type': '#microsoft.graph.event', id, '@removed': { reason: 'deleted' } };
      });
    }
    const pageSize = 50;
    const slice = items.slice(token.offset, token.offset + pageSize);
    const base = `${graphUrl}/v1.0/users/${owner.id}/calendarView/delta`;
    const more = token.offset + pageSize < items.length;
    return {
      '@odata.context': `${graphUrl}/v1.0/$metadata#Collection(event)`,
      value: slice,
      ...(more
        ? { '@odata.nextLink': `${base}?$skiptoken=${encode({ ...token, offset: token.offset + pageSize })}` }
        : {
            '@odata.deltaLink': `${base}?$deltatoken=${encode({ ...token, after: token.upTo, offset: 0 })}`,
          }),
    };
  };

  function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new GraphFailure(
        400,
        'ErrorInvalidRequest',
        `Invalid request body: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      );
    return parsed.data;
  }

  const handleBatch = async (
    body: unknown,
    caller: Caller,
    headers: Record<string, string | undefined>,
  ): Promise<GraphResult> => {
    const parsed = batchInput.safeParse(body);
    if (!parsed.success) return graphError(400, 'BadRequest', 'Invalid batch payload format.');
    const requests = parsed.data.requests;
    if (requests.length > 20)
      return graphError(
        400,
        'BadRequest',
        'Invalid batch payload format. The number of requests in a batch must not exceed 20.',
      );
    const ids = new Set(requests.map((request) => request.id));
    if (ids.size !== requests.length)
      return graphError(400, 'BadRequest', 'Batch request ids must be unique.');
    for (const request of requests) {
      for (const dependency of request.dependsOn ?? []) {
        if (!ids.has(dependency))
          return graphError(
            400,
            'BadRequest',
            `Request '${request.id}' depends on an unknown request '${dependency}'.`,
          );
      }
    }
    const results = new Map<string, Promise<GraphResult>>();
    // Graph hands the Outlook service at most four requests of an unordered batch at a time, whatever
    // their mailboxes, so one batch stays within Outlook's 4-concurrent-requests-per-mailbox limit
    // (Graph docs, throttling limits: "Outlook service limits for JSON batching").
    let outlookRunning = 0;
    const outlookWaiting: Array<() => void> = [];
    const outlookSlot = async <T>(work: () => Promise<T>): Promise<T> => {
      if (outlookRunning >= MAILBOX_CONCURRENCY)
        await new Promise<void>((resolve) => outlookWaiting.push(resolve));
      else outlookRunning += 1;
      try {
        return await work();
      } finally {
        const next = outlookWaiting.shift();
        if (next) next();
        else outlookRunning -= 1;
      }
    };
    const run = (request: (typeof requests)[number]): Promise<GraphResult> => {
      const existing = results.get(request.id);
      if (existing) return existing;
      const promise = (async (): Promise<GraphResult> => {
        const dependencies = await Promise.all(
          (request.dependsOn ?? []).map((id) => run(requests.find((candidate) => candidate.id === id)!)),
        );
        if (dependencies.some((result) => result.status >= 400))
          return graphError(424, 'FailedDependency', 'Failed dependency.');
        const innerHeaders = Object.fromEntries(
          Object.entries(request.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
        );
        const innerUrl = request.url.startsWith('/') ? request.url : `/${request.url}`;
        const execute = () =>
          handleGraph(request.method, innerUrl, { ...headers, ...innerHeaders }, request.body, caller, true);
        const innerPath = new URL(innerUrl, 'https://graph.invalid').pathname;
        return mailboxOf(innerPath, caller) === undefined ? execute() : outlookSlot(execute);
      })();
      results.set(request.id, promise);
      return promise;
    };
    const responses = await Promise.all(
      requests.map(async (request) => {
        const result = await run(request);
        return {
          id: request.id,
          status: result.status,
          headers: result.headers ?? {},
          ...(result.body !== undefined ? { body: result.body } : {}),
        };
      }),
    );
    return { status: 200, headers: { 'content-type': 'application/json' }, body: { responses } };
  };

  const authenticateGraph = async (authorization: string | undefined): Promise<Caller | GraphResult> => {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    try {
      const payload = await verify(token, [GRAPH_AUDIENCE, GRAPH_APP_ID]);
      return payload.idtyp === 'app'
        ? {
            kind: 'app',
            userId: undefined,
            appId: String(payload.appid),
            roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
          }
        : { kind: 'user', userId: String(payload.oid), appId: String(payload.appid), roles: [] };
    } catch (error) {
      return graphError(
        401,
        'InvalidAuthenticationToken',
        `Access token validation failure. ${(error as Error).message}`,
      );
    }
  };

  // ---- HTTP ----
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > 4 * 1024 * 1024) reject(new Error('too large'));
        else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const send = (res: ServerResponse, result: GraphResult) => {
    res.statusCode = result.status;
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    if (result.body === undefined) res.end();
    else {
      if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(result.body));
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', loginUrl);
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    requestCount += 1;
    const tenantPrefix = `/${tenantId}`;
    const pathname = url.pathname.replace(/^\/(common|organizations)(?=\/)/, tenantPrefix);

    if (pathname === '/common/discovery/instance' || url.pathname === '/common/discovery/instance') {
      return send(res, {
        status: 200,
        body: {
          tenant_discovery_endpoint: `${loginUrl}/${tenantId}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: url.host, preferred_cache: url.host, aliases: [url.host] }],
        },
      });
    }
    if (pathname === `${tenantPrefix}/v2.0/.well-known/openid-configuration`) {
      return send(res, {
        status: 200,
        body: {
          issuer: issuer(),
          authorization_endpoint: `${loginUrl}/${tenantId}/oauth2/v2.0/authorize`,
          token_endpoint: `${loginUrl}/${tenantId}/oauth2/v2.0/token`,
          jwks_uri: `${loginUrl}/${tenantId}/discovery/v2.0/keys`,
          end_session_endpoint: `${loginUrl}/${tenantId}/oauth2/v2.0/logout`,
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: [
            'client_secret_post',
            'private_key_jwt',
            'client_secret_basic',
          ],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          tenant_region_scope: 'AS',
          cloud_instance_name: 'microsoftonline.com',
        },
      });
    }
    if (url.pathname === BOT_OPENID_PATH)
      return send(res, {
        status: 200,
        body: {
          issuer: botTokenIssuer(),
          jwks_uri: `${botFrameworkUrl}${BOT_KEYS_PATH}`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        },
      });
    if (url.pathname === BOT_KEYS_PATH)
      return send(res, { status: 200, body: { keys: [{ ...publicJwk, endorsements: ['msteams'] }] } });
    if (pathname === `${tenantPrefix}/discovery/v2.0/keys`)
      return send(res, { status: 200, body: { keys: [publicJwk] } });
    if (pathname === `${tenantPrefix}/oauth2/v2.0/token` && method === 'POST')
      return send(res, await tokenEndpoint(new URLSearchParams(text)));

    if (url.pathname.startsWith('/_emulator/')) return send(res, admin(method, url.pathname, text));

    if (url.pathname.startsWith('/v1.0/')) {
      const caller = await authenticateGraph(req.headers.authorization);
      if (!('kind' in caller)) return send(res, caller);
      let body: unknown;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          return send(
            res,
            graphError(
              400,
              'BadRequest',
              'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
            ),
          );
        }
      }
      const headers: Record<string, string | undefined> = {};
      for (const [key, value] of Object.entries(req.headers))
        headers[key] = Array.isArray(value) ? value.join(',') : value;
      if (url.pathname === '/v1.0/$batch' && method === 'POST') {
        byPath['/$batch'] = (byPath['/$batch'] ?? 0) + 1;
        const fault = injectedFault('/$batch', undefined, false);
        return send(res, fault ?? (await handleBatch(body, caller, headers)));
      }
      return send(
        res,
        await handleGraph(method, `${url.pathname}${url.search}`, headers, body, caller, false),
      );
    }
    return send(res, graphError(404, 'NotFound', `No endpoint at ${url.pathname}`));
  };

  const faultSchema = z.object({
    status: z.union([z.literal(403), z.literal(429), z.literal(503), z.literal(504)]),
    retryAfterSeconds: z.number().int().min(0).max(600).optional(),
    count: z.number().int().min(1).optional(),
    pathPattern: z.string().optional(),
    mailbox: z.string().optional(),
    inBatch: z.boolean().optional(),
  });
  const admin = (method: string, pathname: string, text: string): GraphResult => {
    if (pathname === '/_emulator/stats' && method === 'GET') return { status: 200, body: emulator.stats() };
    if (pathname === '/_emulator/people' && method === 'GET') return { status: 200, body: people };
    if (pathname === '/_emulator/reset' && method === 'POST') {
      emulator.reset();
      return { status: 204 };
    }
    if (pathname === '/_emulator/faults' && method === 'DELETE') {
      faults.clear();
      return { status: 204 };
    }
    if (pathname === '/_emulator/faults' && method === 'POST') {
      const parsed = z
        .object({
          rules: z.array(faultSchema).optional(),
          latencyMs: z.number().int().min(0).max(60_000).optional(),
        })
        .safeParse(JSON.parse(text || '{}'));
      if (!parsed.success)
        return { status: 400, body: { error: parsed.error.issues.map((issue) => issue.message).join('; ') } };
      for (const rule of parsed.data.rules ?? []) faults.add(rule);
      if (parsed.data.latencyMs !== undefined) faults.setLatency(parsed.data.latencyMs);
      return { status: 204 };
    }
    if (pathname === '/_emulator/online-meeting-providers' && method === 'POST') {
      const parsed = z
        .object({ mailbox: z.string().min(1), providers: z.array(z.literal('teamsForBusiness')).max(1) })
        .strict()
        .safeParse(JSON.parse(text || '{}'));
      if (!parsed.success)
        return { status: 400, body: { error: parsed.error.issues.map((issue) => issue.message).join('; ') } };
      if (!findPerson(parsed.data.mailbox)) return { status: 404, body: { error: 'no such mailbox' } };
      emulator.setOnlineMeetingProviders(parsed.data.mailbox, parsed.data.providers);
      return { status: 204 };
    }
    return { status: 404, body: { error: 'no such admin endpoint' } };
  };

  const server: Server = createServer({ key: keys.serverKeyPem, cert: keys.serverCertPem }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: { code: 'InternalServerError', message: (error as Error).message } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `https://127.0.0.1:${port}`;
  const loginUrl = hostnames ? `https://${hostnames.login}:${port}` : baseUrl;
  const graphUrl = hostnames ? `https://${hostnames.graph}:${port}` : baseUrl;
  const botFrameworkUrl = hostnames ? `https://${hostnames.botFramework}:${port}` : baseUrl;

  const emulator: M365Emulator = {
    url: baseUrl,
    caCertPem: keys.caCertPem,
    tls: { certPem: keys.serverCertPem, keyPem: keys.serverKeyPem },
    tenantId,
    authorityHost: loginUrl,
    graphBaseUrl: `${graphUrl}/v1.0`,
    app: { clientId, clientSecret, appIdUri },
    botFramework: {
      app: { clientId: botClientId, clientSecret: botClientSecret },
      openIdMetadataUrl: `${botFrameworkUrl}${BOT_OPENID_PATH}`,
      tokenIssuer: botTokenIssuer(),
      issueChannelToken,
    },
    people,
    teamsApp: {
      catalogId: teamsAppCatalogId,
      externalId: teamsAppExternalId,
      isInstalledFor: (userId) => installedFor.has(userId),
      memberOfChat: (chatId) => people.find((person) => chatIdOf(person.id) === chatId)?.id,
      installFor: (userId) => {
        installedFor.add(userId);
        saveState();
      },
      blockFor: (userId) => {
        blockedFor.add(userId);
      },
    },
    issueSsoToken,
    registerClientCertificate,
    registerFederatedCredential(registeredClientId, subject) {
      const subjects = federatedSubjects.get(registeredClientId) ?? new Set<string>();
      subjects.add(subject);
      federatedSubjects.set(registeredClientId, subjects);
    },
    issueManagedIdentityToken: (subject, tokenOptions = {}) =>
      accessToken({
        aud: tokenOptions.audience ?? TOKEN_EXCHANGE_AUDIENCE,
        sub: subject,
        oid: subject,
        idtyp: 'app',
      }),
    signJwt: (payload, signOptions) => sign(payload, signOptions?.unknownKey ? strangerKey : signingKey),
    faults,
    stats: () => ({ requests: requestCount, byPath: { ...byPath }, sendingLimitRefusals }),
    setOnlineMeetingProviders: (mailbox, providers) => {
      const person = findPerson(mailbox);
      if (!person) throw new Error(`no mailbox ${mailbox}`);
      meetingProviders.set(person.id, [...providers]);
    },
    expireDeltaLinks: () => {
      deltaStates.clear();
      deltaPages.clear();
    },
    subscriptions: {
      all: () => subscriptionService.all(),
      deliveries: () => subscriptionService.deliveries(),
      sendLifecycle: (id, event) => subscriptionService.sendLifecycle(id, event),
      dropChangeNotifications: (drop) => subscriptionService.dropChangeNotifications(drop),
      settled: () => subscriptionService.settled(),
    },
    eventsOf: (mailbox) => {
      const person = findPerson(mailbox);
      return person ? eventsOf(person.id) : [];
    },
    reset() {
      created = [];
      installedFor = new Set();
      blockedFor.clear();
      subscriptionService.clear();
      requestCount = 0;
      for (const key of Object.keys(byPath)) delete byPath[key];
      quota.clear();
      sent.clear();
      sendingLimitRefusals = 0;
      meetingProviders.clear();
      faults.clear();
      saveState();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return emulator;
}

export { DEMO_DOMAIN };
