// 人事評価: the evaluator's list, the form and its workflow, the person's result
// (src/evaluation/evaluation.routes.ts, docs/evaluation.md).
import type * as contract from '../../../../src/evaluation/evaluation.contract.ts';
import type { Route } from '../route.ts';

type View = typeof contract.evaluationViewSchema;

export interface EvaluationFormRoutes {
  'GET /api/evaluations/config': Route<typeof contract.evaluationConfigSchema>;
  'GET /api/evaluations': Route<Array<contract.EvaluateeRow>, never, typeof contract.evaluateesQuerySchema>;
  'GET /api/people/:personId/evaluations/:fiscalYear': Route<View>;
  'PUT /api/people/:personId/evaluations/:fiscalYear/first': Route<
    View,
    typeof contract.evaluationFirstInputSchema
  >;
  'POST /api/people/:personId/evaluations/:fiscalYear/submit': Route<
    View,
    typeof contract.evaluationVersionInputSchema
  >;
  'PUT /api/people/:personId/evaluations/:fiscalYear/second': Route<
    View,
    typeof contract.evaluationSecondInputSchema
  >;
  'POST /api/people/:personId/evaluations/:fiscalYear/confirm': Route<
    View,
    typeof contract.evaluationVersionInputSchema
  >;
}
