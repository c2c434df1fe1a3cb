// Outlook changes pushed, not polled: a Graph subscription per watched mailbox, notifications queued,
// each job a delta round of one mailbox, handed to the slices whose events live there.
import type { AppContext, SliceModule } from '../app-context.ts';
import { createGraphSubscriptions } from '../graph/graph-subscriptions.ts';
import type { EventChange } from '../interviews/calendar-changes.ts';
import { job } from '../jobs/job-table.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { LIFECYCLE_PATH, mountCalendarWatch, NOTIFICATION_PATH } from './calendar-watch.routes.ts';
import { createCalendarWatch, type LifecycleEvent } from './calendar-watch.service.ts';
import { createCalendarWatchStore } from './calendar-watch.store.ts';

/** Keeps the Graph change-notification subscriptions (create, renew before expiry, recreate, delete). */
export const WATCH_MAINTAIN_QUEUE = 'outlook.subscriptions';
/** One delta round of one mailbox: `{ mailbox }`, queued by a notification, a `missed` event or a re-subscribe. */
export const WATCH_SYNC_QUEUE = 'outlook.sync';
/** A lifecycle notification to act on: `{ subscriptionId, event }`. */
export const WATCH_LIFECYCLE_QUEUE = 'outlook.lifecycle';
/**
 * Once the 10-minute poll of interview events; now the daily safety net of the calendar watch: a delta
 * round of every watched mailbox.
 */
export const INTERVIEW_CHANGES_QUEUE = 'interviews.outlook-changes';
/**
 * The most mailboxes watched at once. Graph limits Outlook subscriptions per mailbox (we hold one per
 * mailbox), not per app; this bounds our own renewal work. Past it the rest are logged and counted
 * (hagukumi.outlook.unwatched_mailboxes) and rely on the daily sweep — never silently dropped.
 */
const MAX_WATCHED_MAILBOXES = 20_000;

/** Asks the watch to look at the mailboxes it should keep again (a new organizer, say). */
export async function requestCalendarWatchMaintenance(queue: JobQueue): Promise<void> {
  await queue.send(WATCH_MAINTAIN_QUEUE, {});
}

export function createCalendarWatchModule(
  ctx: AppContext,
  deps: {
    /** This server's public address, known once it listens (a random port in tests). */
    listening: Promise<string>;
    /** The mailboxes to watch: interview organizers and the training mailbox. */
    wantedMailboxes: () => Promise<string[]>;
    /** Hands one mailbox's changes to the slices whose events live there; how many were applied. */
    reconcile: (mailbox: string, changes: EventChange[]) => Promise<number>;
  },
) {
  const { queue, logger } = ctx;
  const watch = createCalendarWatch({
    store: createCalendarWatchStore(ctx.db),
    graph: createGraphSubscriptions(ctx.graph),
    logger,
    now: ctx.now,
    tenantId: ctx.microsoft.tenantId,
    endpoints: async () => {
      const base = await deps.listening;
      return {
        notificationUrl: `${base}${NOTIFICATION_PATH}`,
        lifecycleNotificationUrl: `${base}${LIFECYCLE_PATH}`,
      };
    },
    wantedMailboxes: deps.wantedMailboxes,
    maxSubscriptions: MAX_WATCHED_MAILBOXES,
    reconcile: deps.reconcile,
    enqueueSync: async (mailbox) => {
      await queue.send(WATCH_SYNC_QUEUE, { mailbox });
    },
    enqueueLifecycle: async (subscriptionId, event) => {
      await queue.send(WATCH_LIFECYCLE_QUEUE, { subscriptionId, event });
    },
  });
  const jobs = [
    job({
      queue: WATCH_MAINTAIN_QUEUE,
      create: { retryLimit: 3, retryDelaySeconds: 60 },
      handler: async () => {
        const run = await watch.maintain();
        if (run.failed > 0) throw new Error(`${run.failed} Outlook subscriptions could not be kept`);
      },
      schedule: '7 * * * *',
      atStartup: { options: { singletonKey: 'startup', singletonSeconds: 30 } },
    }),
    job<{ mailbox: string }>({
      queue: WATCH_SYNC_QUEUE,
      create: { retryLimit: 5, retryDelaySeconds: 10 },
      handler: async (batch) => {
        for (const item of batch) await watch.sync(item.data.mailbox);
      },
    }),
    job<{ subscriptionId: string; event: LifecycleEvent }>({
      queue: WATCH_LIFECYCLE_QUEUE,
      create: { retryLimit: 5, retryDelaySeconds: 30 },
      handler: async (batch) => {
        for (const item of batch) await watch.handleLifecycle(item.data.subscriptionId, item.data.event);
      },
    }),
    // The old 10-minute poll's queue now runs the daily safety net: every watched mailbox gets a delta
    // round (every page, no cap). Re-scheduling under the same name replaces the old cron in pg-boss.
    job({
      queue: INTERVIEW_CHANGES_QUEUE,
      create: { retryLimit: 2, retryDelaySeconds: 300 },
      handler: async () => {
        await watch.maintain();
        const swept = await watch.sweep();
        logger.info({ mailboxes: swept }, 'daily Outlook delta sweep queued');
      },
      schedule: '40 2 * * *',
    }),
  ];
  return {
    routes: [],
    jobs,
    mounts: [(app) => mountCalendarWatch(app, { watch, logger, bodyLimitBytes: ctx.config.bodyLimitBytes })],
  } satisfies SliceModule;
}
