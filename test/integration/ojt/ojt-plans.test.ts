import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OjtGuidedPlan, OjtPlanResponse } from '../../../src/ojt/ojt.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = TestServer['emulator']['people'][number];

const jstToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

describe('OJT plans (/api/people/:personId/ojt-plan)', () => {
  let server: TestServer;
  // A 主事 outside 職員課, their 係長 and 課長, HR, their 指導担当 (a 主任 of the same 課), a colleague of the
  // same 課 who is neither, and a 主事 of another 課 (outside the 係長's chain).
  let self: Person;
  let supervisor: Person;
  let kacho: Person;
  let hr: Person;
  let mentor: Person;
  let colleague: Person;
  let outsider: Person;
  const call = apiCaller(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people;
    self = people.find(
      (person) => person.levelId === 'shuji' && person.department === '市民課' && person.managerId !== null,
    )!;
    supervisor = people.find((person) => person.id === self.managerId)!;
    kacho = people.find((person) => person.id === supervisor.managerId)!;
    hr = people.find(
      (person) => person.appRoles.includes('Hagukumi.HR') && person.department !== self.department,
    )!;
    const sameDepartment = people.filter(
      (person) =>
        person.department === self.department &&
        ![self.id, supervisor.id, kacho.id].includes(person.id) &&
        person.appRoles.length === 0,
    );
    mentor = sameDepartment.find((person) => person.levelId === 'shunin')!;
    colleague = sameDepartment.find((person) => person.id !== mentor.id && person.managerId !== self.id)!;
    outsider = people.find(
      (person) =>
        person.levelId === 'shuji' &&
        person.department !== self.department &&
        person.department !== '職員課' &&
        person.appRoles.length === 0,
    )!;
    expect([self, supervisor, kacho, hr, mentor, colleague, outsider].every(Boolean)).toBe(true);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const path = (person: Person = self) => `/api/people/${person.id}/ojt-plan`;
  const newPlan = (overrides: Record<string, unknown> = {}) => ({
    mentorPersonId: mentor.id,
    startsOn: '2026-04-01',
    endsOn: '2026-09-30',
    goals: ['窓口業務を一人で対応できる'],
    checklist: ['課の業務概要', '文書事務'],
    ...overrides,
  });
  const planCount = async (personId: string) =>
    Number(
      (
        await server.database.query<{ n: string }>(
          `SELECT count(*) AS n FROM ojt_plans WHERE person_id = $1`,
          [personId],
        )
      )[0]!.n,
    );
  const current = async () => (await call(supervisor, 'GET', path())).body as unknown as OjtPlanResponse;

  it('before any plan: the person reads none; a colleague is refused', async () => {
    const own = await call(self, 'GET', path());
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ plan: null, canManage: false, canGuide: false });
    expect((await call(colleague, 'GET', path())).status).toBe(403);
    expect((await call(outsider, 'GET', path())).status).toBe(403);
  });

  it('refuses a plan for someone outside the caller’s chain, and changes nothing', async () => {
    const answer = await call(supervisor, 'POST', path(outsider), newPlan());
    expect(answer.status).toBe(403);
    expect(await planCount(outsider.id)).toBe(0);
    // Nor may the person, HR or a colleague make their own.
    for (const caller of [self, hr, colleague])
      expect((await call(caller, 'POST', path(), newPlan())).status).toBe(403);
    expect(await planCount(self.id)).toBe(0);
  });

  it('refuses a 指導担当 who does not exist (or is the person), and changes nothing', async () => {
    const missing = await call(supervisor, 'POST', path(), newPlan({ mentorPersonId: randomUUID() }));
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('body.mentorPersonId');
    const themself = await call(supervisor, 'POST', path(), newPlan({ mentorPersonId: self.id }));
    expect(themself.status).toBe(400);
    const backwards = await call(supervisor, 'POST', path(), newPlan({ endsOn: '2026-03-01' }));
    expect(backwards.status).toBe(400);
    expect(await planCount(self.id)).toBe(0);
  });

  it('the 係長 starts a plan; a second active plan is a 409 naming the first', async () => {
    const created = await call(supervisor, 'POST', path(), newPlan());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const plan = (created.body as unknown as OjtPlanResponse).plan!;
    expect(plan).toMatchObject({
      mentor: { id: mentor.id, displayName: mentor.displayName },
      createdById: supervisor.id,
      status: 'active',
      goals: ['窓口業務を一人で対応できる'],
      version: 1,
    });
    expect(plan.checklist.map((item) => [item.label, item.doneAt])).toEqual([
      ['課の業務概要', null],
      ['文書事務', null],
    ]);
    const second = await call(kacho, 'POST', path(), newPlan());
    expect(second.status).toBe(409);
    expect(JSON.stringify(second.body)).toContain(plan.id);
    expect(await planCount(self.id)).toBe(1);
  });

  it('refuses a stale version and keeps what was stored', async () => {
    const before = (await current()).plan!;
    const edit = {
      version: before.version,
      mentorPersonId: mentor.id,
      startsOn: before.startsOn,
      endsOn: '2026-10-31',
      goals: [...before.goals, '庶務の流れを説明できる'],
      checklist: [...before.checklist.map(({ id, label }) => ({ id, label })), { id: null, label: '庶務' }],
    };
    const saved = await call(kacho, 'PUT', path(), edit);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const after = (saved.body as unknown as OjtPlanResponse).plan!;
    expect(after.version).toBe(before.version + 1);
    expect(after.checklist.map((item) => item.label)).toEqual(['課の業務概要', '文書事務', '庶務']);
    expect(after.checklist[0]!.id).toBe(before.checklist[0]!.id);

    const stale = await call(supervisor, 'PUT', path(), { ...edit, endsOn: '2026-12-31' });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('version_conflict');
    const tickStale = await call(mentor, 'POST', `${path()}/ticks`, {
      version: before.version,
      itemId: before.checklist[0]!.id,
      done: true,
    });
    expect(tickStale.status).toBe(409);
    const unchanged = (await current()).plan!;
    expect(unchanged.endsOn).toBe('2026-10-31');
    expect(unchanged.checklist.every((item) => item.doneAt === null)).toBe(true);
  });

  it('the 指導担当 ticks and logs; the person reads both; a colleague may neither read nor write', async () => {
    const plan = (await current()).plan!;
    const mentorsView = await call(mentor, 'GET', path());
    expect(mentorsView.status).toBe(200);
    expect(mentorsView.body).toMatchObject({ canManage: false, canGuide: true });

    const ticked = await call(mentor, 'POST', `${path()}/ticks`, {
      version: plan.version,
      itemId: plan.checklist[1]!.id,
      done: true,
    });
    expect(ticked.status, JSON.stringify(ticked.body)).toBe(200);
    const afterTick = (ticked.body as unknown as OjtPlanResponse).plan!;
    expect(afterTick.checklist[1]!.doneBy).toEqual({ id: mentor.id, displayName: mentor.displayName });
    expect(afterTick.checklist[1]!.doneAt).not.toBeNull();

    const logged = await call(mentor, 'POST', `${path()}/guidance`, {
      version: afterTick.version,
      day: jstToday(),
      text: '起案文書の書き方を一緒に確認した',
    });
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    const byChain = await call(supervisor, 'POST', `${path()}/guidance`, {
      version: (logged.body as unknown as OjtPlanResponse).plan!.version,
      day: jstToday(),
      text: '窓口対応を横で見て助言した',
    });
    expect(byChain.status).toBe(201);

    // The person reads it all but guides nothing.
    const own = await call(self, 'GET', path());
    expect(own.body).toMatchObject({ canManage: false, canGuide: false });
    const ownPlan = (own.body as unknown as OjtPlanResponse).plan!;
    expect(ownPlan.guidance.map((entry) => entry.givenBy.id).sort()).toEqual(
      [mentor.id, supervisor.id].sort(),
    );
    expect(ownPlan.checklist[1]!.doneBy?.id).toBe(mentor.id);
    const version = ownPlan.version;
    expect(
      (await call(self, 'POST', `${path()}/ticks`, { version, itemId: ownPlan.checklist[0]!.id, done: true }))
        .status,
    ).toBe(403);

    // A colleague of the same 課 who is not the 指導担当: neither reads nor writes.
    expect((await call(colleague, 'GET', path())).status).toBe(403);
    expect(
      (await call(colleague, 'POST', `${path()}/guidance`, { version, day: jstToday(), text: '助言した' }))
        .status,
    ).toBe(403);
    // The 指導担当 does not manage the plan.
    expect((await call(mentor, 'POST', `${path()}/complete`, { version })).status).toBe(403);
    expect((await current()).plan!.guidance).toHaveLength(2);

    // Guidance is logged once given: not for tomorrow.
    const tomorrow = new Date(Date.now() + 9 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    const future = await call(mentor, 'POST', `${path()}/guidance`, { version, day: tomorrow, text: '予定' });
    expect(future.status).toBe(400);
    expect((await current()).plan!.guidance).toHaveLength(2);
  });

  it('lists the 指導担当 their plans (GET /api/ojt/plans?as=guide) with progress; nobody else’s, audited', async () => {
    const guided = await call(mentor, 'GET', '/api/ojt/plans?as=guide');
    expect(guided.status, JSON.stringify(guided.body)).toBe(200);
    const plan = (await current()).plan!;
    expect(plan.checklist.filter((item) => item.doneAt !== null)).toHaveLength(1);
    expect(guided.body as unknown as OjtGuidedPlan[]).toEqual([
      {
        planId: plan.id,
        person: { id: self.id, displayName: self.displayName },
        department: self.department,
        startsOn: plan.startsOn,
        endsOn: plan.endsOn,
        itemsDone: plan.checklist.filter((item) => item.doneAt !== null).length,
        itemsTotal: plan.checklist.length,
        lastGuidanceOn: jstToday(),
      },
    ]);
    const audited = await server.database.query<{ subject_id: string; action: string }>(
      `SELECT subject_id, action FROM audit_log WHERE actor_id = $1 AND resource = 'ojt-plan' ORDER BY id DESC LIMIT 1`,
      [mentor.id],
    );
    expect(audited).toEqual([{ subject_id: self.id, action: 'read' }]);

    // Someone who guides nothing gets an empty list: not the plans of their 課, nor of their people.
    for (const caller of [colleague, outsider, supervisor, hr, self]) {
      const none = await call(caller, 'GET', '/api/ojt/plans?as=guide');
      expect(none.status).toBe(200);
      expect(none.body).toEqual([]);
    }
    // Only `as=guide` is served: another part, or none, is a 400.
    for (const query of ['?as=supervisor', '?as=', ''])
      expect((await call(mentor, 'GET', `/api/ojt/plans${query}`)).status).toBe(400);
  });

  it('audits reads by HR, the chain and the 指導担当, not the person’s own', async () => {
    const [{ last }] = (await server.database.query<{ last: string | null }>(
      `SELECT max(id)::text AS last FROM audit_log`,
    )) as [{ last: string | null }];
    expect((await call(hr, 'GET', path())).status).toBe(200);
    await call(self, 'GET', path());
    await call(mentor, 'GET', path());
    const rows = await server.database.query<{ actor_id: string; action: string }>(
      `SELECT actor_id, action FROM audit_log WHERE subject_id = $1 AND resource = 'ojt-plan' AND id > $2 ORDER BY id`,
      [self.id, last ?? '0'],
    );
    expect(rows).toEqual([
      { actor_id: hr.id, action: 'read' },
      { actor_id: mentor.id, action: 'read' },
    ]);
  });

  it('once completed, a new plan may be made', async () => {
    const plan = (await current()).plan!;
    const done = await call(supervisor, 'POST', `${path()}/complete`, { version: plan.version });
    expect(done.status).toBe(200);
    expect((await current()).plan).toBeNull();
    const again = await call(supervisor, 'POST', path(), newPlan({ checklist: [] }));
    expect(again.status).toBe(201);
    expect(await planCount(self.id)).toBe(2);
  });
});
