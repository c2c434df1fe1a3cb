import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OjtPlanResponse, OjtSuggestionView } from '../../../src/ojt/ojt.contract.ts';
import { suggestOnboarding } from '../../../src/ojt/ojt-suggestions.ts';
import { jstDayOf } from '../../../src/shared/japan-time.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = TestServer['emulator']['people'][number];

describe('onboarding OJT suggestions (people sync → /api/ojt/suggestions)', () => {
  let server: TestServer;
  let hr: Person;
  // Two 主事 of 市民課 under the same 係長, moved by IT to 保険年金課 (their 係長 stays in the directory).
  let moved: Person;
  let movedToo: Person;
  let supervisor: Person;
  let mentor: Person;
  const call = apiCaller(() => server);

  const sync = async () => {
    const requested = await call(hr, 'POST', '/api/hr/people/sync');
    expect(requested.status).toBe(202);
    const deadline = Date.now() + 60_000;
    while ((await call(hr, 'GET', '/api/hr/people/sync')).body.pending !== false) {
      if (Date.now() > deadline) throw new Error('the requested sync did not run');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const suggestionRows = (personId: string) =>
    server.database.query<{ supervisor_id: string; kind: string; status: string }>(
      `SELECT supervisor_id, kind, status FROM ojt_suggestions WHERE person_id = $1`,
      [personId],
    );
  const suggestionsOf = async (person: Person) =>
    (await call(person, 'GET', '/api/ojt/suggestions')).body as unknown as OjtSuggestionView[];

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.includes('Hagukumi.HR'))!;
    const shuji = people.filter(
      (person) => person.levelId === 'shuji' && person.department === '市民課' && person.managerId !== null,
    );
    moved = shuji[0]!;
    movedToo = shuji.find((person) => person.managerId === moved.managerId && person.id !== moved.id)!;
    supervisor = people.find((person) => person.id === moved.managerId)!;
    mentor = people.find(
      (person) =>
        person.department === '市民課' &&
        person.levelId === 'shunin' &&
        person.appRoles.length === 0 &&
        person.id !== moved.id,
    )!;
    expect([moved, movedToo, supervisor, mentor].every(Boolean)).toBe(true);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('suggests a plan to the supervisor of someone whose 課 changed, once, however often the sync runs', async () => {
    expect(await suggestionRows(moved.id)).toEqual([]);
    moved.department = '保険年金課';
    movedToo.department = '保険年金課';
    await sync();
    await sync();
    expect(await suggestionRows(moved.id)).toEqual([
      { supervisor_id: supervisor.id, kind: 'transfer', status: 'open' },
    ]);
    const listed = await suggestionsOf(supervisor);
    const mine = listed.find((suggestion) => suggestion.person.id === moved.id)!;
    expect(mine).toMatchObject({
      person: { id: moved.id, displayName: moved.displayName },
      kind: 'transfer',
      department: '保険年金課',
      version: 1,
    });
    expect(mine.defaultChecklist.map((item) => item.ja)).toContain('課の業務概要');
    // Nobody else sees it.
    expect((await suggestionsOf(moved)).map((suggestion) => suggestion.id)).not.toContain(mine.id);
  });

  it('makes an arrival’s suggestion once when two instances record the same arrival', async () => {
    const arrival = {
      personId: moved.id,
      supervisorId: supervisor.id,
      kind: 'transfer' as const,
      department: '保険年金課',
      day: jstDayOf(Date.now()),
    };
    // The same arrival as the sync recorded it (same day, same 課): the unique key holds.
    const [first, second] = await Promise.all([
      suggestOnboarding(server.database.db, [arrival], new Date()),
      suggestOnboarding(server.database.db, [arrival], new Date()),
    ]);
    expect([...first, ...second]).toEqual([]);
    expect(await suggestionRows(moved.id)).toHaveLength(1);
  });

  it('starts a plan from the suggestion with its checklist, which closes the suggestion', async () => {
    const suggestion = (await suggestionsOf(supervisor)).find((entry) => entry.person.id === moved.id)!;
    const created = await call(supervisor, 'POST', `/api/people/${moved.id}/ojt-plan`, {
      mentorPersonId: mentor.id,
      startsOn: jstDayOf(Date.now()),
      endsOn: '2027-09-30',
      goals: [],
      checklist: suggestion.defaultChecklist.map((item) => item.ja),
      suggestionId: suggestion.id,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const plan = (created.body as unknown as OjtPlanResponse).plan!;
    expect(plan.suggestionId).toBe(suggestion.id);
    expect(plan.checklist).toHaveLength(suggestion.defaultChecklist.length);
    expect((await suggestionsOf(supervisor)).map((entry) => entry.id)).not.toContain(suggestion.id);
    expect(await suggestionRows(moved.id)).toEqual([
      { supervisor_id: supervisor.id, kind: 'transfer', status: 'started' },
    ]);
  });

  it('dismisses a suggestion: only its supervisor, only at the current version', async () => {
    const suggestion = (await suggestionsOf(supervisor)).find((entry) => entry.person.id === movedToo.id)!;
    expect(suggestion).toBeDefined();
    const path = `/api/ojt/suggestions/${suggestion.id}/dismiss`;
    expect((await call(movedToo, 'POST', path, { version: 1 })).status).toBe(403);
    expect((await call(hr, 'POST', path, { version: 1 })).status).toBe(403);
    expect((await call(supervisor, 'POST', path, { version: 2 })).status).toBe(409);
    expect(await suggestionRows(movedToo.id)).toEqual([
      { supervisor_id: supervisor.id, kind: 'transfer', status: 'open' },
    ]);
    const dismissed = await call(supervisor, 'POST', path, { version: 1 });
    expect(dismissed.status).toBe(200);
    expect((await suggestionsOf(supervisor)).map((entry) => entry.id)).not.toContain(suggestion.id);
    expect((await call(supervisor, 'POST', path, { version: 2 })).status).toBe(409);
    // A plan cannot be started from a dismissed suggestion.
    const late = await call(supervisor, 'POST', `/api/people/${movedToo.id}/ojt-plan`, {
      mentorPersonId: mentor.id,
      startsOn: jstDayOf(Date.now()),
      endsOn: '2027-09-30',
      goals: [],
      checklist: [],
      suggestionId: suggestion.id,
    });
    expect(late.status).toBe(409);
    const plans = await server.database.query(`SELECT id FROM ojt_plans WHERE person_id = $1`, [movedToo.id]);
    expect(plans).toEqual([]);
  });
});
