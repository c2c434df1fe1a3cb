// What the two Outlook outbox workers (interviews: outlook-sync.ts; training sessions:
// src/training/training-outlook.ts) are given and what a run of either reports.
import { afterLeasesExpire, job, type JobDeclaration } from '../jobs/job-table.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { MailboxPacer } from '../graph/mailbox-pacer.ts';
import type { Logger } from '../logger.ts';
import type { PeopleStore } from '../people/people.store.ts';
import type { Calendar } from './calendar.port.ts';
import { sleepFor, type ReadBackOptions } from './teams-link.ts';

export interface OutlookWorkerOptions {
  people: PeopleStore;
  calendar: Calendar;
  logger: Logger;
  now: () => Date;
  /** How long a worker holds rows while talking to Outlook. */
  leaseMs: number;
  /** First wait after a retryable failure; doubles per attempt up to 15 minutes. */
  retryBaseMs: number;
  /** Exchange's sending limit per organizer mailbox: invitations wait their turn. */
  pacer: MailboxPacer;
  /** Pauses between read-backs of a Teams link (injected so tests do not wait). */
  sleep?: (ms: number) => Promise<void>;
  readBackDelaysMs?: readonly number[];
}

/** What the server's context holds for the Outlook outbox workers. */
export interface OutlookWorkerContext {
  config: { interviewLeaseMs: number };
  calendar: Calendar;
  logger: Logger;
  now: () => Date;
  pacer: MailboxPacer;
}

/**
 * What both Outlook outbox workers (interviews, training sessions) are given in the server: the context's
 * calendar, pacer, logger and clock, the configured lease, and retries from 5 seconds.
 */
export function outlookWorkerOptionsOf(ctx: OutlookWorkerContext, people: PeopleStore): OutlookWorkerOptions {
  return {
    people,
    calendar: ctx.calendar,
    logger: ctx.logger,
    now: ctx.now,
    leaseMs: ctx.config.interviewLeaseMs,
    retryBaseMs: 5000,
    pacer: ctx.pacer,
  };
}

/** What one run of a worker did with the rows it claimed. */
export interface OutlookWorkerRun {
  settled: number;
  postponed: number;
  failed: number;
  /** Rows a user changed while Outlook was being written: their newer action was taken up again. */
  overtaken: number;
}

/** Counts a settle in the run: as `as` while the claim was still current, else as overtaken. */
export function countSettle(run: OutlookWorkerRun, as: 'settled' | 'failed', current: boolean): void {
  run[current ? as : 'overtaken'] += 1;
}

/** Rounds that take overtaken rows up again in one run: a row edited without pause cannot hold a worker. */
const MAX_RETAKES = 3;

/**
 * One run of an outbox worker: claims rows and works them until none is owed. Full batches go on, and so
 * do rows a change overtook: their settle found a newer version and released them still owing, while the
 * change's own job found them leased and did nothing. Taking them again now, instead of leaving them to
 * the next minute's sweep, is what makes an edit during a write reach Outlook at once.
 */
export async function runOutbox<R>(
  claimSize: number,
  claim: (limit: number) => Promise<R[]>,
  work: (rows: R[], run: OutlookWorkerRun) => Promise<void>,
): Promise<OutlookWorkerRun> {
  const run: OutlookWorkerRun = { settled: 0, postponed: 0, failed: 0, overtaken: 0 };
  for (let retakes = 0; ;) {
    const overtakenBefore = run.overtaken;
    const rows = await claim(claimSize);
    if (rows.length === 0) break;
    await work(rows, run);
    if (rows.length === claimSize) continue;
    if (run.overtaken === overtakenBefore || retakes === MAX_RETAKES) break;
    retakes += 1;
  }
  return run;
}

/** How a worker reads a Teams link back: its injected sleeper and pauses, or the real ones. */
export function readBackOptionsOf(
  options: Pick<OutlookWorkerOptions, 'sleep' | 'readBackDelaysMs'>,
): ReadBackOptions {
  return {
    sleep: options.sleep ?? sleepFor,
    ...(options.readBackDelaysMs ? { delaysMs: options.readBackDelaysMs } : {}),
  };
}

/**
 * The queue of an Outlook outbox worker. `notify` asks it to apply a row's pending work now rather than at
 * the next minute's sweep; `job` is the worker's declaration: every minute and for each row notified; a
 * run that left rows waiting fails, so pg-boss retries it with backoff (the next sweep picks up whatever
 * is still owed after that); after a crash, the rows a dead instance had leased are taken up as soon as
 * the worker's lease runs out. The row's id travels under `key` (stored in queued jobs: never rename);
 * `rows` says what the rows are, for the error of a run that left some waiting: `interviews`.
 */
export function outlookWorkQueue<const K extends string>(
  queue: JobQueue,
  name: string,
  key: K,
  rows: string,
) {
  return {
    notify: async (id: string): Promise<void> => {
      await queue.send(name, { [key]: id });
    },
    job: (
      worker: Pick<OutlookWorkerOptions, 'leaseMs'>,
      run: {
        /** One run over the rows owed: the one notified, or every one due. */
        applyPending: (id: string | undefined) => Promise<OutlookWorkerRun>;
        /** Called after a run that settled rows. */
        afterSettled?: () => Promise<void>;
      },
    ): JobDeclaration =>
      job<Partial<Record<K, string>>>({
        queue: name,
        create: { retryLimit: 10, retryDelaySeconds: 5 },
        handler: async (batch) => {
          for (const item of batch) {
            const done = await run.applyPending(item.data[key]);
            if (done.settled > 0) await run.afterSettled?.();
            if (done.postponed > 0) throw new Error(`${done.postponed} ${rows} still wait for Outlook`);
          }
        },
        schedule: '* * * * *',
        atStartup: afterLeasesExpire(worker.leaseMs),
      }),
  };
}
