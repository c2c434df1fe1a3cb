// Fiscal-year windows (issue 9): what people owe by when, the self-check halves and 自己申告 follow them.
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AuditLog } from '../auth/audit.ts';
import { job, loggedPass } from '../jobs/job-table.ts';
import type { PeopleStore } from '../people/people.store.ts';
import type { BotMessages } from '../reports/bot-messages.port.ts';
import { createDueCalculator } from './cycle-due.ts';
import { createCycleReminders, type ReminderRenderer } from './cycle-reminders.ts';
import { cycleRoutes } from './cycle.routes.ts';
import { createCycleService } from './cycle.service.ts';
import { createCycleStore } from './cycle.store.ts';
import { createGrowthStatus } from '../growth/growth-status.adapter.ts';

/** Daily reminders of what people still owe in the fiscal-year windows HR opened. */
export const CYCLE_REMINDERS_QUEUE = 'cycles.reminders';

export function createCyclesModule(
  ctx: AppContext,
  deps: {
    people: PeopleStore;
    audit: AuditLog;
    messages: BotMessages;
    /** The reminder as a bot message (bot/cards); Japanese: the city works in Japanese. */
    renderReminder: ReminderRenderer;
  },
) {
  const store = createCycleStore(ctx.db, ctx.now);
  const due = createDueCalculator({ store, status: createGrowthStatus(ctx.db), now: ctx.now });
  const service = createCycleService({
    store,
    due,
    people: deps.people,
    audit: deps.audit,
    now: ctx.now,
  });
  // Daily at 10:00 Japan time; the service sends nothing outside office hours or on closed days, and
  // each stage goes out once per person (its key).
  const reminders = createCycleReminders({
    due,
    messages: deps.messages,
    render: deps.renderReminder,
    now: ctx.now,
  });
  const jobs = [
    job({
      queue: CYCLE_REMINDERS_QUEUE,
      create: { retryLimit: 3, retryDelaySeconds: 300 },
      handler: loggedPass(ctx.logger, 'enqueued', 'cycle reminders enqueued', () => reminders.run()),
      schedule: '0 10 * * *',
    }),
  ];
  return { routes: cycleRoutes(service), jobs, service } satisfies SliceModule & Record<string, unknown>;
}
