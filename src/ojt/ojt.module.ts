// OJT: plans the supervisor makes for a new or transferred person, and onboarding suggestions (docs/ojt.md).
import type { AppContext, PersonSliceDeps, SliceModule } from '../app-context.ts';
import type { ArrivalHandler } from '../people/arrivals.ts';
import { createDevelopmentOjt } from './development-ojt.adapter.ts';
import type { OjtNotices } from './ojt-notices.ts';
import { createOjtSuggestions, suggestOnboarding } from './ojt-suggestions.ts';
import { ojtRoutes } from './ojt.routes.ts';
import { createOjtService } from './ojt.service.ts';

export function createOjtModule(ctx: AppContext, deps: PersonSliceDeps) {
  const service = createOjtService({ db: ctx.db, ...deps, now: ctx.now });
  const suggestions = createOjtSuggestions({
    db: ctx.db,
    people: deps.people,
    audit: deps.audit,
    now: ctx.now,
  });
  return {
    routes: ojtRoutes(service, suggestions),
    jobs: [],
    /** What the supervisor's 育成 page counts of OJT: guidance given (growth's DevelopmentSources). */
    development: createDevelopmentOjt(ctx.db),
  } satisfies SliceModule & Record<string, unknown>;
}

/**
 * Made before the people module (which calls it inside the transaction that records an arrival): one
 * onboarding suggestion per arrival to the person's supervisor, exactly once (a unique arrival key), and
 * with `notices` the supervisor's bot notice of it, queued in the same transaction.
 */
export function createOjtArrivalHandler(notices?: Pick<OjtNotices, 'suggested'>): ArrivalHandler {
  return {
    async arrived(tx, arrivals, now) {
      const made = await suggestOnboarding(tx, arrivals, now);
      await notices?.suggested(tx, made, now);
    },
  };
}
