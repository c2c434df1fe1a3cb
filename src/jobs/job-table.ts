// The background work of every slice, declared as data and registered here in one place: the queue, its
// retry settings, its schedule, its worker and what is sent once at startup. Queue names and settings are
// stored by pg-boss in production databases: a changed name or schedule is a migration, not a refactor.
import type { Queue, SendOptions, WorkOptions } from 'pg-boss';
import type { Logger } from '../logger.ts';
import type { JobHandler, JobQueue } from './queue.ts';

/** Every schedule runs in Japan time. */
export const JOB_TIME_ZONE = 'Asia/Tokyo';

export interface JobDeclaration<T = object> {
  /** The pg-boss queue name (stored in production: never rename). */
  queue: string;
  /**
   * How the queue is created: retries for JobQueue.define, or pg-boss's own queue options as given (for
   * a queue that needs a policy of its own).
   */
  create?: { retryLimit: number; retryDelaySeconds: number } | { boss: Omit<Queue, 'name'> };
  handler: JobHandler<T>;
  work?: WorkOptions;
  /** A cron expression in Japan time. */
  schedule?: string;
  /** Sent once when the server starts (a singleton key makes several instances starting together send one). */
  atStartup?: { data?: T; options: SendOptions };
  /**
   * A queue an earlier release scheduled and this one no longer does: when it exists, its schedule is
   * removed and its worker still serves what was queued (by an older instance during a deploy).
   */
  retired?: boolean;
}

/** Erases the payload type so that slices' tables of different payloads can be listed together. */
export function job<T>(declaration: JobDeclaration<T>): JobDeclaration {
  return declaration as unknown as JobDeclaration;
}

/**
 * A startup job for work a crashed instance may have leased: sent once however many instances start
 * together, and run once those leases (`leaseMs`) have run out.
 */
export function afterLeasesExpire(leaseMs: number): { options: SendOptions } {
  return {
    options: { startAfter: Math.ceil(leaseMs / 1000) + 1, singletonKey: 'startup', singletonSeconds: 30 },
  };
}

/**
 * The handler of a job that runs one pass of its work and logs the pass's counts when `count` is above
 * zero, so a quiet run leaves no line.
 */
export function loggedPass<R extends object>(
  logger: Logger,
  count: NoInfer<{ [K in keyof R]: R[K] extends number ? K : never }[keyof R]>,
  message: string,
  pass: () => Promise<R>,
): JobHandler<object> {
  return async () => {
    const run = await pass();
    if ((run[count] as number) > 0) logger.info(run as object, message);
  };
}

/**
 * Creates the queues, sends the startup jobs, starts the workers, then sets the schedules: nothing is sent
 * to a queue that does not exist yet, and each worker's first fetch finds its startup job.
 */
export async function registerJobs(queue: JobQueue, table: readonly JobDeclaration[]): Promise<void> {
  const names = new Set<string>();
  for (const declaration of table) {
    if (names.has(declaration.queue)) throw new Error(`job queue ${declaration.queue} is declared twice`);
    names.add(declaration.queue);
  }
  const live: JobDeclaration[] = [];
  for (const declaration of table) {
    if (declaration.retired) {
      if ((await queue.boss.getQueue(declaration.queue)) === null) continue;
      await queue.boss.unschedule(declaration.queue);
    } else if (declaration.create && 'boss' in declaration.create) {
      await queue.boss.createQueue(declaration.queue, declaration.create.boss);
    } else {
      await queue.define(declaration.queue, declaration.create);
    }
    live.push(declaration);
  }
  // Sent before the workers start: a worker fetches at once when it starts, then only every polling
  // interval (two seconds by default), so a job sent after its worker started would wait that long.
  for (const declaration of live) {
    if (declaration.atStartup && !declaration.retired)
      await queue.send(declaration.queue, declaration.atStartup.data ?? {}, declaration.atStartup.options);
  }
  for (const declaration of live) await queue.work(declaration.queue, declaration.handler, declaration.work);
  for (const declaration of live) {
    if (declaration.schedule && !declaration.retired)
      await queue.boss.schedule(declaration.queue, declaration.schedule, {}, { tz: JOB_TIME_ZONE });
  }
}
