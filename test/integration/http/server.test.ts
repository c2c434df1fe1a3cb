import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('HTTP server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('reports database and queue status on /api/health', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      database: { status: 'ok', kind: server.store.backend },
      queue: { status: 'ok' },
    });
  });

  it('serves an OpenAPI 3.1 document that lists its routes', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/openapi.json']));
  });

  it('sends security headers and lets only Teams (and itself) frame the app', async () => {
    const response = await fetch(`${server.url}/api/health`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('leads the server root to the dev host in local mode', async () => {
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/dev/');
    const page = await fetch(`${server.url}/`);
    expect(page.url).toBe(`${server.url}/dev/`);
    expect(await page.text()).toContain('dev-host-frame');
  });

  it('answers unknown API paths with the JSON error body', async () => {
    const response = await fetch(`${server.url}/api/does-not-exist`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('/api/does-not-exist');
    expect(body.error.requestId).toMatch(/.{8,}/);
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const good = await fetch(`${server.url}/api/health`, { headers: { 'x-request-id': 'abc-12345678' } });
    expect(good.headers.get('x-request-id')).toBe('abc-12345678');
    const bad = await fetch(`${server.url}/api/health`, {
      headers: { 'x-request-id': 'no spaces allowed <>' },
    });
    expect(bad.headers.get('x-request-id')).not.toBe('no spaces allowed <>');
  });
});
