// Outlook's throttling of one mailbox (4 concurrent requests, 10,000 per 10 minutes), Exchange's
// sending limit, injected faults and latency, and the counts `stats()` reports.
import { graphError, GraphFailure, type Caller, type GraphResult } from './graph-http.ts';
import type { EmulatorContext } from './context.ts';

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
  /**
   * Holds every admitted Graph request until the returned release is called: a test keeps requests in
   * flight together this way, however slowly the machine delivers them (a fixed latency may run out first).
   */
  hold(): () => void;
}

export const MAILBOX_CONCURRENCY = 4;
export const MAILBOX_QUOTA = 10_000;
/**
 * Exchange Online's message rate limit ("Exchange Online limits", sending limits): 30 messages a minute
 * per mailbox. Every invitation, update to a new attendee and cancellation counts, one per recipient.
 */
const MESSAGES_PER_MINUTE = 30;
const MESSAGE_WINDOW_MS = 60_000;
const QUOTA_WINDOW_MS = 10 * 60 * 1000;

export interface Throttling {
  faults: FaultController;
  /** The latency every Graph request waits for first (`faults.setLatency`). */
  latencyMs: () => number;
  /** What an admitted request waits for while `faults.hold()` holds requests; undefined otherwise. */
  held: () => Promise<void> | undefined;
  /** The first injected fault that matches the request, if any (and counts it against its rule). */
  injectedFault: (
    graphPath: string,
    mailbox: string | undefined,
    inBatch: boolean,
  ) => GraphResult | undefined;
  /** The mailbox (object id) a calendar or event path reaches, if any: Outlook's limits are per mailbox. */
  mailboxOf: (graphPath: string, caller: Caller) => string | undefined;
  /** Outlook's 429 when the mailbox is over a limit; otherwise the request is admitted until `release`. */
  admit: (mailbox: string) => GraphResult | undefined;
  release: (mailbox: string) => void;
  countMessages: (mailboxId: string, messages: number) => void;
  countRequest: () => void;
  countPath: (pathKey: string) => void;
  stats: () => { requests: number; byPath: Record<string, number>; sendingLimitRefusals: number };
  reset: () => void;
}

export function createThrottling(ctx: EmulatorContext, initialLatencyMs: number): Throttling {
  const { now, findPerson } = ctx;
  let rules: Array<FaultRule & { remaining: number }> = [];
  let latencyMs = initialLatencyMs;
  let held: Promise<void> | undefined;
  const active = new Map<string, number>();
  const quota = new Map<string, number[]>();
  /** Per mailbox id: when each recent message (one per recipient) left it. */
  const sent = new Map<string, number[]>();
  let sendingLimitRefusals = 0;
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
    hold: () => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      held = gate;
      return () => {
        if (held === gate) held = undefined;
        release();
      };
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

  const admit = (mailbox: string): GraphResult | undefined => {
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
    return undefined;
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

  return {
    faults,
    latencyMs: () => latencyMs,
    held: () => held,
    injectedFault,
    mailboxOf,
    admit,
    release: (mailbox) => {
      active.set(mailbox, (active.get(mailbox) ?? 1) - 1);
    },
    countMessages,
    countRequest: () => {
      requestCount += 1;
    },
    countPath: (pathKey) => {
      byPath[pathKey] = (byPath[pathKey] ?? 0) + 1;
    },
    stats: () => ({ requests: requestCount, byPath: { ...byPath }, sendingLimitRefusals }),
    reset: () => {
      requestCount = 0;
      for (const key of Object.keys(byPath)) delete byPath[key];
      quota.clear();
      sent.clear();
      sendingLimitRefusals = 0;
      faults.clear();
    },
  };
}
