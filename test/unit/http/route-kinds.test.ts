import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { personRoutes } from '../../../src/growth/person-record-route.ts';
import { lastParamOf, recordRoutes } from '../../../src/http/record-route.ts';
import {
  askedPersonRead,
  callerPost,
  callerRead,
  csvDownload,
  draftFormRoutes,
  hrPersonRoutes,
  hrRouteGroup,
  paramsRead,
  personRead,
  queryRead,
} from '../../../src/http/route-kinds.ts';
import { routeGroup, type AuthenticatedUser, type RouteDefinition } from '../../../src/http/route.ts';

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

describe('the kinds of a route in a group', () => {
  const group = routeGroup({ tags: ['t'], auth: 'user' });
  const actor = { id: 'caller-id', isHr: true };
  const named = { operationId: 'op', summary: 'A summary' };
  const ok = { description: 'The answer', schema: answer };
  const errors = { 404: { description: 'None' } };

  it('callerRead: a GET without parameters, answering 200 with what read returns', async () => {
    const read = vi.fn(async () => ({ ok: true }));
    const route = callerRead(group, { path: '/api/mine', ...named, ok, read });
    expect([route.method, route.path, route.request]).toEqual(['get', '/api/mine', undefined]);
    expect(route.responses).toEqual({ 200: ok });
    expect(await call(route)).toEqual({ body: { ok: true } });
    expect(read).toHaveBeenCalledWith(actor);
  });

  it('queryRead: a GET with a query, handing read the caller and the query', async () => {
    const query = z.object({ year: z.string() });
    const read = vi.fn(async () => ({ ok: true }));
    const route = queryRead(group, { path: '/api/things', ...named, query, ok, errors, read });
    expect(route.method).toBe('get');
    expect(route.request).toEqual({ query });
    expect(route.responses).toEqual({ 200: ok, ...errors });
    expect(await call(route, { query: { year: '2026' } })).toEqual({ body: { ok: true } });
    expect(read).toHaveBeenCalledWith(actor, { year: '2026' });
  });

  it('paramsRead: a GET of what the path names, handing read the caller and the parameters', async () => {
    const params = z.object({ year: z.string() });
    const read = vi.fn(async () => ({ ok: true }));
    const route = paramsRead(group, { path: '/api/years/:year', ...named, params, ok, read });
    expect(route.request).toEqual({ params });
    expect(route.responses).toEqual({ 200: ok });
    await call(route, { params: { year: '2026' } });
    expect(read).toHaveBeenCalledWith(actor, { year: '2026' });
  });

  it('askedPersonRead: the person the query names, "me" the caller and an id lower-cased', async () => {
    const read = vi.fn(async () => ({ ok: true }));
    const query = z.object({ personId: z.string() });
    const route = askedPersonRead(group, { path: '/api/asked', ...named, query, ok, errors, read });
    expect(route.request).toEqual({ query });
    expect(route.responses).toEqual({ 200: ok, ...errors });
    await call(route, { query: { personId: 'me' } });
    await call(route, { query: { personId: 'AbC-1' } });
    expect(read.mock.calls).toEqual([
      [actor, 'caller-id'],
      [actor, 'abc-1'],
    ]);
  });

  it("personRead: a person's records with a query, the person named in the path", async () => {
    const read = vi.fn(async () => ({ ok: true }));
    const query = z.object({ fiscalYear: z.string() });
    const route = personRead(group, { path: '/api/people/:personId/things', ...named, query, ok, read });
    expect(route.request?.query).toBe(query);
    expect(route.request?.params?.safeParse({ personId: 'me' }).success).toBe(true);
    expect(route.request?.params?.safeParse({ personId: 'someone' }).success).toBe(false);
    await call(route, { params: { personId: 'me' }, query: { fiscalYear: '2026' } });
    expect(read).toHaveBeenCalledWith(actor, 'caller-id', { fiscalYear: '2026' });
  });

  it('callerPost: a POST of a body, answering the status it declares (200 unless it says)', async () => {
    const body = z.object({ name: z.string() });
    const act = vi.fn(async () => ({ ok: true }));
    const created = callerPost(group, { path: '/api/things', ...named, body, status: 201, ok, errors, act });
    expect([created.method, created.request, created.rateLimit, created.bodyLimitBytes]).toEqual([
      'post',
      { body },
      undefined,
      undefined,
    ]);
    expect(created.responses).toEqual({ 201: ok, ...errors });
    expect(await call(created, { body: { name: 'x' } })).toEqual({ status: 201, body: { ok: true } });
    expect(act).toHaveBeenCalledWith(actor, { name: 'x' });

    const plain = callerPost(group, {
      path: '/api/files',
      ...named,
      rateLimit: 'notify',
      bodyLimitBytes: 2048,
      body,
      ok,
      act,
    });
    expect([plain.rateLimit, plain.bodyLimitBytes]).toEqual(['notify', 2048]);
    expect(plain.responses).toEqual({ 200: ok });
    expect(await call(plain, { body: { name: 'y' } })).toEqual({ status: 200, body: { ok: true } });
  });

  it('csvDownload: the table the query asks for, as a CSV file to download', async () => {
    const query = z.object({ lang: z.string() });
    const table = vi.fn(async () => ({ name: 'things', header: ['a', 'b'], rows: [[1, '=x']] }));
    const route = csvDownload(group, {
      path: '/api/things.csv',
      ...named,
      query,
      description: 'The things as CSV',
      errors,
      table,
    });
    expect(route.request).toEqual({ query });
    expect(route.responses[200]).toMatchObject({
      description: 'The things as CSV',
      contentType: 'text/csv; charset=utf-8',
    });
    expect(route.responses[404]).toEqual(errors[404]);
    expect(await call(route, { query: { lang: 'ja' } })).toEqual({
      raw: "\uFEFFa,b\r\n1,'=x\r\n",
      contentType: 'text/csv; charset=utf-8',
      headers: { 'Content-Disposition': `attachment; filename="things.csv"; filename*=UTF-8''things.csv` },
    });
    expect(table).toHaveBeenCalledWith(actor, { lang: 'ja' });
  });

  it('types read and act by the declared answer, as defineRoute types a handler', () => {
    const query = z.object({ year: z.string() });
    const body = z.object({ name: z.string() });
    // @ts-expect-error `read` answers `name`, the declared answer says `ok`
    queryRead(group, { path: '/q', ...named, query, ok, read: async () => ({ name: 'x' }) });
    // @ts-expect-error `act` answers a string, the declared answer is an object
    callerPost(group, { path: '/p', ...named, body, ok, act: async () => 'done' });
    // @ts-expect-error the query's `year` is a string, the answer's `ok` a boolean
    queryRead(group, { path: '/q', ...named, query, ok, read: async (_actor, q) => ({ ok: q.year }) });
    // @ts-expect-error `read` answers a number, the declared answer is an object
    personRead(group, { path: '/api/people/:personId/x', ...named, query, ok, read: async () => 1 });
  });
});
