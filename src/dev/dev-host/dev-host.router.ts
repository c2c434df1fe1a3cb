// Local mode only: a stand-in for the Teams client that frames the tab and answers the teams-js host
// protocol (see public/dev-host.js), so the tab runs its real Teams code path without a tenant.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../http/app-error.ts';
import { parseInput } from '../../http/validation.ts';

export interface DevHostPerson {
  id: string;
  userPrincipalName: string;
  displayName: string;
  department: string | null;
  division: string | null;
  jobTitle: string | null;
  levelId: string | null;
}

export interface DevHostDependencies {
  tenantId: string;
  listPeople(): DevHostPerson[];
  issueSsoToken(user: string): Promise<string>;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public', import.meta.url));
const tokenRequest = z.object({ user: z.string().min(1).max(320) }).strict();

export function createDevHostRouter(deps: DevHostDependencies): Router {
  const router = express.Router();
  // Local mode's first URL is the server's root (the one `npm start` printed in the past, and the one people
  // type): it leads to the dev host, where the app opens. Production mounts no dev host, so `/` stays a 404.
  router.get('/', (_req, res) => {
    res.redirect(302, '/dev/');
  });
  // Express matches /dev and /dev/ alike; the page's relative state lives in /dev/?…, so send /dev there.
  router.get('/dev', (req, res) => {
    const [pathname, search] = req.originalUrl.split('?');
    if (!pathname?.endsWith('/')) {
      res.redirect(302, `/dev/${search ? `?${search}` : ''}`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(PUBLIC_DIR, 'dev-host.html'));
  });
  router.use('/dev/static', express.static(PUBLIC_DIR, { index: false, maxAge: 0 }));
  router.get('/dev/api/people', (_req, res) => {
    res.json({ tenantId: deps.tenantId, people: deps.listPeople() });
  });
  router.post('/dev/api/token', express.json({ limit: '4kb' }), async (req, res) => {
    const { user } = parseInput(tokenRequest, req.body, 'body');
    const person = deps
      .listPeople()
      .find(
        (candidate) =>
          candidate.id === user || candidate.userPrincipalName.toLowerCase() === user.toLowerCase(),
      );
    if (!person) throw new AppError('not_found', `No seeded person "${user}".`);
    res.json({ token: await deps.issueSsoToken(person.id) });
  });
  return router;
}
