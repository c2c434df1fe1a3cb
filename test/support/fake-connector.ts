// A Bot Framework connector over HTTP that holds the bot to Teams' limits: per conversation 7 per 1 s,
// 8 per 2 s, 60 per 30 s, 1,800 per hour, and 30 per second for the tenant, counted when a request
// arrives. Over a limit it answers 429 with Retry-After and does not take the message. It records every
// activity it took, so tests can count lost and duplicated messages, and it can be told to misbehave.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface AcceptedActivity {
  id: string;
  conversationId: string;
  activity: {
    type?: string;
    text?: string;
    attachments?: Array<{ contentType: string; content: unknown }>;
  };
  at: number;
  /** The Authorization header it came with (the bot's token), as a real connector would check it. */
  authorization: string | undefined;
}

export interface CreatedConversation {
  id: string;
  memberId: string;
  tenantId: string | undefined;
  botId: string | undefined;
}

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface FakeConnectorOptions {
  conversationLimits?: RateWindow[];
  tenantLimits?: RateWindow[];
  clock?: () => number;
  /** Added before every answer (after the request was counted), like the way back from Teams. */
  latencyMs?: number;
  /**
   * Serve https as `hostname` (which must resolve to 127.0.0.1) with this certificate: production
   * accepts only https connectors on the hosts it allows (BOT_SERVICE_URL_HOSTS).
   */
  tls?: { hostname: string; certPem: string; keyPem: string };
  /**
   * Who has the app: Teams takes a proactive 1:1 message only for someone who has it installed and
   * answers 403 otherwise ("Send proactive messages"; "Status codes from bot conversational APIs").
   * With this, creating a 1:1 conversation with a member who has no installation, and posting into the
   * 1:1 chat of such a member, are refused. The emulator's `teamsApp` fits (installations through Graph).
   */
  installations?: {
    isInstalledFor(memberId: string): boolean;
    /** The member of a 1:1 chat id; undefined for ids that are not such a chat. */
    memberOfChat(conversationId: string): string | undefined;
  };
}

type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number | undefined }
  | { kind: 'slow'; delayMs: number };

export interface FakeConnector {
  /** The serviceUrl to give the bot. */
  url: string;
  accepted: AcceptedActivity[];
  created: CreatedConversation[];
  /** 429s answered because a limit was exceeded (not counting injected ones). */
  throttled: number;
  /** Every request that reached it, answered or not. */
  requests: number;
  /** Every answer given, in order, with the time the request arrived. */
  answers: Array<{ at: number; status: number; path: string }>;
  /** The next `count` requests answer `status` (429 with `retryAfterSeconds` if given) and take nothing. */
  failNext(status: number, count?: number, options?: { retryAfterSeconds?: number }): void;
  /** Requests refused because the member had no installation of the app. */
  refusedUninstalled: number;
  /** The next `count` requests are answered only after `delayMs` (and then taken as usual). */
  slowNext(delayMs: number, count?: number): void;
  /** Messages taken per conversation. */
  countByConversation(): Map<string, number>;
  close(): Promise<void>;
}

export const TEAMS_CONVERSATION_LIMITS: RateWindow[] = [
  { limit: 7, windowMs: 1000 },
  { limit: 8, windowMs: 2000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];
export const TEAMS_TENANT_LIMITS: RateWindow[] = [{ limit: 30, windowMs: 1000 }];

/** Arrival times in a sliding window; says how long until one more fits. */
class Meter {
  private arrivals: number[] = [];
  private readonly horizon: number;
  constructor(private readonly limits: RateWindow[]) {
    this.horizon = Math.max(...limits.map((limit) => limit.windowMs));
  }
  /** 0 when one more arrival at `now` stays within every window; otherwise ms until it would. */
  waitAt(now: number): number {
    while (this.arrivals.length > 0 && this.arrivals[0]! <= now - this.horizon) this.arrivals.shift();
    let wait = 0;
    for (const { limit, windowMs } of this.limits) {
      const inWindow = this.arrivals.filter((at) => at > now - windowMs);
      if (inWindow.length >= limit)
        wait = Math.max(wait, inWindow[inWindow.length - limit]! + windowMs - now);
    }
    return wait;
  }
  add(now: number): void {
    this.arrivals.push(now);
  }
}

export async function startFakeConnector(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const clock = options.clock ?? Date.now;
  const conversationLimits = options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS;
  const tenant = new Meter(options.tenantLimits ?? TEAMS_TENANT_LIMITS);
  const conversations = new Map<string, Meter>();
  const faults: Fault[] = [];
  let sequence = 0;

  const connector: FakeConnector = {
    url: '',
    accepted: [],
    created: [],
    throttled: 0,
    refusedUninstalled: 0,
    requests: 0,
    answers: [],
    failNext(status, count = 1, faultOptions = {}) {
      for (let index = 0; index < count; index += 1)
        faults.push({ kind: 'status', status, retryAfterSeconds: faultOptions.retryAfterSeconds });
    },
    slowNext(delayMs, count = 1) {
      for (let index = 0; index < count; index += 1) faults.push({ kind: 'slow', delayMs });
    },
    countByConversation() {
      const counts = new Map<string, number>();
      for (const entry of connector.accepted)
        counts.set(entry.conversationId, (counts.get(entry.conversationId) ?? 0) + 1);
      return counts;
    },
    close: () => Promise.resolve(),
  };

  const latencyMs = options.latencyMs ?? 0;
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const answer = () => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (latencyMs > 0) setTimeout(answer, latencyMs);
    else answer();
  };
  const errorBody = (code: string, message: string) => ({ error: { code, message } });

  const readJson = async (req: IncomingMessage): Promise<unknown> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as unknown) : {};
  };

  // Counted at arrival, as Teams does: the request passes the limits or is refused with a 429.
  const admit = (res: ServerResponse, conversationId: string | undefined, now: number): boolean => {
    const meters = [tenant];
    if (conversationId) {
      let meter = conversations.get(conversationId);
      if (!meter) {
        meter = new Meter(conversationLimits);
        conversations.set(conversationId, meter);
      }
      meters.push(meter);
    }
    const wait = Math.max(...meters.map((meter) => meter.waitAt(now)));
    if (wait > 0) {
      connector.throttled += 1;
      send(res, 429, errorBody('TooManyRequests', 'Too many requests'), {
        'retry-after': String(Math.max(1, Math.ceil(wait / 1000))),
      });
      return false;
    }
    for (const meter of meters) meter.add(now);
    return true;
  };

  const installations = options.installations;
  const refuseUninstalled = (res: ServerResponse) => {
    connector.refusedUninstalled += 1;
    send(
      res,
      403,
      errorBody('BotNotInConversationRoster', 'The bot is not part of the conversation roster.'),
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = clock();
    connector.requests += 1;
    const url = new URL(req.url ?? '/', 'http://connector');
    res.on('finish', () =>
      connector.answers.push({ at: arrivedAt, status: res.statusCode, path: url.pathname }),
    );
    const body = await readJson(req).catch(() => undefined);
    const fault = faults.shift();
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.kind === 'status') {
      send(
        res,
        fault.status,
        errorBody(`Injected${fault.status}`, `injected ${fault.status}`),
        fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {},
      );
      return;
    }
    if (body === undefined) {
      send(res, 400, errorBody('BadSyntax', 'The body is not JSON.'));
      return;
    }
    const activityPath = /^\/v3\/conversations\/([^/]+)\/activities\/?$/.exec(url.pathname);
    if (req.method === 'POST' && activityPath) {
      const conversationId = decodeURIComponent(activityPath[1]!);
      const member = installations?.memberOfChat(conversationId);
      if (member !== undefined && !installations!.isInstalledFor(member)) {
        refuseUninstalled(res);
        return;
      }
      if (!admit(res, conversationId, arrivedAt)) return;
      sequence += 1;
      const id = `activity-${sequence}`;
      connector.accepted.push({
        id,
        conversationId,
        activity: body as AcceptedActivity['activity'],
        at: arrivedAt,
        authorization: req.headers.authorization,
      });
      send(res, 201, { id });
      return;
    }
    if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(url.pathname)) {
      const request = body as {
        isGroup?: boolean;
        bot?: { id?: string };
        members?: Array<{ id?: string }>;
        tenantId?: string;
      };
      const memberId = request.members?.[0]?.id;
      if (request.isGroup || !memberId || request.members?.length !== 1) {
        send(res, 400, errorBody('BadArgument', 'One member and isGroup false are required.'));
        return;
      }
      if (installations && !installations.isInstalledFor(memberId)) {
        refuseUninstalled(res);
        return;
      }
      if (!admit(res, undefined, arrivedAt)) return;
      // Teams answers with the same 1:1 conversation for the same member.
      const id = `a:personal-${memberId}`;
      if (!connector.created.some((entry) => entry.id === id))
        connector.created.push({ id, memberId, tenantId: request.tenantId, botId: request.bot?.id });
      send(res, 201, { id });
      return;
    }
    send(res, 404, errorBody('NotFound', `No route for ${req.method ?? ''} ${url.pathname}`));
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody('ServerError', String(error)));
    });
  };
  const tls = options.tls;
  const server: Server = tls
    ? createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, listener)
    : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  connector.url = tls ? `https://${tls.hostname}:${port}` : `http://127.0.0.1:${port}`;
  connector.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return connector;
}
