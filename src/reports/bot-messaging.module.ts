// Everything the app posts to Teams proactively (report forms, reminders, summaries, notices) goes
// through one outbox: stored in the caller's transaction, drained by a worker, kept for a while.
import type { AppContext, SliceModule } from '../app-context.ts';
import { job } from '../jobs/job-table.ts';
import { createBotConnector, createBotTokenProvider } from './bot-connector.ts';
import type { BotMessages } from './bot-messages.port.ts';
import { createBotOutboxRetention } from './bot-outbox-retention.ts';
import { createBotOutbox, createBotOutboxWorker } from './bot-outbox.ts';
import { createConversationReferenceStore } from './conversation-references.store.ts';
import { createGraphTeamsAppInstaller } from '../graph/graph-teams-apps.ts';

/**
 * Proactive bot messages waiting in bot_outbox; nudged on enqueue, swept every minute. Policy `short`:
 * one job waiting, any number running, so a drain that died with its instance blocks nothing; who posts
 * is decided by the outbox's own sender lease (heartbeated, taken over within seconds).
 */
export const BOT_OUTBOX_QUEUE = 'bot.outbox.drain';
/** The stately queue of earlier releases: still served (not scheduled), so their nudges are not lost during a deploy. */
export const LEGACY_BOT_OUTBOX_QUEUE = 'bot.outbox';
/** Deletes what has outlived its retention (docs/operations.md); nightly. */
export const RETENTION_QUEUE = 'maintenance.retention';

export function createBotMessagingModule(
  ctx: AppContext,
  deps: {
    /** The hosts the bot takes activities from are the only ones the outbox posts to (bot/activity-guard.ts). */
    isAllowedServiceUrl: (serviceUrl: string) => boolean;
  },
) {
  const { config, microsoft, logger, queue } = ctx;
  const conversations = createConversationReferenceStore(ctx.db, ctx.now);
  // The bot's own identity (Azure Bot) in production; the Agents Playground's connector takes no token.
  const credentials =
    config.mode === 'production'
      ? {
          clientId: microsoft.botId,
          credential: config.microsoft.botCredential,
          tenantId: microsoft.tenantId,
          authorityHost: microsoft.authorityHost,
        }
      : undefined;
  // One token cache for the bot identity: the outbox's posts and the endpoint's replies.
  const token = credentials ? createBotTokenProvider(credentials) : undefined;
  // Teams delivers a 1:1 message only to someone who has the app: in production the outbox installs it
  // for a person before their first one (Graph, TeamsAppInstallation.ReadWriteSelfForUser.All). Local
  // mode has no installer: the Agents Playground is not Teams and knows nothing of Graph installations.
  const installer =
    config.mode === 'production' && config.teamsAppId
      ? createGraphTeamsAppInstaller({
          graph: ctx.graph,
          graphBaseUrl: microsoft.graphBaseUrl,
          manifestAppId: config.teamsAppId,
          logger,
        })
      : undefined;
  if (config.mode === 'production' && !installer)
    logger.warn(
      'TEAMS_APP_ID is not set: the bot cannot install itself, so only people who already have the app (or get it from a setup policy) receive 1:1 messages',
    );
  const worker = createBotOutboxWorker({
    db: ctx.db,
    clock: () => ctx.now().getTime(),
    conversations,
    // Teams in production; in local mode the Agents Playground's connector, without a token.
    connector: createBotConnector({
      credentials,
      token,
      isAllowedServiceUrl: deps.isAllowedServiceUrl,
    }),
    logger,
    botId: config.mode === 'production' ? `28:${microsoft.botId}` : undefined,
    identities: ctx.botIdentities,
    installer,
    ...(config.mode === 'production'
      ? { proactiveServiceUrl: config.botProactiveServiceUrl, tenantId: microsoft.tenantId }
      : {}),
  });
  const messages: BotMessages = createBotOutbox({
    db: ctx.db,
    // Inside the caller's transaction the rows are not visible yet: wake the worker a little later.
    onEnqueued: async (inTransaction) => {
      await queue.send(BOT_OUTBOX_QUEUE, {}, inTransaction ? { startAfter: 2 } : undefined);
    },
  });
  // Retention (docs/operations.md): old sent or failed bot messages, nightly at 03:30 Japan time.
  const retention = createBotOutboxRetention({
    db: ctx.db,
    retentionDays: config.botOutboxRetentionDays,
    now: ctx.now,
  });

  const drain = async () => {
    const run = await worker.drain();
    if (run.sent + run.failed + run.retried > 0) logger.info({ ...run }, 'bot outbox drained');
  };
  const jobs = [
    // One drain at a time across instances is the sender lease's job (bot-outbox.ts), not the queue's: a
    // job held by an instance that was killed stays active until it expires, and must not block the rest.
    job({
      queue: BOT_OUTBOX_QUEUE,
      create: {
        boss: {
          policy: 'short',
          retryLimit: 5,
          retryDelay: 5,
          retryBackoff: true,
          expireInSeconds: 15 * 60,
          deleteAfterSeconds: config.jobRetentionDays * 24 * 60 * 60,
        },
      },
      handler: drain,
      work: { pollingIntervalSeconds: 1 },
      schedule: '* * * * *',
    }),
    // Its per-minute schedule, stored by a release before the sender lease, would go on firing for ever:
    // the sweep is bot.outbox.drain's now. Jobs already queued (or nudged by an older instance still
    // running during the deploy) are still served, and drain like any other.
    job({
      queue: LEGACY_BOT_OUTBOX_QUEUE,
      retired: true,
      handler: drain,
      work: { pollingIntervalSeconds: 1 },
    }),
    job({
      queue: RETENTION_QUEUE,
      create: { retryLimit: 3, retryDelaySeconds: 300 },
      handler: async () => {
        const run = await retention.runOnce();
        if (run.deleted > 0) logger.info({ botOutboxDeleted: run.deleted }, 'retention applied');
      },
      schedule: '30 3 * * *',
    }),
  ];
  return {
    routes: [],
    jobs,
    shutdown: () => worker.stop(),
    messages,
    conversations,
    /** The bot identity's credentials and token provider (production only). */
    identity: credentials && token ? { credentials, token } : undefined,
  } satisfies SliceModule & Record<string, unknown>;
}
