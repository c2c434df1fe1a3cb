// HR's roll-ups (src/analytics/analytics.routes.ts): the dashboards and the training report roll-up. Their
// CSV twins are downloads (api.file), not JSON, and are not listed here.
import type { z } from 'zod';
import type {
  analyticsYearQuerySchema,
  competencyQuerySchema,
  competencyReportSchema,
  completionQuerySchema,
  completionReportSchema,
  demandReportSchema,
  submissionReportSchema,
  wantedReportSchema,
} from '../../../../src/analytics/analytics.contract.ts';
import type { Route } from '../route.ts';

type YearQuery = z.input<typeof analyticsYearQuerySchema>;

export interface AnalyticsRoutes {
  'GET /api/hr/reports/submission': Route<z.output<typeof submissionReportSchema>, never, YearQuery>;
  'GET /api/hr/reports/wanted': Route<z.output<typeof wantedReportSchema>, never, YearQuery>;
  'GET /api/hr/dashboards/completion': Route<
    z.output<typeof completionReportSchema>,
    never,
    z.input<typeof completionQuerySchema>
  >;
  'GET /api/hr/dashboards/competencies': Route<
    z.output<typeof competencyReportSchema>,
    never,
    z.input<typeof competencyQuerySchema>
  >;
  'GET /api/hr/dashboards/demand': Route<z.output<typeof demandReportSchema>, never, YearQuery>;
}
