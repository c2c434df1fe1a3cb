// The HTTP side of the service: the slices' routes behind sign-in and rate limits, health, the tab's
// static build, and what is mounted besides the JSON API (the bot, Graph's notifications, legal pages).
import type { Express } from 'express';
import type { AppMount, AppRoute } from './app-context.ts';
import { appPaths } from './app-paths.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { createHttpApp, defaultFrameAncestors, type Authenticator } from './http/app.ts';
import { healthRoutes } from './http/health.routes.ts';
import { createRateLimiter } from './http/rate-limit.ts';
import type { JobQueue } from './jobs/queue.ts';
import { mountLegalPages } from './legal/legal-pages.ts';
import type { Logger } from './logger.ts';
import { APP_VERSION } from './version.ts';

export function createWebApp(input: {
  config: Config;
  logger: Logger;
  database: Database;
  queue: JobQueue;
  isDraining: () => boolean;
  routes: AppRoute[];
  authenticate: Authenticator;
  mounts: AppMount[];
  /** Local mode: the dev host page that hosts the tab like Teams does; mounted last. */
  devHost?: AppMount | undefined;
}): Promise<Express> {
  const { config, database, queue } = input;
  const health = healthRoutes(
    {
      databaseKind: database.kind,
      pingDatabase: async () => {
        await database.query('SELECT 1');
      },
      isQueueHealthy: () => queue.isHealthy(),
      isDraining: input.isDraining,
    },
    APP_VERSION,
  );
  return createHttpApp({
    logger: input.logger,
    routes: [...health, ...input.routes],
    authenticate: input.authenticate,
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
    // The privacy statement and terms the Teams manifest links to, and Entra's admin-consent landing page.
    mounts: [
      ...input.mounts,
      (app) => mountLegalPages(app, { dir: config.legalPagesDir }),
      ...(input.devHost ? [input.devHost] : []),
    ],
  });
}
