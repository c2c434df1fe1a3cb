import { z } from 'zod';
import { actorOf, type Actor } from '../auth/access.ts';
import { subjectOf, uuidParam } from '../http/params.ts';
import { recordGroup } from '../http/record-route.ts';
import { callerRead, queryRead } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import type { ReportComments } from './report-comments.ts';
import type { ReportLibrary } from './report-library.ts';
import {
  dueReportSchema,
  libraryPageSchema,
  libraryQuerySchema,
  reportAudienceInputSchema,
  reportAudienceViewSchema,
  myReportSchema,
  reportCommentInputSchema,
  reportCommentSchema,
  reportDraftSchema,
  reportSubmissionSchema,
  reportViewSchema,
  supervisorReportSchema,
} from './report.contract.ts';
import type { ReportService } from './report.service.ts';

export function reportRoutes(
  service: ReportService,
  comments?: ReportComments,
  library?: ReportLibrary,
): RouteDefinition[] {
  const route = routeGroup({ tags: ['reports'], auth: 'user' });
  /** My report of a session I attended; the session id is handed on as given. */
  const session = recordGroup({
    tags: ['reports'],
    path: '/api/reports/sessions/:sessionId',
    params: z.object({ sessionId: uuidParam }),
    errors: {
      403: { description: 'Not an attendee of the session' },
      404: { description: 'No such session' },
    },
    target: (user, { sessionId }): [actor: Actor, sessionId: string] => [actorOf(user), sessionId],
  });
  const theReport = { description: 'The report', schema: reportViewSchema };
  return [
    callerRead(route, {
      path: '/api/reports/due',
      operationId: 'listDueReports',
      summary: 'The trainings I attended and have not reported on yet (研修報告の未提出)',
      ok: { description: 'Reports still due', schema: z.array(dueReportSchema) },
      read: (actor) => service.due(actor),
    }),
    callerRead(route, {
      path: '/api/reports/mine',
      operationId: 'listMyReports',
      summary: 'My reports (drafts and submitted) with their sharing status and my supervisors’ comments',
      ok: { description: 'My reports, the latest session first', schema: z.array(myReportSchema) },
      read: (actor) => service.mine(actor),
    }),
    ...(library
      ? [
          queryRead(route, {
            path: '/api/reports/library',
            operationId: 'searchReportLibrary',
            summary:
              'The organisation-wide library (研修報告ライブラリ): reports their authors shared 全庁に公開, newest first',
            query: libraryQuerySchema,
            ok: { description: 'One page, the total and the per-course counts', schema: libraryPageSchema },
            read: (actor, query) => library.search(actor, query),
          }),
          route({
            method: 'put',
            path: '/api/reports/:reportId/audience',
            operationId: 'setReportAudience',
            summary:
              'The author chooses who reads the report beyond the 課: 課内のみ (department) or 全庁に公開 (organisation)',
            request: { params: z.object({ reportId: uuidParam }), body: reportAudienceInputSchema },
            responses: {
              200: {
                description: 'The choice as stored, and the new version',
                schema: reportAudienceViewSchema,
              },
              403: { description: 'Not the author of the report' },
              404: { description: 'No such report' },
              409: { description: 'version_conflict: changed elsewhere meanwhile' },
            },
            handler: async ({ user, params: { reportId }, body }) => ({
              body: await library.setAudience(actorOf(user), reportId, body),
            }),
          }),
        ]
      : []),
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
              body: await comments.add(actorOf(user), reportId, body),
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
    session({
      method: 'get',
      path: '',
      operationId: 'getReport',
      summary: 'My report of a session I attended: the draft, the submitted report, or an empty draft',
      ok: theReport,
      act: (actor, sessionId) => service.get(actor, sessionId),
    }),
    session({
      method: 'put',
      path: '/draft',
      operationId: 'saveReportDraft',
      summary: 'Save my report as a draft (version 0 the first time)',
      body: reportDraftSchema,
      ok: theReport,
      errors: { 409: { description: 'Submitted already, or saved elsewhere meanwhile' } },
      act: (actor, sessionId, body) => service.saveDraft(actor, sessionId, body),
    }),
    session({
      method: 'post',
      path: '/submit',
      operationId: 'submitReport',
      summary:
        'Submit my report once the session has ended; the same content again answers with the stored report',
      rateLimit: 'notify',
      body: reportSubmissionSchema,
      ok: theReport,
      errors: {
        409: {
          description:
            'already_submitted: submitted before with other content (nothing stored); session_not_ended: too early',
        },
      },
      act: (actor, sessionId, body) => service.submit(actor, sessionId, body),
    }),
  ];
}
