// Training (src/training/training.routes.ts): the catalog, sessions, enrolments and recommendations.
import type { z } from 'zod';
import type * as attendance from '../../../../src/training/attendance.contract.ts';
import type * as contract from '../../../../src/training/training.contract.ts';
import type { Route } from '../route.ts';

type Course = z.output<typeof contract.courseViewSchema>;
type Session = z.output<typeof contract.sessionViewSchema>;
type Enrolment = z.output<typeof contract.enrolmentViewSchema>;
/** `?personId=`: "me" (the default) or a person's id, as src/http/params.ts checks it. */
type PersonQuery = { personId?: string };

export interface TrainingRoutes {
  'GET /api/training/courses': Route<Course[], never, typeof contract.courseListQuerySchema>;
  'POST /api/training/courses': Route<Course, typeof contract.courseInputSchema>;
  'GET /api/training/courses/:courseId': Route<typeof contract.courseDetailSchema>;
  'PUT /api/training/courses/:courseId': Route<Course, typeof contract.courseUpdateSchema>;
  'POST /api/training/courses/:courseId/archive': Route<Course, typeof contract.versionOnlySchema>;
  'PUT /api/training/courses/:courseId/interest': Route<Course>;
  'DELETE /api/training/courses/:courseId/interest': Route<Course>;
  'POST /api/training/courses/:courseId/sessions': Route<Session, typeof contract.sessionInputSchema>;
  'PUT /api/training/sessions/:sessionId': Route<Session, typeof contract.sessionUpdateSchema>;
  'POST /api/training/sessions/:sessionId/cancel': Route<Session, typeof contract.cancelSessionSchema>;
  'GET /api/training/sessions': Route<Session[], never, typeof contract.sessionWindowQuerySchema>;
  'GET /api/training/team': Route<Enrolment[]>;
  'GET /api/training/sessions/:sessionId/roster': Route<typeof contract.rosterSchema>;
  'POST /api/training/sessions/:sessionId/apply': Route<Enrolment, typeof contract.applyInputSchema>;
  'POST /api/training/sessions/:sessionId/recommend': Route<Enrolment, typeof contract.recommendInputSchema>;
  'POST /api/training/sessions/:sessionId/nominate': Route<Enrolment, typeof contract.nominateInputSchema>;
  'POST /api/training/enrolments/:enrolmentId/confirm': Route<Enrolment, typeof contract.versionOnlySchema>;
  'POST /api/training/enrolments/:enrolmentId/decline': Route<
    Enrolment,
    typeof contract.closeEnrolmentSchema
  >;
  'POST /api/training/enrolments/:enrolmentId/withdraw': Route<
    Enrolment,
    typeof contract.closeEnrolmentSchema
  >;
  'POST /api/training/enrolments/:enrolmentId/attendance': Route<
    Enrolment,
    typeof contract.versionOnlySchema
  >;
  'POST /api/training/enrolments/:enrolmentId/absent': Route<Enrolment, typeof contract.versionOnlySchema>;
  'GET /api/training/sessions/:sessionId/attendance-proposal': Route<
    typeof attendance.attendanceProposalAnswerSchema
  >;
  'POST /api/training/sessions/:sessionId/attendance-proposal/confirm': Route<
    typeof attendance.attendanceProposalSchema,
    typeof attendance.confirmAttendanceSchema
  >;
  'POST /api/training/sessions/:sessionId/attendance-proposal/retry': Route<
    typeof attendance.attendanceProposalSchema,
    typeof attendance.retryAttendanceSchema
  >;
  'POST /api/training/sessions/:sessionId/checkin-code': Route<typeof attendance.attendanceProposalSchema>;
  'POST /api/training/checkins': Route<
    typeof attendance.checkInAnswerSchema,
    typeof attendance.checkInSchema
  >;
  'GET /api/training/enrolments': Route<Enrolment[], never, PersonQuery>;
  'GET /api/training/recommendations': Route<
    Array<z.output<typeof contract.recommendationSchema>>,
    never,
    PersonQuery
  >;
}
