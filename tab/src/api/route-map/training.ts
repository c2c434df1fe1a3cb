// Training (src/training/training.routes.ts): the catalog, sessions, enrolments and recommendations.
import type { z } from 'zod';
import type {
  applyInputSchema,
  cancelSessionSchema,
  closeEnrolmentSchema,
  courseDetailSchema,
  courseInputSchema,
  courseListQuerySchema,
  courseUpdateSchema,
  courseViewSchema,
  enrolmentViewSchema,
  nominateInputSchema,
  recommendationSchema,
  recommendInputSchema,
  rosterSchema,
  sessionInputSchema,
  sessionUpdateSchema,
  sessionViewSchema,
  sessionWindowQuerySchema,
  versionOnlySchema,
} from '../../../../src/training/training.contract.ts';
import type { Route } from '../route.ts';

type Course = z.output<typeof courseViewSchema>;
type Session = z.output<typeof sessionViewSchema>;
type Enrolment = z.output<typeof enrolmentViewSchema>;
/** `?personId=`: "me" (the default) or a person's id, as src/growth/growth-params.ts checks it. */
type PersonQuery = { personId?: string };

export interface TrainingRoutes {
  'GET /api/training/courses': Route<Course[], never, z.input<typeof courseListQuerySchema>>;
  'POST /api/training/courses': Route<Course, z.input<typeof courseInputSchema>>;
  'GET /api/training/courses/:courseId': Route<z.output<typeof courseDetailSchema>>;
  'PUT /api/training/courses/:courseId': Route<Course, z.input<typeof courseUpdateSchema>>;
  'POST /api/training/courses/:courseId/archive': Route<Course, z.input<typeof versionOnlySchema>>;
  'POST /api/training/courses/:courseId/sessions': Route<Session, z.input<typeof sessionInputSchema>>;
  'PUT /api/training/sessions/:sessionId': Route<Session, z.input<typeof sessionUpdateSchema>>;
  'POST /api/training/sessions/:sessionId/cancel': Route<Session, z.input<typeof cancelSessionSchema>>;
  'GET /api/training/sessions': Route<Session[], never, z.input<typeof sessionWindowQuerySchema>>;
  'GET /api/training/team': Route<Enrolment[]>;
  'GET /api/training/sessions/:sessionId/roster': Route<z.output<typeof rosterSchema>>;
  'POST /api/training/sessions/:sessionId/apply': Route<Enrolment, z.input<typeof applyInputSchema>>;
  'POST /api/training/sessions/:sessionId/recommend': Route<Enrolment, z.input<typeof recommendInputSchema>>;
  'POST /api/training/sessions/:sessionId/nominate': Route<Enrolment, z.input<typeof nominateInputSchema>>;
  'POST /api/training/enrolments/:enrolmentId/confirm': Route<Enrolment, z.input<typeof versionOnlySchema>>;
  'POST /api/training/enrolments/:enrolmentId/decline': Route<
    Enrolment,
    z.input<typeof closeEnrolmentSchema>
  >;
  'POST /api/training/enrolments/:enrolmentId/withdraw': Route<
    Enrolment,
    z.input<typeof closeEnrolmentSchema>
  >;
  'POST /api/training/enrolments/:enrolmentId/attendance': Route<
    Enrolment,
    z.input<typeof versionOnlySchema>
  >;
  'GET /api/training/enrolments': Route<Enrolment[], never, PersonQuery>;
  'GET /api/training/recommendations': Route<
    Array<z.output<typeof recommendationSchema>>,
    never,
    PersonQuery
  >;
}
