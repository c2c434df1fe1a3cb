/**
 * The one source of the current time. The composition root makes one and hands it to every service and
 * job, so a test can start the whole server at a frozen or moving instant of its choosing.
 * Timeouts and budgets (how long a shutdown may take) measure elapsed time and do not read it.
 */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };
