// The supervisor's 育成 page (issue 19 point 6). Part of the growth slice, built after the slices whose
// ports it reads (interviews, training, reports), so it is a module of its own in the composition root.
import { serviceContext, type AppContext, type PersonSliceDeps, type SliceModule } from '../app-context.ts';
import { reportingLinesOn } from '../people/people.read.ts';
import type { DevelopmentSources } from './development-sources.ts';
import { developmentRoutes } from './development.routes.ts';
import { createDevelopmentService } from './development.service.ts';

export function createDevelopmentModule(
  ctx: AppContext,
  deps: PersonSliceDeps & { sources: DevelopmentSources },
) {
  const service = createDevelopmentService({
    ...serviceContext(ctx),
    ...deps,
    lines: (today) => reportingLinesOn(ctx.db, today),
  });
  return { routes: developmentRoutes(service), jobs: [], service } satisfies SliceModule &
    Record<string, unknown>;
}
