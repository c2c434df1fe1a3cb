// The one way the app posts to Teams without being spoken to. `enqueue` writes each message to the
// bot_outbox table (inside the caller's transaction when given one), so a message exists before anyone is
// told it will be sent; the worker posts the table out through the connector, paced under Teams' limits.
//
// Never twice: a row is leased (and its attempt counted) before it is posted; it is posted only while
// that lease outlasts the request (the connector's timeout), so no other worker can hold it meanwhile;
// and it is marked sent by the first write after the connector's answer. What remains is the gap between
// the connector taking the message and that write: a crash there, or an answer lost on the network
// (timeout, reset) after Teams took the message, leaves the row pending, and it is posted again once the
// lease runs out. The connector has no idempotency key for activities, so this window cannot be closed:
// after a crash it is every request still awaiting its answer (at most `concurrency`, 16), not one.
//
// One sender at a time: a worker drains only while it holds the sender lease (bot_outbox_sender), which
// it renews every few seconds together with the leases of the rows it holds but has not posted yet. A
// worker that dies stops renewing; a standby (any other instance's drain) takes the sender lease once it
// has run out (20 s), and the dead worker's rows once theirs have (40 s): the outbox resumes within a
// minute of a crash, whatever the job queue does with the dead instance's job.
//
// One pacer for the tenant: every request is written to bot_outbox_requests before it leaves, by a
// statement that succeeds only while its worker owns the sender row (and locks it meanwhile), and gets its
// answer time when the answer arrives. A new sender primes its pacer from there: the tenant's window, each
// conversation's, and the previous sender's requests still in flight, counted until they must have ended.
import { randomUUID } from 'node:crypto';
import { entraIdentities, type BotIdentities } from './bot-identities.ts';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/app-error.ts';
import { telemetry } from '../telemetry/metrics.ts';
import { messageOf } from '../jobs/outbox.ts';
import type { Logger } from '../logger.ts';
import { GraphError } from '../graph/graph-errors.ts';
import { ConnectorError, type BotConnector } from './bot-connector.ts';
import type { BotMessage, BotMessages, BotMessageStatus } from './bot-messages.port.ts';
import { botOutbox, botOutboxRequests, botOutboxSender } from './bot-outbox.schema.ts';
import { createBotPacer, type BotPacer, type PacerScope, type PacerSlot } from './bot-pacer.ts';
import { conversationReferences } from './conversation-references.schema.ts';
import type { PersonalAppInstaller } from './personal-app-installer.port.ts';
import type {
  ConversationReferenceRow,
  ConversationReferenceStore,
  TeamInstallationRow,
} from './conversation-references.store.ts';

const recipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), personId: z.string().min(1).max(256) }),
  z.object({
    kind: z.literal('channel'),
    teamId: z.string().min(1).max(1024),
    channelId: z.string().min(1).max(1024),
  }),
]);

const messageSchema = z
  .object({
    key: z.string().min(1).max(512),
    recipient: recipientSchema,
    text: z.string().max(28_000).optional(),
    attachments: z
      .array(
        z.object({ contentType: z.literal('application/vnd.microsoft.card.adaptive'), content: z.unknown() }),
      )
      .max(10)
      .optional(),
    notBefore: z.date().optional(),
  })
  .refine((message) => message.text !== undefined || (message.attachments?.length ?? 0) > 0, {
    message: 'A bot message needs text or an attachment.',
  });

type OutboxRow = typeof botOutbox.$inferSelect;

export interface BotOutboxOptions {
  db: Db;
  /** Called after messages were stored, to wake the worker; `inTransaction` when the caller's tx is still open. */
  onEnqueued?: (inTransaction: boolean) => Promise<void>;
}

const INSERT_CHUNK = 500;

/** The BotMessages port over the bot_outbox table. */
export function createBotOutbox(options: BotOutboxOptions): BotMessages {
  const { db } = options;
  return {
    async enqueue(messages: BotMessage[], tx?: Db): Promise<void> {
      if (messages.length === 0) return;
      const parsed = z.array(messageSchema).safeParse(messages);
      if (!parsed.success)
        throw new AppError(
          'validation_failed',
          'A bot message is malformed.',
          parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        );
      const rows = parsed.data.map((message) => ({
        key: message.key,
        recipient: message.recipient,
        payload: {
          ...(message.text !== undefined ? { text: message.text } : {}),
          ...(message.attachments ? { attachments: message.attachments } : {}),
        },
        ...(message.notBefore ? { nextAttemptAt: message.notBefore } : {}),
      }));
      const target = tx ?? db;
      for (let index = 0; index < rows.length; index += INSERT_CHUNK) {
        // A key already there (a retried job, a double click) keeps its first message: posted once.
        await target
          .insert(botOutbox)
          .values(rows.slice(index, index + INSERT_CHUNK))
          .onConflictDoNothing({ target: botOutbox.key });
      }
      if (!options.onEnqueued) return;
      // Inside the caller's transaction the wake-up must not wait: on PGlite (one connection) the queue's
      // insert would wait for that very transaction. A lost wake-up only costs time: the sweep finds the rows.
      if (tx) void options.onEnqueued(true).catch(() => undefined);
      else await options.onEnqueued(false);
    },

    async status(keys: string[]): Promise<Map<string, BotMessageStatus>> {
      const result = new Map<string, BotMessageStatus>();
      const unique = [...new Set(keys)];
      for (let index = 0; index < unique.length; index += INSERT_CHUNK) {
        const rows = await db
          .select({
            key: botOutbox.key,
            state: botOutbox.state,
            attempts: botOutbox.attempts,
            sentAt: botOutbox.sentAt,
            error: botOutbox.error,
          })
          .from(botOutbox)
          .where(inArray(botOutbox.key, unique.slice(index, index + INSERT_CHUNK)));
        for (const row of rows) result.set(row.key, row);
      }
      return result;
    },
  };
}

export interface BotOutboxWorkerOptions {
  db: Db;
  conversations: ConversationReferenceStore;
  connector: BotConnector;
  logger: Logger;
  /** Milliseconds since the epoch; the pacer and all due times follow it. */
  clock?: () => number;
  /** How long a worker holds claimed rows; longer than the connector's timeout. Renewed while waiting. */
  leaseMs?: number;
  /** Names this worker in the leases it holds (a random id unless told). */
  workerId?: string;
  /**
   * The sender lease: only one worker drains at a time, and it renews this lease every `heartbeatMs`.
   * A worker that dies stops renewing; another takes over once it has run out. Default: half the row lease.
   */
  senderLeaseMs?: number;
  /** How often a draining worker renews its sender lease and its claimed rows' leases. */
  heartbeatMs?: number;
  /**
   * How long a drain waits, as a standby, for a sender lease another worker holds while messages are
   * pending (default: the longest drain). The standby takes over as soon as that lease runs out.
   */
  standbyMs?: number;
  /** A claimed row is posted only while this much of its lease is left (default: 20 s or half the lease). */
  leaseSafetyMs?: number;
  /** First wait after a retryable failure; doubles per attempt (with jitter) up to 15 minutes. */
  retryBaseMs?: number;
  /** Retryable failures before giving up on a message. */
  maxAttempts?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** The bot's channel account id, for creating a 1:1 conversation when no stored reference names it. */
  botId?: string | undefined;
  /** Whom to name when creating a person's 1:1 chat (their Entra object id unless told otherwise). */
  identities?: BotIdentities | undefined;
  /**
   * Teams takes a 1:1 message only for someone who has the app: with an installer, a person without a
   * stored 1:1 chat gets the app installed (Graph) and the installation's chat is used. Without one (local
   * mode, the Agents Playground has no Graph), the connector is asked to create the conversation.
   */
  installer?: PersonalAppInstaller | undefined;
  /**
   * For a first 1:1 chat when no conversation or team installation ever gave the tenant's serviceUrl (the
   * documented endpoint for proactive messages), with the tenant it is for. A learnt one is preferred.
   */
  proactiveServiceUrl?: string | undefined;
  tenantId?: string | undefined;
  pacer?: BotPacer;
  /** For jitter; tests pass a fixed one. */
  random?: () => number;
  /** A drain returns after this long even with work left, so its job ends and the next one goes on. */
  maxDrainMs?: number;
  /** A drain stays while the next message is due within this long (default 30 s). */
  lingerMs?: number;
  /** Told how many requests this worker has in flight whenever that changes (the failover bench). */
  onInFlight?: (count: number) => void;
  /**
   * Calls `done` after `ms` by the clock and returns a cancel: the worker's waits. Default: setTimeout.
   * Tests that drive `clock` themselves pass one that follows it, so pacing runs in their time.
   */
  timer?: (done: () => void, ms: number) => () => void;
}

export interface BotOutboxCounts {
  sent: number;
  /** 429 answers received. */
  throttled: number;
  /** Retryable failures put back for another try (429, 412, 502, 504, network). */
  retried: number;
  failed: number;
  /** Of the failed: people for whom the organisation refused to install the app (403), given up for good. */
  installRefused: number;
  /** Put back untried because the pacer would hold them longer than is worth keeping a lease. */
  deferred: number;
}

export interface DrainResult extends BotOutboxCounts {
  /** When the next pending message is due, if any is left. */
  nextDueAt: Date | null;
}

interface Target {
  serviceUrl: string;
  conversationId: string;
  tenantId: string;
}

interface WorkItem {
  row: OutboxRow;
  /** Where it goes, once known; a person without a 1:1 conversation needs one created first. */
  target: Target | undefined;
  /**
   * `userAadId` names the member for the connector; the reference is remembered under `personId`. `via`:
   * install the app for the person through Graph and use its chat, or ask the connector to create one.
   */
  create?: {
    serviceUrl: string;
    tenantId: string;
    botId: string;
    userAadId: string;
    personId: string;
    via: 'install' | 'connector';
  };
}

const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);
const CLAIM_SIZE = 100;
/** Per recipient in one claim: a conversation's burst (7 a second). */
const PER_RECIPIENT_CLAIM = 7;
/** Refill when fewer than this many claimed messages wait in memory... */
const REFILL_BELOW = 40;
/** ...or, while the tenant has room that only other conversations could use, up to this many. */
const MAX_READY = 400;
/** A pacing wait longer than this hands the row back (with its due time) instead of holding its lease. */
const DEFER_AFTER_MS = 5000;
/**
 * Stay in the drain while the next message is due within this long (a retry, a conversation's 30-second
 * window), looking for new rows every second, instead of leaving it to the per-minute sweep.
 */
const LINGER_MS = 30_000;
const UNKNOWN_TENANT = 'unknown';
const HOUR_MS = 3_600_000;
/** Ledger entries older than this count for nothing (the longest window is an hour): deleted at priming. */
const LEDGER_KEEP_MS = 2 * HOUR_MS;

/** A request about to start, as the tenant's ledger (bot_outbox_requests) holds it. */
interface LedgerEntry {
  id: string;
  outboxId: string;
  tenantId: string;
  conversationId: string | null;
  startedAt: number;
  settleUntil: number;
}

export function createBotOutboxWorker(options: BotOutboxWorkerOptions) {
  const { db, conversations, connector, logger } = options;
  const identities = options.identities ?? entraIdentities;
  const clock = options.clock ?? Date.now;
  const leaseMs = options.leaseMs ?? 40_000;
  const workerId = options.workerId ?? randomUUID();
  const senderLeaseMs = options.senderLeaseMs ?? Math.min(20_000, leaseMs / 2);
  const heartbeatMs = options.heartbeatMs ?? senderLeaseMs / 4;
  const retryBaseMs = options.retryBaseMs ?? 2000;
  const maxAttempts = options.maxAttempts ?? 12;
  const concurrency = options.concurrency ?? 16;
  const random = options.random ?? Math.random;
  const maxDrainMs = options.maxDrainMs ?? 5 * 60_000;
  // Longer than a request may take (the connector's timeout), so a post never outlives its lease.
  const leaseSafetyMs = options.leaseSafetyMs ?? Math.min(20_000, leaseMs / 2);
  const standbyMs = options.standbyMs ?? maxDrainMs;
  const lingerMs = options.lingerMs ?? LINGER_MS;
  // A fresh pacer for every drain (primed from the table): the previous sender, on this instance or
  // another, may have posted since. An injected pacer (tests) is kept and primed once.
  let pacer = options.pacer ?? createBotPacer({ clock });
  // Like jobs/outbox.ts, but the attempt is counted in the same statement that takes the lease: a claimed
  // row goes out at the pacer's first opening, with no database write between its slot and its request.
  const claim = async (now: Date): Promise<OutboxRow[]> => {
    const free = or(isNull(botOutbox.leaseUntil), lt(botOutbox.leaseUntil, now));
    // At most a burst's worth per recipient, taken round-robin (every recipient's oldest first, then their
    // second...): a claim spreads over many conversations, which keeps the tenant busy while each waits for
    // its own window, and busy conversations progress together instead of the last ones trailing alone.
    const due = db
      .select({
        id: botOutbox.id,
        nextAttemptAt: botOutbox.nextAttemptAt,
        createdAt: botOutbox.createdAt,
        rank: sql<number>`row_number() over (partition by ${botOutbox.recipient} order by ${botOutbox.nextAttemptAt}, ${botOutbox.createdAt})`.as(
          'rank',
        ),
      })
      .from(botOutbox)
      .where(and(eq(botOutbox.state, 'pending'), lte(botOutbox.nextAttemptAt, now), free))
      .as('due');
    const candidates = db
      .select({ id: due.id })
      .from(due)
      .where(lte(due.rank, PER_RECIPIENT_CLAIM))
      .orderBy(asc(due.rank), asc(due.nextAttemptAt), asc(due.createdAt))
      .limit(CLAIM_SIZE);
    const claimed = await db
      .update(botOutbox)
      .set({
        leaseUntil: new Date(now.getTime() + leaseMs),
        leaseOwner: workerId,
        attempts: sql`${botOutbox.attempts} + 1`,
      })
      .where(
        and(
          inArray(botOutbox.id, candidates),
          eq(botOutbox.state, 'pending'),
          free,
          // Only the sender claims: a worker whose sender lease ran out (it stalled, another took over)
          // takes nothing more, even before its next heartbeat tells it so.
          sql`exists (select 1 from ${botOutboxSender} where ${botOutboxSender.owner} = ${workerId} and ${botOutboxSender.leaseUntil} > ${now})`,
        ),
      )
      .returning();
    // Lag: how long each message had been due (its notBefore, retry or deferral time) when it was taken.
    for (const row of claimed)
      telemetry.recordOutboxLag((now.getTime() - row.nextAttemptAt.getTime()) / 1000);
    return claimed.sort(
      (a, b) =>
        a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() ||
        a.createdAt.getTime() - b.createdAt.getTime(),
    );
  };
  const totals: BotOutboxCounts = zero();
  let primed = false;
  let running: Promise<DrainResult> | undefined;
  let stopping = false;
  /** Wakes the drain loop: an answer arrived, a timer ran out, or stop() was called. */
  let wake: (() => void) | undefined;
  const poke = () => wake?.();

  /** Claimed rows waiting to be posted in the running drain: the heartbeat renews their leases. */
  let waiting: WorkItem[] = [];
  /** When each request in flight started: one older than a row lease has hung. */
  const requestStarts = new Set<{ at: number }>();
  /** This worker holds the sender lease (a drain is running here). */
  let holding = false;
  /** The sender lease ran out and someone else took it: the drain stops claiming and posting. */
  let lostSender = false;

  /** Requests started (written to the ledger) whose outcome is not written yet: the duplicate window. */
  let requestsInFlight = 0;
  const countInFlight = (delta: number) => {
    requestsInFlight += delta;
    options.onInFlight?.(requestsInFlight);
  };

  /**
   * Writes the requests about to start to the tenant's ledger (bot_outbox_requests), in one statement
   * that also checks this worker still owns the sender row, and locks that row (FOR SHARE) while it
   * does: a standby's take-over waits for this insert, or this insert sees the new owner and writes
   * nothing. So every request any worker starts is either in the ledger before the next sender primes
   * its pacer, or never started. False: the sender lease is someone else's now; start nothing.
   */
  const recordStarts = async (entries: LedgerEntry[]): Promise<boolean> => {
    const values = sql.join(
      entries.map(
        (entry) =>
          sql`(${entry.id}::uuid, ${entry.outboxId}::uuid, ${entry.tenantId}::text, ${entry.conversationId}::text, ${new Date(entry.startedAt).toISOString()}::timestamptz, ${new Date(entry.settleUntil).toISOString()}::timestamptz)`,
      ),
      sql`, `,
    );
    const result: unknown = await db.execute(sql`
      insert into bot_outbox_requests (id, owner, outbox_id, tenant_id, conversation_id, started_at, settle_until)
      select v.id, ${workerId}, v.outbox_id, v.tenant_id, v.conversation_id, v.started_at, v.settle_until
      from (values ${values}) as v (id, outbox_id, tenant_id, conversation_id, started_at, settle_until)
      where exists (
        select 1 from bot_outbox_sender where name = 'sender' and owner = ${workerId} for share
      )
      returning id`);
    return (result as { rows: unknown[] }).rows.length === entries.length;
  };

  /** The answer to a ledger entry arrived (whatever it said, Teams counted the request). */
  const recordAnswer = (id: string, at: number): Promise<void> =>
    db
      .update(botOutboxRequests)
      .set({ answeredAt: new Date(at) })
      .where(eq(botOutboxRequests.id, id))
      .then(
        () => undefined,
        // Unwritten, the entry counts as in flight until its settleUntil for the next sender: safe, only slower.
        (error: unknown) => logger.warn({ err: error }, 'bot outbox could not record an answer'),
      );

  /** Takes the sender lease if it is free, ran out or is already ours; renews it if ours. */
  const takeSender = async (): Promise<boolean> => {
    const now = clock();
    const until = new Date(now + senderLeaseMs);
    const taken = await db
      .insert(botOutboxSender)
      .values({ name: 'sender', owner: workerId, leaseUntil: until })
      .onConflictDoUpdate({
        target: botOutboxSender.name,
        set: { owner: workerId, leaseUntil: until },
        setWhere: or(eq(botOutboxSender.owner, workerId), lt(botOutboxSender.leaseUntil, new Date(now))),
      })
      .returning({ owner: botOutboxSender.owner });
    return taken.length > 0;
  };

  const releaseSender = async () => {
    await db
      .delete(botOutboxSender)
      .where(and(eq(botOutboxSender.name, 'sender'), eq(botOutboxSender.owner, workerId)));
  };

  /**
   * Renews the sender lease and the leases of the claimed rows not yet posted (a request in flight keeps
   * the lease it was started under, which outlasts the connector's timeout). False when the sender lease
   * was lost: this worker was too slow to renew, and another may be draining now.
   */
  const renew = async (): Promise<boolean> => {
    // Stopping: let the lease run out, so that a worker whose last requests hang does not hold up others.
    if (!holding || lostSender || stopping) return false;
    const hungSince = clock() - leaseMs;
    if ([...requestStarts].some((start) => start.at < hungSince)) {
      // A request outlived the lease it was started under: this worker is stuck, let another send.
      lostSender = true;
      logger.warn({ workerId }, 'bot outbox request hung past its lease; handing the sending over');
      poke();
      return false;
    }
    if (!(await takeSender())) {
      lostSender = true;
      logger.warn({ workerId }, 'bot outbox sender lease lost to another worker; this drain stops');
      poke();
      return false;
    }
    const rows = new Map(waiting.map((item) => [item.row.id, item.row]));
    if (rows.size === 0) return true;
    const now = clock();
    const renewed = await db
      .update(botOutbox)
      .set({ leaseUntil: new Date(now + leaseMs) })
      .where(
        and(
          inArray(botOutbox.id, [...rows.keys()]),
          eq(botOutbox.leaseOwner, workerId),
          eq(botOutbox.state, 'pending'),
          gt(botOutbox.leaseUntil, new Date(now)),
        ),
      )
      .returning({ id: botOutbox.id, leaseUntil: botOutbox.leaseUntil });
    for (const row of renewed) {
      const held = rows.get(row.id);
      if (held && row.leaseUntil) held.leaseUntil = row.leaseUntil;
    }
    return true;
  };
  /**
   * The heartbeat running now. One at a time (a slow database must not stack them), and the drain's end
   * waits for it before releasing the sender lease: on PostgreSQL its upsert, issued first, could reach
   * the server after the release's delete (on another pooled connection) and take the lease back for a
   * worker that no longer sends, holding every other instance off until it ran out.
   */
  let beating: Promise<boolean> | undefined;
  const heartbeat = (): Promise<boolean> => {
    beating ??= renew().finally(() => {
      beating = undefined;
    });
    return beating;
  };

  // A new sender (after a restart, or on another instance) starts from what the tenant's ledger holds:
  // the last hour of requests, for the tenant's window and each conversation's, and any request whose
  // answer nobody recorded (its sender died or stalled) as in flight until the latest it can be answered.
  const prime = async () => {
    if (primed) return;
    const now = clock();
    const since = now - HOUR_MS;
    await db.delete(botOutboxRequests).where(lt(botOutboxRequests.startedAt, new Date(now - LEDGER_KEEP_MS)));
    const requests = await db
      .select({
        tenantId: botOutboxRequests.tenantId,
        conversationId: botOutboxRequests.conversationId,
        startedAt: botOutboxRequests.startedAt,
        settleUntil: botOutboxRequests.settleUntil,
        answeredAt: botOutboxRequests.answeredAt,
      })
      .from(botOutboxRequests)
      .where(gt(botOutboxRequests.startedAt, new Date(since - leaseMs)));
    for (const request of requests) {
      const end = (request.answeredAt ?? request.settleUntil).getTime();
      if (end <= since) continue;
      pacer.record(
        { tenantId: request.tenantId, conversationId: request.conversationId ?? undefined },
        end,
        request.startedAt.getTime(),
      );
    }
    // Sent by a release before the ledger (during a deploy): their conversations' windows still count.
    const older = await db
      .select({ conversationId: botOutbox.conversationId, sentAt: botOutbox.sentAt })
      .from(botOutbox)
      .where(
        and(
          gt(botOutbox.sentAt, new Date(since)),
          isNotNull(botOutbox.conversationId),
          sql`not exists (select 1 from ${botOutboxRequests} where ${botOutboxRequests.outboxId} = ${botOutbox.id})`,
        ),
      );
    for (const row of older)
      if (row.conversationId && row.sentAt)
        pacer.record({ conversationId: row.conversationId }, row.sentAt.getTime());
    primed = true;
  };

  const backoff = (attempts: number, retryAfterMs: number | undefined) => {
    const exponential = Math.min(15 * 60_000, retryBaseMs * 2 ** Math.max(0, attempts - 1));
    // Jitter spreads retries of a burst so they do not come back together.
    const jittered = exponential * (0.5 + random() / 2);
    return Math.max(retryAfterMs ?? 0, jittered);
  };

  /** Hands claimed rows back untried (stopping, or the lease is too short to post safely). */
  const release = async (rows: OutboxRow[]) => {
    if (rows.length === 0) return;
    await db
      .update(botOutbox)
      .set({ leaseUntil: null, attempts: sql`greatest(0, ${botOutbox.attempts} - 1)` })
      .where(
        and(
          inArray(
            botOutbox.id,
            rows.map((row) => row.id),
          ),
          eq(botOutbox.state, 'pending'),
          // Still ours: a worker that stalled past its lease must not free a row another worker holds now.
          eq(botOutbox.leaseOwner, workerId),
        ),
      );
  };

  /** `untried`: it failed before any request, so the attempt counted at the claim is taken back. */
  const fail = async (row: OutboxRow, reason: string, untried = false) => {
    await db
      .update(botOutbox)
      .set({
        state: 'failed',
        error: reason.slice(0, 1000),
        leaseUntil: null,
        ...(untried ? { attempts: sql`greatest(0, ${botOutbox.attempts} - 1)` } : {}),
      })
      .where(and(eq(botOutbox.id, row.id), eq(botOutbox.state, 'pending')));
    totals.failed += 1;
    logger.warn({ key: row.key, reason }, 'bot message failed for good');
  };

  const postpone = async (row: OutboxRow, attempts: number, error: ConnectorError | Error) => {
    const status = error instanceof ConnectorError ? error.status : undefined;
    if (status === 429) totals.throttled += 1;
    if (attempts >= maxAttempts) {
      await fail(row, `gave up after ${attempts} attempts: ${error.message}`);
      return;
    }
    const retryAfterMs = error instanceof ConnectorError ? error.retryAfterMs : undefined;
    const waitMs = backoff(attempts, retryAfterMs);
    await db
      .update(botOutbox)
      .set({
        nextAttemptAt: new Date(clock() + waitMs),
        leaseUntil: null,
        error: error.message.slice(0, 1000),
      })
      .where(and(eq(botOutbox.id, row.id), eq(botOutbox.state, 'pending')));
    totals.retried += 1;
  };

  const isRetryableError = (error: unknown) =>
    !(error instanceof ConnectorError) || error.status === undefined || RETRYABLE.has(error.status);

  /**
   * The 1:1 chats of a claim's people in one query (as `personalChatOf` finds them one by one): the
   * worker does not post while it resolves, so a query per message would leave the tenant idle.
   */
  const personalChatsOf = async (rows: OutboxRow[]): Promise<Map<string, ConversationReferenceRow>> => {
    const people = [
      ...new Set(rows.flatMap((row) => (row.recipient.kind === 'person' ? [row.recipient.personId] : []))),
    ];
    if (people.length === 0) return new Map();
    const found = await db
      .select()
      .from(conversationReferences)
      .where(
        and(inArray(conversationReferences.userAadId, people), eq(conversationReferences.kind, 'personal')),
      )
      .orderBy(asc(conversationReferences.updatedAt));
    // The most recently seen chat wins.
    return new Map(found.map((reference) => [reference.userAadId!, reference]));
  };

  /** Where a claimed message goes; undefined when it cannot go anywhere (then it has failed). */
  const resolve = async (
    row: OutboxRow,
    installations: TeamInstallationRow[],
    chats: Map<string, ConversationReferenceRow>,
  ): Promise<WorkItem | undefined> => {
    const recipient = row.recipient;
    /** A conversation we know, at the service URL and tenant of where we learnt it. */
    const knownAt = (
      place: { serviceUrl: string; tenantId: string | null },
      conversationId: string,
    ): WorkItem => ({
      row,
      target: { serviceUrl: place.serviceUrl, conversationId, tenantId: place.tenantId ?? UNKNOWN_TENANT },
    });
    if (recipient.kind === 'channel') {
      const installation = installations.find((candidate) => candidate.teamId === recipient.teamId);
      if (!installation) {
        await fail(row, `the app is not installed in team ${recipient.teamId}`, true);
        return undefined;
      }
      return knownAt(installation, recipient.channelId);
    }
    const chat = chats.get(recipient.personId);
    if (chat) return knownAt(chat, chat.conversationId);
    // No 1:1 chat yet: Teams creates (or finds) it from the member's Entra id, at a serviceUrl and tenant
    // we learnt from any other conversation or installation.
    const [reference] = await db
      .select()
      .from(conversationReferences)
      .orderBy(desc(conversationReferences.updatedAt))
      .limit(1);
    const installation = installations[0];
    const serviceUrl = reference?.serviceUrl ?? installation?.serviceUrl ?? options.proactiveServiceUrl;
    const tenantId = reference?.tenantId ?? installation?.tenantId ?? options.tenantId;
    const botId = reference?.botId ?? options.botId;
    if (!serviceUrl || !tenantId || !botId) {
      await fail(
        row,
        'no conversation with this person is known, and no team installation to create one from',
        true,
      );
      return undefined;
    }
    return {
      row,
      target: undefined,
      create: {
        serviceUrl,
        tenantId,
        botId,
        userAadId: identities.memberIdOf(recipient.personId),
        personId: recipient.personId,
        via: options.installer ? 'install' : 'connector',
      },
    };
  };

  const scopeOf = (item: WorkItem): PacerScope =>
    item.target
      ? { tenantId: item.target.tenantId, conversationId: item.target.conversationId }
      : { tenantId: item.create!.tenantId };

  const settleFailure = async (item: WorkItem, attempts: number, failure: unknown, what: string) => {
    // Graph's answers (the install step) are judged like the connector's: throttling and server trouble
    // come back later (after Retry-After), a refusal is final.
    const error =
      failure instanceof GraphError
        ? new ConnectorError(
            failure.message,
            failure.status,
            failure.retryAfterSeconds !== undefined ? failure.retryAfterSeconds * 1000 : undefined,
          )
        : failure;
    // Only the connector's 429 holds the tenant's other messages back; Graph's throttles the install alone.
    if (
      !(failure instanceof GraphError) &&
      error instanceof ConnectorError &&
      error.status === 429 &&
      error.retryAfterMs !== undefined
    )
      pacer.pause(scopeOf(item), clock() + error.retryAfterMs);
    if (isRetryableError(error))
      await postpone(item.row, attempts, error instanceof Error ? error : new Error(messageOf(error)));
    else await fail(item.row, `${what}${messageOf(error)}`);
  };

  /**
   * One request to the connector for a work item, under a slot the pacer granted. The attempt was counted
   * when the row was claimed; a person without a 1:1 chat needs two requests in it (create, then post).
   */
  const attempt = async (
    item: WorkItem,
    slot: PacerSlot,
    requeue: (item: WorkItem) => void,
    ledgerId: string,
  ) => {
    const { row } = item;
    const started = { at: clock() };
    requestStarts.add(started);
    let answered: Promise<void> | undefined;
    const answer = () => {
      if (answered) return;
      pacer.complete(slot);
      answered = recordAnswer(ledgerId, clock());
    };
    const attempts = row.attempts;
    try {
      if (!item.target) {
        const create = item.create!;
        let created: { conversationId: string };
        try {
          created =
            create.via === 'install'
              ? { conversationId: (await options.installer!.personalChatOf(create.personId)).chatId }
              : await connector.createPersonalConversation(create);
        } catch (error) {
          answer();
          if (create.via === 'install' && error instanceof GraphError && error.status === 403) {
            // The organisation does not let this person have the app (app permission or setup policy, or
            // the app is blocked): no message can reach them until an admin changes that.
            totals.installRefused += 1;
            telemetry.recordInstallRefused();
            await fail(row, `Teams refused to install the app for this person: ${error.message}`);
            return;
          }
          await settleFailure(
            item,
            attempts,
            error,
            create.via === 'install'
              ? 'could not install the app for this person: '
              : 'could not create the 1:1 conversation: ',
          );
          return;
        }
        answer();
        await conversations.remember({
          conversationId: created.conversationId,
          kind: 'personal',
          serviceUrl: create.serviceUrl,
          tenantId: create.tenantId,
          botId: create.botId,
          userAadId: create.personId,
          teamId: null,
          channelId: null,
          channelName: null,
        });
        requeue({
          row,
          target: {
            serviceUrl: create.serviceUrl,
            conversationId: created.conversationId,
            tenantId: create.tenantId,
          },
        });
        return;
      }
      let activityId: string | null;
      try {
        ({ activityId } = await connector.post(item.target, row.payload));
      } catch (error) {
        answer();
        await settleFailure(item, attempts, error, '');
        return;
      }
      answer();
      // The first thing after the connector's answer: from here on the message is never posted again.
      await db
        .update(botOutbox)
        .set({
          state: 'sent',
          sentAt: new Date(clock()),
          activityId,
          conversationId: item.target.conversationId,
          leaseUntil: null,
          error: null,
        })
        .where(eq(botOutbox.id, row.id));
      totals.sent += 1;
    } catch (error) {
      logger.error(
        { err: error, key: row.key },
        'bot outbox step failed; the lease will run out and it is tried again',
      );
    } finally {
      answer();
      await answered;
      requestStarts.delete(started);
      countInFlight(-1);
    }
  };

  const soonestDue = async (): Promise<Date | null> => {
    // A row another worker holds is due when its lease runs out, at the earliest.
    const [row] = await db
      .select({
        at: sql<Date>`min(greatest(${botOutbox.nextAttemptAt}, coalesce(${botOutbox.leaseUntil}, ${botOutbox.nextAttemptAt})))`.mapWith(
          botOutbox.nextAttemptAt,
        ),
      })
      .from(botOutbox)
      .where(eq(botOutbox.state, 'pending'));
    return row?.at ?? null;
  };

  const drainOnce = async (): Promise<DrainResult> => {
    await prime();
    const before = { ...totals };
    const ready: WorkItem[] = [];
    const inFlight = new Set<Promise<void>>();
    let exhausted = false;
    let lastClaimAt = 0;
    /** The last pass left the tenant idle while every message in hand waited for its conversation. */
    let tenantHasRoom = false;
    const startedAt = clock();
    const requeue = (item: WorkItem) => {
      ready.unshift(item);
      poke();
    };
    // Claiming runs beside posting: the tenant's slots are not left idle while the database answers.
    let refilling: Promise<void> | undefined;
    let refillError: unknown;
    /**
     * Starts the requests the pacer granted in one pass: first their ledger entries (one statement, only
     * while this worker holds the sender lease), then the requests. Lost the lease: they go back unsent.
     */
    const start = (batch: Array<{ item: WorkItem; slot: PacerSlot }>) => {
      const entries: LedgerEntry[] = batch.map(({ item, slot }) => {
        const scope = scopeOf(item);
        return {
          id: randomUUID(),
          outboxId: item.row.id,
          tenantId: scope.tenantId,
          conversationId: scope.conversationId ?? null,
          startedAt: slot.start,
          // The request ends before its lease, which it is started only with this much of left.
          settleUntil: slot.start + leaseSafetyMs,
        };
      });
      const recorded = recordStarts(entries).catch((error: unknown) => {
        refillError ??= error;
        return false;
      });
      batch.forEach(({ item, slot }, index) => {
        const running: Promise<void> = (async () => {
          if (!(await recorded)) {
            if (refillError === undefined && !lostSender) {
              lostSender = true;
              logger.warn({ workerId }, 'bot outbox sender lease taken by another worker; this drain stops');
            }
            pacer.complete(slot);
            ready.unshift(item);
            return;
          }
          countInFlight(1);
          await attempt(item, slot, requeue, entries[index]!.id);
        })().finally(() => {
          inFlight.delete(running);
          poke();
        });
        inFlight.add(running);
      });
    };
    const refill = async () => {
      const now = new Date(clock());
      lastClaimAt = now.getTime();
      const claimed = await claim(now);
      const installations = claimed.length > 0 ? await conversations.listInstallations() : [];
      const chats = await personalChatsOf(claimed);
      for (const row of claimed) {
        const item = await resolve(row, installations, chats);
        if (item) ready.push(item);
      }
      exhausted = claimed.length < CLAIM_SIZE;
    };
    waiting = ready;
    for (;;) {
      if (stopping || lostSender || refillError !== undefined || clock() - startedAt > maxDrainMs) break;
      // Claim more while few are waiting; after an empty claim, look again each second for new rows.
      const wantMore = ready.length < REFILL_BELOW || (tenantHasRoom && ready.length < MAX_READY);
      if (!refilling && wantMore && (!exhausted || clock() - lastClaimAt >= 1000)) {
        refilling = refill()
          .catch((error: unknown) => {
            refillError = error;
          })
          .finally(() => {
            refilling = undefined;
            poke();
          });
      }

      // Start every message the pacer lets through now; note how long the others must wait.
      let shortestWait = Number.POSITIVE_INFINITY;
      let tenantBlocked = false;
      const deferred: Array<{ row: OutboxRow; until: number }> = [];
      const expiring: OutboxRow[] = [];
      const granted: Array<{ item: WorkItem; slot: PacerSlot }> = [];
      for (let index = 0; index < ready.length && inFlight.size + granted.length < concurrency;) {
        const item = ready[index]!;
        // Post only while the lease outlasts the request: past it another worker may hold the row.
        if (item.row.leaseUntil!.getTime() - clock() < leaseSafetyMs) {
          ready.splice(index, 1);
          expiring.push(item.row);
          continue;
        }
        const decision = pacer.acquire(scopeOf(item));
        if (decision.granted) {
          ready.splice(index, 1);
          granted.push({ item, slot: decision.slot });
          continue;
        }
        if (decision.waitMs > DEFER_AFTER_MS) {
          ready.splice(index, 1);
          deferred.push({ row: item.row, until: clock() + decision.waitMs });
          continue;
        }
        if (decision.blockedBy === 'tenant') tenantBlocked = true;
        shortestWait = Math.min(shortestWait, decision.waitMs);
        index += 1;
      }
      if (granted.length > 0) start(granted);
      tenantHasRoom = !tenantBlocked && inFlight.size < concurrency && ready.length > 0;
      for (const { row, until } of deferred) {
        await db
          .update(botOutbox)
          .set({
            nextAttemptAt: new Date(until),
            leaseUntil: null,
            attempts: sql`greatest(0, ${botOutbox.attempts} - 1)`,
          })
          .where(
            and(eq(botOutbox.id, row.id), eq(botOutbox.state, 'pending'), eq(botOutbox.leaseOwner, workerId)),
          );
        totals.deferred += 1;
      }
      await release(expiring);

      if (refilling) {
        // Woken when the claim is in, an answer arrives, or the pacer's wait is over.
        await sleep(Number.isFinite(shortestWait) ? shortestWait : 1000);
        continue;
      }
      if (ready.length === 0 && inFlight.size === 0) {
        if (!exhausted) continue;
        const next = await soonestDue();
        const waitMs = next ? next.getTime() - clock() : Number.POSITIVE_INFINITY;
        if (waitMs > lingerMs) break;
        await sleep(Math.min(Math.max(waitMs, 100), 1000));
        lastClaimAt = 0;
        continue;
      }
      if ((ready.length < REFILL_BELOW || tenantHasRoom) && !exhausted) continue;
      // Wait for an answer, for the pacer, or (after an empty claim) for new rows to become due.
      await sleep(Number.isFinite(shortestWait) ? shortestWait : exhausted ? 1000 : 50);
    }
    await refilling;
    await Promise.all(inFlight);
    await release(ready.map((item) => item.row));
    if (refillError !== undefined)
      throw refillError instanceof Error ? refillError : new Error(messageOf(refillError));
    pacer.sweep();
    return {
      sent: totals.sent - before.sent,
      throttled: totals.throttled - before.throttled,
      retried: totals.retried - before.retried,
      failed: totals.failed - before.failed,
      installRefused: totals.installRefused - before.installRefused,
      deferred: totals.deferred - before.deferred,
      nextDueAt: await soonestDue(),
    };
  };

  /**
   * Drains only while holding the sender lease. Someone else holds it: stay by as a standby while
   * messages are pending, and take over the moment that lease runs out (its holder died or stopped).
   */
  const drainAsSender = async (): Promise<DrainResult> => {
    const standbyUntil = clock() + standbyMs;
    for (;;) {
      if (stopping) return { ...zero(), nextDueAt: null };
      if (await takeSender()) break;
      const next = await soonestDue();
      if (next === null || clock() >= standbyUntil) return { ...zero(), nextDueAt: next };
      await sleep(Math.min(heartbeatMs, Math.max(0, standbyUntil - clock())));
    }
    holding = true;
    lostSender = false;
    if (!options.pacer) {
      pacer = createBotPacer({ clock });
      primed = false;
    }
    const timer = setInterval(() => {
      heartbeat().catch((error: unknown) =>
        logger.warn({ err: error }, 'bot outbox heartbeat failed; the next one tries again'),
      );
    }, heartbeatMs);
    timer.unref();
    try {
      return await drainOnce();
    } finally {
      clearInterval(timer);
      holding = false;
      await beating?.catch(() => undefined);
      waiting = [];
      if (!lostSender) await releaseSender().catch(() => undefined);
    }
  };

  const wakeAfter =
    options.timer ??
    ((done: () => void, ms: number) => {
      const handle = setTimeout(done, ms);
      return () => clearTimeout(handle);
    });
  const sleep = (ms: number) =>
    new Promise<void>((resolveSleep) => {
      const cancel = wakeAfter(done, Math.max(0, ms));
      function done() {
        cancel();
        if (wake === done) wake = undefined;
        resolveSleep();
      }
      wake = done;
    });

  return {
    /**
     * Posts every message that is due, and stays while more become due within a few seconds. One drain
     * per worker at a time: a second call joins the running one.
     */
    drain(): Promise<DrainResult> {
      if (stopping) return Promise.resolve({ ...zero(), nextDueAt: null });
      running ??= drainAsSender().finally(() => {
        running = undefined;
      });
      return running;
    },

    /** Renews this worker's leases now (a timer does it every `heartbeatMs` while draining). */
    heartbeat,

    /** Requests started and not settled yet (the messages a crash now could post twice). */
    inFlight: (): number => requestsInFlight,

    /** Since the worker was created. */
    counts(): BotOutboxCounts {
      return { ...totals };
    },

    /** Lets requests in flight finish and hands back what was claimed but not started. */
    async stop(): Promise<void> {
      stopping = true;
      poke();
      await running?.catch(() => undefined);
    },
  };
}

const zero = (): BotOutboxCounts => ({
  sent: 0,
  throttled: 0,
  retried: 0,
  failed: 0,
  installRefused: 0,
  deferred: 0,
});

export type BotOutboxWorker = ReturnType<typeof createBotOutboxWorker>;
