// What the two Outlook outbox workers (interviews: outlook-sync.ts; training sessions:
// src/training/training-outlook.ts) are given and what a run of either reports.
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

/** What one run of a worker did with the rows it claimed. */
export interface OutlookWorkerRun {
  settled: number;
  postponed: number;
  failed: number;
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
