import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';

describe('self-checks', () => {
  let server: TestServer;
  let period: string;
  let previous: string;
  let next: string;
  // A 主事, their 係長 (supervisor), that 係長's 課長 (supervisor's supervisor), and a 主事 elsewhere.
  let shuji: { id: string };
  let kakaricho: { id: string; managerId: string | null };
  let kacho: { id: string };
  let stranger: { id: string };

  beforeAll(async () => {
    server = await startTestServer();
    const current = halfPeriodAt(new Date());
    period = current.id;
    previous = current.half === 2 ? `${current.fiscalYear}-H1` : `${current.fiscalYear - 1}-H2`;
    next = current.half === 1 ? `${current.fiscalYear}-H2` : `${current.fiscalYear + 1}-H1`;
    const people = server.emulator.people;
    const subject = people.find((person) => person.levelId === 'shuji')!;
    shuji = subject;
    kakaricho = people.find((person) => person.id === subject.managerId)!;
    kacho = people.find((person) => person.id === kakaricho.managerId)!;
    stranger = people.find(
      (person) => person.levelId === 'shuji' && person.department !== subject.department,
    )!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const call = apiCaller(() => server);

  const ratings = (value: number) =>
    Object.fromEntries(
      [
        'explanation',
        'planning',
        'problemSolving',
        'cooperation',
        'initiative',
        'aspiration',
        'discipline',
      ].map((id) => [id, { rating: value, evidence: `${id} の根拠` }]),
    );

  it('starts blank, lists the items of my level, and saves a draft that survives a reload', async () => {
    const blank = await call(shuji, 'GET', `/api/people/me/self-checks/${period}`);
    expect(blank.status).toBe(200);
    expect(blank.body).toMatchObject({ status: 'new', version: 0, editable: true, levelId: 'shuji' });
    expect((blank.body.items as Array<{ competencyId: string }>).map((item) => item.competencyId)).toEqual([
      'explanation',
      'planning',
      'problemSolving',
      'cooperation',
      'initiative',
      'aspiration',
      'discipline',
    ]);
    const saved = await call(shuji, 'PUT', `/api/people/me/self-checks/${period}`, {
      version: 0,
      ratings: { explanation: { rating: 3, evidence: '窓口で説明した' } },
      reflections: { diversity: '相手の立場で考えた' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', version: 1 });
    const reread = await call(shuji, 'GET', `/api/people/${shuji.id}/self-checks/${period}`);
    expect(reread.body.ratings).toEqual({ explanation: { rating: 3, evidence: '窓口で説明した' } });
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const before = await snapshotState(server);
    const cases: Array<[string, unknown, number]> = [
      [
        'rating out of range',
        { version: 1, ratings: { explanation: { rating: 6, evidence: '' } }, reflections: {} },
        400,
      ],
      [
        'over-long evidence',
        { version: 1, ratings: { explanation: { rating: 3, evidence: 'あ'.repeat(401) } }, reflections: {} },
        400,
      ],
      [
        'an item not of my level',
        { version: 1, ratings: { leadership: { rating: 3, evidence: '' } }, reflections: {} },
        400,
      ],
      ['an unknown guideline', { version: 1, ratings: {}, reflections: { courage: '...' } }, 400],
      ['a stale version', { version: 0, ratings: {}, reflections: {} }, 409],
    ];
    for (const [label, body, status] of cases) {
      const response = await call(shuji, 'PUT', `/api/people/me/self-checks/${period}`, body);
      expect(response.status, label).toBe(status);
      expect(typeof response.body.error?.code, label).toBe('string');
    }
    expect(
      (
        await call(shuji, 'PUT', `/api/people/me/self-checks/${next}`, {
          version: 0,
          ratings: {},
          reflections: {},
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(shuji, 'PUT', `/api/people/me/self-checks/2019-H1`, {
          version: 0,
          ratings: {},
          reflections: {},
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(shuji, 'PUT', `/api/people/me/self-checks/${previous}`, {
          version: 0,
          ratings: {},
          reflections: {},
        })
      ).status,
    ).toBe(409);
    expect((await call(shuji, 'GET', `/api/people/me/self-checks/2026-H3`)).status).toBe(400);
    expect(await snapshotState(server)).toBe(before);
  });

  it('tells the second of two concurrent writers that they lost, instead of overwriting silently', async () => {
    const current = await call(shuji, 'GET', `/api/people/me/self-checks/${period}`);
    const version = current.body.version as number;
    const [first, second] = await Promise.all([
      call(shuji, 'PUT', `/api/people/me/self-checks/${period}`, {
        version,
        ratings: ratings(2),
        reflections: {},
      }),
      call(shuji, 'PUT', `/api/people/me/self-checks/${period}`, {
        version,
        ratings: ratings(4),
        reflections: {},
      }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    expect(loser.body.error?.code).toBe('version_conflict');
  });

  it('lets only me write my self-check, and only my supervisor chain read it (each read audited)', async () => {
    expect(
      (
        await call(kakaricho, 'PUT', `/api/people/${shuji.id}/self-checks/${period}`, {
          version: 0,
          ratings: {},
          reflections: {},
        })
      ).status,
    ).toBe(403);
    expect((await call(stranger, 'GET', `/api/people/${shuji.id}/self-checks/${period}`)).status).toBe(403);
    expect((await call(stranger, 'GET', `/api/people/${shuji.id}/self-checks`)).status).toBe(403);
    expect((await call(shuji, 'GET', `/api/people/${kakaricho.id}/self-checks/${period}`)).status).toBe(403);
    const before = (await server.database.query('SELECT count(*)::int AS n FROM audit_log'))[0]!.n as number;
    expect((await call(kakaricho, 'GET', `/api/people/${shuji.id}/self-checks/${period}`)).status).toBe(200);
    expect((await call(kacho, 'GET', `/api/people/${shuji.id}/self-checks/${period}`)).status).toBe(200);
    const audit = await server.database.query<{
      actor_id: string;
      subject_id: string;
      action: string;
      resource: string;
    }>('SELECT actor_id, subject_id, action, resource FROM audit_log ORDER BY id DESC LIMIT 2');
    expect((await server.database.query('SELECT count(*)::int AS n FROM audit_log'))[0]!.n).toBe(before + 2);
    expect(audit.map((row) => [row.actor_id, row.subject_id, row.action, row.resource])).toEqual([
      [kacho.id, shuji.id, 'read', 'self-check'],
      [kakaricho.id, shuji.id, 'read', 'self-check'],
    ]);
  });

  it('submits only when complete, locks it, and takes feedback from the supervisor only', async () => {
    let current = await call(shuji, 'GET', `/api/people/me/self-checks/${period}`);
    const partial = await call(shuji, 'PUT', `/api/people/me/self-checks/${period}`, {
      version: current.body.version,
      ratings: { explanation: { rating: 3, evidence: '' } },
      reflections: {},
    });
    const incomplete = await call(shuji, 'POST', `/api/people/me/self-checks/${period}/submit`, {
      version: partial.body.version,
    });
    expect(incomplete.status).toBe(422);
    current = await call(shuji, 'PUT', `/api/people/me/self-checks/${period}`, {
      version: partial.body.version,
      ratings: ratings(4),
      reflections: { link: 'チームで協力' },
    });
    expect(
      (
        await call(kakaricho, 'PUT', `/api/people/${shuji.id}/self-checks/${period}/feedback`, {
          version: current.body.version,
          feedback: { planning: 'よい' },
        })
      ).status,
    ).toBe(409);
    const submitted = await call(shuji, 'POST', `/api/people/me/self-checks/${period}/submit`, {
      version: current.body.version,
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', editable: false });
    expect(
      (
        await call(shuji, 'PUT', `/api/people/me/self-checks/${period}`, {
          version: submitted.body.version,
          ratings: ratings(5),
          reflections: {},
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call(shuji, 'PUT', `/api/people/me/self-checks/${period}/feedback`, {
          version: submitted.body.version,
          feedback: { planning: '自分で褒める' },
        })
      ).status,
    ).toBe(403);
    const feedback = await call(kakaricho, 'PUT', `/api/people/${shuji.id}/self-checks/${period}/feedback`, {
      version: submitted.body.version,
      feedback: { planning: '企画の根拠が具体的でよい' },
    });
    expect(feedback.status).toBe(200);
    expect(
      (feedback.body.feedback as Record<string, { comment: string; authorId: string }>).planning,
    ).toMatchObject({
      comment: '企画の根拠が具体的でよい',
      authorId: kakaricho.id,
    });
    expect(feedback.body.feedbackCompletedAt).toBeNull();
    // Marking the feedback complete: the supervisor only, on the version read, once.
    const completePath = `/api/people/${shuji.id}/self-checks/${period}/feedback/complete`;
    expect((await call(shuji, 'POST', completePath, { version: feedback.body.version })).status).toBe(403);
    expect((await call(stranger, 'POST', completePath, { version: feedback.body.version })).status).toBe(403);
    expect((await call(kakaricho, 'POST', completePath, { version: 1 })).status).toBe(409);
    expect((await call(kakaricho, 'POST', completePath, {})).status).toBe(400);
    const completed = await call(kakaricho, 'POST', completePath, { version: feedback.body.version });
    expect(completed.status).toBe(200);
    expect(completed.body.feedbackCompletedAt).toEqual(expect.any(String));
    const again = await call(kakaricho, 'POST', completePath, { version: completed.body.version });
    expect(again.body).toMatchObject({
      feedbackCompletedAt: completed.body.feedbackCompletedAt,
      version: completed.body.version,
    });
    const history = await call(shuji, 'GET', '/api/people/me/self-checks');
    expect(history.body.periods).toEqual([
      { period, status: 'submitted', averages: { ability: 4, attitude: 4 } },
    ]);
  });
});
