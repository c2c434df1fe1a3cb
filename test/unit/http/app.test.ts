import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpApp, defaultFrameAncestors } from '../../../src/http/app.ts';
import { AppError } from '../../../src/http/app-error.ts';
import { defineRoute } from '../../../src/http/route.ts';
import { dbInteger, USER_TEXT_MESSAGE, userText } from '../../../src/http/user-input.ts';
import { probeMalformedInput, type OpenApiDocument } from '../../support/malformed-input.ts';
import { testLogger } from '../../support/logger.ts';

const stored: string[] = [];

const goodRoute = defineRoute({
  method: 'post',
  path: '/api/notes/:noteId',
  operationId: 'putNote',
  summary: 'test route',
  tags: ['test'],
  auth: 'public',
  request: {
    params: z.object({ noteId: z.string().regex(/^[a-z]{1,10}$/) }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(10).optional() }),
    body: z.object({ text: userText.max(20), stars: dbInteger.min(1).max(5) }).strict(),
  },
  responses: { 201: { description: 'stored' } },
  handler: async ({ params, body }) => {
    stored.push(`${params.noteId}:${body.text}`);
    return { status: 201, body: { ok: true } };
  },
});

// A route with the kind of bug the walker exists to catch: it trusts its input.
const buggyRoute = defineRoute({
  method: 'post',
  path: '/api/buggy',
  operationId: 'buggy',
  summary: 'buggy route',
  tags: ['test'],
  auth: 'public',
  request: { body: z.unknown() },
  responses: { 200: { description: 'ok' } },
  handler: async ({ body }) => ({ body: { length: (body as { items: string[] }).items.length } }),
});

// The same route with the shared schemas bypassed: plain strings and unbounded integers.
const bypassingRoute = defineRoute({
  method: 'post',
  path: '/api/bypass',
  operationId: 'bypass',
  summary: 'plain z.string() and z.number().int()',
  tags: ['test'],
  auth: 'public',
  request: { body: z.object({ text: z.string().max(20), count: z.number().int().min(0) }).strict() },
  responses: { 201: { description: 'stored' } },
  handler: async ({ body }) => {
    stored.push(`bypass:${body.text}:${body.count}`);
    return { status: 201, body: { ok: true } };
  },
});

const conflictRoute = defineRoute({
  method: 'get',
  path: '/api/conflict',
  operationId: 'conflict',
  summary: 'raises an AppError',
  tags: ['test'],
  auth: 'user',
  responses: { 200: { description: 'never' } },
  handler: () => Promise.reject(new AppError('conflict', 'Already there.')),
});

async function serve(
  routes: Parameters<typeof createHttpApp>[0]['routes'],
): Promise<{ server: Server; url: string }> {
  const app = await createHttpApp({
    logger: testLogger,
    routes,
    bodyLimitBytes: 1024,
    version: 'test',
    frameAncestors: defaultFrameAncestors(),
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('createHttpApp', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    ({ server, url } = await serve([goodRoute, conflictRoute]));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${url}${path}`, { method: 'POST', body, headers: { 'content-type': contentType } });

  it('passes valid input to the handler', async () => {
    const response = await post('/api/notes/abc?limit=3', JSON.stringify({ text: 'hi', stars: 4 }));
    expect(response.status).toBe(201);
    expect(stored).toContain('abc:hi');
  });

  it('names every invalid field in a 400', async () => {
    const response = await post('/api/notes/abc', JSON.stringify({ text: 5, stars: 9 }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: Array<{ path: string }> } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((detail) => detail.path).sort()).toEqual(['body.stars', 'body.text']);
  });

  it('maps junk JSON, oversized bodies and other media types to 400, 413 and 415', async () => {
    expect((await post('/api/notes/abc', '{"text":')).status).toBe(400);
    expect((await post('/api/notes/abc', JSON.stringify({ text: 'x'.repeat(2000), stars: 1 }))).status).toBe(
      413,
    );
    expect((await post('/api/notes/abc', 'text=hi', 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it('refuses a body declared as gzip that is not with 400, not 500', async () => {
    const response = await fetch(`${url}/api/notes/abc`, {
      method: 'POST',
      body: JSON.stringify({ text: 'hi', stars: 4 }),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
  });

  it('refuses NUL, an unpaired surrogate and 2^31 by field name, with the shared message', async () => {
    const answers = await Promise.all(
      [
        { text: 'a\u0000b', stars: 1 },
        { text: 'a\ud800b', stars: 1 },
        { text: 'ok', stars: 2_147_483_648 },
      ].map(async (body) => {
        const response = await post('/api/notes/abc', JSON.stringify(body));
        return {
          status: response.status,
          body: (await response.json()) as { error: { details: unknown[] } },
        };
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
    expect(answers[0]!.body.error.details).toEqual([{ path: 'body.text', message: USER_TEXT_MESSAGE }]);
    expect(answers[1]!.body.error.details).toEqual([{ path: 'body.text', message: USER_TEXT_MESSAGE }]);
    expect(answers[2]!.body.error.details).toContainEqual(expect.objectContaining({ path: 'body.stars' }));
  });

  it('answers a user route without an authenticator with 401 and a Bearer challenge', async () => {
    const response = await fetch(`${url}/api/conflict`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('the malformed-input walker', () => {
  it('passes a route that validates its input', async () => {
    const { server, url } = await serve([goodRoute]);
    try {
      const document = (await (await fetch(`${url}/api/openapi.json`)).json()) as OpenApiDocument;
      const { probes, failures } = await probeMalformedInput(document, {
        baseUrl: url,
        bodyLimitBytes: 1024,
      });
      expect(failures).toEqual([]);
      expect(probes.length).toBeGreaterThan(15);
    } finally {
      server.close();
    }
  });

  it('fails on a route whose text and integers bypass the shared schemas, naming each field', async () => {
    const { server, url } = await serve([goodRoute, bypassingRoute]);
    try {
      const document = (await (await fetch(`${url}/api/openapi.json`)).json()) as OpenApiDocument;
      const { failures } = await probeMalformedInput(document, { baseUrl: url, bodyLimitBytes: 1024 });
      expect(failures.every((failure) => failure.route === 'POST /api/bypass')).toBe(true);
      expect(failures.map((failure) => failure.label).sort()).toEqual([
        'body.count 2147483648',
        'body.text NUL',
        'body.text unpaired surrogate',
      ]);
      // Stored: the probes' other fields were plausible, so the bypassed field was all that mattered.
      expect(stored.filter((entry) => entry.startsWith('bypass:'))).toHaveLength(3);
    } finally {
      server.close();
    }
  });

  it('fails on a route that answers 5xx, and the 500 leaks no stack trace', async () => {
    const { server, url } = await serve([goodRoute, buggyRoute]);
    try {
      const document = (await (await fetch(`${url}/api/openapi.json`)).json()) as OpenApiDocument;
      const { failures } = await probeMalformedInput(document, { baseUrl: url, bodyLimitBytes: 1024 });
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.every((failure) => failure.route === 'POST /api/buggy')).toBe(true);
      expect(failures.some((failure) => failure.problem === 'answered 500')).toBe(true);
      const response = await fetch(`${url}/api/buggy`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(text).not.toMatch(/TypeError|\.ts:\d+/);
    } finally {
      server.close();
    }
  });
});
