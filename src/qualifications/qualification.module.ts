// 資格取得 support applications and HR's training budget (issue 20 point 5; docs/training.md).
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AccessPolicy } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { PeopleStore } from '../people/people.store.ts';
import { createBudgetService } from './budget.service.ts';
import { qualificationRoutes } from './qualification.routes.ts';
import type { QualificationNotices } from './qualification-notices.ts';
import { createQualificationService, type QualificationsHeld } from './qualification.service.ts';

export function createQualificationModule(
  ctx: AppContext,
  deps: {
    people: PeopleStore;
    access: AccessPolicy;
    audit: AuditLog;
    /** Career design's qualifications held (growth), where a pass is added. */
    career: QualificationsHeld;
    /** The bot notices of each step (the composition root makes them with the bot's cards). */
    notices?: QualificationNotices;
  },
) {
  const service = createQualificationService({ db: ctx.db, now: ctx.now, ...deps });
  const budget = createBudgetService({ db: ctx.db, audit: deps.audit, now: ctx.now });
  return {
    routes: qualificationRoutes(service, budget, ctx.now),
    jobs: [],
  } satisfies SliceModule & Record<string, unknown>;
}
