// The composition root: configuration → database → clock → shared infrastructure (Graph, the bot's
// outbox, the job queue) → the slices' modules → the HTTP app → listen, and close in reverse. It holds no
// domain logic: each slice's module factory (src/<slice>/<slice>.module.ts) builds its services and
// declares its routes and jobs (docs/architecture.md).
import type { AddressInfo } from 'node:net';
import { botServiceUrlRule, createBotModule, renderCycleReminder } from '../bot/bot.module.ts';
import { trainingNoticeCards } from '../bot/cards/training-notice-card.ts';
import { ojtNoticeCards } from '../bot/cards/ojt-notice-card.ts';
import { qualificationNoticeCards } from '../bot/cards/qualification-notice-card.ts';
import { pulseCards } from '../bot/cards/pulse-card.ts';
import { careerPromptCards } from '../bot/cards/career-prompt-card.ts';
import { requestNoticeCards } from '../bot/cards/request-notice-card.ts';
import { createFollowUpCardBuilders } from '../bot/follow-up-cards.ts';
import { createReportCardBuilders } from '../bot/report-cards.ts';
import { createAnalyticsModule } from './analytics/analytics.module.ts';
import { createAppContext, type SliceModule } from './app-context.ts';
import { createAuthModule } from './auth/auth.module.ts';
import {
  createCalendarWatchModule,
  requestCalendarWatchMaintenance,
} from './calendar-watch/calendar-watch.module.ts';
import type { Config, MicrosoftConfig } from './config.ts';
import { createCyclesModule } from './cycles/cycles.module.ts';
import { openDatabase, type Database } from './db/database.ts';
import type { LocalMicrosoft365, startLocalMicrosoft365 } from './dev/local-mode.ts';
import { loadFramework } from './framework/framework-loader.ts';
import { loadEvaluationConfig } from './evaluation/evaluation-config.ts';
import { createEvaluationModule } from './evaluation/evaluation.module.ts';
import { createFrameworkModule } from './framework/framework.module.ts';
import type { Framework } from './framework/framework.schema.ts';
import { createDevelopmentModule } from './growth/development.module.ts';
import { createGrowthModule } from './growth/growth.module.ts';
import { createHomeModule } from './home/home.module.ts';
import { closeServer, createLifecycle, flushTelemetry, listen } from './lifecycle.ts';
import { createInterviewChainHandler, createInterviewsModule } from './interviews/interviews.module.ts';
import { createRequestNotices } from './interviews/request-notices.ts';
import { registerJobs } from './jobs/job-table.ts';
import { startQueue, type JobQueue } from './jobs/queue.ts';
import type { Logger } from './logger.ts';
import { createOjtNotices } from './ojt/ojt-notices.ts';
import { createOjtArrivalHandler, createOjtModule } from './ojt/ojt.module.ts';
import { createPulseModule } from './pulse/pulse.module.ts';
import { createQualificationModule } from './qualifications/qualification.module.ts';
import { createQualificationNotices } from './qualifications/qualification-notices.ts';
import { createPeopleModule } from './people/people.module.ts';
import { createPrivacyModule } from './privacy/privacy.module.ts';
import type { BotMessages } from './reports/bot-messages.port.ts';
import { createBotMessagingModule } from './reports/bot-messaging.module.ts';
import { personalLocalesOf } from './reports/conversation-references.store.ts';
import { createTabLinks } from './shared/tab-links.ts';
import { createReportsModule } from './reports/reports.module.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import type { TelemetrySdk } from './telemetry/telemetry-sdk.ts';
import { createTrainingModule } from './training/training.module.ts';
import { createWebApp } from './web-app.ts';

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
    /** The DRILL follow-up's pass (docs/training.md). */
    followUps(): Promise<{ asked: number }>;
  };
  /** The attendance-report job's pass (proposed attendance from Teams), run on demand besides its schedule. */
  attendanceJob(): Promise<{ opened: number; read: number; proposed: number; refused: number }>;
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** The telemetry SDK main.ts started (telemetry/telemetry-sdk.ts); flushed last when the server closes. */
  telemetry?: TelemetrySdk | undefined;
  /** What every service and job takes as the current time (default: the machine's); tests may freeze it. */
  clock?: Clock | undefined;
}

/** Wires adapters and services together and listens. Used by main.ts and by integration tests. */
export async function startServer(
  config: Config,
  logger: Logger,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const lifecycle = createLifecycle({
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    shutdownDrainDelayMs: config.shutdownDrainDelayMs,
    logger,
  });
  // First in, so last out: what the drain records (job failures) is exported too.
  if (options.telemetry) lifecycle.onClose(flushTelemetry(options.telemetry, lifecycle));
  try {
    const framework = await loadFramework(config.frameworkFile);
    const evaluationConfig = await loadEvaluationConfig(config.evaluationFile);
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      migrationUrl: config.databaseMigrationUrl,
      leastPrivilege: config.mode === 'production',
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
    });
    lifecycle.onClose(() => database.close());
    const queue = await startQueue(database, logger, {
      finishedJobRetentionSeconds: config.jobRetentionDays * 24 * 60 * 60,
      pollingIntervalSeconds: config.jobPollIntervalSeconds,
    });
    // Running jobs get what is left of the shutdown budget, less a moment to close the pool.
    lifecycle.onClose(() => queue.stop(Math.max(1000, lifecycle.remainingMs() - 2000)));

    // Microsoft 365: the real tenant in production; in local mode the emulator, described the same way.
    const { microsoft, caCertPem, local } = await connectMicrosoft365(config);
    if (local) lifecycle.onClose(() => local.close());
    // Shared: the app identity's one Graph client and token cache, and the directory and calendars over it.
    const ctx = createAppContext({
      config,
      logger,
      clock,
      database,
      queue,
      framework,
      microsoft,
      caCertPem,
      botIdentities: local?.botIdentities,
    });
    // Where Graph posts change notifications: known once the server listens (a random port in tests).
    let announceListening: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (announceListening = resolve));

    // The slices, each built by its module factory on the ports of those it needs.
    const messaging = createBotMessagingModule(ctx, { isAllowedServiceUrl: botServiceUrlRule(ctx) });
    const { messages, conversations } = messaging;
    // 1:1 request notices through the bot's outbox, rendered by the bot's card builders; the people sync
    // tells a new supervisor of the requests moved to them, so they are built before people.
    const requestNotices = createRequestNotices({
      messages,
      cards: requestNoticeCards,
      languagesOf: (personIds, db) => personalLocalesOf(db, personIds),
      tabLink: createTabLinks(config),
      now: ctx.now,
    });
    const people = createPeopleModule(ctx, {
      chainHandler: createInterviewChainHandler(queue, requestNotices),
      // An onboarding suggestion tells its supervisor through the bot's outbox (docs/ojt.md).
      arrivalHandler: createOjtArrivalHandler(
        createOjtNotices({
          messages,
          cards: ojtNoticeCards,
          languagesOf: (personIds, db) => personalLocalesOf(db, personIds),
          tabLink: createTabLinks(config),
        }),
      ),
    });
    const auth = createAuthModule(ctx, { lines: people.store });
    const base = { people: people.store, access: auth.access, audit: auth.audit };
    const cycles = createCyclesModule(ctx, { ...base, messages, renderReminder: renderCycleReminder });
    const interviews = createInterviewsModule(ctx, {
      ...base,
      watchOrganizers: () => requestCalendarWatchMaintenance(queue),
      requestNotices,
    });
    const policy = createFrameworkModule(ctx, { audit: auth.audit });
    const growth = createGrowthModule(ctx, {
      ...base,
      viewpoints: policy.viewpoints,
      windows: cycles.service,
      interviews: interviews.status,
      // Career milestones tell the person and their supervisor through the bot's outbox (docs/growth.md).
      careerNotices: {
        messages,
        cards: careerPromptCards,
        languagesOf: (personIds, db) => personalLocalesOf(db, personIds),
        tabLink: createTabLinks(config),
      },
    });
    const training = await createTrainingModule(ctx, {
      ...base,
      // 受講案内 and status notices through the bot's outbox, rendered by the bot's card builders.
      notices: {
        messages,
        cards: trainingNoticeCards,
        languagesOf: (personIds, db) => personalLocalesOf(db, personIds),
      },
      // The demo catalog exists in local mode only; production never loads src/dev.
      seedCatalog: local ? (await import('./dev/training-catalog.ts')).seedTrainingCatalog : undefined,
    });
    const calendarWatch = createCalendarWatchModule(ctx, {
      listening,
      wantedMailboxes: async () => [training.mailbox, ...(await interviews.organizers())],
      reconcile: async (mailbox, changes) =>
        (await interviews.reconcile(mailbox, changes)) +
        (mailbox === training.mailbox ? await training.reconcile(changes) : 0),
    });
    const cards = createReportCardBuilders({ framework, courses: training.liveCourses });
    const reports = createReportsModule(ctx, {
      ...base,
      training,
      messages,
      conversations,
      cards,
      followUpCards: createFollowUpCardBuilders(),
    });
    const home = createHomeModule(ctx, {
      ...base,
      cycles: cycles.service,
      training: training.service,
      reports: reports.service,
    });
    // The やりがい pulse: its cards go out through the bot's outbox when a pulse opens, rendered by the bot's
    // card builder, and the bot takes their answers through the same service as the tab (docs/pulse.md).
    const pulse = createPulseModule(ctx, {
      ...base,
      bot: {
        messages,
        cards: pulseCards,
        languagesOf: (personIds, db) => personalLocalesOf(db, personIds),
        tabLink: createTabLinks(config),
      },
    });
    const bot = createBotModule(ctx, {
      identity: messaging.identity,
      conversations,
      reports,
      courses: training.liveCourses,
      // 「次の予定」: read through the services behind the tab's own lists (bot/schedule.ts).
      schedule: {
        interviews: (actor, as) => interviews.service.list(actor, as, undefined),
        enrolments: (actor) => training.service.enrolmentsOf(actor, actor.id),
      },
      // 「チェックイン ABC123」: through the service behind the tab's check-in (same limit, same audit).
      checkIn: (actor, input) => training.attendance.checkIn(actor, input),
      pulse: pulse.service,
    });
    const ojt = createOjtModule(ctx, base);
    // In the order their routes always had (the OpenAPI document lists them so).
    const modules: SliceModule[] = [
      policy,
      people,
      growth,
      cycles,
      { routes: growth.teamRoutes, jobs: [] },
      interviews,
      training,
      reports,
      createDevelopmentModule(ctx, {
        ...base,
        sources: {
          ...interviews.development,
          ...training.development,
          ...reports.development,
          ...ojt.development,
        },
      }),
      createAnalyticsModule(ctx, base),
      ojt,
      pulse,
      createEvaluationModule(ctx, { ...base, config: evaluationConfig }),
      createQualificationModule(ctx, {
        ...base,
        career: growth.career,
        // Each step tells the next person through the bot's outbox (docs/training.md).
        notices: createQualificationNotices({
          messages,
          cards: qualificationNoticeCards,
          languagesOf: (personIds, db) => personalLocalesOf(db, personIds),
          tabLink: createTabLinks(config),
        }),
      }),
      auth,
      createPrivacyModule(ctx),
      calendarWatch,
      messaging,
      home,
    ];
    for (const module of modules) if (module.shutdown) lifecycle.onClose(module.shutdown);
    await registerJobs(
      queue,
      modules.flatMap((module) => module.jobs),
    );

    const app = await createWebApp({
      config,
      logger,
      database,
      queue,
      isDraining: lifecycle.isDraining,
      routes: modules.flatMap((module) => module.routes),
      authenticate: auth.authenticate,
      mounts: [...calendarWatch.mounts, ...bot.mounts],
      devHost: local ? (app) => local.mountDevHost(app) : undefined,
    });

    const server = await listen(app, config.port, config.host);
    lifecycle.onClose(closeServer(server, lifecycle));
    const address = server.address() as AddressInfo;
    const url = config.port === 0 ? `http://localhost:${address.port}` : config.publicUrl;
    announceListening(url);

    return {
      url,
      config,
      database,
      queue,
      framework,
      local,
      botMessages: messages,
      reportJobs: reports.runJobs,
      attendanceJob: () => training.attendance.runOnce(),
      close: lifecycle.close,
    };
  } catch (error) {
    await lifecycle.abort();
    throw error;
  }
}

async function connectMicrosoft365(config: Config): Promise<{
  microsoft: MicrosoftConfig;
  caCertPem: string | undefined;
  local: LocalMicrosoft365 | undefined;
}> {
  if (config.mode !== 'local') return { microsoft: config.microsoft, caCertPem: undefined, local: undefined };
  const { startLocalMicrosoft365 } = await importLocalMode();
  const local = await startLocalMicrosoft365(config);
  return { microsoft: local.microsoft, caCertPem: local.caCertPem, local };
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
