import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgedTokens, type ValidClaims } from '../../support/forged-tokens.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

interface OpenApiOperation {
  security?: Array<Record<string, unknown>>;
}

describe('authentication on every /api route', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  // Every protected route with each bad token, more with each route: 185 s beside other runs (load
  // average 20-25 on two cores), past the project's 180 s. The limit only catches a hang.
  const HANG = { timeout: 900_000 };
  it('answers 401 to every missing, forged or unfit token, on every protected route', HANG, async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const protectedRoutes = Object.entries(document.paths).flatMap(([template, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => (operation.security ?? []).length > 0)
        .map(([method]) => ({ method: method.toUpperCase(), path: template.replace(/\{[^}]+\}/g, 'x') })),
    );
    // The routes this test must see at the least; new ones join automatically through the document.
    expect(protectedRoutes.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(['GET /api/me', 'GET /api/framework']),
    );

    const someone = server.emulator.people.find((person) => person.levelId === 'shuji')!;
    const genuine = await server.tokenFor(someone.id);
    const claims = JSON.parse(Buffer.from(genuine.split('.')[1]!, 'base64url').toString()) as ValidClaims;
    const tokens = await forgedTokens(
      {
        sign: (payload, options) =>
          server.emulator.signJwt(payload, options?.unknownKey ? { unknownKey: true } : {}),
      },
      claims,
    );

    const outcomes: string[] = [];
    for (const route of protectedRoutes) {
      for (const [label, token] of tokens) {
        const response = await fetch(`${server.url}${route.path}`, {
          method: route.method,
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
        const body = (await response.json()) as { error?: { code?: string } };
        if (response.status !== 401 || body.error?.code !== 'unauthenticated') {
          outcomes.push(`${route.method} ${route.path} with ${label}: ${response.status}`);
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('lets a genuine token through', async () => {
    const someone = server.emulator.people.find((person) => person.levelId === 'shuji')!;
    const response = await fetch(`${server.url}/api/me`, {
      headers: { authorization: `Bearer ${await server.tokenFor(someone.userPrincipalName)}` },
    });
    expect(response.status).toBe(200);
  });

  it('leaves health and the OpenAPI document public', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/openapi.json`)).status).toBe(200);
  });
});
