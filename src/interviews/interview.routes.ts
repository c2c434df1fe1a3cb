import { z } from 'zod';
import { uuidParam } from '../http/params.ts';
import { recordRoutes } from '../http/record-route.ts';
import { callerPost, personRead, queryRead } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  bookingInputSchema,
  bookingResponseSchema,
  cancelInputSchema,
  declineInputSchema,
  interviewRequestSchema,
  requestInputSchema,
  requestListQuerySchema,
  interviewDetailSchema as detailSchema,
  interviewListQuerySchema,
  personInterviewsQuerySchema,
  interviewSummarySchema as summarySchema,
  planInputSchema,
  planResponseSchema,
  recordInputSchema,
  rescheduleInputSchema,
} from './interview.contract.ts';
import type { InterviewService } from './interview.service.ts';
import type { InterviewRequests } from './interview-requests.ts';

export function interviewRoutes(service: InterviewService, requests: InterviewRequests): RouteDefinition[] {
  const route = routeGroup({ tags: ['interviews'], auth: 'user' });
  const errors = {
    403: { description: 'Not the supervisor chain of that person (or HR)' },
    404: { description: 'No such interview or person' },
    409: { description: 'Changed by someone else (version), cancelled, or a time no longer free' },
  };
  const interview = recordRoutes({
    tags: ['interviews'],
    path: '/api/interviews/:interviewId',
    id: uuidParam,
    errors,
  });
  const request = recordRoutes({
    tags: ['interviews'],
    path: '/api/interview-requests/:requestId',
    id: uuidParam,
    errors: {
      403: { description: 'Not the supervisor the request went to' },
      404: { description: 'No such request' },
      409: { description: 'Changed by someone else (version), or no longer open' },
    },
  });
  return [
    callerPost(route, {
      path: '/api/interview-requests',
      operationId: 'requestOneOnOne',
      summary: 'Ask my direct supervisor for a 1:1 (topic, optional week); one open request at a time',
      body: requestInputSchema,
      status: 201,
      ok: { description: 'Requested', schema: interviewRequestSchema },
      errors: {
        403: { description: 'Not my current direct supervisor' },
        409: { description: 'I already have an open request (named in the error)' },
      },
      act: (actor, body) => requests.create(actor, body),
    }),
    queryRead(route, {
      path: '/api/interview-requests',
      operationId: 'listInterviewRequests',
      summary: 'My 1:1 requests (as=requester) or those made to me (as=supervisor), latest first',
      query: requestListQuerySchema,
      ok: { description: 'Requests', schema: z.array(interviewRequestSchema) },
      read: (actor, query) => requests.list(actor, query.as),
    }),
    request({
      method: 'post',
      path: '/decline',
      operationId: 'declineInterviewRequest',
      summary: 'Decline a 1:1 request with a reason the person sees',
      body: declineInputSchema,
      ok: { description: 'Declined', schema: interviewRequestSchema },
      act: (actor, id, body) => requests.decline(actor, id, body),
    }),
    callerPost(route, {
      path: '/api/interviews/plan',
      operationId: 'planInterviews',
      summary: 'Propose one slot per person from everyone’s free/busy (Japan time); stores nothing',
      body: planInputSchema,
      ok: { description: 'The proposal', schema: planResponseSchema },
      errors,
      act: (actor, body) => service.plan(actor, body),
    }),
    callerPost(route, {
      path: '/api/interviews/bookings',
      operationId: 'bookInterviews',
      summary: 'Book the confirmed plan: stored at once, put into Outlook by a background job (idempotent)',
      rateLimit: 'notify',
      body: bookingInputSchema,
      status: 202,
      ok: { description: 'Stored; Outlook follows', schema: bookingResponseSchema },
      errors,
      act: (actor, body) => service.book(actor, body),
    }),
    queryRead(route, {
      path: '/api/interviews',
      operationId: 'listInterviews',
      summary: 'My interviews: those I hold (as=organizer) or those I am invited to (as=attendee)',
      query: interviewListQuerySchema,
      ok: { description: 'Interviews, latest first', schema: z.array(summarySchema) },
      read: (actor, query) => service.list(actor, query.as, query.fiscalYear),
    }),
    personRead(route, {
      path: '/api/people/:personId/interviews',
      operationId: 'listPersonInterviews',
      summary:
        "One person's interviews, whoever held them: the person, their supervisor chain and HR (audited)",
      query: personInterviewsQuerySchema,
      ok: { description: 'Interviews, latest first', schema: z.array(summarySchema) },
      errors,
      read: (actor, personId, query) => service.listOfPerson(actor, personId, query.fiscalYear),
    }),
    interview({
      method: 'get',
      path: '',
      operationId: 'getInterview',
      summary: 'One interview with its record (private notes for the supervisor chain only)',
      ok: { description: 'The interview', schema: detailSchema },
      act: (actor, id) => service.get(actor, id),
    }),
    interview({
      method: 'post',
      path: '/reschedule',
      operationId: 'rescheduleInterview',
      summary: 'Move an interview; Outlook follows',
      rateLimit: 'notify',
      body: rescheduleInputSchema,
      ok: { description: 'Moved', schema: detailSchema },
      act: (actor, id, body) => service.reschedule(actor, id, body),
    }),
    interview({
      method: 'post',
      path: '/cancel',
      operationId: 'cancelInterview',
      summary: 'Cancel an interview; Outlook tells the attendee',
      rateLimit: 'notify',
      body: cancelInputSchema,
      ok: { description: 'Cancelled', schema: detailSchema },
      act: (actor, id, body) => service.cancel(actor, id, body),
    }),
    interview({
      method: 'post',
      path: '/cancel-series',
      operationId: 'cancelInterviewSeries',
      summary: 'Cancel the remaining occurrences of the recurring 1:1 series this interview belongs to',
      rateLimit: 'notify',
      body: cancelInputSchema,
      ok: { description: 'The remaining occurrences are cancelled', schema: detailSchema },
      act: (actor, id, body) => service.cancelSeries(actor, id, body),
    }),
    interview({
      method: 'put',
      path: '/record',
      operationId: 'saveInterviewRecord',
      summary: 'The interview record: agenda, shared and private notes, action items',
      body: recordInputSchema,
      ok: { description: 'Saved', schema: detailSchema },
      act: (actor, id, body) => service.record(actor, id, body),
    }),
  ];
}
