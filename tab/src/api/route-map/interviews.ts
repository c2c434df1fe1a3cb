// One-on-one interviews (src/interviews/interview.routes.ts).
import type { z } from 'zod';
import type * as contract from '../../../../src/interviews/interview.contract.ts';
import type { Route } from '../route.ts';

type Detail = z.output<typeof contract.interviewDetailSchema>;

export interface InterviewRoutes {
  'POST /api/interviews/plan': Route<typeof contract.planResponseSchema, typeof contract.planInputSchema>;
  'POST /api/interviews/bookings': Route<
    typeof contract.bookingResponseSchema,
    typeof contract.bookingInputSchema
  >;
  'GET /api/interviews': Route<
    Array<z.output<typeof contract.interviewSummarySchema>>,
    never,
    typeof contract.interviewListQuerySchema
  >;
  'GET /api/people/:personId/interviews': Route<
    Array<z.output<typeof contract.interviewSummarySchema>>,
    never,
    typeof contract.personInterviewsQuerySchema
  >;
  'GET /api/interviews/:interviewId': Route<Detail>;
  'POST /api/interviews/:interviewId/reschedule': Route<Detail, typeof contract.rescheduleInputSchema>;
  'POST /api/interviews/:interviewId/cancel': Route<Detail, typeof contract.cancelInputSchema>;
  'POST /api/interviews/:interviewId/cancel-series': Route<Detail, typeof contract.cancelInputSchema>;
  'PUT /api/interviews/:interviewId/record': Route<Detail, typeof contract.recordInputSchema>;
  'POST /api/interview-requests': Route<
    typeof contract.interviewRequestSchema,
    typeof contract.requestInputSchema
  >;
  'GET /api/interview-requests': Route<
    Array<z.output<typeof contract.interviewRequestSchema>>,
    never,
    typeof contract.requestListQuerySchema
  >;
  'POST /api/interview-requests/:requestId/decline': Route<
    typeof contract.interviewRequestSchema,
    typeof contract.declineInputSchema
  >;
}
