// HR's roll-ups across slices (it may read their tables: docs/architecture.md).
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AuditLog } from '../auth/audit.ts';
import { analyticsRoutes } from './analytics.routes.ts';
import { createAnalyticsService } from './analytics.service.ts';
import { createAnalyticsStore } from './analytics.store.ts';

export function createAnalyticsModule(ctx: AppContext, deps: { audit: AuditLog }) {
  const service = createAnalyticsService({
    store: createAnalyticsStore(ctx.db),
    framework: ctx.framework,
    audit: deps.audit,
    now: ctx.now,
  });
  return { routes: analyticsRoutes(service, ctx.framework), jobs: [] } satisfies SliceModule;
}
