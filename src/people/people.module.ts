// People: staff, levels and reporting lines, kept in step with the directory (docs/people.md).
import type { AppContext, SliceModule } from '../app-context.ts';
import { job, loggedPass } from '../jobs/job-table.ts';
import { peopleAdminRoutes } from './people-admin.routes.ts';
import { createPeopleAdminService } from './people-admin.service.ts';
import { peopleRoutes } from './people.routes.ts';
import { createPeopleService } from './people.service.ts';
import { createPeopleStore } from './people.store.ts';
import type { ArrivalHandler } from './arrivals.ts';
import type { ChainChangeHandler } from './supervisor-changes.ts';

export const PEOPLE_SYNC_QUEUE = 'people.sync';
/** HR's effective-dated records whose date has come (hourly: a 4/1 promotion applies from 0:00 JST). */
export const PEOPLE_EFFECTIVE_QUEUE = 'people.effective';

export function createPeopleModule(
  ctx: AppContext,
  deps: {
    /** What moves with a person whose supervisor changed (their interviews, docs/people.md). */
    chainHandler: ChainChangeHandler;
    /** What follows someone's arrival in a 課: an onboarding OJT suggestion (docs/ojt.md). */
    arrivalHandler?: ArrivalHandler;
  },
) {
  const { queue, logger } = ctx;
  const store = createPeopleStore(ctx.db, ctx.now);
  const service = createPeopleService({ store, directory: ctx.directory, levels: ctx.framework.levels });
  const admin = createPeopleAdminService({
    db: ctx.db,
    directory: ctx.directory,
    levels: ctx.framework.levels,
    chainHandler: deps.chainHandler,
    arrivalHandler: deps.arrivalHandler,
    queueSync: async () => {
      await queue.send(PEOPLE_SYNC_QUEUE, {});
    },
    now: ctx.now,
    logger,
  });

  const jobs = [
    job({
      queue: PEOPLE_SYNC_QUEUE,
      create: { retryLimit: 3, retryDelaySeconds: 60 },
      handler: async () => {
        // The service logs progress and a summary. While another instance holds the sync, look again in
        // a minute: its run may have started before an HR request this job answers, and a dead one's
        // lease runs out.
        const synced = await admin.syncFromDirectory();
        if (synced.status === 'busy')
          await queue.send(
            PEOPLE_SYNC_QUEUE,
            {},
            { startAfter: 60, singletonKey: 'busy', singletonSeconds: 60 },
          );
      },
      // Every six hours, and once now (singleton: several instances starting together send one).
      schedule: '15 */6 * * *',
      atStartup: { options: { singletonKey: 'startup', singletonSeconds: 60 } },
    }),
    job({
      queue: PEOPLE_EFFECTIVE_QUEUE,
      create: { retryLimit: 3, retryDelaySeconds: 60 },
      handler: loggedPass(logger, 'peopleChanged', 'effective-dated levels applied', () =>
        admin.applyEffectiveToday(),
      ),
      schedule: '0 * * * *',
    }),
  ];

  return {
    routes: [...peopleRoutes(service), ...peopleAdminRoutes(admin)],
    jobs,
    /** Read by the other slices (who is whom, reporting lines): the store's functions, not its tables. */
    store,
  } satisfies SliceModule & Record<string, unknown>;
}
