// Composition root: configuration → server → signals. Nothing else starts the service.
import { ConfigError, loadConfig, modeFromArguments } from './config.ts';
import { createLogger } from './logger.ts';

async function main(): Promise<void> {
  let config;
  try {
    // `npm start` passes --mode=local; a deployment sets APP_MODE=production. Neither: refused.
    config = loadConfig(undefined, { mode: modeFromArguments(process.argv.slice(2)) });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Hagukumi cannot start.\n${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  // Before server.ts is imported: the SDK instruments node:http, express and pg only as they load.
  const { startTelemetry } = await import('./telemetry/telemetry-sdk.ts');
  const telemetry = await startTelemetry(config.applicationInsightsConnectionString);
  // Loaded once the configuration is valid: a refused start loads none of the service (nor the SDKs).
  const { startServer } = await import('./server.ts');
  const server = await startServer(config, logger, { telemetry });
  logger.info(
    {
      mode: config.mode,
      database: server.database.kind,
      telemetry: telemetry ? 'azure-monitor' : 'off',
      ms: Date.now() - started,
    },
    'ready',
  );
  process.stdout.write(
    config.mode === 'local'
      ? `\nHagukumi is ready (local mode, ${server.database.kind}).\nOpen the app: ${server.url}/dev/\n\n`
      : `\nHagukumi is ready (${config.mode} mode, ${server.database.kind}): ${server.url}\n\n`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C in a terminal means "now". A second SIGTERM is usually the same signal delivered
      // again (to the process group, or by a supervisor that repeats it): it must not cut the drain short.
      if (signal === 'SIGINT') {
        process.stderr.write('Forced exit.\n');
        process.exit(130);
      }
      logger.info({ signal }, 'already draining; signal ignored');
      return;
    }
    stopping = true;
    process.stdout.write(
      `\n${signal}: draining (readiness answers 503; everything stops within ${config.shutdownTimeoutMs} ms)…\n`,
    );
    // The platform kills the process after its grace period anyway; failing loudly first says why.
    setTimeout(() => {
      logger.error({ shutdownTimeoutMs: config.shutdownTimeoutMs }, 'shutdown did not finish in time');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5000).unref();
    server.close().then(
      () => {
        process.stdout.write('Stopped cleanly.\n');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Hagukumi failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
