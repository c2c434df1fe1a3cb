// 人事評価 support (docs/evaluation.md): the 1次/2次 evaluation form, HR's evaluator overrides and
// 評価者研修 records. The scale and stages are configuration (data/kodaira-evaluation.json).
import { serviceContext, type AppContext, type PersonSliceDeps, type SliceModule } from '../app-context.ts';
import type { EvaluationConfig } from './evaluation-config.schema.ts';
import { evaluationRoutes } from './evaluation.routes.ts';
import { createEvaluationService } from './evaluation.service.ts';

export function createEvaluationModule(
  ctx: AppContext,
  deps: PersonSliceDeps & { config: EvaluationConfig },
) {
  const service = createEvaluationService({ ...serviceContext(ctx), ...deps });
  return { routes: evaluationRoutes(service), jobs: [] } satisfies SliceModule & Record<string, unknown>;
}
