// 資格取得 support applications and HR's training budget (src/qualifications/qualification.routes.ts).
import type * as contract from '../../../../src/qualifications/qualification.contract.ts';
import type { Route } from '../route.ts';

export interface QualificationRoutes {
  'GET /api/qualifications/applications': Route<typeof contract.applicationListSchema>;
  'POST /api/qualifications/applications': Route<
    typeof contract.applicationViewSchema,
    typeof contract.applicationInputSchema
  >;
  'PUT /api/qualifications/applications/:applicationId': Route<
    typeof contract.applicationViewSchema,
    typeof contract.applicationUpdateSchema
  >;
  'POST /api/qualifications/applications/:applicationId/supervisor-decision': Route<
    typeof contract.applicationViewSchema,
    typeof contract.supervisorDecisionSchema
  >;
  'POST /api/qualifications/applications/:applicationId/hr-decision': Route<
    typeof contract.applicationViewSchema,
    typeof contract.hrDecisionSchema
  >;
  'POST /api/qualifications/applications/:applicationId/result': Route<
    typeof contract.applicationViewSchema,
    typeof contract.applicationResultSchema
  >;
  'GET /api/qualifications/approvals': Route<typeof contract.applicationListSchema>;
  'GET /api/hr/qualifications': Route<
    typeof contract.applicationListSchema,
    never,
    typeof contract.applicationYearQuerySchema
  >;
  'GET /api/hr/training-budget/:fiscalYear': Route<typeof contract.trainingBudgetViewSchema>;
  'PUT /api/hr/training-budget/:fiscalYear': Route<
    typeof contract.trainingBudgetViewSchema,
    typeof contract.budgetInputSchema
  >;
}
