// Self-study courses and learning paths (src/training/learning.routes.ts).
import type { z } from 'zod';
import type * as contract from '../../../../src/training/learning.contract.ts';
import type { Route } from '../route.ts';

type Enrolment = z.output<typeof contract.selfStudyEnrolmentSchema>;
type Path = z.output<typeof contract.learningPathSchema>;
/** `?personId=`: "me" (the default) or a person's id. */
type PersonQuery = { personId?: string };

export interface LearningRoutes {
  'PUT /api/training/courses/:courseId/self-study': Route<
    typeof contract.selfStudyCourseSchema,
    typeof contract.selfStudyCourseInputSchema
  >;
  'POST /api/training/courses/:courseId/self-study/enrol': Route<
    Enrolment,
    typeof contract.enrolSelfStudySchema
  >;
  'POST /api/training/courses/:courseId/self-study/progress': Route<
    Enrolment,
    typeof contract.selfStudyProgressSchema
  >;
  'POST /api/training/courses/:courseId/self-study/complete': Route<
    Enrolment,
    typeof contract.completeSelfStudySchema
  >;
  'GET /api/training/self-study/courses': Route<z.output<typeof contract.selfStudyCourseSchema>[]>;
  'GET /api/training/self-study/enrolments': Route<Enrolment[], never, PersonQuery>;
  'GET /api/training/learning-paths': Route<Path[]>;
  'POST /api/training/learning-paths': Route<Path, typeof contract.learningPathInputSchema>;
  'PUT /api/training/learning-paths/:pathId': Route<Path, typeof contract.learningPathUpdateSchema>;
  'GET /api/training/path-progress': Route<typeof contract.pathProgressSchema, never, PersonQuery>;
}
