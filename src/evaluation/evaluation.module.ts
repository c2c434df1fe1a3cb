// 人事評価 support (docs/evaluation.md): the 1次/2次 evaluation form, HR's evaluator overrides and
// 評価者研修 records. The scale and stages are configuration (data/kodaira-evaluation.json).
import type { AppContext, SliceModule } from '../app-context.ts';
import type { AccessPolicy } from '../auth/access.ts';
import type { AuditLog } from '../auth/audit.ts';
import type { PeopleStore } from '../people/people.store.ts';
import type { EvaluationConfig } from './evaluation-config.schema.ts';
import { evaluationRoutes } from './evaluation.routes.ts';
import { createEvaluationService } from './evaluation.service.ts';

export function createEvaluationModule(
  ctx: AppContext,
  deps: { people: PeopleStore; access: AccessPolicy; audit: AuditLog; config: EvaluationConfig },
) {
  const service = createEvaluationService({
    db: ctx.db,
    framework: ctx.framework,
    now: ctx.now,
    ...deps,
  });
  return { routes: evaluationRoutes(service), jobs: [] } satisfies SliceModule & Record<string, unknown>;
}
