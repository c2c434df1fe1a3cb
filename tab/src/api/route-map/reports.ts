// Training reports (src/reports/report.routes.ts) and HR's 課 → channel mapping
// (src/reports/channel-mapping.routes.ts).
import type { z } from 'zod';
import type * as channels from '../../../../src/reports/channel-mapping.contract.ts';
import type * as followUps from '../../../../src/reports/follow-up.contract.ts';
import type * as reports from '../../../../src/reports/report.contract.ts';
import type { Route } from '../route.ts';

type Report = z.output<typeof reports.reportViewSchema>;
type Overview = z.output<typeof channels.channelMappingOverviewSchema>;

export interface ReportRoutes {
  'GET /api/reports/due': Route<Array<z.output<typeof reports.dueReportSchema>>>;
  'GET /api/reports/mine': Route<Array<z.output<typeof reports.myReportSchema>>>;
  'GET /api/reports/library': Route<
    typeof reports.libraryPageSchema,
    never,
    typeof reports.libraryQuerySchema
  >;
  'PUT /api/reports/:reportId/audience': Route<
    typeof reports.reportAudienceViewSchema,
    typeof reports.reportAudienceInputSchema
  >;
  'POST /api/reports/:reportId/comments': Route<
    typeof reports.reportCommentSchema,
    typeof reports.reportCommentInputSchema
  >;
  'GET /api/reports/people/:personId/sessions/:sessionId': Route<typeof reports.supervisorReportSchema>;
  'GET /api/reports/sessions/:sessionId': Route<Report>;
  'PUT /api/reports/sessions/:sessionId/draft': Route<Report, typeof reports.reportDraftSchema>;
  'POST /api/reports/sessions/:sessionId/submit': Route<Report, typeof reports.reportSubmissionSchema>;
  'GET /api/reports/channel-mappings': Route<Overview>;
  'PUT /api/reports/channel-mappings/:department': Route<Overview, typeof channels.channelMappingSchema>;
  'GET /api/reports/follow-ups': Route<Array<z.output<typeof followUps.followUpViewSchema>>>;
  'PUT /api/reports/follow-ups/:followUpId/answer': Route<
    typeof followUps.followUpViewSchema,
    typeof followUps.followUpAnswerInputSchema
  >;
  'PUT /api/reports/follow-ups/:followUpId/observation': Route<
    typeof followUps.followUpViewSchema,
    typeof followUps.followUpObservationInputSchema
  >;
  'DELETE /api/reports/channel-mappings/:department': Route<
    Overview,
    never,
    typeof channels.channelUnmapQuery
  >;
}
