import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { uuidParam } from '../growth/growth-params.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { INTERVIEW_TYPES } from './interview.contract.ts';
import {
  bookingInputSchema,
  cancelInputSchema,
  planInputSchema,
  recordInputSchema,
  rescheduleInputSchema,
  type InterviewService,
} from './interview.service.ts';
import { dbIntegerFromText } from '../http/user-input.ts';

const slotSchema = z.object({ start: z.string(), end: z.string() });

const summarySchema = z.object({
  id: z.string(),
  type: z.enum(INTERVIEW_TYPES),
  fiscalYear: z.number(),
  organizerId: z.string(),
  organizerName: z.string(),
  personId: z.string(),
  personName: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['pending', 'booked', 'failed', 'cancelled']),
  response: z.enum(['none', 'accepted', 'tentative', 'declined']),
  changedInOutlook: z.enum(['moved', 'deleted']).nullable(),
  joinUrl: z.string().nullable(),
  noTeamsLink: z.boolean().describe('Booked without a Teams meeting: the organizer mailbox cannot host one'),
  waitingForSendingLimit: z
    .boolean()
    .describe("Pending only because the organizer mailbox has reached Exchange's sending limit this minute"),
  webLink: z.string().nullable(),
  error: z.string().nullable(),
  version: z.number(),
});

const detailSchema = summarySchema.extend({
  agenda: z.array(
    z.object({ id: z.string(), text: z.string(), source: z.enum(['goal', 'competency', 'free']) }),
  ),
  sharedNotes: z.string(),
  privateNotes: z.string().optional().describe('The supervisor chain only'),
  actionItems: z.array(
    z.object({ id: z.string(), text: z.string(), done: z.boolean(), carriedFrom: z.string().nullable() }),
  ),
});

const planSchema = z.object({
  slots: z.array(
    slotSchema.extend({ personId: z.string(), displayName: z.string(), alternatives: z.array(slotSchema) }),
  ),
  unplaced: z.array(z.object({ personId: z.string(), displayName: z.string(), reason: z.string() })),
});

export function interviewRoutes(service: InterviewService): RouteDefinition[] {
  const tags = ['interviews'];
  const params = z.object({ interviewId: uuidParam });
  const errors = {
    403: { description: 'Not the supervisor chain of that person (or HR)' },
    404: { description: 'No such interview or person' },
    409: { description: 'Changed by someone else (version), cancelled, or a time no longer free' },
  };
  return [
    defineRoute({
      method: 'post',
      path: '/api/interviews/plan',
      operationId: 'planInterviews',
      summary: 'Propose one slot per person from everyone’s free/busy (Japan time); stores nothing',
      tags,
      auth: 'user',
      request: { body: planInputSchema },
      responses: { 200: { description: 'The proposal', schema: planSchema }, ...errors },
      handler: async ({ user, body }) => ({ body: await service.plan(actorOf(user), body) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/interviews/bookings',
      operationId: 'bookInterviews',
      summary: 'Book the confirmed plan: stored at once, put into Outlook by a background job (idempotent)',
      tags,
      auth: 'user',
      rateLimit: 'notify',
      request: { body: bookingInputSchema },
      responses: {
        202: {
          description: 'Stored; Outlook follows',
          schema: z.object({ bookingId: z.string(), interviews: z.array(summarySchema) }),
        },
        ...errors,
      },
      handler: async ({ user, body }) => ({ status: 202, body: await service.book(actorOf(user), body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/interviews',
      operationId: 'listInterviews',
      summary: 'My interviews: those I hold (as=organizer) or those I am invited to (as=attendee)',
      tags,
      auth: 'user',
      request: {
        query: z.object({
          as: z.enum(['organizer', 'attendee']).default('attendee'),
          fiscalYear: dbIntegerFromText.min(2000).max(2100).optional(),
        }),
      },
      responses: { 200: { description: 'Interviews, latest first', schema: z.array(summarySchema) } },
      handler: async ({ user, query }) => ({
        body: await service.list(actorOf(user), query.as, query.fiscalYear),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/interviews/:interviewId',
      operationId: 'getInterview',
      summary: 'One interview with its record (private notes for the supervisor chain only)',
      tags,
      auth: 'user',
      request: { params },
      responses: { 200: { description: 'The interview', schema: detailSchema }, ...errors },
      handler: async ({ user, params: { interviewId } }) => ({
        body: await service.get(actorOf(user), interviewId.toLowerCase()),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/interviews/:interviewId/reschedule',
      operationId: 'rescheduleInterview',
      summary: 'Move an interview; Outlook follows',
      tags,
      auth: 'user',
      rateLimit: 'notify',
      request: { params, body: rescheduleInputSchema },
      responses: { 200: { description: 'Moved', schema: detailSchema }, ...errors },
      handler: async ({ user, params: { interviewId }, body }) => ({
        body: await service.reschedule(actorOf(user), interviewId.toLowerCase(), body),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/interviews/:interviewId/cancel',
      operationId: 'cancelInterview',
      summary: 'Cancel an interview; Outlook tells the attendee',
      tags,
      auth: 'user',
      rateLimit: 'notify',
      request: { params, body: cancelInputSchema },
      responses: { 200: { description: 'Cancelled', schema: detailSchema }, ...errors },
      handler: async ({ user, params: { interviewId }, body }) => ({
        body: await service.cancel(actorOf(user), interviewId.toLowerCase(), body),
      }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/interviews/:interviewId/record',
      operationId: 'saveInterviewRecord',
      summary: 'The interview record: agenda, shared and private notes, action items',
      tags,
      auth: 'user',
      request: { params, body: recordInputSchema },
      responses: { 200: { description: 'Saved', schema: detailSchema }, ...errors },
      handler: async ({ user, params: { interviewId }, body }) => ({
        body: await service.record(actorOf(user), interviewId.toLowerCase(), body),
      }),
    }),
  ];
}
