// One-on-one interviews (src/interviews/interview.routes.ts).
import type { z } from 'zod';
import type {
  bookingInputSchema,
  bookingResponseSchema,
  cancelInputSchema,
  interviewDetailSchema,
  interviewListQuerySchema,
  interviewSummarySchema,
  planInputSchema,
  planResponseSchema,
  recordInputSchema,
  rescheduleInputSchema,
} from '../../../../src/interviews/interview.contract.ts';
import type { Route } from '../route.ts';

type Detail = z.output<typeof interviewDetailSchema>;

export interface InterviewRoutes {
  'POST /api/interviews/plan': Route<z.output<typeof planResponseSchema>, z.input<typeof planInputSchema>>;
  'POST /api/interviews/bookings': Route<
    z.output<typeof bookingResponseSchema>,
    z.input<typeof bookingInputSchema>
  >;
  'GET /api/interviews': Route<
    Array<z.output<typeof interviewSummarySchema>>,
    never,
    z.input<typeof interviewListQuerySchema>
  >;
  'GET /api/interviews/:interviewId': Route<Detail>;
  'POST /api/interviews/:interviewId/reschedule': Route<Detail, z.input<typeof rescheduleInputSchema>>;
  'POST /api/interviews/:interviewId/cancel': Route<Detail, z.input<typeof cancelInputSchema>>;
  'PUT /api/interviews/:interviewId/record': Route<Detail, z.input<typeof recordInputSchema>>;
}
