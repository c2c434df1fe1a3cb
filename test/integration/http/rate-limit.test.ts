import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { AppError } from '../../../src/http/app-error.ts';
import { createRateLimiter } from '../../../src/http/rate-limit.ts';
import { BACKENDS, createTestStore, type TestStore } from '../../support/backends.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

interface OpenApiOperation {
  security?: Array<Record<string, unknown>>;
  'x-rate-limit-tier'?: string;
  responses: Record<string, unknown>;
}

/** The routes that message people or change Outlook events: the strict tier (docs/security.md). */
const NOTIFY_ROUTES = [
  'POST /api/interviews/bookings',
  'POST /api/interviews/{interviewId}/cancel',
  'POST /api/interviews/{interviewId}/cancel-series',
  'POST /api/interviews/{interviewId}/reschedule',
  'POST /api/hr/people/imports',
  'POST /api/reports/{reportId}/comments',
  'POST /api/reports/sessions/{sessionId}/submit',
  'POST /api/qualifications/applications',
  'PUT /api/qualifications/applications/{applicationId}',
  'POST /api/qualifications/applications/{applicationId}/supervisor-decision',
  'POST /api/qualifications/applications/{applicationId}/hr-decision',
  'POST /api/training/courses/{courseId}/sessions',
  'PUT /api/training/sessions/{sessionId}',
  'POST /api/training/sessions/{sessionId}/cancel',
  'POST /api/training/sessions/{sessionId}/nominate',
  'POST /api/training/sessions/{sessionId}/recommend',
  'POST /api/training/sessions/{sessionId}/announcements',
  'POST /api/training/enrolments/{enrolmentId}/confirm',
  'POST /api/training/enrolments/{enrolmentId}/decline',
  'POST /api/training/enrolments/{enrolmentId}/withdraw',
].sort();

describe('per-person rate limits on write routes', () => {
  let server: TestServer;
  const WRITE_MAX = 4;
  const NOTIFY_MAX = 2;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        RATE_LIMIT_WINDOW_SECONDS: '3600',
        RATE_LIMIT_WRITE_MAX: String(WRITE_MAX),
        RATE_LIMIT_NOTIFY_MAX: String(NOTIFY_MAX),
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const shuji = () => server.emulator.people.filter((person) => person.levelId === 'shuji');
  const send = async (user: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await server.tokenFor(user)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as { error?: { code: string; message: string } },
    };
  };
  // A well-formed career design save: a plain write (the write tier).
  const saveCareer = (user: string) =>
    send(user, 'PUT', '/api/people/me/career', { version: 0, wishes: [], note: randomUUID() });

  it('answers the write after the limit with 429, Retry-After and the JSON error; another person and reads are not affected', async () => {
    const [someone, colleague] = shuji();
    const answers = [];
    for (let index = 0; index <= WRITE_MAX; index += 1) answers.push(await saveCareer(someone!.id));
    expect(answers.slice(0, WRITE_MAX).map((answer) => answer.status)).not.toContain(429);
    const refused = answers[WRITE_MAX]!;
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('rate_limited');
    expect(Number(refused.retryAfter)).toBeGreaterThan(3500);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(3600);

    expect((await saveCareer(colleague!.id)).status).not.toBe(429);
    expect((await send(someone!.id, 'GET', '/api/me')).status).toBe(200);
  });

  it('counts routes that notify people or touch Outlook in their own, stricter tier', async () => {
    const [, , person] = shuji();
    const cancel = () =>
      send(person!.id, 'POST', `/api/interviews/${randomUUID()}/cancel`, { reason: 'テスト' });
    const answers = [];
    for (let index = 0; index <= NOTIFY_MAX; index += 1) answers.push(await cancel());
    expect(answers.slice(0, NOTIFY_MAX).map((answer) => answer.status)).not.toContain(429);
    expect(answers[NOTIFY_MAX]).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect(answers[NOTIFY_MAX]!.retryAfter).toMatch(/^\d+$/);
    // Spending the strict tier leaves the ordinary writes alone.
    expect((await saveCareer(person!.id)).status).not.toBe(429);
  });

  it('declares a tier on every signed-in write route, and the strict one exactly on the routes that notify', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        method,
        operation,
      })),
    );
    const unlimitedWrites = operations.filter(
      ({ method, operation }) =>
        method !== 'get' &&
        (operation.security ?? []).length > 0 &&
        operation['x-rate-limit-tier'] === undefined,
    );
    expect(unlimitedWrites.map(({ route }) => route)).toEqual([]);
    const notify = operations
      .filter(({ operation }) => operation['x-rate-limit-tier'] === 'notify')
      .map(({ route }) => route)
      .sort();
    expect(notify).toEqual(NOTIFY_ROUTES);
    for (const { operation } of operations.filter(({ operation }) => operation['x-rate-limit-tier']))
      expect(operation.responses['429']).toBeDefined();
  });
});

describe.each(BACKENDS)('rate-limit counters shared by instances on %s', (backend) => {
  let store: TestStore;
  let first: Database;
  let second: Database | undefined;

  beforeAll(async () => {
    store = await createTestStore(backend);
    first = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: undefined });
    // On PostgreSQL a second pool stands for a second instance; PGlite serves one process only.
    if (store.databaseUrl) second = await openDatabase({ databaseUrl: store.databaseUrl });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await store?.dispose();
  });

  const outcome = (limit: Promise<void>) =>
    limit.then(
      () => 'allowed',
      (error: unknown) => (error instanceof AppError ? error.code : `threw ${String(error)}`),
    );

  it('lets exactly the limit through when requests arrive at once on several instances', async () => {
    const limits = { windowSeconds: 3600, notifyMax: 5, writeMax: 100 };
    const instances = [createRateLimiter(first.db, limits), createRateLimiter((second ?? first).db, limits)];
    const person = randomUUID();
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, (_, index) => outcome(instances[index % 2]!('notify', person))),
    );
    expect(outcomes.filter((value) => value === 'allowed')).toHaveLength(5);
    expect(outcomes.filter((value) => value === 'rate_limited')).toHaveLength(11);
    expect(await outcome(instances[0]!('notify', randomUUID()))).toBe('allowed');
  });

  it('starts a new window once the last one is over', async () => {
    const limit = createRateLimiter(first.db, { windowSeconds: 60, notifyMax: 1, writeMax: 1 });
    const person = randomUUID();
    expect(await outcome(limit('write', person))).toBe('allowed');
    expect(await outcome(limit('write', person))).toBe('rate_limited');
    // The window began two minutes ago (the database's clock decides, so move the row, not the clock).
    await first.query(
      `UPDATE rate_limit_counters SET window_started_at = now() - interval '2 minutes' WHERE person_id = $1`,
      [person],
    );
    expect(await outcome(limit('write', person))).toBe('allowed');
    expect(await outcome(limit('write', person))).toBe('rate_limited');
  });
});
