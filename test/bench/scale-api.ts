// The `scale` bench's HTTP API: the express app (createHttpApp) with the routes it measures, mounted as
// src/server.ts mounts them, behind the production token path (createAuthenticator over
// createTokenValidator, RS256 against a JWKS the bench publishes itself). Without the rest of the server
// (emulator, directory sync, queue, bot): the bench measures the request path, not start-up.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import pino from 'pino';
import { analyticsRoutes } from '../../src/analytics/analytics.routes.ts';
import { createAnalyticsService } from '../../src/analytics/analytics.service.ts';
import { createAnalyticsStore } from '../../src/analytics/analytics.store.ts';
import { createAuditLog } from '../../src/auth/audit.ts';
import { createAuthenticator } from '../../src/auth/authenticate.ts';
import { createTokenValidator } from '../../src/auth/token-validator.ts';
import { MICROSOFT_365_CLIENT_APPS } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import type { Framework } from '../../src/framework/framework.schema.ts';
import { createTeamService } from '../../src/growth/team.service.ts';
import { teamRoutes } from '../../src/growth/team.routes.ts';
import { createHttpApp, defaultFrameAncestors } from '../../src/http/app.ts';
import { createCareerInterviewStarts, createInterviewStatus } from '../../src/interviews/interview-status.ts';
import { createInterviewStore } from '../../src/interviews/interview.store.ts';
import { createPeopleStore } from '../../src/people/people.store.ts';

const TENANT = '0b1e5ca1-0000-4000-8000-00000000c1f7';
const CLIENT = '0b1e5ca1-0000-4000-8000-0000000a5b1e';
const HR_ROLE = 'HR';

export interface BenchApi {
  /** GET a path as this person (with the HR role when `hr`); throws unless the answer is 200. */
  get(as: string, path: string, options?: { hr?: boolean }): Promise<unknown>;
  close(): Promise<void>;
}

export async function startBenchApi(deps: {
  db: Db;
  framework: Framework;
  now: () => Date;
}): Promise<BenchApi> {
  const keys = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  const jwks: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url === `/${TENANT}/discovery/v2.0/keys` ? { keys: [jwk] } : {}));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const authorityHost = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;

  const audit = createAuditLog(deps.db);
  const people = createPeopleStore(deps.db, deps.now);
  const app = await createHttpApp({
    logger: pino({ level: 'silent' }),
    routes: [
      ...teamRoutes(
        createTeamService({
          db: deps.db,
          framework: deps.framework,
          people,
          interviews: {
            ...createInterviewStatus(createInterviewStore(deps.db, () => new Date())),
            careerInterviewStarts: createCareerInterviewStarts(
              createInterviewStore(deps.db, () => new Date()),
            ),
          },
          audit,
          now: deps.now,
        }),
      ),
      ...analyticsRoutes(
        createAnalyticsService({
          store: createAnalyticsStore(deps.db),
          framework: deps.framework,
          audit,
          now: deps.now,
        }),
        deps.framework,
      ),
    ],
    authenticate: createAuthenticator(
      createTokenValidator({
        tenantId: TENANT,
        clientId: CLIENT,
        appIdUri: `api://localhost/${CLIENT}`,
        authorityHost,
        allowedClientApps: [...MICROSOFT_365_CLIENT_APPS],
        maxTokenAgeSeconds: 7200,
      }),
      { hrAppRole: HR_ROLE },
    ),
    bodyLimitBytes: 100_000,
    version: 'bench',
    frameAncestors: defaultFrameAncestors(),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (oid: string, hr: boolean) => {
    const key = `${oid}:${hr}`;
    let token = tokens.get(key);
    if (!token) {
      const now = Math.floor(Date.now() / 1000);
      token = new SignJWT({
        iss: `${authorityHost}/${TENANT}/v2.0`,
        aud: CLIENT,
        tid: TENANT,
        oid,
        scp: 'access_as_user',
        name: oid,
        preferred_username: `${oid}@city.example`,
        azp: MICROSOFT_365_CLIENT_APPS[0],
        ver: '2.0',
        roles: hr ? [HR_ROLE] : [],
        iat: now,
        nbf: now - 60,
        exp: now + 3600,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'bench', typ: 'JWT' })
        .sign(keys.privateKey);
      tokens.set(key, token);
    }
    return token;
  };

  return {
    async get(as, path, options = {}) {
      const response = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${await tokenFor(as, options.hr ?? false)}` },
      });
      const body: unknown = await response.json();
      if (response.status !== 200)
        throw new Error(`GET ${path} as ${as}: ${response.status} ${JSON.stringify(body)}`);
      return body;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => jwks.close(() => resolve()));
    },
  };
}
