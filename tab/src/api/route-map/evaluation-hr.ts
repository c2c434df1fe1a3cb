// 人事評価: the 調整 view and HR's evaluation section (src/evaluation/evaluation.routes.ts).
import type * as contract from '../../../../src/evaluation/evaluation.contract.ts';
import type { Route } from '../route.ts';

export interface EvaluationHrRoutes {
  'GET /api/evaluations/calibration': Route<
    typeof contract.calibrationViewSchema,
    never,
    typeof contract.calibrationQuerySchema
  >;
  'GET /api/hr/evaluations/:fiscalYear/evaluators': Route<contract.EvaluatorOverrideRow[]>;
  'PUT /api/hr/evaluations/:fiscalYear/evaluators/:personId': Route<
    typeof contract.evaluatorOverrideViewSchema,
    typeof contract.evaluatorOverrideInputSchema
  >;
  'GET /api/hr/evaluations/:fiscalYear/trainings': Route<contract.EvaluatorTrainingRow[]>;
  'PUT /api/hr/evaluations/:fiscalYear/trainings/:personId': Route<
    typeof contract.evaluatorTrainingViewSchema,
    typeof contract.evaluatorTrainingInputSchema
  >;
}
