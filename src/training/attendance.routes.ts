import { uuidParam } from '../http/params.ts';
import { recordRoutes } from '../http/record-route.ts';
import { callerPost } from '../http/route-kinds.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  attendanceProposalAnswerSchema,
  checkInAnswerSchema,
  checkInSchema,
  attendanceProposalSchema,
  confirmAttendanceSchema,
  retryAttendanceSchema,
} from './attendance.contract.ts';
import type { AttendanceService } from './attendance.service.ts';

/** Proposed attendance of a session (HR): read it, confirm it in one action, ask Graph again. */
export function attendanceRoutes(service: AttendanceService): RouteDefinition[] {
  const session = recordRoutes({
    tags: ['training'],
    path: '/api/training/sessions/:sessionId',
    id: uuidParam,
    errors: {
      403: { description: 'HR only' },
      404: { description: 'No such session, or it has no proposal' },
      409: { description: 'Changed meanwhile (version), already confirmed, or nothing to confirm or retry' },
    },
  });
  const route = routeGroup({ tags: ['training'], auth: 'user' });
  return [
    session({
      method: 'post',
      path: '/checkin-code',
      operationId: 'showTrainingCheckinCode',
      summary: 'The check-in code of a session held in a room, made once, shown in the room (HR)',
      ok: { description: 'The check-in proposal with its code', schema: attendanceProposalSchema },
      act: (actor, id) => service.checkinCode(actor, id),
    }),
    callerPost(route, {
      path: '/api/training/checkins',
      operationId: 'checkInToTraining',
      summary: 'Check in to a session held in a room with the code shown there (the caller; idempotent)',
      body: checkInSchema,
      ok: { description: 'Checked in', schema: checkInAnswerSchema },
      errors: {
        400: { description: 'Not a code of any session (counts towards the limit of wrong codes)' },
        409: { description: 'The code is accepted only around the session’s time, or it was cancelled' },
        429: { description: 'Too many wrong codes lately' },
      },
      act: (actor, body) => service.checkIn(actor, body),
    }),
    session({
      method: 'get',
      path: '/attendance-proposal',
      operationId: 'getTrainingAttendanceProposal',
      summary: 'The attendance proposed from the session’s Teams attendance report, or null (HR)',
      ok: { description: 'The proposal', schema: attendanceProposalAnswerSchema },
      act: (actor, id) => service.proposal(actor, id),
    }),
    session({
      method: 'post',
      path: '/attendance-proposal/confirm',
      operationId: 'confirmTrainingAttendance',
      summary: 'Confirm the proposed attendance in one action, correcting individuals (HR; versioned)',
      body: confirmAttendanceSchema,
      ok: { description: 'Confirmed', schema: attendanceProposalSchema },
      act: (actor, id, body) => service.confirm(actor, id, body),
    }),
    session({
      method: 'post',
      path: '/attendance-proposal/retry',
      operationId: 'retryTrainingAttendance',
      summary: 'Read the attendance report again after a refusal or failure (HR; versioned)',
      body: retryAttendanceSchema,
      ok: { description: 'Waiting for the report again', schema: attendanceProposalSchema },
      act: (actor, id, body) => service.retry(actor, id, body),
    }),
  ];
}
