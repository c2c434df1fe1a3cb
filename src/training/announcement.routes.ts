// Routes of the 受講案内 and their delivery report (announcement.contract.ts).
import { z } from 'zod';
import { actorOf } from '../auth/access.ts';
import { uuidParam } from '../http/params.ts';
import { recordRoutes } from '../http/record-route.ts';
import { routeGroup, type RouteDefinition } from '../http/route.ts';
import {
  announceInputSchema,
  announcementSchema,
  deliveryReportSchema,
  openedAnswerSchema,
} from './announcement.contract.ts';
import type { Announcements } from './announcements.ts';

export function announcementRoutes(announcements: Announcements): RouteDefinition[] {
  const errors = {
    403: { description: 'Not HR, nor a 課長/係長 of the 課 of a workplace course (職場研修)' },
    404: { description: 'No such session or announcement (to HR; anyone else gets 403 either way)' },
    409: {
      description:
        'Already announced to this audience (the existing announcement named), session changed meanwhile (version), cancelled, started or past its deadline',
    },
    422: { description: 'The audience resolves to nobody, or everyone in it was told already' },
  };
  const session = recordRoutes({
    tags: ['training'],
    path: '/api/training/sessions/:sessionId',
    id: uuidParam,
    errors,
  });
  const announcement = recordRoutes({
    tags: ['training'],
    path: '/api/training/announcements/:announcementId',
    id: uuidParam,
    errors,
  });
  const route = routeGroup({ tags: ['training'], auth: 'user' });
  return [
    session({
      method: 'post',
      path: '/announcements',
      operationId: 'announceTrainingSession',
      summary:
        'Announce a session (受講案内; HR, or a workplace course’s 課長/係長): the bot tells each person in the audience once',
      rateLimit: 'notify',
      body: announceInputSchema,
      status: 201,
      ok: { description: 'Announced; the counts grow as the outbox works', schema: announcementSchema },
      act: (actor, id, body) => announcements.announce(actor, id, body),
    }),
    session({
      method: 'get',
      path: '/announcements',
      operationId: 'listTrainingAnnouncements',
      summary:
        'The announcements of a session, newest first, with their delivery counts (HR; a workplace course’s 課長/係長)',
      ok: { description: 'Announcements', schema: z.array(announcementSchema) },
      act: (actor, id) => announcements.list(actor, id),
    }),
    announcement({
      method: 'get',
      path: '',
      operationId: 'getTrainingAnnouncementReport',
      summary:
        'The delivery report of an announcement: sent, failed (and why), opened (HR; a workplace course’s 課長/係長)',
      ok: { description: 'The delivery report', schema: deliveryReportSchema },
      act: (actor, id) => announcements.report(actor, id),
    }),
    route({
      method: 'post',
      path: '/api/training/announcements/:announcementId/opened',
      operationId: 'openedTrainingAnnouncement',
      summary: 'The caller followed the announcement card’s link into the tab (recorded once per recipient)',
      rateLimit: 'write',
      request: { params: z.object({ announcementId: uuidParam }) },
      responses: {
        200: {
          description:
            'Noted: whether the caller is (now) counted as having opened it (false: not told by it)',
          schema: openedAnswerSchema,
        },
        404: { description: 'No such announcement' },
      },
      handler: async ({ user, params }) => ({
        body: await announcements.markOpened(actorOf(user), params.announcementId.toLowerCase()),
      }),
    }),
  ];
}
