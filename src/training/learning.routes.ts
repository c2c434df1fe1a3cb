import { z } from 'zod';
import { uuidParam } from '../http/params.ts';
import { recordRoutes } from '../http/record-route.ts';
import {
  answeringRecord,
  askedPersonRead,
  callerPost,
  callerRead,
  hrRouteGroup,
} from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  completeSelfStudySchema,
  enrolSelfStudySchema,
  learningPathInputSchema,
  learningPathSchema,
  learningPathUpdateSchema,
  pathProgressSchema,
  personQuerySchema,
  selfStudyCourseInputSchema,
  selfStudyCourseSchema,
  selfStudyEnrolmentSchema,
  selfStudyProgressSchema,
} from './learning.contract.ts';
import type { LearningService } from './learning.service.ts';

/** Self-study courses (enrol, progress, complete) and HR's learning paths (docs/training.md). */
export function learningRoutes(service: LearningService): RouteDefinition[] {
  const route = routeGroup({ tags: ['training'], auth: 'user' });
  const hr = hrRouteGroup({ tags: ['training'] });
  const readers = { 403: { description: 'Not the person, their supervisor chain or HR' } };
  const errors = {
    403: { description: 'HR only, or someone else’s enrolment' },
    404: {
      description: 'No such course or person (a workplace course of another 課 is none to its non-members)',
    },
    409: {
      description:
        'Changed meanwhile (version), enrolled already, not enrolled, completed already, or a course of dated sessions',
    },
  };
  const course = recordRoutes({
    tags: ['training'],
    path: '/api/training/courses/:courseId',
    id: uuidParam,
    errors,
  });
  const enrolment = answeringRecord(course, {
    description: 'The enrolment',
    schema: selfStudyEnrolmentSchema,
  });
  const path = recordRoutes({
    tags: ['training'],
    path: '/api/training/learning-paths/:pathId',
    id: uuidParam,
    errors: { 403: { description: 'Not HR' }, 404: { description: 'No such path' }, 409: errors[409] },
  });
  return [
    course({
      method: 'put',
      path: '/self-study',
      operationId: 'setSelfStudyCourse',
      summary:
        'Make a course self-study (no dated sessions), with its https link (HR; version 0 the first time)',
      body: selfStudyCourseInputSchema,
      ok: { description: 'The self-study settings', schema: selfStudyCourseSchema },
      act: (actor, id, body) => service.setSelfStudy(actor, id, body),
    }),
    enrolment({
      method: 'post',
      path: '/self-study/enrol',
      operationId: 'enrolInSelfStudy',
      summary:
        'Enrol in a self-study course: the caller, if the course is for them or a path of theirs names it; HR may name anyone',
      body: enrolSelfStudySchema,
      status: 201,
      errors: {
        403: { description: 'Someone else, not being HR; or HR starting another 課’s workplace course' },
        422: { description: 'Not eligible (level or years of service), and no path of the caller names it' },
      },
      act: (actor, id, body) => service.enrol(actor, id, body),
    }),
    enrolment({
      method: 'post',
      path: '/self-study/progress',
      operationId: 'recordSelfStudyProgress',
      summary: 'Record the caller’s progress in a self-study course (a percentage, 0–99; versioned)',
      body: selfStudyProgressSchema,
      act: (actor, id, body) => service.progress(actor, id, body),
    }),
    enrolment({
      method: 'post',
      path: '/self-study/complete',
      operationId: 'completeSelfStudy',
      summary: 'Complete a self-study course on a day, with an optional short report (the caller; versioned)',
      body: completeSelfStudySchema,
      act: (actor, id, body) => service.complete(actor, id, body),
    }),
    callerRead(hr, {
      path: '/api/training/self-study/courses',
      operationId: 'listSelfStudyCourses',
      summary: 'Every self-study course with its link and the version a change sends (HR)',
      ok: { description: 'The self-study settings', schema: z.array(selfStudyCourseSchema) },
      read: (actor) => service.listSelfStudy(actor),
    }),
    askedPersonRead(route, {
      path: '/api/training/self-study/enrolments',
      operationId: 'listSelfStudyEnrolments',
      summary:
        'A person’s self-study enrolments (the person, their supervisor chain, HR; others’ reads audited)',
      query: personQuerySchema,
      ok: { description: 'Enrolments', schema: z.array(selfStudyEnrolmentSchema) },
      errors: readers,
      read: (actor, personId) => service.enrolmentsOf(actor, personId),
    }),
    callerRead(hr, {
      path: '/api/training/learning-paths',
      operationId: 'listLearningPaths',
      summary: 'Every learning path, archived ones too (HR)',
      ok: { description: 'Paths', schema: z.array(learningPathSchema) },
      read: (actor) => service.listPaths(actor),
    }),
    callerPost(hr, {
      path: '/api/training/learning-paths',
      operationId: 'createLearningPath',
      summary: 'Define a stepwise learning path (段階的にステップアップ; HR)',
      body: learningPathInputSchema,
      status: 201,
      ok: { description: 'Created', schema: learningPathSchema },
      act: (actor, body) => service.createPath(actor, body),
    }),
    path({
      method: 'put',
      path: '',
      operationId: 'updateLearningPath',
      summary: 'Change or archive a learning path (HR; versioned)',
      body: learningPathUpdateSchema,
      ok: { description: 'Changed', schema: learningPathSchema },
      act: (actor, id, body) => service.updatePath(actor, id, body),
    }),
    askedPersonRead(route, {
      path: '/api/training/path-progress',
      operationId: 'getLearningPathProgress',
      summary: 'Where a person is on their learning paths: steps done and the next one (self, chain, HR)',
      query: personQuerySchema,
      ok: { description: 'Their paths', schema: pathProgressSchema },
      errors: readers,
      read: (actor, personId) => service.progressOf(actor, personId),
    }),
  ];
}
