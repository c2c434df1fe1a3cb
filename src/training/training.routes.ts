import { z } from 'zod';
import { personParam, uuidParam } from '../http/params.ts';
import { recordRoutes } from '../http/record-route.ts';
import { answeringRecord, askedPersonRead, callerPost, callerRead, queryRead } from '../http/route-kinds.ts';
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
} from './training.contract.ts';
import type { TrainingService } from './training.service.ts';

export function trainingRoutes(service: TrainingService): RouteDefinition[] {
  const route = routeGroup({ tags: ['training'], auth: 'user' });
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
  const record = <K extends string>(path: `${string}/:${K}`) =>
    recordRoutes({ tags: ['training'], path, id: uuidParam, errors });
  const course = record('/api/training/courses/:courseId');
  const session = record('/api/training/sessions/:sessionId');
  // Every change to an enrolment answers the enrolment.
  const enrolment = answeringRecord(record('/api/training/enrolments/:enrolmentId'), {
    description: 'The enrolment',
    schema: enrolmentSchema,
  });

  return [
    queryRead(route, {
      path: '/api/training/courses',
      operationId: 'listTrainingCourses',
      summary: 'The catalog: the courses that fit the caller (view=fit) or all of them (view=all)',
      query: courseListQuerySchema,
      ok: { description: 'Courses', schema: z.array(courseSchema) },
      errors,
      read: (actor, query) =>
        service.listCourses(actor, {
          view: query.view,
          ...(query.category ? { category: query.category } : {}),
          archived: query.archived === 'true',
        }),
    }),
    callerPost(route, {
      path: '/api/training/courses',
      operationId: 'createTrainingCourse',
      summary: 'Add a course to the catalog (HR)',
      body: courseInputSchema,
      status: 201,
      ok: { description: 'Created', schema: courseSchema },
      errors,
      act: (actor, body) => service.createCourse(actor, body),
    }),
    course({
      method: 'get',
      path: '',
      operationId: 'getTrainingCourse',
      summary: 'A course with its sessions',
      ok: { description: 'The course', schema: courseDetailSchema },
      act: (actor, id) => service.getCourse(actor, id),
    }),
    course({
      method: 'put',
      path: '',
      operationId: 'updateTrainingCourse',
      summary: 'Change a course (HR; versioned)',
      body: courseUpdateSchema,
      ok: { description: 'Changed', schema: courseSchema },
      act: (actor, id, body) => service.updateCourse(actor, id, body),
    }),
    course({
      method: 'post',
      path: '/archive',
      operationId: 'archiveTrainingCourse',
      summary: 'Take a course out of the catalog (HR; versioned)',
      body: versionOnlySchema,
      ok: { description: 'Archived', schema: courseSchema },
      act: (actor, id, body) => service.archiveCourse(actor, id, body),
    }),
    course({
      method: 'put',
      path: '/interest',
      operationId: 'awaitTrainingCourse',
      summary: 'Be told when the course gets a session (開講されたら知らせてほしい; only while none is open)',
      ok: { description: 'The course, waited for', schema: courseSchema },
      act: (actor, id) => service.awaitCourse(actor, id),
    }),
    course({
      method: 'delete',
      path: '/interest',
      operationId: 'stopAwaitingTrainingCourse',
      summary: 'No longer be told when the course gets a session',
      ok: { description: 'The course, not waited for', schema: courseSchema },
      act: (actor, id) => service.stopAwaitingCourse(actor, id),
    }),
    course({
      method: 'post',
      path: '/sessions',
      operationId: 'scheduleTrainingSession',
      summary: 'Schedule a session (HR): one Outlook event in the training mailbox follows',
      rateLimit: 'notify',
      body: sessionInputSchema,
      status: 201,
      ok: { description: 'Scheduled', schema: sessionSchema },
      act: (actor, id, body) => service.scheduleSession(actor, id, body),
    }),
    session({
      method: 'put',
      path: '',
      operationId: 'updateTrainingSession',
      summary: 'Change a session (HR; versioned): a new time moves the Outlook event',
      rateLimit: 'notify',
      body: sessionUpdateSchema,
      ok: { description: 'Changed', schema: sessionSchema },
      act: (actor, id, body) => service.updateSession(actor, id, body),
    }),
    session({
      method: 'post',
      path: '/cancel',
      operationId: 'cancelTrainingSession',
      summary: 'Cancel a session (HR): Outlook tells the attendees',
      rateLimit: 'notify',
      body: cancelSessionSchema,
      ok: { description: 'Cancelled', schema: sessionSchema },
      act: (actor, id, body) => service.cancelSession(actor, id, body),
    }),
    queryRead(route, {
      path: '/api/training/sessions',
      operationId: 'listTrainingSessions',
      summary: 'Sessions starting in a window of days (Japan time; default the next 180 days)',
      query: sessionWindowQuerySchema,
      ok: { description: 'Sessions, earliest first', schema: z.array(sessionSchema) },
      errors,
      read: (actor, query) => service.listSessions(actor, { from: query.from, to: query.to }),
    }),
    callerRead(route, {
      path: '/api/training/team',
      operationId: 'listTeamTrainings',
      summary: 'The trainings of everyone below the caller in the reporting lines (supervisors; audited)',
      ok: { description: 'Enrolments, latest session first', schema: z.array(enrolmentSchema) },
      read: (actor) => service.team(actor),
    }),
    session({
      method: 'get',
      path: '/roster',
      operationId: 'getTrainingRoster',
      summary: 'The roster of a session: confirmed, waiting list in order, requests, closed (HR)',
      ok: { description: 'The roster', schema: rosterSchema },
      act: (actor, id) => service.roster(actor, id),
    }),
    session({
      method: 'post',
      path: '/apply',
      operationId: 'applyForTraining',
      summary: 'Apply for a session (the caller; eligible, before the deadline)',
      body: applyInputSchema,
      status: 201,
      ok: { description: 'Applied', schema: enrolmentSchema },
      act: (actor, id, body) => service.apply(actor, id, body),
    }),
    session({
      method: 'post',
      path: '/recommend',
      operationId: 'recommendForTraining',
      summary: 'Recommend a report for a session (推薦; the supervisor chain; the reason is shown to them)',
      // The person is told through the bot (a status notice): the notify tier, like nominations.
      rateLimit: 'notify',
      body: recommendInputSchema,
      status: 201,
      ok: { description: 'Recommended', schema: enrolmentSchema },
      act: (actor, id, body) => service.recommend(actor, id, body),
    }),
    session({
      method: 'post',
      path: '/nominate',
      operationId: 'nominateForTraining',
      summary:
        'Nominate someone for a session (指名; HR; overrideEligibility to nominate outside the target)',
      rateLimit: 'notify',
      body: nominateInputSchema,
      status: 201,
      ok: { description: 'Nominated', schema: enrolmentSchema },
      act: (actor, id, body) => service.nominate(actor, id, body),
    }),
    enrolment({
      method: 'post',
      path: '/confirm',
      operationId: 'confirmTrainingEnrolment',
      summary:
        'Confirm an enrolment (HR): a seat, or the end of the waiting list when full; Outlook adds the attendee',
      rateLimit: 'notify',
      body: versionOnlySchema,
      act: (actor, id, body) => service.confirm(actor, id, body),
    }),
    enrolment({
      method: 'post',
      path: '/decline',
      operationId: 'declineTrainingEnrolment',
      summary: 'Decline a request or a waiting place (HR)',
      rateLimit: 'notify',
      body: closeEnrolmentSchema,
      act: (actor, id, body) => service.decline(actor, id, body),
    }),
    enrolment({
      method: 'post',
      path: '/withdraw',
      operationId: 'withdrawTrainingEnrolment',
      summary: 'Withdraw (the person or HR): a freed seat goes to the first on the waiting list',
      rateLimit: 'notify',
      body: closeEnrolmentSchema,
      act: (actor, id, body) => service.withdraw(actor, id, body),
    }),
    enrolment({
      method: 'post',
      path: '/attendance',
      operationId: 'recordTrainingAttendance',
      summary: 'Record that a confirmed person attended (HR; once the session has ended)',
      rateLimit: 'write',
      body: versionOnlySchema,
      act: (actor, id, body) => service.markAttended(actor, id, body),
    }),
    enrolment({
      method: 'post',
      path: '/absent',
      operationId: 'correctTrainingAttendanceToAbsent',
      summary:
        'Correct a person recorded as attended back to confirmed, i.e. absent (HR; 409 once they reported)',
      rateLimit: 'write',
      body: versionOnlySchema,
      act: (actor, id, body) => service.unmarkAttended(actor, id, body),
    }),
    askedPersonRead(route, {
      path: '/api/training/enrolments',
      operationId: 'listTrainingEnrolments',
      summary: 'A person’s trainings: upcoming, history, report status (self, supervisor chain, HR)',
      query: personQuery,
      ok: { description: 'Enrolments, latest session first', schema: z.array(enrolmentSchema) },
      errors,
      read: (actor, personId) => service.enrolmentsOf(actor, personId),
    }),
    askedPersonRead(route, {
      path: '/api/training/recommendations',
      operationId: 'listTrainingRecommendations',
      summary: 'Courses suggested for a person, with reasons (self, supervisor chain, HR)',
      query: personQuery,
      ok: { description: 'Suggestions, best first', schema: z.array(recommendationSchema) },
      errors,
      read: (actor, personId) => service.recommendationsFor(actor, personId),
    }),
  ];
}
