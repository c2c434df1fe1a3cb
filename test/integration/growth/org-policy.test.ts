import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = TestServer['emulator']['people'][number];

// 部・課の方針 and the goal cascade (issue 20 point 2, docs/growth.md).
describe('部・課の方針 (organisation policies and goals)', () => {
  let server: TestServer;
  let fiscalYear: number;
  let bucho: Person;
  let kacho: Person;
  let kakaricho: Person;
  let shuji: Person;
  let otherKacho: Person;
  let hr: Person;
  let outsider: Person;
  const call = apiCaller(() => server);
  const divisionPath = (year = fiscalYear, division = bucho.divisionName!) =>
    `/api/policies/${year}/divisions/${encodeURIComponent(division)}`;
  const departmentPath = (year = fiscalYear, department = kacho.department!) =>
    `/api/policies/${year}/departments/${encodeURIComponent(department)}`;
  const auditRows = () =>
    server.database.query<{ actor_id: string; details: { unit: string } }>(
      `SELECT actor_id, details FROM audit_log WHERE resource = 'org-policies' ORDER BY id`,
    );

  beforeAll(async () => {
    server = await startTestServer();
    fiscalYear = halfPeriodAt(new Date()).fiscalYear;
    const people = server.emulator.people;
    kacho = people.find((person) => person.levelId === 'kacho' && person.department === '市民課')!;
    bucho = people.find((person) => person.id === kacho.managerId)!;
    kakaricho = people.find((person) => person.levelId === 'kakaricho' && person.managerId === kacho.id)!;
    shuji = people.find((person) => person.levelId === 'shuji' && person.department === kacho.department)!;
    otherKacho = people.find(
      (person) =>
        person.levelId === 'kacho' &&
        person.divisionName === kacho.divisionName &&
        person.department !== kacho.department,
    )!;
    hr = people.find((person) => person.appRoles.includes('Hagukumi.HR'))!;
    outsider = people.find(
      (person) =>
        person.levelId === 'shuji' &&
        person.divisionName !== kacho.divisionName &&
        person.appRoles.length === 0,
    )!;
    expect(bucho.levelId).toBe('bucho');
    expect(otherKacho).toBeDefined();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lets the 部長 and the 課長 write theirs, links a 課 goal to a 部 goal, and everyone read them', async () => {
    const blank = await call(shuji, 'GET', departmentPath());
    expect(blank.status).toBe(200);
    expect(blank.body).toMatchObject({ version: 0, policy: '', goals: [], canEdit: false, updatedAt: null });

    const division = await call(bucho, 'PUT', divisionPath(), {
      version: 0,
      policy: '市民に寄り添う窓口をつくる',
      goals: [{ title: '待ち時間の短縮', description: '全窓口で平均15分以内', divisionGoalId: null }],
    });
    expect(division.status, JSON.stringify(division.body)).toBe(200);
    expect(division.body).toMatchObject({ kind: 'division', version: 1, canEdit: true });
    const divisionGoalId = (division.body.goals as Array<{ id: string }>)[0]!.id;

    const department = await call(kacho, 'PUT', departmentPath(), {
      version: 0,
      policy: '丁寧で速い窓口',
      goals: [
        { title: '受付票の見直し', description: '', divisionGoalId },
        { title: '研修の充実', description: '係ごとに年2回', divisionGoalId: null },
      ],
    });
    expect(department.status, JSON.stringify(department.body)).toBe(200);
    const goals = department.body.goals as Array<{ id: string; divisionGoalId: string | null }>;
    expect(goals.map((goal) => goal.divisionGoalId)).toEqual([divisionGoalId, null]);

    // A change keeps the ids it names, so the personal goals linked to them stay linked.
    const changed = await call(kacho, 'PUT', departmentPath(), {
      version: 1,
      policy: '丁寧で速い窓口づくり',
      goals: [{ id: goals[0]!.id, title: '受付票の見直し', description: '様式を一本化', divisionGoalId }],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      version: 2,
      goals: [{ id: goals[0]!.id, description: '様式を一本化' }],
    });

    // Public inside the city hall: someone of another 部 reads it, and may not edit it.
    const read = await call(outsider, 'GET', departmentPath());
    expect(read.body).toMatchObject({ policy: '丁寧で速い窓口づくり', version: 2, canEdit: false });
    expect((await call(kacho, 'GET', departmentPath())).body.canEdit).toBe(true);

    // HR may write any.
    const byHr = await call(hr, 'PUT', departmentPath(fiscalYear, otherKacho.department!), {
      version: 0,
      policy: '人事課が代わりに入力',
      goals: [],
    });
    expect(byHr.status, JSON.stringify(byHr.body)).toBe(200);
    const audited = await auditRows();
    expect(audited.map((row) => row.actor_id)).toEqual([bucho.id, kacho.id, kacho.id, hr.id]);
  });

  it('refuses a 係長, another 課’s 課長, a past year, a stale version and bad input, changing nothing', async () => {
    const current = await call(kacho, 'GET', departmentPath());
    const version = current.body.version as number;
    const body = (extra: Record<string, unknown> = {}) => ({
      version,
      policy: '変更',
      goals: [{ title: '目標', description: '', divisionGoalId: null }],
      ...extra,
    });
    const before = await snapshotState(server);

    // Who: a 係長 of the 課, a 課長 of another 課, a 主事, a 課長 writing the 部's.
    expect((await call(kakaricho, 'PUT', departmentPath(), body())).status).toBe(403);
    expect((await call(otherKacho, 'PUT', departmentPath(), body())).status).toBe(403);
    expect((await call(shuji, 'PUT', departmentPath(), body())).status).toBe(403);
    expect((await call(kacho, 'PUT', divisionPath(), body({ version: 1 }))).status).toBe(403);
    // When: a past fiscal year is closed, one after the next not open yet.
    const past = await call(hr, 'PUT', departmentPath(fiscalYear - 1), body({ version: 0 }));
    expect(past.status).toBe(409);
    expect(JSON.stringify(past.body)).toMatch(/closed/);
    expect((await call(kacho, 'PUT', departmentPath(fiscalYear + 2), body({ version: 0 }))).status).toBe(409);
    // A stale version; a first write that names a version.
    expect((await call(kacho, 'PUT', departmentPath(), body({ version: version - 1 }))).status).toBe(409);
    expect((await call(hr, 'PUT', departmentPath(fiscalYear + 1), body({ version: 1 }))).status).toBe(409);
    // Bad input: an unknown goal id, a 部 goal of another year or 部, a 部 goal that links, empty title,
    // unknown fields, an unknown 課.
    expect(
      (
        await call(
          kacho,
          'PUT',
          departmentPath(),
          body({ goals: [{ id: randomUUID(), title: 'x', description: '', divisionGoalId: null }] }),
        )
      ).status,
    ).toBe(400);
    const foreign = await call(
      kacho,
      'PUT',
      departmentPath(),
      body({ goals: [{ title: 'x', description: '', divisionGoalId: randomUUID() }] }),
    );
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body)).toContain('body.goals.0.divisionGoalId');
    expect(
      (
        await call(
          bucho,
          'PUT',
          divisionPath(),
          body({ version: 1, goals: [{ title: 'x', description: '', divisionGoalId: randomUUID() }] }),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await call(
          kacho,
          'PUT',
          departmentPath(),
          body({ goals: [{ title: ' ', description: '', divisionGoalId: null }] }),
        )
      ).status,
    ).toBe(400);
    expect((await call(kacho, 'PUT', departmentPath(), body({ extra: 1 }))).status).toBe(400);
    expect(
      (
        await call(
          kacho,
          'PUT',
          departmentPath(),
          body({
            goals: Array.from({ length: 11 }, () => ({ title: 'x', description: '', divisionGoalId: null })),
          }),
        )
      ).status,
    ).toBe(400);
    expect(
      (await call(hr, 'PUT', departmentPath(fiscalYear, '存在しない課'), body({ version: 0 }))).status,
    ).toBe(404);
    expect((await call(shuji, 'GET', departmentPath(fiscalYear, '存在しない課'))).status).toBe(404);
    expect(
      (await call(shuji, 'GET', `/api/policies/20x6/departments/${encodeURIComponent(kacho.department!)}`))
        .status,
    ).toBe(400);

    expect(await snapshotState(server)).toBe(before);
  });
  describe('a personal goal links a goal of its 課', () => {
    const goal = (extra: Record<string, unknown> = {}) => ({
      fiscalYear,
      title: '受付票を見直す',
      successCriteria: '様式を一本化する',
      dueDate: `${fiscalYear + 1}-03-31`,
      competencyIds: [],
      guidelineIds: [],
      idempotencyKey: randomUUID(),
      ...extra,
    });
    const departmentGoalIds = async (year: number, department: string) =>
      ((await call(hr, 'GET', departmentPath(year, department))).body.goals as Array<{ id: string }>).map(
        (item) => item.id,
      );

    it('stores the link, leaves goals without one unlinked, and clears it on request', async () => {
      const [linked] = await departmentGoalIds(fiscalYear, kacho.department!);
      const unlinked = await call(shuji, 'POST', '/api/people/me/goals', goal());
      expect(unlinked.status).toBe(201);
      expect(unlinked.body.departmentGoalId).toBeNull();

      const made = await call(shuji, 'POST', '/api/people/me/goals', goal({ departmentGoalId: linked }));
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.departmentGoalId).toBe(linked);
      // A change without the field leaves the link; null clears it.
      const { fiscalYear: _year, idempotencyKey: _key, ...fields } = goal();
      const kept = await call(shuji, 'PUT', `/api/people/me/goals/${made.body.id as string}`, {
        ...fields,
        version: 1,
      });
      expect(kept.body.departmentGoalId).toBe(linked);
      const cleared = await call(shuji, 'PUT', `/api/people/me/goals/${made.body.id as string}`, {
        ...fields,
        version: 2,
        departmentGoalId: null,
      });
      expect(cleared.body.departmentGoalId).toBeNull();
    });

    it('refuses a goal of another 課, of another year or unknown (400), changing nothing', async () => {
      const other = await call(hr, 'PUT', departmentPath(fiscalYear, otherKacho.department!), {
        version: (await call(hr, 'GET', departmentPath(fiscalYear, otherKacho.department!))).body.version,
        policy: '他課の方針',
        goals: [{ title: '他課の目標', description: '', divisionGoalId: null }],
      });
      expect(other.status, JSON.stringify(other.body)).toBe(200);
      const nextYear = await call(kacho, 'PUT', departmentPath(fiscalYear + 1), {
        version: 0,
        policy: '来年度',
        goals: [{ title: '来年度の目標', description: '', divisionGoalId: null }],
      });
      expect(nextYear.status, JSON.stringify(nextYear.body)).toBe(200);
      const [otherGoal] = await departmentGoalIds(fiscalYear, otherKacho.department!);
      const [nextYearGoal] = await departmentGoalIds(fiscalYear + 1, kacho.department!);
      const [ownGoal] = await departmentGoalIds(fiscalYear, kacho.department!);
      const existing = await call(shuji, 'POST', '/api/people/me/goals', goal());
      const before = await snapshotState(server);
      for (const departmentGoalId of [otherGoal, nextYearGoal, randomUUID(), 'not-an-id']) {
        const refused = await call(shuji, 'POST', '/api/people/me/goals', goal({ departmentGoalId }));
        expect(refused.status, String(departmentGoalId)).toBe(400);
      }
      // A goal of the next year may not link this year's 課 goal.
      const wrongYear = await call(
        shuji,
        'POST',
        '/api/people/me/goals',
        goal({ fiscalYear: fiscalYear + 1, dueDate: `${fiscalYear + 2}-03-31`, departmentGoalId: ownGoal }),
      );
      expect(wrongYear.status).toBe(400);
      expect(JSON.stringify(wrongYear.body)).toContain('body.departmentGoalId');
      const { fiscalYear: _year, idempotencyKey: _key, ...fields } = goal();
      const changed = await call(shuji, 'PUT', `/api/people/me/goals/${existing.body.id as string}`, {
        ...fields,
        version: 1,
        departmentGoalId: otherGoal,
      });
      expect(changed.status).toBe(400);
      expect(await snapshotState(server)).toBe(before);
    });
  });
  it('shows the chain how its people’s goals cover the 課’s goals, and the unlinked ones', async () => {
    const people = server.emulator.people;
    const [first] = (await call(kacho, 'GET', departmentPath())).body.goals as Array<{ id: string }>;
    const linked = await call(shuji, 'POST', '/api/people/me/goals', {
      fiscalYear,
      title: '窓口アンケートを始める',
      successCriteria: '',
      dueDate: `${fiscalYear + 1}-03-31`,
      competencyIds: [],
      guidelineIds: [],
      idempotencyKey: randomUUID(),
      departmentGoalId: first!.id,
      visibility: 'private',
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    const coveragePath = `${departmentPath()}/coverage`;
    type Coverage = {
      goals: Array<{ id: string; people: Array<{ id: string; goals: Array<{ title: string }> }> }>;
      unlinked: Array<{ id: string; goals: Array<{ title: string }> }>;
    };
    const asKacho = (await call(kacho, 'GET', coveragePath)).body as unknown as Coverage;
    expect(asKacho.goals[0]!.id).toBe(first!.id);
    expect(asKacho.goals[0]!.people).toEqual([
      {
        id: shuji.id,
        displayName: shuji.displayName,
        goals: [{ id: linked.body.id, title: '窓口アンケートを始める' }],
      },
    ]);
    expect(asKacho.unlinked.find((person) => person.id === shuji.id)?.goals.length).toBeGreaterThan(0);
    // The direct 係長 sees their 主事; a 係長 of another team in the 課 is above nobody concerned.
    const manager = people.find((person) => person.id === shuji.managerId)!;
    const asManager = (await call(manager, 'GET', coveragePath)).body as unknown as Coverage;
    expect(asManager.goals[0]!.people.map((person) => person.id)).toEqual([shuji.id]);
    const otherManager = people.find(
      (person) =>
        person.levelId === 'kakaricho' && person.department === kacho.department && person.id !== manager.id,
    )!;
    const asOther = (await call(otherManager, 'GET', coveragePath)).body as unknown as Coverage;
    expect(asOther.goals[0]!.people).toEqual([]);
    expect(asOther.unlinked.map((person) => person.id)).not.toContain(shuji.id);
    expect((await call(hr, 'GET', coveragePath)).status).toBe(200);
    // Colleagues and people elsewhere are refused.
    expect((await call(shuji, 'GET', coveragePath)).status).toBe(403);
    expect((await call(outsider, 'GET', coveragePath)).status).toBe(403);
    expect((await call(otherKacho, 'GET', coveragePath)).status).toBe(403);
  });
});
