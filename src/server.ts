import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { createHttpApp, defaultFrameAncestors } from './http/app.ts';
import { healthRoutes } from './http/health.routes.ts';
import { startQueue, type JobQueue } from './jobs/queue.ts';
import type { Logger } from './logger.ts';
import { APP_VERSION } from './version.ts';

export interface RunningServer {
  url: string;
  config: Config;
  database: Database;
  queue: JobQueue;
  close(): Promise<void>;
}

/** Wires adapters and services together and listens. Used by main.ts and by integration tests. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  const cleanups: Array<() => Promise<void>> = [() => database.close()];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
    }
  };
  try {
    const queue = await startQueue(database, logger);
    cleanups.push(() => queue.stop(config.shutdownTimeoutMs));

    const routes = [
      ...healthRoutes(
        {
          databaseKind: database.kind,
          pingDatabase: async () => {
            await database.query('SELECT 1');
          },
          isQueueHealthy: () => queue.isHealthy(),
        },
        APP_VERSION,
      ),
    ];

    const app = createHttpApp({
      logger,
      routes,
      bodyLimitBytes: config.bodyLimitBytes,
      version: APP_VERSION,
      tabDir: path.resolve('dist/tab'),
      frameAncestors: defaultFrameAncestors(),
    });

    const server = await listen(app, config.port, config.host);
    const stopHttp = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5000).unref();
      });
    cleanups.push(stopHttp);
    const address = server.address() as AddressInfo;
    const url = config.port === 0 ? `http://localhost:${address.port}` : config.publicUrl;

    let closing: Promise<void> | undefined;
    return {
      url,
      config,
      database,
      queue,
      close: () => (closing ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

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
