// Outlook changes pushed, not polled. One Graph subscription per watched mailbox (`users/{id}/events`):
// the organizers of booked interviews and the training mailbox. A notification only says "this mailbox
// changed": it is checked (subscription known, its clientState, the tenant) and handed to the queue,
// whose job reads the mailbox's calendarView delta from the stored delta link and reconciles what
// changed. The same delta round catches up after a `missed` lifecycle event and after a re-subscribe,
// so nothing depends on every notification arriving. A durable job keeps the subscriptions: creates the
// missing, renews before expiry, recreates what Graph removed, deletes what is no longer wanted.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { GraphError } from '../graph/graph-errors.ts';
import type { GraphSubscriptions } from '../graph/graph-subscriptions.ts';
import type { EventChange } from '../interviews/calendar-changes.ts';
import type { Logger } from '../logger.ts';
import { telemetry } from '../telemetry/metrics.ts';
import type { CalendarWatchStore, SubscriptionRow } from './calendar-watch.store.ts';

/** Outlook event subscriptions may last up to 10,080 minutes; we ask for a little less. */
export const SUBSCRIPTION_LIFETIME_MS = 10_000 * 60_000;
/** Renewed when less than this is left: two days leave room for a failed run or an outage. */
export const RENEW_BEFORE_MS = 2 * 24 * 60 * 60_000;
/** The calendarView a delta round covers: from a week back to 400 days ahead. */
const WINDOW_PAST_MS = 7 * 24 * 60 * 60_000;
const WINDOW_FUTURE_MS = 400 * 24 * 60 * 60_000;
/** A window whose start is older than this is replaced by a fresh full round (which reconciles all). */
const WINDOW_REFRESH_MS = 30 * 24 * 60 * 60_000;

const LIFECYCLE_EVENTS = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/** One item of Graph's changeNotificationCollection: only what we read, bounded. */
const notificationItem = z.object({
  subscriptionId: z.string().min(1).max(200),
  clientState: z.string().max(128).nullish(),
  tenantId: z.string().max(100).nullish(),
  changeType: z.enum(['created', 'updated', 'deleted']).optional(),
  lifecycleEvent: z.enum(LIFECYCLE_EVENTS).optional(),
});
export const notificationCollection = z.object({ value: z.array(notificationItem).min(1).max(1000) });
export type NotificationItem = z.infer<typeof notificationItem>;

export interface CalendarWatchOptions {
  store: CalendarWatchStore;
  graph: GraphSubscriptions;
  logger: Logger;
  now: () => Date;
  tenantId: string;
  /** Where Graph posts: resolved when a subscription is made (the server knows its address late in tests). */
  endpoints: () => Promise<{ notificationUrl: string; lifecycleNotificationUrl: string }>;
  /** Every mailbox that should be watched now, most important first (the training mailbox first). */
  wantedMailboxes: () => Promise<string[]>;
  /** The most mailboxes watched at once; past it, the rest are logged and counted, never silently dropped. */
  maxSubscriptions: number;
  /** Applies what a delta round found to our records; returns how many records changed. */
  reconcile: (mailbox: string, changes: EventChange[]) => Promise<number>;
  /** Queues a delta round of a mailbox (deduplicated per mailbox by the queue). */
  enqueueSync: (mailbox: string) => Promise<void>;
  /** Queues the handling of a lifecycle event. */
  enqueueLifecycle: (subscriptionId: string, event: LifecycleEvent) => Promise<void>;
}

export interface MaintainRun {
  created: number;
  renewed: number;
  recreated: number;
  removed: number;
  failed: number;
  unwatched: number;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Compares secrets in constant time (hashing first makes the lengths equal). */
export function isSameSecret(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(digest(expected), digest(given));
}

export function createCalendarWatch(options: CalendarWatchOptions) {
  const { store, graph, logger } = options;

  const subscribe = async (mailbox: string, replaces?: SubscriptionRow): Promise<boolean> => {
    const clientState = randomBytes(48).toString('base64url');
    const resource = `users/${mailbox}/events`;
    const created = await graph.create({
      resource,
      changeType: 'created,updated,deleted',
      ...(await options.endpoints()),
      expirationDateTime: new Date(options.now().getTime() + SUBSCRIPTION_LIFETIME_MS),
      clientState,
    });
    const recorded = await store.record(
      { id: created.id, mailbox, resource, clientState, expiresAt: created.expiresAt },
      replaces?.id,
    );
    if (!recorded) {
      // Another instance subscribed the same mailbox at the same moment: keep one.
      await graph.remove(created.id);
      return false;
    }
    if (replaces) await graph.remove(replaces.id);
    // Whatever changed while there was no subscription (or before the first) is read now.
    await options.enqueueSync(mailbox);
    return true;
  };

  const windowFrom = (at: Date) => ({
    start: new Date(at.getTime() - WINDOW_PAST_MS),
    end: new Date(at.getTime() + WINDOW_FUTURE_MS),
  });

  /** True for the answers that mean "this delta link is no good any more; start a new round". */
  const isStaleLink = (error: unknown) =>
    error instanceof GraphError &&
    (error.status === 410 ||
      (error.status === 400 && /syncState|deltatoken|delta token/i.test(error.message)));

  return {
    /** Makes the subscriptions match the wanted mailboxes; run by one instance at a time (the queue). */
    async maintain(): Promise<MaintainRun> {
      const run: MaintainRun = { created: 0, renewed: 0, recreated: 0, removed: 0, failed: 0, unwatched: 0 };
      const all = [...new Set(await options.wantedMailboxes())];
      const wanted = all.slice(0, options.maxSubscriptions);
      run.unwatched = all.length - wanted.length;
      if (run.unwatched > 0) {
        logger.warn(
          { wanted: all.length, limit: options.maxSubscriptions, unwatched: run.unwatched },
          'more mailboxes to watch than the subscription limit: the rest rely on the daily delta sweep',
        );
        telemetry.recordUnwatchedMailboxes(run.unwatched);
      }
      const wantedSet = new Set(wanted);
      const existing = await store.subscriptions();
      const byMailbox = new Map(existing.map((row) => [row.mailbox, row]));
      // What Graph really holds: a subscription it lost without telling us is made again.
      const held = new Set(await graph.list());
      const renewBy = options.now().getTime() + RENEW_BEFORE_MS;
      for (const row of existing) {
        if (wantedSet.has(row.mailbox)) continue;
        try {
          await graph.remove(row.id);
          await store.forget(row.id);
          await store.forgetDeltaLink(row.mailbox);
          run.removed += 1;
        } catch (error) {
          run.failed += 1;
          logger.warn({ err: error, subscriptionId: row.id }, 'could not delete an Outlook subscription');
        }
      }
      for (const mailbox of wanted) {
        const row = byMailbox.get(mailbox);
        try {
          if (!row) {
            if (await subscribe(mailbox)) run.created += 1;
          } else if (!held.has(row.id)) {
            if (await subscribe(mailbox, row)) run.recreated += 1;
          } else if (row.expiresAt.getTime() <= renewBy) {
            const renewed =
              row.expiresAt.getTime() > options.now().getTime()
                ? await graph.renew(row.id, new Date(options.now().getTime() + SUBSCRIPTION_LIFETIME_MS))
                : null;
            if (renewed) {
              await store.renewed(row.id, renewed.expiresAt, options.now());
              run.renewed += 1;
            } else if (await subscribe(mailbox, row)) run.recreated += 1;
          }
        } catch (error) {
          run.failed += 1;
          logger.warn({ err: error, mailbox }, 'could not keep an Outlook subscription');
        }
      }
      if (run.created + run.renewed + run.recreated + run.removed + run.failed > 0)
        logger.info(run, 'Outlook subscriptions maintained');
      return run;
    },

    /**
     * Checks notifications as they arrive (no Graph call): the subscription must be ours, carry its
     * clientState and come from our tenant. What passes is queued; what fails changes nothing.
     */
    async accept(
      kind: 'change' | 'lifecycle',
      items: NotificationItem[],
    ): Promise<{ accepted: number; refused: number }> {
      let accepted = 0;
      let refused = 0;
      const queued = new Set<string>();
      const known = new Map(
        (await store.subscriptionsById([...new Set(items.map((item) => item.subscriptionId))])).map((row) => [
          row.id,
          row,
        ]),
      );
      for (const item of items) {
        const row = known.get(item.subscriptionId);
        const outcome = !row
          ? 'unknown_subscription'
          : !isSameSecret(row.clientState, item.clientState)
            ? 'client_state'
            : (item.tenantId ?? '').toLowerCase() !== options.tenantId.toLowerCase()
              ? 'tenant'
              : kind === 'lifecycle' && !item.lifecycleEvent
                ? 'malformed'
                : 'accepted';
        telemetry.recordOutlookNotification(kind, outcome);
        if (outcome !== 'accepted' || !row) {
          refused += 1;
          logger.warn({ kind, outcome, subscriptionId: item.subscriptionId }, 'Outlook notification refused');
          continue;
        }
        accepted += 1;
        if (kind === 'lifecycle') await options.enqueueLifecycle(row.id, item.lifecycleEvent!);
        else if (!queued.has(row.mailbox)) {
          queued.add(row.mailbox);
          await options.enqueueSync(row.mailbox);
        }
      }
      return { accepted, refused };
    },

    /** One delta round of a mailbox, from its stored link (a full round when there is none or it is stale). */
    async sync(mailbox: string): Promise<number> {
      const at = options.now();
      const stored = await store.deltaLink(mailbox);
      const fresh = stored && stored.windowStart.getTime() > at.getTime() - WINDOW_REFRESH_MS;
      let round;
      let window = fresh ? { start: stored.windowStart, end: stored.windowEnd } : windowFrom(at);
      try {
        round = await graph.calendarDelta(mailbox, fresh ? { deltaLink: stored.deltaLink } : { window });
      } catch (error) {
        if (!fresh || !isStaleLink(error)) throw error;
        logger.info({ mailbox }, 'delta link no longer valid: reading the calendar again');
        await store.dropDeltaLink(mailbox, stored.deltaLink);
        window = windowFrom(at);
        round = await graph.calendarDelta(mailbox, { window });
      }
      // Reconciled before the link moves on: a crash in between reads the same changes again.
      const changed = await options.reconcile(mailbox, round.changes);
      await store.saveDeltaLink(mailbox, round.deltaLink, window, options.now());
      if (changed > 0) logger.info({ mailbox, changed }, 'Outlook changes applied');
      return changed;
    },

    /** A lifecycle event, from the queue: renew (reauthorize), recreate, or catch up by delta. */
    async handleLifecycle(subscriptionId: string, event: LifecycleEvent): Promise<void> {
      const row = await store.subscription(subscriptionId);
      if (!row) return;
      if (event === 'missed') {
        await options.enqueueSync(row.mailbox);
        return;
      }
      if (event === 'reauthorizationRequired') {
        const renewed = await graph.renew(
          row.id,
          new Date(options.now().getTime() + SUBSCRIPTION_LIFETIME_MS),
        );
        if (renewed) {
          await store.renewed(row.id, renewed.expiresAt, options.now());
          return;
        }
      }
      // Removed by Graph (or gone when we tried to renew it): a new one, then a catch-up round.
      await subscribe(row.mailbox, row);
    },

    /**
     * The safety net: a delta round of every wanted mailbox — also those past the subscription limit or
     * whose subscription failed — with no cap; each round reads every page.
     */
    async sweep(): Promise<number> {
      const mailboxes = [...new Set(await options.wantedMailboxes())];
      for (const mailbox of mailboxes) await options.enqueueSync(mailbox);
      return mailboxes.length;
    },
  };
}

export type CalendarWatch = ReturnType<typeof createCalendarWatch>;
