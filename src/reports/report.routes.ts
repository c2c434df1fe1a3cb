import { z } from 'zod';
import { subjectOf, uuidParam } from '../growth/growth-params.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { reportDraftSchema, reportSubmissionSchema, type ReportService } from './report.service.ts';

const reportSchema = z.object({
  sessionId: z.string(),
  personId: z.string(),
  status: z.enum(['draft', 'submitted']),
  learned: z.string(),
  application: z.string(),
  competencyIds: z.array(z.string()),
  guidelineIds: z.array(z.string()),
  satisfaction: z.number().nullable(),
  wantedText: z.string(),
  wantedCourseIds: z.array(z.string()),
  version: z.number().describe('0 while nothing is stored'),
  submittedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

const dueSchema = z.object({
  sessionId: z.string(),
  courseId: z.string(),
  courseTitle: z.object({ ja: z.string(), en: z.string().nullable() }),
  start: z.string(),
  end: z.string(),
  hasDraft: z.boolean(),
});

export function reportRoutes(service: ReportService): RouteDefinition[] {
  const tags = ['reports'];
  const params = z.object({ sessionId: uuidParam });
  const one = {
    200: { description: 'The report', schema: reportSchema },
    403: { description: 'Not an attendee of the session' },
    404: { description: 'No such session' },
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/reports/due',
      operationId: 'listDueReports',
      summary: 'The trainings I attended and have not reported on yet (研修報告の未提出)',
      tags,
      auth: 'user',
      responses: { 200: { description: 'Reports still due', schema: z.array(dueSchema) } },
      handler: async ({ user }) => ({ body: await service.due(subjectOf(user, 'me').actor) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/reports/sessions/:sessionId',
      operationId: 'getReport',
      summary: 'My report of a session I attended: the draft, the submitted report, or an empty draft',
      tags,
      auth: 'user',
      request: { params },
      responses: one,
      handler: async ({ user, params: { sessionId } }) => ({
        body: await service.get(subjectOf(user, 'me').actor, sessionId),
      }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/reports/sessions/:sessionId/draft',
      operationId: 'saveReportDraft',
      summary: 'Save my report as a draft (version 0 the first time)',
      tags,
      auth: 'user',
      request: { params, body: reportDraftSchema },
      responses: { ...one, 409: { description: 'Submitted already, or saved elsewhere meanwhile' } },
      handler: async ({ user, params: { sessionId }, body }) => ({
        body: await service.saveDraft(subjectOf(user, 'me').actor, sessionId, body),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/reports/sessions/:sessionId/submit',
      operationId: 'submitReport',
      summary: 'Submit my report; a repeat answers with the report stored the first time',
      tags,
      auth: 'user',
      request: { params, body: reportSubmissionSchema },
      responses: one,
      handler: async ({ user, params: { sessionId }, body }) => ({
        body: await service.submit(subjectOf(user, 'me').actor, sessionId, body),
      }),
    }),
  ];
}
