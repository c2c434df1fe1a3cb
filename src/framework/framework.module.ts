// The policy as data: loaded once by the composition root, served to the tab as it is.
import type { AppContext, SliceModule } from '../app-context.ts';
import { frameworkRoutes } from './framework.routes.ts';

export function createFrameworkModule(ctx: AppContext) {
  return { routes: frameworkRoutes(ctx.framework), jobs: [] } satisfies SliceModule;
}
