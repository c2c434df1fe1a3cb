// Erasure of a leaver's personal data across slices (it may read their tables: docs/architecture.md).
import type { AppContext, SliceModule } from '../app-context.ts';
import { erasureRoutes } from './erasure.routes.ts';
import { createErasureService } from './erasure.service.ts';

export function createPrivacyModule(ctx: AppContext) {
  return {
    routes: erasureRoutes(createErasureService({ db: ctx.db, directory: ctx.directory, now: ctx.now })),
    jobs: [],
  } satisfies SliceModule;
}
