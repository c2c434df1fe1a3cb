// The home (issue 18): one answer to "what is next for me", read from the slices that own each part. It
// owns no table; it takes the other slices' services as ports and builds the read-only adapters they
// publish for it (as the cycles module builds growth's GrowthStatus).
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { CycleService } from '../cycles/cycle.service.ts';
import { createHomeGrowth } from '../growth/home-growth.adapter.ts';
import { createInterviewStore } from '../interviews/interview.store.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { createHomeReports } from '../reports/home-reports.adapter.ts';
import type { ReportService } from '../reports/report.service.ts';
import type { TrainingService } from '../training/training.service.ts';
import { homeRoutes } from './home.routes.ts';
import { createHomeService } from './home.service.ts';

export function createHomeModule(
  ctx: AppContext,
  deps: {
    people: PeopleStore;
    audit: AuditLog;
    cycles: CycleService;
    training: TrainingService;
    reports: ReportService;
  },
) {
  const service = createHomeService({
    people: deps.people,
    audit: deps.audit,
    cycles: deps.cycles,
    training: deps.training,
    reports: deps.reports,
    interviews: createInterviewStore(ctx.db, ctx.now),
    growth: createHomeGrowth(ctx.db, ctx.framework),
    reportNews: createHomeReports(ctx.db),
    now: ctx.now,
  });
  return { routes: homeRoutes(service), jobs: [] } satisfies SliceModule;
}
