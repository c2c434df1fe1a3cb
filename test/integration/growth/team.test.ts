import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import type { TeamMember, TeamResponse } from '../../../src/growth/team.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = {
  id: string;
  managerId: string | null;
  department: string | null;
  levelId: string | null;
  isMailbox: boolean;
};

describe('the team view (GET /api/team)', () => {
  let server: TestServer;
  let people: Person[];
  let period: string;
  let fiscalYear: number;
  // A 課 outside 職員課 (so no HR role is involved): its 課長, one of its 係長 and a 主事 under that 係長.
  let kacho: Person;
  let kakaricho: Person;
  let shuji: Person;
  let bucho: Person;

  beforeAll(async () => {
    server = await startTestServer();
    people = server.emulator.people;
    const current = halfPeriodAt(new Date());
    period = current.id;
    fiscalYear = current.fiscalYear;
    kacho = people.find((person) => person.levelId === 'kacho' && person.department === '市民課')!;
    kakaricho = people.find((person) => person.levelId === 'kakaricho' && person.managerId === kacho.id)!;
    shuji = people.find((person) => person.levelId === 'shuji' && person.managerId === kakaricho.id)!;
    bucho = people.find((person) => person.id === kacho.managerId)!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const call = apiCaller(() => server);
  const team = async (as: Person): Promise<TeamResponse> => {
    const answer = await call(as, 'GET', '/api/team');
    expect(answer.status).toBe(200);
    return answer.body as unknown as TeamResponse;
  };
  const member = (response: TeamResponse, id: string): TeamMember => {
    const found = response.members.find((entry) => entry.id === id);
    if (!found) throw new Error(`${id} is not in the team`);
    return found;
  };
  /** The seeded reporting lines, walked independently of the server: who is below whom, at what depth. */
  const expectedBelow = (managerId: string): Map<string, number> => {
    const below = new Map<string, number>();
    let frontier = [managerId];
    for (let depth = 1; frontier.length > 0; depth += 1) {
      const next = people.filter((person) => person.managerId && frontier.includes(person.managerId));
      for (const person of next) below.set(person.id, depth);
      frontier = next.map((person) => person.id);
    }
    return below;
  };

  it('shows a 課長 the 課長補佐 and 係長 at depth 1 and everyone under the 係長 at depth 2, nobody else', async () => {
    const response = await team(kacho);
    expect(response).toMatchObject({ period, fiscalYear });
    const depths = new Map(response.members.map((entry) => [entry.id, entry.depth]));
    expect(depths).toEqual(expectedBelow(kacho.id));
    const depthOne = response.members.filter((entry) => entry.depth === 1);
    expect(depthOne.map((entry) => entry.levelId).sort()).toEqual(['kachoHosa', 'kakaricho', 'kakaricho']);
    const depthTwo = response.members.filter((entry) => entry.depth === 2);
    expect(depthTwo.length).toBeGreaterThan(0);
    for (const entry of depthTwo) {
      expect(depthOne.filter((boss) => boss.levelId === 'kakaricho').map((boss) => boss.id)).toContain(
        entry.managerId,
      );
    }
    // Direct reports first, then deeper levels; each deeper level grouped under its manager.
    expect(response.members.map((entry) => entry.depth)).toEqual(
      [...response.members.map((entry) => entry.depth)].sort((a, b) => a - b),
    );
    const managersInOrder = depthTwo.map((entry) => entry.managerId);
    expect(managersInOrder).toEqual(
      [...managersInOrder].sort(
        (a, b) =>
          response.members.findIndex((entry) => entry.id === a) -
          response.members.findIndex((entry) => entry.id === b),
      ),
    );
    // Everyone is in the 課長's own 課: no one from outside the chain.
    expect(new Set(response.members.map((entry) => entry.department))).toEqual(new Set([kacho.department]));
    expect(response.members.every((entry) => entry.interview === null)).toBe(true);
  });

  it('shows a 部長 three levels down, a 係長 only their own reports, and a 主事 nobody', async () => {
    const ofBucho = await team(bucho);
    expect(new Map(ofBucho.members.map((entry) => [entry.id, entry.depth]))).toEqual(expectedBelow(bucho.id));
    expect(Math.max(...ofBucho.members.map((entry) => entry.depth))).toBe(3);

    const ofKakaricho = await team(kakaricho);
    const own = people.filter((person) => person.managerId === kakaricho.id).map((person) => person.id);
    expect(own.length).toBeGreaterThan(0);
    expect(ofKakaricho.members.map((entry) => entry.id).sort()).toEqual(own.sort());
    expect(ofKakaricho.members.every((entry) => entry.depth === 1 && entry.managerId === kakaricho.id)).toBe(
      true,
    );

    expect(await team(shuji)).toEqual({ period, fiscalYear, members: [] });
  });

  it("follows a report's self-check from none through draft and submitted to reviewed (feedback marked complete)", async () => {
    const state = async (as: Person) => member(await team(as), shuji.id).selfCheck;
    expect(await state(kakaricho)).toBe('none');

    const blank = await call(shuji, 'GET', `/api/people/me/self-checks/${period}`);
    const items = (blank.body.items as Array<{ competencyId: string }>).map((item) => item.competencyId);
    const draft = await call(shuji, 'PUT', `/api/people/me/self-checks/${period}`, {
      version: 0,
      ratings: Object.fromEntries(items.map((id) => [id, { rating: 3, evidence: '' }])),
      reflections: {},
    });
    expect(draft.status).toBe(200);
    expect(await state(kakaricho)).toBe('draft');
    expect(await state(kacho)).toBe('draft');

    const submitted = await call(shuji, 'POST', `/api/people/me/self-checks/${period}/submit`, {
      version: draft.body.version,
    });
    expect(submitted.status).toBe(200);
    expect(await state(kakaricho)).toBe('submitted');

    const feedback = await call(kakaricho, 'PUT', `/api/people/${shuji.id}/self-checks/${period}/feedback`, {
      version: submitted.body.version,
      feedback: { [items[0]!]: '根拠が具体的でよい' },
    });
    expect(feedback.status).toBe(200);
    // A comment on one item is progress, not 「フィードバック済み」: that takes the supervisor's word.
    expect(await state(kakaricho)).toBe('submitted');
    expect(member(await team(kakaricho), shuji.id).selfCheckFeedback).toEqual({
      commented: 1,
      items: items.length,
    });
    const complete = await call(
      kakaricho,
      'POST',
      `/api/people/${shuji.id}/self-checks/${period}/feedback/complete`,
      { version: feedback.body.version },
    );
    expect(complete.status).toBe(200);
    expect(complete.body.feedbackCompletedAt).toEqual(expect.any(String));
    expect(await state(kakaricho)).toBe('reviewed');
    expect(await state(kacho)).toBe('reviewed');
    // The others under the 係長 have not started.
    const others = (await team(kakaricho)).members.filter((entry) => entry.id !== shuji.id);
    expect(others.every((entry) => entry.selfCheck === 'none')).toBe(true);
  });

  it("counts each report's goals of the current fiscal year only", async () => {
    const goal = (year: number, title: string) => ({
      fiscalYear: year,
      title,
      successCriteria: '',
      dueDate: `${year + 1}-03-31`,
      competencyIds: [],
      guidelineIds: [],
      idempotencyKey: randomUUID(),
    });
    expect(member(await team(kakaricho), shuji.id).goals).toBe(0);
    for (const [year, title] of [
      [fiscalYear, '窓口の待ち時間を短縮する'],
      [fiscalYear, '申請書の様式を見直す'],
      [fiscalYear + 1, '来年度の目標'],
    ] as const) {
      expect((await call(shuji, 'POST', '/api/people/me/goals', goal(year, title))).status).toBe(201);
    }
    const response = await team(kacho);
    expect(member(response, shuji.id).goals).toBe(2);
    expect(
      response.members.filter((entry) => entry.id !== shuji.id).every((entry) => entry.goals === 0),
    ).toBe(true);
  });

  it('writes one audit row per overview, an empty team’s too (who opened the team view is part of the trail)', async () => {
    const count = async () =>
      (
        await server.database.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE resource = 'team'",
        )
      )[0]!.n;
    const before = await count();
    await team(kacho);
    const rows = await server.database.query<{ actor_id: string; subject_id: string | null; action: string }>(
      "SELECT actor_id, subject_id, action FROM audit_log WHERE resource = 'team' ORDER BY id DESC LIMIT 1",
    );
    expect(await count()).toBe(before + 1);
    expect(rows[0]).toEqual({ actor_id: kacho.id, subject_id: null, action: 'read' });
    const empty = await team(shuji);
    expect(empty.members).toEqual([]);
    expect(await count()).toBe(before + 2);
    const [last] = await server.database.query<{ actor_id: string; details: { members: number } }>(
      "SELECT actor_id, details FROM audit_log WHERE resource = 'team' ORDER BY id DESC LIMIT 1",
    );
    expect(last).toEqual({ actor_id: shuji.id, details: expect.objectContaining({ members: 0 }) as unknown });
  });
});
