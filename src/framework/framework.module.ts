// The policy as data: loaded once by the composition root, served to the tab as it is; with it, the
// 着眼点 HR writes per level and competency (stored per framework version).
import { serviceContext, type AppContext, type SliceModule } from '../app-context.ts';
import type { AuditLog } from '../auth/audit.ts';
import { frameworkRoutes } from './framework.routes.ts';
import { viewpointRoutes } from './viewpoint.routes.ts';
import { createViewpointService } from './viewpoint.service.ts';

export function createFrameworkModule(ctx: AppContext, deps: { audit: AuditLog }) {
  const viewpoints = createViewpointService({ ...serviceContext(ctx), audit: deps.audit });
  return {
    routes: [...frameworkRoutes(ctx.framework), ...viewpointRoutes(viewpoints)],
    jobs: [],
    /** For self-checks: the 着眼点 of the framework version each was written under. */
    viewpoints: {
      textsFor: (frameworkVersion: string, levelId: string) => viewpoints.textsFor(frameworkVersion, levelId),
    },
  } satisfies SliceModule & Record<string, unknown>;
}
