import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

// startServer's one clock reaches the services: the server believes it is whatever time the test says.
describe('the server’s clock', () => {
  let server: TestServer;
  // 2031-04-01 00:30 in Japan: a new fiscal year, half an hour old (still 3/31 in UTC).
  const frozen = new Date('2031-04-01T00:30:00+09:00');

  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => new Date(frozen) } });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const call = apiCaller(() => server);

  it('answers with the day and fiscal year of the clock it was given, not the machine’s', async () => {
    const someone = (server.emulator.people as Array<{ id: string }>)[0]!;
    const answer = await call(someone, 'GET', '/api/cycles?fiscalYear=2031');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ today: '2031-04-01', currentFiscalYear: 2031 });
  });

  it('stamps a changed record with the clock it was given', async () => {
    const someone = (server.emulator.people as Array<{ id: string }>)[0]!;
    const goal = {
      title: '窓口の待ち時間を短縮する',
      successCriteria: '',
      dueDate: '2032-03-31',
      competencyIds: [],
      guidelineIds: [],
    };
    const created = await call(someone, 'POST', '/api/people/me/goals', {
      ...goal,
      fiscalYear: 2031,
      idempotencyKey: randomUUID(),
    });
    expect(created.status).toBe(201);
    const { id, version } = created.body as { id: string; version: number };
    const changed = await call(someone, 'PUT', `/api/people/me/goals/${id}`, {
      ...goal,
      title: '窓口の待ち時間を半分にする',
      version,
    });
    expect(changed.status).toBe(200);
    const [row] = await server.database.query<{ updated_at: Date | string }>(
      'SELECT updated_at FROM goals WHERE id = $1',
      [id],
    );
    expect(new Date(row!.updated_at).toISOString()).toBe(frozen.toISOString());
  });

  it('stamps a career design’s update with the clock it was given too', async () => {
    const someone = (server.emulator.people as Array<{ id: string }>)[1]!;
    const design = (version: number, pathField: string) => ({
      version,
      visionMidTerm: '',
      visionLongTerm: '',
      path: 'specialist',
      pathField,
      interests: [],
      qualificationsHeld: [],
      qualificationsPlanned: [],
      trainingsWanted: [],
      rotation: [],
    });
    expect((await call(someone, 'PUT', '/api/people/me/career', design(0, '福祉'))).status).toBe(200);
    expect((await call(someone, 'PUT', '/api/people/me/career', design(1, '子育て支援'))).status).toBe(200);
    const [row] = await server.database.query<{ updated_at: Date | string; version: number }>(
      'SELECT updated_at, version FROM career_designs WHERE person_id = $1',
      [someone.id],
    );
    expect(row!.version).toBe(2);
    expect(new Date(row!.updated_at).toISOString()).toBe(frozen.toISOString());
  });
});
