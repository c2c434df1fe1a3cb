import { PgBoss, fromPglite } from 'pg-boss';
import type { Job, SendOptions, WorkOptions } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { telemetry } from '../telemetry/metrics.ts';
import { QUEUE_SCHEMA } from './queue-schema.ts';

export type JobHandler<T> = (jobs: Job<T>[]) => Promise<void>;

export interface JobQueue {
  /** Declares a queue; idempotent, call before send/work. */
  define(
    name: string,
    options?: { retryLimit?: number; retryDelaySeconds?: number; expireInSeconds?: number },
  ): Promise<void>;
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  work<T>(name: string, handler: JobHandler<T>, options?: WorkOptions): Promise<void>;
  /** True when the queue answers a query against its own tables. */
  isHealthy(): Promise<boolean>;
  /**
   * Stops fetching, lets running handlers finish for up to `timeoutMs`, then fails whatever is still
   * running so another instance (or this one after a restart) picks it up again as a retry.
   */
  stop(timeoutMs: number): Promise<void>;
  readonly boss: PgBoss;
}

export interface QueueOptions {
  /** How long finished jobs stay in pg-boss's tables before its maintenance deletes them. */
  finishedJobRetentionSeconds?: number;
  /**
   * The longest a worker waits between two fetches (pg-boss polls; its default is 2 s): a worker declared
   * with a longer interval, or with none, polls this often. A job sent while its worker waits runs when the
   * worker next fetches.
   */
  pollingIntervalSeconds?: number;
}

/** A worker's options with its polling interval held to the queue's ceiling (`QueueOptions`). */
export function withPollingCeiling(
  options: WorkOptions | undefined,
  ceilingSeconds: number | undefined,
): WorkOptions | undefined {
  if (ceilingSeconds === undefined) return options;
  const declared = options?.pollingIntervalSeconds;
  return {
    ...options,
    pollingIntervalSeconds: declared === undefined ? ceilingSeconds : Math.min(declared, ceilingSeconds),
  };
}

export async function startQueue(
  database: Database,
  logger: Logger,
  options: QueueOptions = {},
): Promise<JobQueue> {
  // Where the owner role installed the queue's schema, the runtime role only checks its version.
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schema: QUEUE_SCHEMA })
    : new PgBoss({
        connectionString: database.connectionString ?? '',
        schema: QUEUE_SCHEMA,
        max: 4,
        migrate: database.ownsSchema,
      });
  boss.on('error', (error: Error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();

  const defined = new Set<string>();
  const retention =
    options.finishedJobRetentionSeconds !== undefined
      ? { deleteAfterSeconds: options.finishedJobRetentionSeconds }
      : {};
  let stopped = false;

  return {
    boss,
    async define(name, queueOptions = {}) {
      if (defined.has(name)) return;
      // createQueue is a no-op when another instance created it first.
      await boss.createQueue(name, {
        retryLimit: queueOptions.retryLimit ?? 5,
        retryDelay: queueOptions.retryDelaySeconds ?? 5,
        retryBackoff: true,
        expireInSeconds: queueOptions.expireInSeconds ?? 15 * 60,
        ...retention,
      });
      // A queue made by an earlier release keeps its settings: a changed retention applies on start.
      if (options.finishedJobRetentionSeconds !== undefined) await boss.updateQueue(name, retention);
      defined.add(name);
    },
    async send(name, data, options) {
      return options ? boss.send(name, data, options) : boss.send(name, data);
    },
    async work<T>(name: string, handler: JobHandler<T>, workOptions?: WorkOptions) {
      const wrapped = async (jobs: Job<T>[]) => {
        try {
          await handler(jobs);
        } catch (error) {
          // Logged here with the queue name; pg-boss records the failure and schedules the retry.
          logger.warn({ err: error, queue: name, jobIds: jobs.map((job) => job.id) }, 'job failed');
          telemetry.recordJobFailure(name);
          throw error;
        }
      };
      const effective = withPollingCeiling(workOptions, options.pollingIntervalSeconds);
      if (effective) await boss.work<T>(name, effective, wrapped);
      else await boss.work<T>(name, wrapped);
    },
    async isHealthy() {
      if (stopped) return false;
      try {
        await boss.getQueues();
        return true;
      } catch {
        return false;
      }
    },
    async stop(timeoutMs) {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
    },
  };
}
