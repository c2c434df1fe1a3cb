// Training announcements (受講案内) and their delivery report (src/training/announcement.routes.ts).
import type { z } from 'zod';
import type * as contract from '../../../../src/training/announcement.contract.ts';
import type { Route } from '../route.ts';

type Announcement = z.output<typeof contract.announcementSchema>;

export interface TrainingAnnouncementRoutes {
  'POST /api/training/sessions/:sessionId/announcements': Route<
    Announcement,
    typeof contract.announceInputSchema
  >;
  'GET /api/training/sessions/:sessionId/announcements': Route<Announcement[]>;
  'GET /api/training/announcements/:announcementId': Route<typeof contract.deliveryReportSchema>;
  'POST /api/training/announcements/:announcementId/opened': Route<typeof contract.openedAnswerSchema>;
}
