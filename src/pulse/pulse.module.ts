// The やりがい pulse (docs/pulse.md, issue 20 ⑥): HR's quarterly questions, answered in the tab or on the
// bot's card, and results by 課 that never show a person.
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AuditLog } from '../auth/audit.ts';
import { job, loggedPass } from '../jobs/job-table.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { createPulseSender, type PulseSenderDependencies } from './pulse-sender.ts';
import { pulseRoutes } from './pulse.routes.ts';
import { createPulseService } from './pulse.service.ts';

/** Queues the cards of a pulse that opened (stored by pg-boss in production: never rename). */
export const PULSE_SEND_QUEUE = 'pulse.send';

export function createPulseModule(
  ctx: AppContext,
  deps: {
    people: PeopleStore;
    audit: AuditLog;
    /** The bot's outbox and card; without them the pulse is answered in the tab only. */
    bot?: Omit<PulseSenderDependencies, 'db' | 'now'>;
  },
) {
  const service = createPulseService({ db: ctx.db, people: deps.people, audit: deps.audit, now: ctx.now });
  const sender = deps.bot ? createPulseSender({ ...deps.bot, db: ctx.db, now: ctx.now }) : undefined;
  const jobs = sender
    ? [
        job({
          queue: PULSE_SEND_QUEUE,
          create: { retryLimit: 3, retryDelaySeconds: 300 },
          handler: loggedPass(ctx.logger, 'queued', 'pulse cards queued', () => sender.run()),
          // Every half hour: a pulse opening today is sent by its first run (the card waits for office hours).
          schedule: '*/30 * * * *',
        }),
      ]
    : [];
  return { routes: pulseRoutes(service), jobs, service, sender } satisfies SliceModule &
    Record<string, unknown>;
}
