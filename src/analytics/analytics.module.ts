// HR's roll-ups across slices (it may read their tables: docs/architecture.md).
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AuditLog } from '../auth/audit.ts';
import { analyticsRoutes } from './analytics.routes.ts';
import { createAnalyticsService } from './analytics.service.ts';
import { createAnalyticsStore } from './analytics.store.ts';
import { courseResultsRoutes } from './course-results.routes.ts';
import { createCourseResultsService } from './course-results.service.ts';
import { createCourseResultsStore } from './course-results.store.ts';

export function createAnalyticsModule(ctx: AppContext, deps: { audit: AuditLog }) {
  const service = createAnalyticsService({
    store: createAnalyticsStore(ctx.db),
    framework: ctx.framework,
    audit: deps.audit,
    now: ctx.now,
  });
  const courseResults = createCourseResultsService({
    store: createCourseResultsStore(ctx.db),
    audit: deps.audit,
    now: ctx.now,
  });
  return {
    routes: [
      ...analyticsRoutes(service, ctx.framework),
      ...courseResultsRoutes(courseResults, ctx.framework),
    ],
    jobs: [],
  } satisfies SliceModule;
}
