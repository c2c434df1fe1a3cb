import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { LOCAL_ACTIVITY_POLICY, productionActivityPolicy, refusalOf } from '../bot/activity-guard.ts';
import { mountBot } from '../bot/bot-app.ts';
import { cycleReminderCard, cycleReminderText } from '../bot/cards/cycle-reminder-card.ts';
import { createReportActions } from '../bot/report-actions.ts';
import { createReportCardBuilders } from '../bot/report-cards.ts';
import { analyticsRoutes } from './analytics/analytics.routes.ts';
import { createAnalyticsService } from './analytics/analytics.service.ts';
import { createAnalyticsStore } from './analytics/analytics.store.ts';
import { createAccessPolicy } from './auth/access.ts';
import { createAuditLog } from './auth/audit.ts';
import { createAuditQuery } from './auth/audit-query.ts';
import { auditRoutes } from './auth/audit.routes.ts';
import { createAuthenticator } from './auth/authenticate.ts';
import { createTokenValidator } from './auth/token-validator.ts';
import { createDueCalculator } from './cycles/cycle-due.ts';
import { createCycleReminders } from './cycles/cycle-reminders.ts';
import { cycleRoutes } from './cycles/cycle.routes.ts';
import { createCycleService } from './cycles/cycle.service.ts';
import { createCycleStore } from './cycles/cycle.store.ts';
import { createGrowthStatus } from './cycles/growth-status.ts';
import { appPaths } from './app-paths.ts';
import type { Config, MicrosoftConfig } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import type { LocalMicrosoft365, startLocalMicrosoft365 } from './dev/local-mode.ts';
import { loadFramework } from './framework/framework-loader.ts';
import { frameworkRoutes } from './framework/framework.routes.ts';
import type { Framework } from './framework/framework.schema.ts';
import { createGraphCalendar } from './graph/graph-calendar.ts';
import { createMailboxPacer } from './graph/mailbox-pacer.ts';
import { createGraphDirectory } from './graph/graph-directory.ts';
import { createGraphClient } from './graph/graph-client.ts';
import { createGraphTeamsAppInstaller } from './graph/graph-teams-apps.ts';
import { createAppTokenProvider } from './graph/token-providers.ts';
import { careerRoutes } from './growth/career.routes.ts';
import { createCareerService } from './growth/career.service.ts';
import { declarationRoutes } from './growth/declaration.routes.ts';
import { createDeclarationService } from './growth/declaration.service.ts';
import { goalRoutes } from './growth/goal.routes.ts';
import { createGoalTitles } from './growth/goal-titles.ts';
import { createLatestSelfCheck } from './growth/latest-self-check.ts';
import { createCareerWishes } from './growth/career-wishes.ts';
import { createGoalService } from './growth/goal.service.ts';
import { selfCheckRoutes } from './growth/self-check.routes.ts';
import { createSelfCheckService } from './growth/self-check.service.ts';
import { teamRoutes } from './growth/team.routes.ts';
import { createTeamService } from './growth/team.service.ts';
import { createHttpApp, defaultFrameAncestors } from './http/app.ts';
import { healthRoutes } from './http/health.routes.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import { interviewRoutes } from './interviews/interview.routes.ts';
import { createInterviewStatus } from './interviews/interview-status.ts';
import { createInterviewTransfer } from './interviews/interview-transfer.ts';
import { createInterviewService } from './interviews/interview.service.ts';
import { createInterviewStore } from './interviews/interview.store.ts';
import { createOutlookSync } from './interviews/outlook-sync.ts';
import { startQueue, type JobQueue } from './jobs/queue.ts';
import { mountLegalPages } from './legal/legal-pages.ts';
import type { Logger } from './logger.ts';
import { peopleAdminRoutes } from './people/people-admin.routes.ts';
import { createPeopleAdminService } from './people/people-admin.service.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { createPeopleService } from './people/people.service.ts';
import { createPeopleStore } from './people/people.store.ts';
import { erasureRoutes } from './privacy/erasure.routes.ts';
import { createErasureService } from './privacy/erasure.service.ts';
import { createConversationReferenceStore } from './reports/conversation-references.store.ts';
import { createBotConnector, createBotTokenProvider } from './reports/bot-connector.ts';
import type { BotMessages } from './reports/bot-messages.port.ts';
import { createBotOutbox, createBotOutboxWorker } from './reports/bot-outbox.ts';
import { createBotOutboxRetention } from './reports/bot-outbox-retention.ts';
import { adaptiveCard } from './reports/report-cards.port.ts';
import { createTrainingOutlook } from './training/training-outlook.ts';
import { trainingRoutes } from './training/training.routes.ts';
import { reportRoutes } from './reports/report.routes.ts';
import { channelMappingRoutes } from './reports/channel-mapping.routes.ts';
import { createChannelMappingService } from './reports/channel-mapping.service.ts';
import { createChannelMappingStore } from './reports/channel-mapping.store.ts';
import { createReportComments } from './reports/report-comments.ts';
import { createReportReminders } from './reports/report-reminders.ts';
import { createReportRequests } from './reports/report-requests.ts';
import { createReportSharing } from './reports/report-sharing.ts';
import { createReportService } from './reports/report.service.ts';
import { createTrainingService } from './training/training.service.ts';
import { createTrainingStore } from './training/training.store.ts';
import type { TelemetrySdk } from './telemetry/telemetry-sdk.ts';
import { APP_VERSION } from './version.ts';
import {
  LIFECYCLE_PATH,
  mountCalendarWatch,
  NOTIFICATION_PATH,
} from './calendar-watch/calendar-watch.routes.ts';
import { createCalendarWatch, type LifecycleEvent } from './calendar-watch/calendar-watch.service.ts';
import { createCalendarWatchStore } from './calendar-watch/calendar-watch.store.ts';
import { createGraphSubscriptions } from './graph/graph-subscriptions.ts';
import { createTrainingResponses } from './training/training-responses.ts';

export interface RunningServer {
  url: string;
  config: Config;
  database: Database;
  queue: JobQueue;
  framework: Framework;
  /** Local mode only: the Microsoft 365 emulator standing in for a tenant. */
  local: LocalMicrosoft365 | undefined;
  /** The bot's outbox: everything posted to Teams proactively goes through it. */
  botMessages: BotMessages;
  /** The training-report jobs, run on demand (tests, the Playground walk-through) besides their schedule. */
  reportJobs: {
    requests(): Promise<{ requested: number }>;
    reminders(): Promise<{ reminded: number }>;
  };
  close(): Promise<void>;
}

const PEOPLE_SYNC_QUEUE = 'people.sync';
/** HR's effective-dated records whose date has come (hourly: a 4/1 promotion applies from 0:00 JST). */
const PEOPLE_EFFECTIVE_QUEUE = 'people.effective';
/** Interviews that owe Outlook an action (create, move, cancel); `{ bookingId }` or a sweep of all. */
const INTERVIEW_OUTLOOK_QUEUE = 'interviews.outlook';
/**
 * Once the 10-minute poll of interview events; now the daily safety net of the calendar watch: a delta
 * round of every watched mailbox.
 */
const INTERVIEW_CHANGES_QUEUE = 'interviews.outlook-changes';
/** Keeps the Graph change-notification subscriptions (create, renew before expiry, recreate, delete). */
const WATCH_MAINTAIN_QUEUE = 'outlook.subscriptions';
/** One delta round of one mailbox: `{ mailbox }`, queued by a notification, a `missed` event or a re-subscribe. */
const WATCH_SYNC_QUEUE = 'outlook.sync';
/** A lifecycle notification to act on: `{ subscriptionId, event }`. */
const WATCH_LIFECYCLE_QUEUE = 'outlook.lifecycle';
/**
 * The most mailboxes watched at once. Graph limits Outlook subscriptions per mailbox (we hold one per
 * mailbox), not per app; this bounds our own renewal work. Past it the rest are logged and counted
 * (hagukumi.outlook.unwatched_mailboxes) and rely on the daily sweep — never silently dropped.
 */
const MAX_WATCHED_MAILBOXES = 20_000;
/** Training sessions that owe Outlook an action (create, move, attendees, cancel); `{ sessionId }` or a sweep. */
const TRAINING_OUTLOOK_QUEUE = 'training.outlook';
/**
 * Proactive bot messages waiting in bot_outbox; nudged on enqueue, swept every minute. Policy `short`:
 * one job waiting, any number running, so a drain that died with its instance blocks nothing; who posts
 * is decided by the outbox's own sender lease (heartbeated, taken over within seconds).
 */
const BOT_OUTBOX_QUEUE = 'bot.outbox.drain';
/** The stately queue of earlier releases: still served (not scheduled), so their nudges are not lost during a deploy. */
const LEGACY_BOT_OUTBOX_QUEUE = 'bot.outbox';
/** Daily reminders of what people still owe in the fiscal-year windows HR opened. */
const CYCLE_REMINDERS_QUEUE = 'cycles.reminders';
/** Report forms to attendees of sessions that have ended (docs/reports.md); every 5 minutes. */
const REPORT_REQUESTS_QUEUE = 'reports.requests';
/** Reminders to attendees who have not reported; every 15 minutes, sent in office hours only. */
const REPORT_REMINDERS_QUEUE = 'reports.reminders';
/** Deletes what has outlived its retention (docs/operations.md); nightly. */
const RETENTION_QUEUE = 'maintenance.retention';

export interface StartServerOptions {
  /** The telemetry SDK main.ts started (telemetry/telemetry-sdk.ts); flushed last when the server closes. */
  telemetry?: TelemetrySdk | undefined;
}

/** Wires adapters and services together and listens. Used by main.ts and by integration tests. */
export async function startServer(
  config: Config,
  logger: Logger,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const cleanups: Array<() => Promise<void>> = [];
  // One shutdown budget (SHUTDOWN_TIMEOUT_MS) for the whole drain, set when close() starts.
  const shutdown = { draining: false, deadline: Number.POSITIVE_INFINITY, remainingMs: () => 0 };
  shutdown.remainingMs = () =>
    Number.isFinite(shutdown.deadline)
      ? Math.max(0, shutdown.deadline - Date.now())
      : config.shutdownTimeoutMs;
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
    }
  };
  const telemetrySdk = options.telemetry;
  if (telemetrySdk) {
    // First in, so last out (cleanups run in reverse): what the drain records (job failures) is exported
    // too. Bounded by what is left of the budget: an unreachable ingestion endpoint must not hold the exit.
    cleanups.push(
      () =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, Math.max(1000, shutdown.remainingMs() - 500));
          timer.unref();
          telemetrySdk.shutdown().then(
            () => {
              clearTimeout(timer);
              resolve();
            },
            (error: unknown) => {
              clearTimeout(timer);
              reject(error instanceof Error ? error : new Error(String(error)));
            },
          );
        }),
    );
  }
  try {
    const framework = await loadFramework(config.frameworkFile);
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      migrationUrl: config.databaseMigrationUrl,
      leastPrivilege: config.mode === 'production',
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
    });
    cleanups.push(() => database.close());
    // Where Graph posts change notifications: known once the server listens (a random port in tests).
    let announceListening: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => {
      announceListening = resolve;
    });
    const queue = await startQueue(database, logger, {
      finishedJobRetentionSeconds: config.jobRetentionDays * 24 * 60 * 60,
    });
    // Running jobs get what is left of the shutdown budget, less a moment to close the pool.
    cleanups.push(() => queue.stop(Math.max(1000, shutdown.remainingMs() - 2000)));

    // Microsoft 365: the real tenant in production; in local mode the emulator, described the same way.
    let local: LocalMicrosoft365 | undefined;
    let microsoft: MicrosoftConfig;
    let caCertPem: string | undefined;
    if (config.mode === 'local') {
      const { startLocalMicrosoft365 } = await importLocalMode();
      local = await startLocalMicrosoft365(config);
      cleanups.push(() => local!.close());
      microsoft = local.microsoft;
      caCertPem = local.caCertPem;
    } else {
      microsoft = config.microsoft;
    }

    const directory = createGraphDirectory({ microsoft, caCertPem, logger });
    // One Graph client, one token cache, for the slices that take a client (subscriptions, installs).
    const appGraph = createGraphClient({
      baseUrl: microsoft.graphBaseUrl,
      getToken: createAppTokenProvider({ ...microsoft, caCertPem }),
      caCertPem,
      logger,
    });
    const peopleStore = createPeopleStore(database.db);
    const peopleService = createPeopleService({
      store: peopleStore,
      directory,
      levels: framework.levels,
    });
    const peopleAdmin = createPeopleAdminService({
      db: database.db,
      directory,
      levels: framework.levels,
      // Interviews a supervisor no longer above someone had arranged move to the new one (docs/people.md).
      chainHandler: createInterviewTransfer({
        notifyOutlookWork: async (bookingId) => {
          await queue.send(INTERVIEW_OUTLOOK_QUEUE, { bookingId });
        },
      }),
      queueSync: async () => {
        await queue.send(PEOPLE_SYNC_QUEUE, {});
      },
      now: () => new Date(),
      logger,
    });
    await queue.define(PEOPLE_SYNC_QUEUE, { retryLimit: 3, retryDelaySeconds: 60 });
    await queue.work(PEOPLE_SYNC_QUEUE, async () => {
      // The service logs progress and a summary. While another instance holds the sync, look again in a
      // minute: its run may have started before an HR request this job answers, and a dead one's lease runs out.
      const synced = await peopleAdmin.syncFromDirectory();
      if (synced.status === 'busy')
        await queue.send(
          PEOPLE_SYNC_QUEUE,
          {},
          { startAfter: 60, singletonKey: 'busy', singletonSeconds: 60 },
        );
    });
    await queue.define(PEOPLE_EFFECTIVE_QUEUE, { retryLimit: 3, retryDelaySeconds: 60 });
    await queue.work(PEOPLE_EFFECTIVE_QUEUE, async () => {
      const applied = await peopleAdmin.applyEffectiveToday();
      if (applied.peopleChanged > 0) logger.info(applied, 'effective-dated levels applied');
    });
    await queue.boss.schedule(PEOPLE_EFFECTIVE_QUEUE, '0 * * * *', {}, { tz: 'Asia/Tokyo' });
    // Every six hours, and once now (singleton: several instances starting together send one).
    await queue.boss.schedule(PEOPLE_SYNC_QUEUE, '15 */6 * * *', {}, { tz: 'Asia/Tokyo' });
    await queue.send(PEOPLE_SYNC_QUEUE, {}, { singletonKey: 'startup', singletonSeconds: 60 });

    const authenticate = createAuthenticator(
      createTokenValidator({
        tenantId: microsoft.tenantId,
        clientId: microsoft.clientId,
        appIdUri: microsoft.appIdUri,
        authorityHost: microsoft.authorityHost,
        caCertPem,
        allowedClientApps: config.security.ssoAllowedClientApps,
        maxTokenAgeSeconds: config.security.ssoMaxTokenAgeSeconds,
      }),
      { hrAppRole: config.hrAppRole },
    );

    const growth = {
      db: database.db,
      framework,
      access: createAccessPolicy(peopleStore),
      audit: createAuditLog(database.db),
      now: () => new Date(),
    };
    // Fiscal-year windows (issue 9): the self-check halves and 自己申告 follow them; GET /api/cycles/due.
    const cycleStore = createCycleStore(database.db);
    const cycleDue = createDueCalculator({
      store: cycleStore,
      status: createGrowthStatus(database.db),
      now: growth.now,
    });
    const cycleService = createCycleService({
      store: cycleStore,
      due: cycleDue,
      people: peopleStore,
      audit: growth.audit,
      now: growth.now,
    });
    const calendar = createGraphCalendar({ microsoft, caCertPem, logger });
    // Exchange's sending limit per organizer mailbox, shared by every instance (interviews and training).
    const mailboxPacer = createMailboxPacer(database.db, { now: () => new Date() });
    const interviewStore = createInterviewStore(database.db);
    const outlookSync = createOutlookSync({
      store: interviewStore,
      people: peopleStore,
      calendar,
      logger,
      now: () => new Date(),
      leaseMs: config.interviewLeaseMs,
      retryBaseMs: 5000,
      pacer: mailboxPacer,
    });
    await queue.define(INTERVIEW_OUTLOOK_QUEUE, { retryLimit: 10, retryDelaySeconds: 5 });
    await queue.work<{ bookingId?: string }>(INTERVIEW_OUTLOOK_QUEUE, async (jobs) => {
      for (const job of jobs) {
        const run = await outlookSync.applyPending(job.data.bookingId);
        // A new organizer's calendar is watched from now on (changes there are pushed to us).
        if (run.settled > 0) await queue.send(WATCH_MAINTAIN_QUEUE, {});
        // pg-boss retries with backoff; the sweep below picks up whatever is still owed after that.
        if (run.postponed > 0) throw new Error(`${run.postponed} interviews still wait for Outlook`);
      }
    });
    await queue.boss.schedule(INTERVIEW_OUTLOOK_QUEUE, '* * * * *', {}, { tz: 'Asia/Tokyo' });
    // After a crash, rows still owe Outlook their action: take them up as soon as their lease runs out.
    await queue.send(
      INTERVIEW_OUTLOOK_QUEUE,
      {},
      {
        startAfter: Math.ceil(config.interviewLeaseMs / 1000) + 1,
        singletonKey: 'startup',
        singletonSeconds: 30,
      },
    );
    const interviewService = createInterviewService({
      store: interviewStore,
      people: peopleStore,
      access: growth.access,
      audit: growth.audit,
      calendar,
      goals: createGoalTitles(database.db),
      framework,
      notifyOutlookWork: async (bookingId) => {
        await queue.send(INTERVIEW_OUTLOOK_QUEUE, { bookingId });
      },
      now: () => new Date(),
    });

    // Training: one event per session in the training department's mailbox, through the same outbox rules.
    const trainingMailbox = microsoft.trainingMailbox;
    if (!trainingMailbox) throw new Error('TRAINING_MAILBOX is not configured');
    const trainingStore = createTrainingStore(database.db);
    if (local) {
      // The demo catalog exists in local mode only; production never loads src/dev.
      const { seedTrainingCatalog } = await import('./dev/training-catalog.ts');
      const seeded = await seedTrainingCatalog(trainingStore);
      if (seeded > 0) logger.info({ seeded }, 'demo training catalog seeded');
    }
    const trainingOutlook = createTrainingOutlook({
      store: trainingStore,
      people: peopleStore,
      calendar,
      logger,
      mailbox: trainingMailbox,
      now: () => new Date(),
      leaseMs: config.interviewLeaseMs,
      retryBaseMs: 5000,
      pacer: mailboxPacer,
    });
    await queue.define(TRAINING_OUTLOOK_QUEUE, { retryLimit: 10, retryDelaySeconds: 5 });
    await queue.work<{ sessionId?: string }>(TRAINING_OUTLOOK_QUEUE, async (jobs) => {
      for (const job of jobs) {
        const run = await trainingOutlook.applyPending(job.data.sessionId);
        if (run.postponed > 0) throw new Error(`${run.postponed} training sessions still wait for Outlook`);
      }
    });
    await queue.boss.schedule(TRAINING_OUTLOOK_QUEUE, '* * * * *', {}, { tz: 'Asia/Tokyo' });
    await queue.send(
      TRAINING_OUTLOOK_QUEUE,
      {},
      {
        startAfter: Math.ceil(config.interviewLeaseMs / 1000) + 1,
        singletonKey: 'startup',
        singletonSeconds: 30,
      },
    );
    // Outlook changes pushed, not polled (src/calendar-watch/): a subscription per watched mailbox,
    // notifications queued, each job a delta round of one mailbox. Organizer ids and the training mailbox.
    const trainingResponses = createTrainingResponses({
      db: database.db,
      people: peopleStore,
      now: () => new Date(),
    });
    const calendarWatch = createCalendarWatch({
      store: createCalendarWatchStore(database.db),
      graph: createGraphSubscriptions(appGraph),
      logger,
      now: () => new Date(),
      tenantId: microsoft.tenantId,
      endpoints: async () => {
        const base = await listening;
        return {
          notificationUrl: `${base}${NOTIFICATION_PATH}`,
          lifecycleNotificationUrl: `${base}${LIFECYCLE_PATH}`,
        };
      },
      wantedMailboxes: async () => [
        trainingMailbox,
        ...(await interviewStore.organizersWithBookings(new Date(Date.now() - 24 * 60 * 60_000))),
      ],
      maxSubscriptions: MAX_WATCHED_MAILBOXES,
      reconcile: async (mailbox, changes) =>
        (await outlookSync.reconcile(mailbox, changes)) +
        (mailbox === trainingMailbox ? await trainingResponses.reconcile(changes) : 0),
      enqueueSync: async (mailbox) => {
        await queue.send(WATCH_SYNC_QUEUE, { mailbox });
      },
      enqueueLifecycle: async (subscriptionId, event) => {
        await queue.send(WATCH_LIFECYCLE_QUEUE, { subscriptionId, event });
      },
    });
    await queue.define(WATCH_MAINTAIN_QUEUE, { retryLimit: 3, retryDelaySeconds: 60 });
    await queue.work(WATCH_MAINTAIN_QUEUE, async () => {
      const run = await calendarWatch.maintain();
      if (run.failed > 0) throw new Error(`${run.failed} Outlook subscriptions could not be kept`);
    });
    await queue.boss.schedule(WATCH_MAINTAIN_QUEUE, '7 * * * *', {}, { tz: 'Asia/Tokyo' });
    await queue.send(WATCH_MAINTAIN_QUEUE, {}, { singletonKey: 'startup', singletonSeconds: 30 });
    await queue.define(WATCH_SYNC_QUEUE, { retryLimit: 5, retryDelaySeconds: 10 });
    await queue.work<{ mailbox: string }>(WATCH_SYNC_QUEUE, async (jobs) => {
      for (const job of jobs) await calendarWatch.sync(job.data.mailbox);
    });
    await queue.define(WATCH_LIFECYCLE_QUEUE, { retryLimit: 5, retryDelaySeconds: 30 });
    await queue.work<{ subscriptionId: string; event: LifecycleEvent }>(
      WATCH_LIFECYCLE_QUEUE,
      async (jobs) => {
        for (const job of jobs) await calendarWatch.handleLifecycle(job.data.subscriptionId, job.data.event);
      },
    );
    // The old 10-minute poll's queue now runs the daily safety net: every watched mailbox gets a delta
    // round (every page, no cap). Re-scheduling under the same name replaces the old cron in pg-boss.
    await queue.define(INTERVIEW_CHANGES_QUEUE, { retryLimit: 2, retryDelaySeconds: 300 });
    await queue.work(INTERVIEW_CHANGES_QUEUE, async () => {
      await calendarWatch.maintain();
      const swept = await calendarWatch.sweep();
      logger.info({ mailboxes: swept }, 'daily Outlook delta sweep queued');
    });
    await queue.boss.schedule(INTERVIEW_CHANGES_QUEUE, '40 2 * * *', {}, { tz: 'Asia/Tokyo' });

    const trainingService = createTrainingService({
      store: trainingStore,
      people: peopleStore,
      access: growth.access,
      audit: growth.audit,
      framework,
      growth: {
        ...createLatestSelfCheck(database.db),
        ...createCareerWishes(database.db),
      },
      notifyOutlookWork: async (sessionId) => {
        await queue.send(TRAINING_OUTLOOK_QUEUE, { sessionId });
      },
      now: () => new Date(),
    });

    // Every proactive message (report forms, reminders, summaries, notices) goes through this outbox.
    const conversations = createConversationReferenceStore(database.db);
    // The hosts the bot takes activities from are the only ones the outbox posts to (the tenant is
    // checked when a reference is stored; a posting names no tenant of its own to check).
    const botServiceUrlPolicy = {
      ...(config.mode === 'production'
        ? productionActivityPolicy(microsoft.tenantId, config.botServiceUrlHosts)
        : LOCAL_ACTIVITY_POLICY),
      tenantId: undefined,
    };
    const botConnectorCredentials =
      config.mode === 'production'
        ? {
            clientId: microsoft.botId,
            credential: config.microsoft.botCredential,
            tenantId: microsoft.tenantId,
            authorityHost: microsoft.authorityHost,
          }
        : undefined;
    // Teams delivers a 1:1 message only to someone who has the app: in production the outbox installs it
    // for a person before their first one (Graph, TeamsAppInstallation.ReadWriteSelfForUser.All). Local
    // mode has no installer: the Agents Playground is not Teams and knows nothing of Graph installations.
    const personalAppInstaller =
      config.mode === 'production' && config.teamsAppId
        ? createGraphTeamsAppInstaller({
            graph: appGraph,
            graphBaseUrl: microsoft.graphBaseUrl,
            manifestAppId: config.teamsAppId,
            logger,
          })
        : undefined;
    if (config.mode === 'production' && !personalAppInstaller)
      logger.warn(
        'TEAMS_APP_ID is not set: the bot cannot install itself, so only people who already have the app (or get it from a setup policy) receive 1:1 messages',
      );
    const botOutboxWorker = createBotOutboxWorker({
      db: database.db,
      conversations,
      // Teams in production; in local mode the Agents Playground's connector, without a token.
      connector: createBotConnector({
        credentials: botConnectorCredentials,
        isAllowedServiceUrl: (serviceUrl) => refusalOf({ serviceUrl }, botServiceUrlPolicy) === undefined,
      }),
      logger,
      botId: config.mode === 'production' ? `28:${microsoft.botId}` : undefined,
      identities: local?.botIdentities,
      installer: personalAppInstaller,
      ...(config.mode === 'production'
        ? { proactiveServiceUrl: config.botProactiveServiceUrl, tenantId: microsoft.tenantId }
        : {}),
    });
    // One drain at a time across instances is the sender lease's job (bot-outbox.ts), not the queue's: a
    // job held by an instance that was killed stays active until it expires, and must not block the rest.
    await queue.boss.createQueue(BOT_OUTBOX_QUEUE, {
      policy: 'short',
      retryLimit: 5,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 15 * 60,
      deleteAfterSeconds: config.jobRetentionDays * 24 * 60 * 60,
    });
    const drainBotOutbox = async () => {
      const run = await botOutboxWorker.drain();
      if (run.sent + run.failed + run.retried > 0) logger.info({ ...run }, 'bot outbox drained');
    };
    await queue.work(BOT_OUTBOX_QUEUE, drainBotOutbox, { pollingIntervalSeconds: 1 });
    if ((await queue.boss.getQueue(LEGACY_BOT_OUTBOX_QUEUE)) !== null) {
      // Its per-minute schedule, stored by a release before the sender lease, would go on firing for
      // ever: the sweep is bot.outbox.drain's now. Jobs already queued (or nudged by an older instance
      // still running during the deploy) are still served, and drain like any other.
      await queue.boss.unschedule(LEGACY_BOT_OUTBOX_QUEUE);
      await queue.work(LEGACY_BOT_OUTBOX_QUEUE, drainBotOutbox, { pollingIntervalSeconds: 1 });
    }
    cleanups.push(() => botOutboxWorker.stop());
    await queue.boss.schedule(BOT_OUTBOX_QUEUE, '* * * * *', {}, { tz: 'Asia/Tokyo' });
    const botMessages = createBotOutbox({
      db: database.db,
      // Inside the caller's transaction the rows are not visible yet: wake the worker a little later.
      onEnqueued: async (inTransaction) => {
        await queue.send(BOT_OUTBOX_QUEUE, {}, inTransaction ? { startAfter: 2 } : undefined);
      },
    });
    // Retention (docs/operations.md): old sent or failed bot messages, nightly at 03:30 Japan time.
    const botOutboxRetention = createBotOutboxRetention({
      db: database.db,
      retentionDays: config.botOutboxRetentionDays,
      now: () => new Date(),
    });
    await queue.define(RETENTION_QUEUE, { retryLimit: 3, retryDelaySeconds: 300 });
    await queue.work(RETENTION_QUEUE, async () => {
      const run = await botOutboxRetention.runOnce();
      if (run.deleted > 0) logger.info({ botOutboxDeleted: run.deleted }, 'retention applied');
    });
    await queue.boss.schedule(RETENTION_QUEUE, '30 3 * * *', {}, { tz: 'Asia/Tokyo' });

    // Reminders of what people owe in the windows HR opened: daily at 10:00 Japan time; the service sends
    // nothing outside office hours or on closed days, and each stage goes out once per person (its key).
    const cycleReminders = createCycleReminders({
      due: cycleDue,
      messages: botMessages,
      // Japanese: the bot does not know each person's language, and the city works in Japanese.
      render: (content) => ({
        text: cycleReminderText({ ...content, locale: 'ja' }),
        attachments: [adaptiveCard(cycleReminderCard({ ...content, locale: 'ja' }))],
      }),
      now: growth.now,
    });
    await queue.define(CYCLE_REMINDERS_QUEUE, { retryLimit: 3, retryDelaySeconds: 300 });
    await queue.work(CYCLE_REMINDERS_QUEUE, async () => {
      const run = await cycleReminders.run();
      if (run.enqueued > 0) logger.info({ ...run }, 'cycle reminders enqueued');
    });
    await queue.boss.schedule(CYCLE_REMINDERS_QUEUE, '0 10 * * *', {}, { tz: 'Asia/Tokyo' });

    // Training reports (issue 8): requests when a session ends, sharing on submission, comments, reminders.
    const liveCourses = async () =>
      (await trainingStore.courses())
        .filter((course) => course.archivedAt === null)
        .map((course) => ({ id: course.id, title: { ja: course.titleJa, en: course.titleEn } }));
    const reportCards = createReportCardBuilders({ framework, courses: liveCourses });
    /** A session as the cards show it; undefined for an id that is not a session (a card's data is input). */
    const cardSession = async (sessionId: string) => {
      const session = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId)
        ? await trainingStore.session(sessionId)
        : undefined;
      const course = session ? await trainingStore.course(session.courseId) : undefined;
      return session && course
        ? {
            sessionId: session.id,
            courseTitle: { ja: course.titleJa, en: course.titleEn },
            start: session.startsAt.toISOString(),
          }
        : undefined;
    };
    // Inside Teams when the app id is known; otherwise the tab's own address.
    const tabLink = (sub: 'mine' | 'team') => () =>
      config.teamsAppId
        ? `https://teams.microsoft.com/l/entity/${config.teamsAppId}/home`
        : `${config.publicUrl}/tab/#/training/${sub}`;
    const reportSharing = createReportSharing({
      db: database.db,
      botMessages,
      cards: reportCards,
      tabLink: tabLink('team'),
    });
    const reportComments = createReportComments({
      db: database.db,
      access: growth.access,
      audit: growth.audit,
      people: peopleStore,
      botMessages,
      cards: reportCards,
      tabLink: tabLink('mine'),
      now: () => new Date(),
    });
    const reportService = createReportService({
      db: database.db,
      store: trainingStore,
      training: trainingService,
      framework,
      now: () => new Date(),
      onSubmitted: (tx, report) => reportSharing.onSubmitted(tx, report),
      details: async (reportIds) => {
        const [sharing, comments] = await Promise.all([
          reportSharing.sharingOf(reportIds),
          reportComments.of(reportIds),
        ]);
        return new Map(
          reportIds.map((id) => [id, { sharing: sharing.get(id) ?? null, comments: comments.get(id) ?? [] }]),
        );
      },
    });
    const reportRequests = createReportRequests({
      db: database.db,
      botMessages,
      cards: reportCards,
      now: () => new Date(),
    });
    const reportReminders = createReportReminders({
      db: database.db,
      botMessages,
      cards: reportCards,
      policy: { afterDays: config.reportReminderAfterDays, max: config.reportReminderMax },
      now: () => new Date(),
    });
    await queue.define(REPORT_REQUESTS_QUEUE, { retryLimit: 3, retryDelaySeconds: 30 });
    await queue.work(REPORT_REQUESTS_QUEUE, async () => {
      const run = await reportRequests.runOnce();
      if (run.requested > 0) logger.info(run, 'training reports requested');
    });
    await queue.boss.schedule(REPORT_REQUESTS_QUEUE, '*/5 * * * *', {}, { tz: 'Asia/Tokyo' });
    await queue.define(REPORT_REMINDERS_QUEUE, { retryLimit: 3, retryDelaySeconds: 60 });
    await queue.work(REPORT_REMINDERS_QUEUE, async () => {
      const run = await reportReminders.runOnce();
      if (run.reminded > 0) logger.info(run, 'training report reminders queued');
    });
    await queue.boss.schedule(REPORT_REMINDERS_QUEUE, '*/15 * * * *', {}, { tz: 'Asia/Tokyo' });

    const routes = [
      ...healthRoutes(
        {
          databaseKind: database.kind,
          pingDatabase: async () => {
            await database.query('SELECT 1');
          },
          isQueueHealthy: () => queue.isHealthy(),
          isDraining: () => shutdown.draining,
        },
        APP_VERSION,
      ),
      ...frameworkRoutes(framework),
      ...peopleRoutes(peopleService),
      ...peopleAdminRoutes(peopleAdmin),
      ...selfCheckRoutes(createSelfCheckService({ ...growth, people: peopleStore, windows: cycleService })),
      ...goalRoutes(createGoalService({ ...growth, people: peopleStore })),
      ...careerRoutes(createCareerService({ ...growth, people: peopleStore })),
      ...declarationRoutes(
        createDeclarationService({
          ...growth,
          people: peopleStore,
          windows: cycleService.declarationWindows,
        }),
      ),
      ...cycleRoutes(cycleService),
      ...teamRoutes(
        createTeamService({
          ...growth,
          people: peopleStore,
          interviews: createInterviewStatus(interviewStore),
        }),
      ),
      ...interviewRoutes(interviewService),
      ...trainingRoutes(trainingService),
      ...reportRoutes(reportService, reportComments),
      ...channelMappingRoutes(
        createChannelMappingService({
          store: createChannelMappingStore(database.db),
          installations: conversations,
          audit: growth.audit,
          now: () => new Date(),
        }),
      ),
      ...analyticsRoutes(
        createAnalyticsService({
          store: createAnalyticsStore(database.db),
          framework,
          audit: growth.audit,
          now: () => new Date(),
        }),
        framework,
      ),
      ...auditRoutes(createAuditQuery({ db: database.db, audit: growth.audit })),
      ...erasureRoutes(createErasureService({ db: database.db, directory })),
    ];

    const mounts: Array<(app: Express) => void | Promise<void>> = [
      (app) =>
        mountCalendarWatch(app, { watch: calendarWatch, logger, bodyLimitBytes: config.bodyLimitBytes }),
      async (app) => {
        await mountBot({
          expressApp: app,
          access: botConnectorCredentials
            ? {
                mode: 'production',
                ...botConnectorCredentials,
                serviceUrlHosts: config.mode === 'production' ? config.botServiceUrlHosts : [],
                openIdMetadataUrl: microsoft.botFramework?.openIdMetadataUrl,
                tokenIssuer: microsoft.botFramework?.tokenIssuer,
                token: createBotTokenProvider(botConnectorCredentials),
              }
            : { mode: 'local' },
          conversations,
          identities: local?.botIdentities,
          reports: createReportActions({
            reports: reportService,
            framework,
            comments: reportComments,
            tabLink: tabLink('team'),
            reportContext: async (reportId) => {
              const report = await reportSharing.reportOf(reportId);
              const session = report ? await cardSession(report.sessionId) : undefined;
              const author = report ? await peopleStore.get(report.personId) : undefined;
              return session && author
                ? { author: { name: author.displayName, department: author.department }, session }
                : undefined;
            },
            courses: liveCourses,
            session: cardSession,
          }),
          logger,
          publicUrl: config.publicUrl,
          bodyLimitBytes: config.bodyLimitBytes,
        });
      },
    ];
    // The privacy statement and terms the Teams manifest links to, and Entra's admin-consent landing page.
    mounts.push((app) => mountLegalPages(app, { dir: config.legalPagesDir }));
    if (local) mounts.push((app) => local.mountDevHost(app));

    const app = await createHttpApp({
      logger,
      routes,
      authenticate,
      rateLimit: createRateLimiter(database.db, {
        windowSeconds: config.security.rateLimitWindowSeconds,
        notifyMax: config.security.rateLimitNotifyMax,
        writeMax: config.security.rateLimitWriteMax,
      }),
      bodyLimitBytes: config.bodyLimitBytes,
      version: APP_VERSION,
      // Handlers' answers are checked against their response schemas everywhere but production.
      checkResponses: config.mode !== 'production',
      tabDir: appPaths.tabDir,
      // Teams' own origins need no entry: teams-js knows them. The local dev host is this server itself,
      // at whatever address the browser used to reach it.
      tabConfig: (req) => ({
        hostOrigins: config.mode === 'local' ? [`${req.protocol}://${req.get('host') ?? ''}`] : [],
      }),
      frameAncestors: defaultFrameAncestors(),
      mounts,
    });

    const server = await listen(app, config.port, config.host);
    // Stop taking connections; requests in flight finish (up to 5 s of the budget), idle keep-alive
    // connections close now so clients reconnect to another replica.
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), Math.min(5000, shutdown.remainingMs())).unref();
        }),
    );
    const address = server.address() as AddressInfo;
    const url = config.port === 0 ? `http://localhost:${address.port}` : config.publicUrl;
    announceListening(url);

    let closing: Promise<void> | undefined;
    return {
      url,
      config,
      database,
      queue,
      framework,
      local,
      botMessages,
      reportJobs: { requests: () => reportRequests.runOnce(), reminders: () => reportReminders.runOnce() },
      close: () =>
        (closing ??= (async () => {
          shutdown.deadline = Date.now() + config.shutdownTimeoutMs;
          // Readiness answers 503 first, while the listener still answers, so the load balancer takes
          // this replica out before its connections go away.
          shutdown.draining = true;
          logger.info({ drainDelayMs: config.shutdownDrainDelayMs }, 'draining');
          await sleep(Math.min(config.shutdownDrainDelayMs, shutdown.remainingMs()));
          await closeAll();
        })()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * src/dev (the emulator, the dev host) is not part of the built artefact: it needs development packages
 * and must never be reachable in production. Local mode therefore runs from the source tree only.
 */
async function importLocalMode(): Promise<{
  startLocalMicrosoft365: typeof startLocalMicrosoft365;
}> {
  try {
    return await import('./dev/local-mode.ts');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND')
      throw new Error(
        'Local mode runs from the source tree (npm start); this build is the production artefact.',
        { cause: error },
      );
    throw error;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function listen(app: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
