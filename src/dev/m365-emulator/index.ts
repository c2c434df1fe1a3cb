// A faithful stand-in for the parts of Entra ID and Microsoft Graph v1.0 that Hagukumi uses, over HTTPS,
// for local mode and tests. It follows Graph's documented shapes, limits, errors and throttling.
// This file composes it: one router per resource in its own file (identity, users, teams-apps,
// subscriptions, calendar, batch, admin) over one shared context (context.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createAdminRouter } from './admin.router.ts';
import { createBatchHandler } from './batch.ts';
import { createCalendarChanges } from './calendar-changes.ts';
import { createCalendarRouter } from './calendar.router.ts';
import type { StoredEvent } from './calendars.ts';
import { createEmulatorContext } from './context.ts';
import { createEventStore } from './event-store.ts';
import { graphError, type GraphResult } from './graph-http.ts';
import { createGraphHandler } from './graph.router.ts';
import { createOnlineMeetingsRouter, type AttendanceInput } from './online-meetings.router.ts';
import { BOT_OPENID_PATH, createIdentity } from './identity.ts';
import { loadOrCreateKeys } from './keys.ts';
import { createSchedule } from './schedule.ts';
import { DEMO_DOMAIN, type SeedPerson } from './seed-organisation.ts';
import { createSubscriptionsRouter } from './subscriptions.router.ts';
import {
  createSubscriptionService,
  type EmulatedSubscription,
  type LifecycleEvent,
  type NotificationDelivery,
} from './subscriptions.ts';
import { createTeamsAppsRouter, type EmulatedTeamsApp } from './teams-apps.router.ts';
import { createThrottling, type FaultController } from './throttling.ts';
import { createUsersRouter } from './users.router.ts';
export type { SeedPerson } from './seed-organisation.ts';
export type { FaultController, FaultRule } from './throttling.ts';
export type { EmulatedTeamsApp } from './teams-apps.router.ts';
export type { AttendanceInput } from './online-meetings.router.ts';
export { CONSENTED_APP_ROLES } from './identity.ts';

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
   * As Teams after a meeting: an attendance report of the online meeting behind `joinUrl` in the
   * organizer's calendar (online-meetings.router.ts); the report's id.
   */
  addAttendanceReport(input: AttendanceInput): string;
  /** Grants (default) or takes away the application access policy for a user: without it, 403. */
  setApplicationAccessPolicy(mailbox: string, granted: boolean): void;
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

export async function startM365Emulator(options: M365EmulatorOptions = {}): Promise<M365Emulator> {
  const now = options.now ?? (() => new Date());
  const stateDir = options.stateFile ? path.dirname(options.stateFile) : undefined;
  const hostnames = options.hostnames;
  const keys = loadOrCreateKeys(stateDir, [
    ...(hostnames ? [hostnames.login, hostnames.graph, hostnames.botFramework] : []),
    ...(options.extraTlsNames ?? []),
  ]);
  const ctx = createEmulatorContext({
    now,
    stateFile: options.stateFile,
    organisation: options.organisation,
  });
  const { tenantId, clientId, clientSecret, appIdUri, botClientId, botClientSecret, people, findPerson } =
    ctx;
  const identity = await createIdentity(ctx, keys, { hostnames, appRoles: options.appRoles });
  const throttling = createThrottling(ctx, options.latencyMs ?? 0);
  const subscriptionService = createSubscriptionService({
    now,
    tenantId,
    mailboxOf: (segment) => findPerson(segment)?.id,
  });
  const events = createEventStore(ctx, throttling.countMessages);
  const changes = createCalendarChanges(ctx, subscriptionService, events.renderEvent);
  const users = createUsersRouter(ctx);
  const teamsApps = createTeamsAppsRouter(ctx, { teamsAppExternalId: options.teamsAppExternalId });
  const onlineMeetings = createOnlineMeetingsRouter(ctx);
  // The routers know disjoint paths; the calendar's comes last, as it answers for any other path
  // under /users/{id} or /me (404 for an unknown mailbox).
  const handleGraph = createGraphHandler(throttling, changes, [
    users.route,
    teamsApps.route,
    onlineMeetings.route,
    createSubscriptionsRouter(ctx, subscriptionService),
    createCalendarRouter(ctx, events, changes, createSchedule(ctx)),
  ]);
  const handleBatch = createBatchHandler(handleGraph, throttling.mailboxOf);

  const setOnlineMeetingProviders = (mailbox: string, providers: Array<'teamsForBusiness'>) => {
    const person = findPerson(mailbox);
    if (!person) throw new Error(`no mailbox ${mailbox}`);
    events.setOnlineMeetingProviders(person.id, providers);
  };
  const reset = () => {
    ctx.state.created = [];
    ctx.state.installedFor = new Set();
    teamsApps.reset();
    onlineMeetings.reset();
    subscriptionService.clear();
    throttling.reset();
    events.reset();
    ctx.saveState();
  };
  const admin = createAdminRouter(ctx, {
    faults: throttling.faults,
    stats: throttling.stats,
    reset,
    setOnlineMeetingProviders,
    addAttendanceReport: onlineMeetings.addAttendanceReport,
    setApplicationAccessPolicy: onlineMeetings.setApplicationAccessPolicy,
  });

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
    const url = new URL(req.url ?? '/', ctx.urls.login);
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    throttling.countRequest();
    const identityResult = await identity.route(method, url, text);
    if (identityResult) return send(res, identityResult);

    if (url.pathname.startsWith('/_emulator/')) return send(res, admin(method, url.pathname, text));

    if (url.pathname.startsWith('/v1.0/')) {
      const caller = await identity.authenticateGraph(req.headers.authorization);
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
        throttling.countPath('/$batch');
        const fault = throttling.injectedFault('/$batch', undefined, false);
        return send(res, fault ?? (await handleBatch(body, caller, headers)));
      }
      return send(
        res,
        await handleGraph(method, `${url.pathname}${url.search}`, headers, body, caller, false),
      );
    }
    return send(res, graphError(404, 'NotFound', `No endpoint at ${url.pathname}`));
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
  Object.assign(ctx.urls, { base: baseUrl, login: loginUrl, graph: graphUrl, botFramework: botFrameworkUrl });

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
      tokenIssuer: identity.botTokenIssuer(),
      issueChannelToken: identity.issueChannelToken,
    },
    people,
    teamsApp: teamsApps.teamsApp,
    issueSsoToken: identity.issueSsoToken,
    registerClientCertificate: identity.registerClientCertificate,
    registerFederatedCredential: identity.registerFederatedCredential,
    issueManagedIdentityToken: identity.issueManagedIdentityToken,
    signJwt: (payload, signOptions) =>
      identity.sign(payload, signOptions?.unknownKey ? identity.strangerKey : identity.signingKey),
    faults: throttling.faults,
    stats: throttling.stats,
    setOnlineMeetingProviders,
    addAttendanceReport: onlineMeetings.addAttendanceReport,
    setApplicationAccessPolicy: onlineMeetings.setApplicationAccessPolicy,
    expireDeltaLinks: users.expireDeltaLinks,
    subscriptions: {
      all: () => subscriptionService.all(),
      deliveries: () => subscriptionService.deliveries(),
      sendLifecycle: (id, event) => subscriptionService.sendLifecycle(id, event),
      dropChangeNotifications: (drop) => subscriptionService.dropChangeNotifications(drop),
      settled: () => subscriptionService.settled(),
    },
    eventsOf: (mailbox) => {
      const person = findPerson(mailbox);
      return person ? ctx.eventsOf(person.id) : [];
    },
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return emulator;
}

export { DEMO_DOMAIN };
