// HR's roll-ups (src/analytics/analytics.routes.ts): the dashboards and the training report roll-up. Their
// CSV twins are downloads (api.file), not JSON, and are not listed here.
import type { z } from 'zod';
import type * as contract from '../../../../src/analytics/analytics.contract.ts';
import type * as courseResults from '../../../../src/analytics/course-results.contract.ts';
import type { Route } from '../route.ts';

type YearQuery = z.input<typeof contract.analyticsYearQuerySchema>;

export interface AnalyticsRoutes {
  'GET /api/hr/reports/submission': Route<typeof contract.submissionReportSchema, never, YearQuery>;
  'GET /api/hr/reports/wanted': Route<typeof contract.wantedReportSchema, never, YearQuery>;
  'GET /api/hr/dashboards/completion': Route<
    typeof contract.completionReportSchema,
    never,
    typeof contract.completionQuerySchema
  >;
  'GET /api/hr/dashboards/competencies': Route<
    typeof contract.competencyReportSchema,
    never,
    typeof contract.competencyQuerySchema
  >;
  'GET /api/hr/dashboards/demand': Route<typeof contract.demandReportSchema, never, YearQuery>;
  'GET /api/hr/training/courses/:courseId/results': Route<
    typeof courseResults.courseResultsSchema,
    never,
    typeof courseResults.courseResultsQuerySchema
  >;
}
