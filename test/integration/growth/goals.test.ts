import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = { id: string; managerId: string | null; department: string | null; levelId: string | null };

describe('goals (目標管理)', () => {
  let server: TestServer;
  let fiscalYear: number;
  let owner: Person;
  let supervisor: Person;
  let colleague: Person;
  let outsider: Person;

  beforeAll(async () => {
    server = await startTestServer();
    fiscalYear = halfPeriodAt(new Date()).fiscalYear;
    const people = server.emulator.people as Person[];
    owner = people.find((person) => person.levelId === 'shunin')!;
    supervisor = people.find((person) => person.id === owner.managerId)!;
    colleague = people.find(
      (person) =>
        person.department === owner.department &&
        person.id !== owner.id &&
        person.managerId !== owner.id &&
        person.levelId === 'shuji' &&
        person.managerId !== supervisor.managerId,
    )!;
    outsider = people.find((person) => person.department !== owner.department && person.levelId === 'kacho')!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const call = apiCaller(() => server);

  const goal = () => ({
    fiscalYear,
    title: '窓口の待ち時間を短縮する',
    successCriteria: '平均待ち時間を15分以内にする',
    dueDate: `${fiscalYear + 1}-03-31`,
    competencyIds: ['planning'],
    guidelineIds: ['responsibility', 'localLove'],
    idempotencyKey: randomUUID(),
  });

  it('walks a goal through setting, progress, reflections and supervisor comments', async () => {
    const created = await call(owner, 'POST', '/api/people/me/goals', goal());
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const progressed = await call(owner, 'POST', `/api/people/me/goals/${id}/progress`, {
      version: 1,
      percent: 40,
      note: '受付票を見直した',
    });
    expect(progressed.body).toMatchObject({
      version: 2,
      progress: [{ percent: 40, note: '受付票を見直した' }],
    });
    const reflected = await call(owner, 'PUT', `/api/people/me/goals/${id}/reflection`, {
      version: 2,
      stage: 'mid',
      text: '順調',
    });
    expect(reflected.body.midReflection).toBe('順調');
    const commented = await call(supervisor, 'POST', `/api/people/${owner.id}/goals/${id}/comments`, {
      version: 3,
      stage: 'mid',
      text: 'よく進んでいます',
    });
    expect(commented.status).toBe(200);
    expect(commented.body.comments).toEqual([
      expect.objectContaining({ authorId: supervisor.id, stage: 'mid', text: 'よく進んでいます' }),
    ]);
  });

  it('shares titles and progress with the same 課, but not reflections and comments', async () => {
    const asColleague = await call(colleague, 'GET', `/api/people/${owner.id}/goals`);
    expect(asColleague.status).toBe(200);
    const [shared] = asColleague.body as unknown as Array<Record<string, unknown>>;
    expect(shared).toMatchObject({ title: '窓口の待ち時間を短縮する', shared: true });
    expect(shared!.progress).toHaveLength(1);
    expect(shared).not.toHaveProperty('midReflection');
    expect(shared).not.toHaveProperty('comments');
    const asSupervisor = await call(supervisor, 'GET', `/api/people/${owner.id}/goals`);
    expect((asSupervisor.body as unknown as Array<Record<string, unknown>>)[0]).toMatchObject({
      shared: false,
      midReflection: '順調',
    });
    expect((await call(outsider, 'GET', `/api/people/${owner.id}/goals`)).status).toBe(403);
  });

  it('lists the shared part of the whole 課’s goals for the workplace, and nothing of other 課', async () => {
    type Workplace = {
      department: string;
      people: Array<{ id: string; goals: Array<Record<string, unknown>> }>;
    };
    const seen = (await call(colleague, 'GET', '/api/workplace/goals')).body as unknown as Workplace;
    expect(seen.department).toBe(owner.department);
    const ownerEntry = seen.people.find((person) => person.id === owner.id)!;
    expect(ownerEntry.goals).toEqual([
      expect.objectContaining({ title: '窓口の待ち時間を短縮する', shared: true }),
    ]);
    expect(ownerEntry.goals[0]).not.toHaveProperty('successCriteria');
    expect(ownerEntry.goals[0]).not.toHaveProperty('midReflection');
    expect(seen.people.map((person) => person.id)).not.toContain(colleague.id);
    const elsewhere = (await call(outsider, 'GET', '/api/workplace/goals')).body as unknown as Workplace;
    expect(elsewhere.department).toBe(outsider.department);
    expect(elsewhere.people.map((person) => person.id)).not.toContain(owner.id);
  });

  it('refuses others writing, bad links, a due date outside the year and stale versions, changing nothing', async () => {
    const [existing] = (await call(owner, 'GET', '/api/people/me/goals')).body as unknown as Array<{
      id: string;
      version: number;
    }>;
    const before = await snapshotState(server);
    expect((await call(supervisor, 'POST', `/api/people/${owner.id}/goals`, goal())).status).toBe(403);
    expect(
      (
        await call(colleague, 'POST', `/api/people/${owner.id}/goals/${existing!.id}/comments`, {
          version: existing!.version,
          stage: 'mid',
          text: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(owner, 'POST', `/api/people/me/goals/${existing!.id}/comments`, {
          version: existing!.version,
          stage: 'mid',
          text: 'x',
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(owner, 'POST', '/api/people/me/goals', { ...goal(), competencyIds: ['flying'] })).status,
    ).toBe(400);
    expect(
      (await call(owner, 'POST', '/api/people/me/goals', { ...goal(), dueDate: `${fiscalYear + 2}-01-01` }))
        .status,
    ).toBe(400);
    expect(
      (await call(owner, 'POST', '/api/people/me/goals', { ...goal(), title: 'あ'.repeat(201) })).status,
    ).toBe(400);
    expect(
      (
        await call(owner, 'POST', '/api/people/me/goals', {
          ...goal(),
          fiscalYear: fiscalYear - 1,
          dueDate: `${fiscalYear}-03-31`,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call(owner, 'POST', `/api/people/me/goals/${existing!.id}/progress`, {
          version: 1,
          percent: 50,
          note: '',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call(owner, 'POST', `/api/people/me/goals/${existing!.id}/progress`, {
          version: existing!.version,
          percent: 101,
          note: '',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(owner, 'PUT', `/api/people/me/goals/00000000-0000-4000-8000-000000000000`, {
          ...goal(),
          fiscalYear: undefined,
          idempotencyKey: undefined,
          version: 1,
        })
      ).status,
    ).toBe(404);
    expect(await snapshotState(server)).toBe(before);
  });
  it('makes one goal per idempotency key: a double click or a retry answers with the first goal, and a missing key is refused', async () => {
    const goalsOf = async (personId: string) =>
      server.database.query<{ id: string }>('SELECT id FROM goals WHERE person_id = $1', [personId]);
    const before = (await goalsOf(owner.id)).length;
    const body = { ...goal(), title: '二度押しされた目標' };
    // A double click: both requests at the same moment, with the one key of that submission.
    const [first, second] = await Promise.all([
      call(owner, 'POST', '/api/people/me/goals', body),
      call(owner, 'POST', '/api/people/me/goals', body),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.id).toBe(second.body.id);
    // A retry after a lost answer, even with something changed on the way, is still that submission.
    const retried = await call(owner, 'POST', '/api/people/me/goals', { ...body, title: '書き換え' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: first.body.id, title: '二度押しされた目標' });
    expect((await goalsOf(owner.id)).length).toBe(before + 1);

    // Another submission (a new key) is another goal; the key belongs to the person who sent it.
    const another = await call(owner, 'POST', '/api/people/me/goals', goal());
    expect(another.status).toBe(201);
    const colleagueGoal = await call(colleague, 'POST', '/api/people/me/goals', body);
    expect(colleagueGoal.status).toBe(201);
    expect(colleagueGoal.body.id).not.toBe(first.body.id);

    const { idempotencyKey: _key, ...withoutKey } = goal();
    const refused = await call(owner, 'POST', '/api/people/me/goals', withoutKey);
    expect(refused.status).toBe(400);
    expect((await goalsOf(owner.id)).length).toBe(before + 2);
  });

  it('answers HR 404, not an empty list, for the goals of a person who does not exist', async () => {
    const hr = server.emulator.people.find((person) => person.appRoles.length > 0)!;
    const nobody = '00000000-0000-4000-8000-00000000abcd';
    const answer = await call(hr, 'GET', `/api/people/${nobody}/goals`);
    expect([answer.status, answer.body.error?.code]).toEqual([404, 'not_found']);
    const someone = server.emulator.people.find((person) => person.levelId === 'shuji')!;
    expect((await call(hr, 'GET', `/api/people/${someone.id}/goals`)).status).toBe(200);
  });
  it('keeps a goal the person chose not to share out of the 課’s view; shared stays the default', async () => {
    const kept = await call(owner, 'POST', '/api/people/me/goals', {
      ...goal(),
      title: '個人で温めている目標',
      visibility: 'private',
    });
    expect(kept.status).toBe(201);
    expect(kept.body).toMatchObject({ visibility: 'private', shared: false });
    const byDefault = await call(owner, 'POST', '/api/people/me/goals', { ...goal(), title: '共有する目標' });
    expect(byDefault.body).toMatchObject({ visibility: 'workplace' });

    const titles = (goals: unknown) => (goals as Array<{ title: string }>).map((entry) => entry.title);
    const asColleague = await call(colleague, 'GET', `/api/people/${owner.id}/goals`);
    expect(titles(asColleague.body)).toContain('共有する目標');
    expect(titles(asColleague.body)).not.toContain('個人で温めている目標');
    type Workplace = { people: Array<{ id: string; goals: unknown }> };
    const workplace = (await call(colleague, 'GET', '/api/workplace/goals')).body as unknown as Workplace;
    const entry = workplace.people.find((person) => person.id === owner.id)!;
    expect(titles(entry.goals)).not.toContain('個人で温めている目標');
    expect(titles((await call(supervisor, 'GET', `/api/people/${owner.id}/goals`)).body)).toContain(
      '個人で温めている目標',
    );

    // Shared later by the person: a change may set it; a change without it leaves it as it was.
    const { fiscalYear: _year, idempotencyKey: _key, ...fields } = goal();
    const shared = await call(owner, 'PUT', `/api/people/me/goals/${kept.body.id as string}`, {
      ...fields,
      title: '個人で温めている目標',
      visibility: 'workplace',
      version: 1,
    });
    expect(shared.body).toMatchObject({ visibility: 'workplace', version: 2 });
    const unchanged = await call(owner, 'PUT', `/api/people/me/goals/${kept.body.id as string}`, {
      ...fields,
      title: '個人で温めている目標',
      version: 2,
    });
    expect(unchanged.body).toMatchObject({ visibility: 'workplace', version: 3 });
    const refused = await call(owner, 'POST', '/api/people/me/goals', { ...goal(), visibility: 'everyone' });
    expect([refused.status, refused.body.error?.code]).toEqual([400, 'validation_failed']);
  });

  it('follows HR’s goal windows: a stage’s reflection or comment outside its window is 409 and changes nothing', async () => {
    const hr = (server.emulator.people as Array<Person & { appRoles: string[] }>).find(
      (person) => person.appRoles.length > 0,
    )!;
    const created = await call(owner, 'POST', '/api/people/me/goals', {
      ...goal(),
      title: '窓口で確かめる目標',
    });
    const id = created.body.id as string;
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const planned = await call(hr, 'POST', '/api/cycles/windows', {
      fiscalYear,
      kind: 'midYear',
      opensOn: today,
      closesOn: `${fiscalYear + 1}-03-31`,
    });
    expect(planned.status).toBe(201);
    const windowId = planned.body.id as string;

    const reflect = (version: number) =>
      call(owner, 'PUT', `/api/people/me/goals/${id}/reflection`, {
        version,
        stage: 'mid',
        text: '中間の振り返り',
      });
    const comment = (version: number, stage: string) =>
      call(supervisor, 'POST', `/api/people/${owner.id}/goals/${id}/comments`, {
        version,
        stage,
        text: '確認しました',
      });

    // Planned but not opened: the 中間 stage is refused with a message naming the window.
    const before = await snapshotState(server);
    for (const answer of [await reflect(1), await comment(1, 'mid')]) {
      expect(answer.status).toBe(409);
      expect(answer.body.error).toMatchObject({ code: 'conflict', details: [{ path: 'body.stage' }] });
      expect(JSON.stringify(answer.body.error)).toContain(
        `中間 (mid-year) window for fiscal year ${fiscalYear} is not open`,
      );
    }
    expect(await snapshotState(server)).toBe(before);
    // A stage HR has not configured keeps the old rule: accepted.
    expect((await comment(1, 'setting')).status).toBe(200);

    const opened = await call(hr, 'POST', `/api/cycles/windows/${windowId}/open`, { version: 1 });
    expect(opened.status).toBe(200);
    expect((await reflect(2)).body).toMatchObject({ midReflection: '中間の振り返り', version: 3 });
    expect((await comment(3, 'mid')).status).toBe(200);

    const closed = await call(hr, 'POST', `/api/cycles/windows/${windowId}/close`, { version: 2 });
    expect(closed.status).toBe(200);
    const late = await comment(4, 'mid');
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.body.error)).toContain('it closed');
  });
});
