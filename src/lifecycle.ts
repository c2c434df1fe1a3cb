// How the server stops: one shutdown budget (SHUTDOWN_TIMEOUT_MS) for the whole drain, and the steps the
// composition root registered as it started, run in reverse. Budgets measure elapsed time
// (performance.now), not the application clock a test may freeze.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Logger } from './logger.ts';
import type { TelemetrySdk } from './telemetry/telemetry-sdk.ts';

export interface Lifecycle {
  /** Adds a step to run on close; steps run in the reverse order of their adding (first in, last out). */
  onClose: (step: () => Promise<void>) => void;
  /** What is left of the shutdown budget; all of it until close() starts. */
  remainingMs: () => number;
  /** True once close() started: readiness answers 503. */
  isDraining: () => boolean;
  /** Drains (readiness first, then the delay), then runs every step; idempotent. */
  close: () => Promise<void>;
  /** Runs every step at once: a start that failed half-way. */
  abort: () => Promise<void>;
}

export function createLifecycle(options: {
  shutdownTimeoutMs: number;
  shutdownDrainDelayMs: number;
  logger: Logger;
}): Lifecycle {
  const { logger } = options;
  const steps: Array<() => Promise<void>> = [];
  let deadline = Number.POSITIVE_INFINITY;
  let draining = false;
  let closing: Promise<void> | undefined;
  const remainingMs = () =>
    Number.isFinite(deadline) ? Math.max(0, deadline - performance.now()) : options.shutdownTimeoutMs;
  const runSteps = async () => {
    for (const step of steps.splice(0).reverse()) {
      await step().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
    }
  };
  return {
    onClose: (step) => void steps.push(step),
    remainingMs,
    isDraining: () => draining,
    abort: runSteps,
    close: () =>
      (closing ??= (async () => {
        deadline = performance.now() + options.shutdownTimeoutMs;
        // Readiness answers 503 first, while the listener still answers, so the load balancer takes
        // this replica out before its connections go away.
        draining = true;
        logger.info({ drainDelayMs: options.shutdownDrainDelayMs }, 'draining');
        await sleep(Math.min(options.shutdownDrainDelayMs, remainingMs()));
        await runSteps();
      })()),
  };
}

/**
 * Flushes telemetry, bounded by what is left of the budget: an unreachable ingestion endpoint must not
 * hold the exit.
 */
export function flushTelemetry(sdk: TelemetrySdk, lifecycle: Pick<Lifecycle, 'remainingMs'>) {
  return () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, Math.max(1000, lifecycle.remainingMs() - 500));
      timer.unref();
      sdk.shutdown().then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
}

export function listen(app: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * Stops taking connections; requests in flight finish (up to 5 s of the budget), idle keep-alive
 * connections close now so clients reconnect to another replica.
 */
export function closeServer(server: Server, lifecycle: Pick<Lifecycle, 'remainingMs'>) {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), Math.min(5000, lifecycle.remainingMs())).unref();
    });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
