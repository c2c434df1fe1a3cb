import { z } from 'zod';
import { subjectOf, uuidParam } from '../growth/growth-params.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import type { ReportComments } from './report-comments.ts';
import {
  dueReportSchema,
  myReportSchema,
  reportCommentInputSchema,
  reportCommentSchema,
  reportDraftSchema,
  reportSubmissionSchema,
  reportViewSchema,
  supervisorReportSchema,
} from './report.contract.ts';
import type { ReportService } from './report.service.ts';

export function reportRoutes(service: ReportService, comments?: ReportComments): RouteDefinition[] {
  const route = routeGroup({ tags: ['reports'], auth: 'user' });
  const params = z.object({ sessionId: uuidParam });
  const one = {
    200: { description: 'The report', schema: reportViewSchema },
    403: { description: 'Not an attendee of the session' },
    404: { description: 'No such session' },
  };
  return [
    route({
      method: 'get',
      path: '/api/reports/due',
      operationId: 'listDueReports',
      summary: 'The trainings I attended and have not reported on yet (研修報告の未提出)',
      responses: { 200: { description: 'Reports still due', schema: z.array(dueReportSchema) } },
      handler: async ({ user }) => ({ body: await service.due(subjectOf(user, 'me').actor) }),
    }),
    route({
      method: 'get',
      path: '/api/reports/mine',
      operationId: 'listMyReports',
      summary: 'My reports (drafts and submitted) with their sharing status and my supervisors’ comments',
      responses: {
        200: { description: 'My reports, the latest session first', schema: z.array(myReportSchema) },
      },
      handler: async ({ user }) => ({ body: await service.mine(subjectOf(user, 'me').actor) }),
    }),
    ...(comments
      ? [
          route({
            method: 'post',
            path: '/api/reports/:reportId/comments',
            operationId: 'commentOnReport',
            summary:
              'Comment on a submitted report, as the author’s supervisor (anyone up the chain); the author is notified',
            rateLimit: 'notify',
            request: { params: z.object({ reportId: uuidParam }), body: reportCommentInputSchema },
            responses: {
              200: {
                description: 'The stored comment (also for a repeat of the same requestId)',
                schema: reportCommentSchema,
              },
              403: { description: 'Not in the author’s supervisor chain' },
              404: { description: 'No such submitted report' },
            },
            handler: async ({ user, params: { reportId }, body }) => ({
              body: await comments.add(subjectOf(user, 'me').actor, reportId, body),
            }),
          }),
          route({
            method: 'get',
            path: '/api/reports/people/:personId/sessions/:sessionId',
            operationId: 'getReportAsSupervisor',
            summary:
              'A subordinate’s submitted report of a session, as their supervisor (anyone up the chain) reads it in the tab, with my comments',
            request: { params: z.object({ personId: uuidParam, sessionId: uuidParam }) },
            responses: {
              200: { description: 'The report and the comments I sent', schema: supervisorReportSchema },
              403: { description: 'Not in the person’s supervisor chain' },
              404: { description: 'No submitted report of that person and session' },
            },
            handler: async ({ user, params: { personId, sessionId } }) => {
              const { actor, personId: subject } = subjectOf(user, personId);
              return { body: await comments.readAsSupervisor(actor, subject, sessionId) };
            },
          }),
        ]
      : []),
    route({
      method: 'get',
      path: '/api/reports/sessions/:sessionId',
      operationId: 'getReport',
      summary: 'My report of a session I attended: the draft, the submitted report, or an empty draft',
      request: { params },
      responses: one,
      handler: async ({ user, params: { sessionId } }) => ({
        body: await service.get(subjectOf(user, 'me').actor, sessionId),
      }),
    }),
    route({
      method: 'put',
      path: '/api/reports/sessions/:sessionId/draft',
      operationId: 'saveReportDraft',
      summary: 'Save my report as a draft (version 0 the first time)',
      request: { params, body: reportDraftSchema },
      responses: { ...one, 409: { description: 'Submitted already, or saved elsewhere meanwhile' } },
      handler: async ({ user, params: { sessionId }, body }) => ({
        body: await service.saveDraft(subjectOf(user, 'me').actor, sessionId, body),
      }),
    }),
    route({
      method: 'post',
      path: '/api/reports/sessions/:sessionId/submit',
      operationId: 'submitReport',
      summary:
        'Submit my report once the session has ended; the same content again answers with the stored report',
      rateLimit: 'notify',
      request: { params, body: reportSubmissionSchema },
      responses: {
        ...one,
        409: {
          description:
            'already_submitted: submitted before with other content (nothing stored); session_not_ended: too early',
        },
      },
      handler: async ({ user, params: { sessionId }, body }) => ({
        body: await service.submit(subjectOf(user, 'me').actor, sessionId, body),
      }),
    }),
  ];
}
