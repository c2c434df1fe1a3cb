import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { personParam, subjectOf, uuidParam } from '../growth/growth-params.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  applyInputSchema,
  cancelSessionSchema,
  closeEnrolmentSchema,
  courseDetailSchema,
  courseInputSchema,
  courseListQuerySchema,
  courseUpdateSchema,
  courseViewSchema as courseSchema,
  enrolmentViewSchema as enrolmentSchema,
  nominateInputSchema,
  recommendationSchema,
  recommendInputSchema,
  rosterSchema,
  sessionInputSchema,
  sessionUpdateSchema,
  sessionViewSchema as sessionSchema,
  sessionWindowQuerySchema,
  versionOnlySchema,
  type EnrolmentView,
} from './training.contract.ts';
import type { TrainingService } from './training.service.ts';

export function trainingRoutes(service: TrainingService): RouteDefinition[] {
  const route = routeGroup({ tags: ['training'], auth: 'user' });
  const courseParams = z.object({ courseId: uuidParam });
  const sessionParams = z.object({ sessionId: uuidParam });
  const enrolmentParams = z.object({ enrolmentId: uuidParam });
  const personQuery = z.object({ personId: personParam.default('me') });
  const errors = {
    403: {
      description: 'Not allowed for the caller (HR only, the person’s supervisor chain, or the person)',
    },
    404: { description: 'No such course, session, enrolment or person' },
    409: {
      description: 'Changed meanwhile (version), enrolled already, deadline passed, cancelled or started',
    },
    422: { description: 'The person is not eligible for the course (reasons in details)' },
  };
  const enrolmentAction = (
    path: string,
    operationId: string,
    summary: string,
    body: z.ZodType<Record<string, unknown>>,
    act: (actor: { id: string; isHr: boolean }, enrolmentId: string, body: never) => Promise<EnrolmentView>,
    /** Confirming, declining and withdrawing change the session's Outlook attendees. */
    rateLimit: 'notify' | 'write' = 'notify',
  ) =>
    route({
      method: 'post',
      path: `/api/training/enrolments/:enrolmentId/${path}`,
      operationId,
      summary,
      rateLimit,
      request: { params: enrolmentParams, body },
      responses: { 200: { description: 'The enrolment', schema: enrolmentSchema }, ...errors },
      handler: async ({ user, params, body: input }) => ({
        body: await act(actorOf(user), params.enrolmentId.toLowerCase(), input as never),
      }),
    });

  return [
    route({
      method: 'get',
      path: '/api/training/courses',
      operationId: 'listTrainingCourses',
      summary: 'The catalog: the courses that fit the caller (view=fit) or all of them (view=all)',
      request: {
        query: courseListQuerySchema,
      },
      responses: { 200: { description: 'Courses', schema: z.array(courseSchema) }, ...errors },
      handler: async ({ user, query }) => ({
        body: await service.listCourses(actorOf(user), {
          view: query.view,
          ...(query.category ? { category: query.category } : {}),
          archived: query.archived === 'true',
        }),
      }),
    }),
    route({
      method: 'post',
      path: '/api/training/courses',
      operationId: 'createTrainingCourse',
      summary: 'Add a course to the catalog (HR)',
      request: { body: courseInputSchema },
      responses: { 201: { description: 'Created', schema: courseSchema }, ...errors },
      handler: async ({ user, body }) => ({
        status: 201,
        body: await service.createCourse(actorOf(user), body),
      }),
    }),
    route({
      method: 'get',
      path: '/api/training/courses/:courseId',
      operationId: 'getTrainingCourse',
      summary: 'A course with its sessions',
      request: { params: courseParams },
      responses: {
        200: { description: 'The course', schema: courseDetailSchema },
        ...errors,
      },
      handler: async ({ user, params }) => ({
        body: await service.getCourse(actorOf(user), params.courseId.toLowerCase()),
      }),
    }),
    route({
      method: 'put',
      path: '/api/training/courses/:courseId',
      operationId: 'updateTrainingCourse',
      summary: 'Change a course (HR; versioned)',
      request: { params: courseParams, body: courseUpdateSchema },
      responses: { 200: { description: 'Changed', schema: courseSchema }, ...errors },
      handler: async ({ user, params, body }) => ({
        body: await service.updateCourse(actorOf(user), params.courseId.toLowerCase(), body),
      }),
    }),
    route({
      method: 'post',
      path: '/api/training/courses/:courseId/archive',
      operationId: 'archiveTrainingCourse',
      summary: 'Take a course out of the catalog (HR; versioned)',
      request: { params: courseParams, body: versionOnlySchema },
      responses: { 200: { description: 'Archived', schema: courseSchema }, ...errors },
      handler: async ({ user, params, body }) => ({
        body: await service.archiveCourse(actorOf(user), params.courseId.toLowerCase(), body),
      }),
    }),
    route({
      method: 'post',
      path: '/api/training/courses/:courseId/sessions',
      operationId: 'scheduleTrainingSession',
      summary: 'Schedule a session (HR): one Outlook event in the training mailbox follows',
      rateLimit: 'notify',
      request: { params: courseParams, body: sessionInputSchema },
      responses: { 201: { description: 'Scheduled', schema: sessionSchema }, ...errors },
      handler: async ({ user, params, body }) => ({
        status: 201,
        body: await service.scheduleSession(actorOf(user), params.courseId.toLowerCase(), body),
      }),
    }),
    route({
      method: 'put',
      path: '/api/training/sessions/:sessionId',
      operationId: 'updateTrainingSession',
      summary: 'Change a session (HR; versioned): a new time moves the Outlook event',
      rateLimit: 'notify',
      request: { params: sessionParams, body: sessionUpdateSchema },
      responses: { 200: { description: 'Changed', schema: sessionSchema }, ...errors },
      handler: async ({ user, params, body }) => ({
        body: await service.updateSession(actorOf(user), params.sessionId.toLowerCase(), body),
      }),
    }),
    route({
      method: 'post',
      path: '/api/training/sessions/:sessionId/cancel',
      operationId: 'cancelTrainingSession',
      summary: 'Cancel a session (HR): Outlook tells the attendees',
      rateLimit: 'notify',
      request: { params: sessionParams, body: cancelSessionSchema },
      responses: { 200: { description: 'Cancelled', schema: sessionSchema }, ...errors },
      handler: async ({ user, params, body }) => ({
        body: await service.cancelSession(actorOf(user), params.sessionId.toLowerCase(), body),
      }),
    }),
    route({
      method: 'get',
      path: '/api/training/sessions',
      operationId: 'listTrainingSessions',
      summary: 'Sessions starting in a window of days (Japan time; default the next 180 days)',
      request: { query: sessionWindowQuerySchema },
      responses: {
        200: { description: 'Sessions, earliest first', schema: z.array(sessionSchema) },
        ...errors,
      },
      handler: async ({ user, query }) => ({
        body: await service.listSessions(actorOf(user), { from: query.from, to: query.to }),
      }),
    }),
    route({
      method: 'get',
      path: '/api/training/team',
      operationId: 'listTeamTrainings',
      summary: 'The trainings of everyone below the caller in the reporting lines (supervisors; audited)',
      responses: {
        200: { description: 'Enrolments, latest session first', schema: z.array(enrolmentSchema) },
      },
      handler: async ({ user }) => ({ body: await service.team(actorOf(user)) }),
    }),
    route({
      method: 'get',
      path: '/api/training/sessions/:sessionId/roster',
      operationId: 'getTrainingRoster',
      summary: 'The roster of a session: confirmed, waiting list in order, requests, closed (HR)',
      request: { params: sessionParams },
      responses: {
        200: {
          description: 'The roster',
          schema: rosterSchema,
        },
        ...errors,
      },
      handler: async ({ user, params }) => ({
        body: await service.roster(actorOf(user), params.sessionId.toLowerCase()),
      }),
    }),
    route({
      method: 'post',
      path: '/api/training/sessions/:sessionId/apply',
      operationId: 'applyForTraining',
      summary: 'Apply for a session (the caller; eligible, before the deadline)',
      request: { params: sessionParams, body: applyInputSchema },
      responses: { 201: { description: 'Applied', schema: enrolmentSchema }, ...errors },
      handler: async ({ user, params, body }) => ({
        status: 201,
        body: await service.apply(actorOf(user), params.sessionId.toLowerCase(), body),
      }),
    }),
    route({
      method: 'post',
      path: '/api/training/sessions/:sessionId/recommend',
      operationId: 'recommendForTraining',
      summary: 'Recommend a report for a session (推薦; the supervisor chain; the reason is shown to them)',
      request: { params: sessionParams, body: recommendInputSchema },
      responses: { 201: { description: 'Recommended', schema: enrolmentSchema }, ...errors },
      handler: async ({ user, params, body }) => ({
        status: 201,
        body: await service.recommend(actorOf(user), params.sessionId.toLowerCase(), body),
      }),
    }),
    route({
      method: 'post',
      path: '/api/training/sessions/:sessionId/nominate',
      operationId: 'nominateForTraining',
      summary:
        'Nominate someone for a session (指名; HR; overrideEligibility to nominate outside the target)',
      rateLimit: 'notify',
      request: { params: sessionParams, body: nominateInputSchema },
      responses: { 201: { description: 'Nominated', schema: enrolmentSchema }, ...errors },
      handler: async ({ user, params, body }) => ({
        status: 201,
        body: await service.nominate(actorOf(user), params.sessionId.toLowerCase(), body),
      }),
    }),
    enrolmentAction(
      'confirm',
      'confirmTrainingEnrolment',
      'Confirm an enrolment (HR): a seat, or the end of the waiting list when full; Outlook adds the attendee',
      versionOnlySchema,
      (actor, id, body) => service.confirm(actor, id, body),
    ),
    enrolmentAction(
      'decline',
      'declineTrainingEnrolment',
      'Decline a request or a waiting place (HR)',
      closeEnrolmentSchema,
      (actor, id, body) => service.decline(actor, id, body),
    ),
    enrolmentAction(
      'withdraw',
      'withdrawTrainingEnrolment',
      'Withdraw (the person or HR): a freed seat goes to the first on the waiting list',
      closeEnrolmentSchema,
      (actor, id, body) => service.withdraw(actor, id, body),
    ),
    enrolmentAction(
      'attendance',
      'recordTrainingAttendance',
      'Record that a confirmed person attended (HR; once the session has ended)',
      versionOnlySchema,
      (actor, id, body) => service.markAttended(actor, id, body),
      'write',
    ),
    route({
      method: 'get',
      path: '/api/training/enrolments',
      operationId: 'listTrainingEnrolments',
      summary: 'A person’s trainings: upcoming, history, report status (self, supervisor chain, HR)',
      request: { query: personQuery },
      responses: {
        200: { description: 'Enrolments, latest session first', schema: z.array(enrolmentSchema) },
        ...errors,
      },
      handler: async ({ user, query }) => {
        const subject = subjectOf(user, query.personId);
        return { body: await service.enrolmentsOf(subject.actor, subject.personId) };
      },
    }),
    route({
      method: 'get',
      path: '/api/training/recommendations',
      operationId: 'listTrainingRecommendations',
      summary: 'Courses suggested for a person, with reasons (self, supervisor chain, HR)',
      request: { query: personQuery },
      responses: {
        200: { description: 'Suggestions, best first', schema: z.array(recommendationSchema) },
        ...errors,
      },
      handler: async ({ user, query }) => {
        const subject = subjectOf(user, query.personId);
        return { body: await service.recommendationsFor(subject.actor, subject.personId) };
      },
    }),
  ];
}
