import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { personRoutes } from '../../../src/growth/person-record-route.ts';
import { lastParamOf, recordRoutes } from '../../../src/http/record-route.ts';
import { draftFormRoutes, hrPersonRoutes, hrRouteGroup } from '../../../src/http/route-kinds.ts';
import type { AuthenticatedUser, RouteDefinition } from '../../../src/http/route.ts';

const user: AuthenticatedUser = {
  id: 'caller-id',
  tenantId: 'tenant',
  name: 'Caller',
  userPrincipalName: 'caller@example.test',
  isHr: true,
  token: 'token',
};

/** Calls a route's handler as the app would after validation. */
function call(
  route: RouteDefinition,
  input: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown } = {},
) {
  return route.handler({
    params: input.params ?? {},
    query: input.query ?? {},
    body: input.body,
    user,
    req: {} as Request,
    res: {} as Response,
  });
}

const answer = z.object({ ok: z.boolean() });

describe('hrRouteGroup', () => {
  it('adds the 403 of HR-only routes to each route, keeping its own answers', async () => {
    const route = hrRouteGroup({ tags: ['people'] });
    const defined = route({
      method: 'get',
      path: '/api/hr/things',
      operationId: 'listThings',
      summary: 'HR: things',
      responses: { 200: { description: 'Things', schema: answer }, 404: { description: 'None' } },
      handler: async () => ({ body: { ok: true } }),
    });
    expect(defined.tags).toEqual(['people']);
    expect(defined.auth).toBe('user');
    expect(defined.responses).toEqual({
      200: { description: 'Things', schema: answer },
      403: { description: 'Not HR' },
      404: { description: 'None' },
    });
    expect(await call(defined)).toEqual({ body: { ok: true } });
  });

  it('keeps a 403 the route declares itself', () => {
    const defined = hrRouteGroup({ tags: ['people'] })({
      method: 'get',
      path: '/api/hr/own',
      operationId: 'own',
      summary: 'HR: own 403',
      responses: { 200: { description: 'Own' }, 403: { description: 'Not HR, or not today' } },
      handler: async () => ({ body: null }),
    });
    expect(defined.responses[403]).toEqual({ description: 'Not HR, or not today' });
  });
});

describe('hrPersonRoutes', () => {
  const params = z.object({ personId: z.string() });
  const group = (id: 'lower-cased' | 'as given') =>
    hrPersonRoutes({ tags: ['privacy'], params, id, errors: { 404: { description: 'Nobody' } } });

  it('declares /api/hr/people/:personId with the 403 and the group errors', () => {
    const defined = group('as given')({
      method: 'get',
      path: '/preview',
      operationId: 'preview',
      summary: 'HR: a preview',
      ok: { description: 'The preview', schema: answer },
      act: async () => ({ ok: true }),
    });
    expect(defined.path).toBe('/api/hr/people/:personId/preview');
    expect(defined.tags).toEqual(['privacy']);
    expect(Object.keys(defined.responses).sort()).toEqual(['200', '403', '404']);
    expect(defined.responses[403]).toEqual({ description: 'Not HR' });
  });

  it('hands act the id lower-cased or as given, as the group says', async () => {
    const act = vi.fn(async () => ({ ok: true }));
    const spec = {
      method: 'post' as const,
      path: '/act',
      operationId: 'act',
      summary: 'act',
      ok: { description: 'Done', schema: answer },
      act,
    };
    await call(group('lower-cased')(spec), { params: { personId: 'AbC-1' } });
    await call(group('as given')(spec), { params: { personId: 'AbC-1' } });
    expect(act.mock.calls.map((args: unknown[]) => args.slice(0, 2))).toEqual([
      [{ id: 'caller-id', isHr: true }, 'abc-1'],
      [{ id: 'caller-id', isHr: true }, 'AbC-1'],
    ]);
  });
});

describe('record paths', () => {
  it('name the parameter a path ends in', () => {
    expect(lastParamOf('/api/interviews/:interviewId')).toBe('interviewId');
    expect(lastParamOf('/api/people/:personId/goals/:goalId')).toBe('goalId');
  });

  it('recordRoutes validates and hands on the parameter the path names', async () => {
    const act = vi.fn(async () => ({ ok: true }));
    const route = recordRoutes({ tags: ['t'], path: '/api/things/:thingId', id: z.string(), errors: {} })({
      method: 'get',
      path: '',
      operationId: 'getThing',
      summary: 'A thing',
      ok: { description: 'The thing', schema: answer },
      act,
    });
    expect(route.request?.params?.parse({ thingId: 'X' })).toEqual({ thingId: 'X' });
    await call(route, { params: { thingId: 'ABC' } });
    expect(act).toHaveBeenCalledWith({ id: 'caller-id', isHr: true }, 'abc', undefined);
  });
});

describe('personRoutes', () => {
  it('declares a keyless record of a person, "me" being the caller', async () => {
    const act = vi.fn(async () => ({ ok: true }));
    const route = personRoutes({ path: '/api/people/:personId/career' })({
      method: 'get',
      path: '',
      operationId: 'getCareer',
      summary: 'A career',
      ok: { description: 'The career', schema: answer },
      act,
    });
    expect(route.path).toBe('/api/people/:personId/career');
    expect(route.tags).toEqual(['growth']);
    await call(route, { params: { personId: 'me' } });
    expect(act.mock.calls[0]?.slice(0, 2)).toEqual([{ id: 'caller-id', isHr: true }, 'caller-id']);
  });
});

describe('draftFormRoutes', () => {
  const draft = z.object({ text: z.string() });
  const submit = z.object({ version: z.number() });
  const service = {
    get: vi.fn(async (_actor: unknown, _key: string) => ({ ok: true })),
    saveDraft: vi.fn(async (_actor: unknown, _key: string, _body: { text: string }) => ({ ok: true })),
    submit: vi.fn(async (_actor: unknown, _key: string, _body: { version: number }) => ({ ok: true })),
  };
  const routes = draftFormRoutes(
    recordRoutes({ tags: ['t'], path: '/api/forms/:formId', id: z.string(), errors: {} }),
    service,
    {
      name: 'Form',
      schema: answer,
      read: { summary: 'Read', description: 'The form' },
      saveDraft: { summary: 'Save', body: draft },
      submit: { summary: 'Submit', body: submit, errors: { 422: { description: 'Incomplete' } } },
    },
  );

  it('declares read, save draft and submit, named after the form', () => {
    expect(routes.map((r) => [r.method, r.path, r.operationId])).toEqual([
      ['get', '/api/forms/:formId', 'getForm'],
      ['put', '/api/forms/:formId', 'saveFormDraft'],
      ['post', '/api/forms/:formId/submit', 'submitForm'],
    ]);
    expect(routes.map((r) => r.responses[200]?.description)).toEqual(['The form', 'Saved', 'Submitted']);
    expect(routes.map((r) => r.request?.body)).toEqual([undefined, draft, submit]);
    expect(routes[2]?.responses[422]).toEqual({ description: 'Incomplete' });
    expect(routes[1]?.responses[422]).toBeUndefined();
  });

  it("calls the service's get, saveDraft and submit on the record the path names", async () => {
    const [read, save, send] = routes as [RouteDefinition, RouteDefinition, RouteDefinition];
    const actor = { id: 'caller-id', isHr: true };
    await call(read, { params: { formId: 'F1' } });
    await call(save, { params: { formId: 'F1' }, body: { text: 'draft' } });
    await call(send, { params: { formId: 'F1' }, body: { version: 2 } });
    expect(service.get.mock.calls).toEqual([[actor, 'f1']]);
    expect(service.saveDraft.mock.calls).toEqual([[actor, 'f1', { text: 'draft' }]]);
    expect(service.submit.mock.calls).toEqual([[actor, 'f1', { version: 2 }]]);
  });
});
