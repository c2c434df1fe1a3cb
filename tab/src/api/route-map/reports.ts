// Training reports (src/reports/report.routes.ts) and HR's 課 → channel mapping
// (src/reports/channel-mapping.routes.ts).
import type { z } from 'zod';
import type {
  channelMappingOverviewSchema,
  channelMappingSchema,
  channelUnmapQuery,
} from '../../../../src/reports/channel-mapping.contract.ts';
import type {
  dueReportSchema,
  myReportSchema,
  reportCommentInputSchema,
  reportCommentSchema,
  reportDraftSchema,
  reportSubmissionSchema,
  reportViewSchema,
  supervisorReportSchema,
} from '../../../../src/reports/report.contract.ts';
import type { Route } from '../route.ts';

type Report = z.output<typeof reportViewSchema>;
type Overview = z.output<typeof channelMappingOverviewSchema>;

export interface ReportRoutes {
  'GET /api/reports/due': Route<Array<z.output<typeof dueReportSchema>>>;
  'GET /api/reports/mine': Route<Array<z.output<typeof myReportSchema>>>;
  'POST /api/reports/:reportId/comments': Route<
    z.output<typeof reportCommentSchema>,
    z.input<typeof reportCommentInputSchema>
  >;
  'GET /api/reports/people/:personId/sessions/:sessionId': Route<z.output<typeof supervisorReportSchema>>;
  'GET /api/reports/sessions/:sessionId': Route<Report>;
  'PUT /api/reports/sessions/:sessionId/draft': Route<Report, z.input<typeof reportDraftSchema>>;
  'POST /api/reports/sessions/:sessionId/submit': Route<Report, z.input<typeof reportSubmissionSchema>>;
  'GET /api/reports/channel-mappings': Route<Overview>;
  'PUT /api/reports/channel-mappings/:department': Route<Overview, z.input<typeof channelMappingSchema>>;
  'DELETE /api/reports/channel-mappings/:department': Route<
    Overview,
    never,
    z.input<typeof channelUnmapQuery>
  >;
}
