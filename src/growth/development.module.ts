// The supervisor's 育成 page (issue 19 point 6). Part of the growth slice, built after the slices whose
// ports it reads (interviews, training, reports), so it is a module of its own in the composition root.
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AccessPolicy } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import { reportingLinesOn } from '../people/people.read.ts';
import type { PeopleStore } from '../people/people.store.ts';
import type { DevelopmentSources } from './development-sources.ts';
import { developmentRoutes } from './development.routes.ts';
import { createDevelopmentService } from './development.service.ts';

export function createDevelopmentModule(
  ctx: AppContext,
  deps: { people: PeopleStore; access: AccessPolicy; audit: AuditLog; sources: DevelopmentSources },
) {
  const service = createDevelopmentService({
    db: ctx.db,
    framework: ctx.framework,
    people: deps.people,
    access: deps.access,
    audit: deps.audit,
    sources: deps.sources,
    lines: (today) => reportingLinesOn(ctx.db, today),
    now: ctx.now,
  });
  return { routes: developmentRoutes(service), jobs: [], service } satisfies SliceModule &
    Record<string, unknown>;
}
