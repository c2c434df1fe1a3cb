// Pacing of proactive bot messages under Teams' rate limits, as pure bookkeeping over an injected clock.
//
// Teams counts a message when it *arrives*, which we cannot see: it is somewhere between the moment we
// start the request and the moment its answer reaches us. So a request occupies its slot from its start
// until its answer (for ever while in flight), and a slot stops counting for a window of length W only
// once its answer is older than W. Then, whatever the network delays, no window of the connector ever
// holds more than the limit: for any window, the request in it that started last saw every other one as
// still counting when it asked, and was refused if that made one too many. The price is the round trip
// added to every window (about 1 % at a few milliseconds of latency).

/** At most `limit` requests in any `windowMs` milliseconds. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Teams' limits for a bot posting to one conversation (../shared/REFERENCE.md). */
export const CONVERSATION_LIMITS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1000 },
  { limit: 8, windowMs: 2000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

/** About 30 requests a second per app per tenant, every conversation together. */
export const TENANT_LIMITS: readonly RateWindow[] = [{ limit: 30, windowMs: 1000 }];

/** What a request counts against: its tenant always, its conversation when it posts into one. */
export interface PacerScope {
  tenantId: string;
  /** Absent for requests outside a conversation (creating a 1:1 conversation). */
  conversationId?: string | undefined;
}

/** A granted request; hand it back to `complete` when its answer arrives. */
export interface PacerSlot {
  readonly scope: PacerScope;
  readonly start: number;
}

export type PacerDecision =
  | { granted: true; slot: PacerSlot }
  /** `blockedBy`: the tenant (nothing else can go either) or only this conversation (others may). */
  | { granted: false; waitMs: number; blockedBy: 'tenant' | 'conversation' };

export interface BotPacerOptions {
  clock: () => number;
  conversationLimits?: readonly RateWindow[];
  tenantLimits?: readonly RateWindow[];
}

interface Entry {
  start: number;
  /** When the answer arrived; Infinity while the request is in flight. */
  end: number;
}

interface Bucket {
  limits: readonly RateWindow[];
  horizonMs: number;
  entries: Entry[];
  /** Nothing goes before this time (a 429's Retry-After). */
  pausedUntil: number;
}

export function createBotPacer(options: BotPacerOptions) {
  const conversationLimits = options.conversationLimits ?? CONVERSATION_LIMITS;
  const tenantLimits = options.tenantLimits ?? TENANT_LIMITS;
  const buckets = new Map<string, Bucket>();
  const slotEntries = new WeakMap<PacerSlot, Entry[]>();

  const bucketKeys = (scope: PacerScope): Array<{ key: string; limits: readonly RateWindow[] }> => [
    { key: `tenant:${scope.tenantId}`, limits: tenantLimits },
    ...(scope.conversationId
      ? [{ key: `conversation:${scope.conversationId}`, limits: conversationLimits }]
      : []),
  ];

  const bucketOf = (key: string, limits: readonly RateWindow[]): Bucket => {
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = {
        limits,
        horizonMs: Math.max(...limits.map((limit) => limit.windowMs)),
        entries: [],
        pausedUntil: 0,
      };
      buckets.set(key, bucket);
    }
    return bucket;
  };

  // Entries whose answer is older than the longest window count for nothing any more.
  const prune = (bucket: Bucket, now: number) => {
    const cutoff = now - bucket.horizonMs;
    if (bucket.entries.length > 0 && bucket.entries.some((entry) => entry.end <= cutoff))
      bucket.entries = bucket.entries.filter((entry) => entry.end > cutoff);
  };

  /** How long until this bucket allows one more request; 0 when it does now. */
  const waitOf = (bucket: Bucket, now: number): number => {
    prune(bucket, now);
    let wait = Math.max(0, bucket.pausedUntil - now);
    for (const { limit, windowMs } of bucket.limits) {
      const counting = bucket.entries.filter((entry) => entry.end > now - windowMs);
      if (counting.length < limit) continue;
      // The window frees up when enough of the counting answers have aged past it. An answer still
      // awaited has no known end: assume one window from now (the caller also wakes on every answer).
      const ends = counting.map((entry) => entry.end).sort((a, b) => b - a);
      const freeing = ends[limit - 1]!;
      const until = Number.isFinite(freeing) ? freeing + windowMs : now + windowMs;
      wait = Math.max(wait, until - now);
    }
    return wait;
  };

  return {
    /** Takes a slot now if every window of the scope allows it; otherwise says how long to wait. */
    acquire(scope: PacerScope): PacerDecision {
      const now = options.clock();
      const involved = bucketKeys(scope).map(({ key, limits }) => bucketOf(key, limits));
      const waits = involved.map((bucket) => waitOf(bucket, now));
      const waitMs = Math.max(...waits);
      if (waitMs > 0) return { granted: false, waitMs, blockedBy: waits[0]! > 0 ? 'tenant' : 'conversation' };
      const slot: PacerSlot = { scope, start: now };
      const entries = involved.map((bucket) => {
        const entry: Entry = { start: now, end: Number.POSITIVE_INFINITY };
        bucket.entries.push(entry);
        return entry;
      });
      slotEntries.set(slot, entries);
      return { granted: true, slot };
    },

    /** The answer to a granted request arrived (success or failure: either way Teams counted it). */
    complete(slot: PacerSlot): void {
      const now = options.clock();
      for (const entry of slotEntries.get(slot) ?? []) entry.end = Math.max(entry.start, now);
      slotEntries.delete(slot);
    },

    /** Teams said "not before `until`" (429 with Retry-After): nothing more goes to that scope before. */
    pause(scope: PacerScope, until: number): void {
      // A conversation's 429 holds that conversation; a 429 outside one holds the tenant.
      const [tenant, conversation] = bucketKeys(scope);
      const target = conversation ?? tenant!;
      const bucket = bucketOf(target.key, target.limits);
      bucket.pausedUntil = Math.max(bucket.pausedUntil, until);
    },

    /**
     * A request made before this pacer existed (another instance, before a restart), from `startedAt` to
     * `answeredAt`. A request whose answer nobody saw is given the latest its answer can come: it counts
     * as in flight until then, and for a whole window after.
     */
    record(scope: Partial<PacerScope>, answeredAt: number, startedAt = answeredAt): void {
      const keys = [
        ...(scope.tenantId ? [{ key: `tenant:${scope.tenantId}`, limits: tenantLimits }] : []),
        ...(scope.conversationId
          ? [{ key: `conversation:${scope.conversationId}`, limits: conversationLimits }]
          : []),
      ];
      for (const { key, limits } of keys) {
        const bucket = bucketOf(key, limits);
        bucket.entries.push({ start: Math.min(startedAt, answeredAt), end: answeredAt });
      }
    },

    /** Forgets conversations with nothing counting any more, so a long-running worker stays small. */
    sweep(): void {
      const now = options.clock();
      for (const [key, bucket] of buckets) {
        prune(bucket, now);
        if (bucket.entries.length === 0 && bucket.pausedUntil <= now) buckets.delete(key);
      }
    },
  };
}

export type BotPacer = ReturnType<typeof createBotPacer>;
