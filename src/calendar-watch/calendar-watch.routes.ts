// The public endpoints Graph posts to (no SSO: Graph signs nothing on webhook notifications; what
// proves them is the per-subscription clientState, checked in the service). Both answer the validation
// handshake ("notificationUrl validation": POST ?validationToken=…, 200 text/plain with the decoded token
// within 10 seconds) and otherwise answer 202 at once after queueing, never calling Graph inline
// (Graph waits 3 seconds for a 2xx before it retries and, for slow endpoints, throttles).
import express, { type Express, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { notificationCollection, type CalendarWatch } from './calendar-watch.service.ts';

export const NOTIFICATION_PATH = '/api/graph/notifications';
export const LIFECYCLE_PATH = '/api/graph/lifecycle';

const validationQuery = z.object({ validationToken: z.string().min(1).max(1024) });

export function mountCalendarWatch(
  app: Express,
  options: { watch: Pick<CalendarWatch, 'accept'>; logger: Logger; bodyLimitBytes: number },
): void {
  const parseJson = express.json({ limit: options.bodyLimitBytes, type: () => true });
  const endpoint = (kind: 'change' | 'lifecycle') => [
    (req: Request, res: Response, next: () => void) => {
      // The handshake: query parsing is "simple", so the token arrives URL-decoded as Graph asks.
      const handshake = validationQuery.safeParse(req.query);
      if (handshake.success) {
        res.status(200).type('text/plain').send(handshake.data.validationToken);
        return;
      }
      next();
    },
    parseJson,
    async (req: Request, res: Response) => {
      const parsed = notificationCollection.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({
          error: { code: 'invalid_notification', message: 'Not a change notification collection.' },
        });
        return;
      }
      try {
        await options.watch.accept(kind, parsed.data.value);
        res.status(202).end();
      } catch (error) {
        // Not persisted: a 5xx makes Graph send it again.
        options.logger.error({ err: error, kind }, 'could not queue Outlook notifications');
        res.status(503).end();
      }
    },
  ];
  app.post(NOTIFICATION_PATH, ...endpoint('change'));
  app.post(LIFECYCLE_PATH, ...endpoint('lifecycle'));
}
