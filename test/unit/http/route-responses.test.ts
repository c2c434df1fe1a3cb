import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createHttpApp, defaultFrameAncestors } from '../../../src/http/app.ts';
import {
  defineRoute,
  routeGroup,
  type AuthenticatedUser,
  type RouteDefinition,
} from '../../../src/http/route.ts';
import { captureLogs } from '../../support/logger.ts';

const noteSchema = z.object({ title: z.string(), stars: z.number() });

// A handler whose service drifted from the contract: it answers `name` where the schema says `title`.
// The cast stands for what the types cannot see (a service typed loosely, a spread of a wider row).
const driftingRoute = defineRoute({
  method: 'get',
  path: '/api/drifting',
  operationId: 'getDrifting',
  summary: 'answers a body its schema does not describe',
  tags: ['test'],
  auth: 'public',
  responses: { 200: { description: 'A note', schema: noteSchema } },
  handler: async () => ({ body: { name: 'renamed', stars: 3 } as unknown as z.infer<typeof noteSchema> }),
});

const faithfulRoute = defineRoute({
  method: 'get',
  path: '/api/faithful',
  operationId: 'getFaithful',
  summary: 'answers what its schema says',
  tags: ['test'],
  auth: 'public',
  responses: { 200: { description: 'A note', schema: noteSchema } },
  handler: async () => ({ body: { title: 'ok', stars: 3 } }),
});

const undeclaredStatusRoute = defineRoute({
  method: 'post',
  path: '/api/undeclared',
  operationId: 'postUndeclared',
  summary: 'answers a status it does not declare',
  tags: ['test'],
  auth: 'public',
  responses: { 201: { description: 'Made', schema: noteSchema } },
  handler: async () => ({ status: 202 as 201, body: { title: 'ok', stars: 1 } }),
});

async function get(
  routes: RouteDefinition[],
  path: string,
  options: { checkResponses?: boolean; method?: string } = {},
) {
  const logs = captureLogs();
  const app = await createHttpApp({
    logger: logs.logger,
    routes,
    bodyLimitBytes: 1024,
    version: 'test',
    frameAncestors: defaultFrameAncestors(),
    ...(options.checkResponses === undefined ? {} : { checkResponses: options.checkResponses }),
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { method: options.method ?? 'GET' });
    return { status: response.status, body: (await response.json()) as unknown, logs };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('the response check (development and tests)', () => {
  it('answers 500 when a handler returns a body its response schema does not describe, logging the route and the issue', async () => {
    const { status, body, logs } = await get([driftingRoute], '/api/drifting');
    expect(status).toBe(500);
    expect(body).toMatchObject({ error: { code: 'internal' } });
    const line = logs
      .lines()
      .find((entry) => entry.msg === 'handler answer does not match its response schema');
    expect(line).toMatchObject({ route: 'GET /api/drifting (getDrifting)', status: 200 });
    expect(line?.issues).toEqual([expect.objectContaining({ path: 'title', code: 'invalid_type' })]);
    // The caller learns nothing of the internals.
    expect(JSON.stringify(body)).not.toContain('title');
  });

  it('answers 500 when a handler returns a status its route does not declare', async () => {
    const { status, logs } = await get([undeclaredStatusRoute], '/api/undeclared', { method: 'POST' });
    expect(status).toBe(500);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ route: 'POST /api/undeclared (postUndeclared)', status: 202 }),
    );
  });

  it('lets a body that matches its schema through unchanged', async () => {
    const { status, body } = await get([faithfulRoute], '/api/faithful');
    expect(status).toBe(200);
    expect(body).toEqual({ title: 'ok', stars: 3 });
  });

  it('is off when the app is built without it (production), answering what the handler returned', async () => {
    const { status, body } = await get([driftingRoute], '/api/drifting', { checkResponses: false });
    expect(status).toBe(200);
    expect(body).toEqual({ name: 'renamed', stars: 3 });
  });
});

describe('defineRoute types', () => {
  it("gives a signed-in route's handler a user, and a public one none", () => {
    defineRoute({
      method: 'get',
      path: '/api/signed-in',
      operationId: 'signedIn',
      summary: 'types only',
      tags: ['test'],
      auth: 'user',
      responses: { 200: { description: 'Me', schema: z.object({ id: z.string() }) } },
      handler: async ({ user }) => {
        expectTypeOf(user).toEqualTypeOf<AuthenticatedUser>();
        return { body: { id: user.id } };
      },
    });
    defineRoute({
      method: 'get',
      path: '/api/public',
      operationId: 'public',
      summary: 'types only',
      tags: ['test'],
      auth: 'public',
      responses: { 200: { description: 'Nothing' } },
      handler: async ({ user }) => {
        expectTypeOf(user).toEqualTypeOf<undefined>();
        return { body: null };
      },
    });
  });

  it('types a handler’s answer by its response schemas', () => {
    defineRoute({
      method: 'get',
      path: '/api/typed',
      operationId: 'typed',
      summary: 'types only',
      tags: ['test'],
      auth: 'public',
      responses: { 200: { description: 'A note', schema: noteSchema } },
      // @ts-expect-error `name` is not a field of the declared response (it says `title`)
      handler: async () => ({ body: { name: 'renamed', stars: 3 } }),
    });
    defineRoute({
      method: 'post',
      path: '/api/typed',
      operationId: 'typedStatus',
      summary: 'types only',
      tags: ['test'],
      auth: 'public',
      responses: { 201: { description: 'Made', schema: noteSchema } },
      // @ts-expect-error 200 is not a declared response of this route
      handler: async () => ({ body: { title: 'ok', stars: 1 } }),
    });
  });

  it("gives a group's routes its tags and auth, typed as defineRoute types them", () => {
    const signedIn = routeGroup({ tags: ['test'], auth: 'user' });
    const route = signedIn({
      method: 'get',
      path: '/api/grouped',
      operationId: 'grouped',
      summary: 'types only',
      responses: { 200: { description: 'Me', schema: z.object({ id: z.string() }) } },
      handler: async ({ user }) => {
        expectTypeOf(user).toEqualTypeOf<AuthenticatedUser>();
        return { body: { id: user.id } };
      },
    });
    expect(route).toMatchObject({ tags: ['test'], auth: 'user', operationId: 'grouped' });
    routeGroup({ tags: ['test'], auth: 'public' })({
      method: 'get',
      path: '/api/grouped-typed',
      operationId: 'groupedTyped',
      summary: 'types only',
      responses: { 200: { description: 'A note', schema: noteSchema } },
      // @ts-expect-error `name` is not a field of the declared response (it says `title`)
      handler: async ({ user }) => {
        expectTypeOf(user).toEqualTypeOf<undefined>();
        return { body: { name: 'renamed', stars: 3 } };
      },
    });
  });
});
