// 部・課の方針 and the 課's goal coverage (src/growth/org-policy.routes.ts).
import type * as policies from '../../../../src/growth/org-policy.contract.ts';
import type { Route } from '../route.ts';

export interface PolicyRoutes {
  'GET /api/policies/:fiscalYear/divisions/:division': Route<typeof policies.orgPolicyViewSchema>;
  'PUT /api/policies/:fiscalYear/divisions/:division': Route<
    typeof policies.orgPolicyViewSchema,
    typeof policies.orgPolicyInputSchema
  >;
  'GET /api/policies/:fiscalYear/departments/:department': Route<typeof policies.orgPolicyViewSchema>;
  'PUT /api/policies/:fiscalYear/departments/:department': Route<
    typeof policies.orgPolicyViewSchema,
    typeof policies.orgPolicyInputSchema
  >;
  'GET /api/policies/:fiscalYear/departments/:department/coverage': Route<
    typeof policies.departmentCoverageSchema
  >;
}
