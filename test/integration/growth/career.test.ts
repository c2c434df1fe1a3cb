import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addYears } from '../../../src/growth/career.service.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { outsiderOf } from '../../support/growth-cast.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = {
  id: string;
  managerId: string | null;
  department: string | null;
  levelId: string | null;
  employeeHireDate: string | null;
  appRoles: string[];
};

describe.each(SLICE_BACKENDS)('career design on %s', (backend) => {
  let server: TestServer;
  // A 主事 outside 職員課, their 係長 (direct supervisor) and 課長 (the supervisor's supervisor), HR (職員課),
  // a colleague of the same 課 outside the chain (the other 係's 主任), and a 主事 of another 課.
  let self: Person;
  let supervisor: Person;
  let supervisorsSupervisor: Person;
  let hr: Person;
  let colleague: Person;
  let outsider: Person;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const people = server.emulator.people as Person[];
    self = people.find(
      (person) =>
        person.levelId === 'shuji' && person.department !== '職員課' && person.employeeHireDate !== null,
    )!;
    supervisor = people.find((person) => person.id === self.managerId)!;
    supervisorsSupervisor = people.find((person) => person.id === supervisor.managerId)!;
    hr = people.find((person) => person.appRoles.length > 0 && person.department !== self.department)!;
    colleague = people.find(
      (person) =>
        person.department === self.department &&
        person.levelId === 'shunin' &&
        person.managerId !== self.managerId,
    )!;
    outsider = outsiderOf(people, self)!;
    expect([supervisor, supervisorsSupervisor, hr, colleague, outsider].every(Boolean)).toBe(true);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const call = apiCaller(() => server);
  const path = () => `/api/people/${self.id}/career`;

  const design = (version: number, overrides: Record<string, unknown> = {}) => ({
    version,
    visionMidTerm: '5年後には窓口業務の改善を任される職員になる',
    visionLongTerm: '福祉分野の専門職として地域に貢献する',
    path: 'specialist',
    pathField: '福祉',
    interests: ['地域福祉', 'DX'],
    qualificationsHeld: [{ name: '普通自動車免許', month: '2015-08' }],
    qualificationsPlanned: [{ name: '社会福祉士', month: null }],
    trainingsWanted: ['ファシリテーション研修'],
    rotation: [
      { from: '2024-04', to: null, department: '高齢者支援課', duties: '介護保険の窓口' },
      { from: '2021-04', to: '2024-03', department: '市民課', duties: '住民票の交付' },
    ],
    ...overrides,
  });

  const auditRows = (subjectId: string) =>
    server.database.query<{ actor_id: string; action: string; resource: string }>(
      `SELECT actor_id, action, resource FROM audit_log WHERE subject_id = $1 AND resource = 'career' ORDER BY id`,
      [subjectId],
    );

  it('starts blank at version 0 with the hire date and the end of the ten-year evaluation period', async () => {
    const blank = await call(self, 'GET', '/api/people/me/career');
    expect(blank.status).toBe(200);
    const hireDate = self.employeeHireDate!.slice(0, 10);
    expect(blank.body).toMatchObject({
      personId: self.id,
      version: 0,
      editable: true,
      path: 'undecided',
      rotation: [],
      updatedAt: null,
      hireDate,
      evaluationPeriodEnd: `${Number(hireDate.slice(0, 4)) + 10}${hireDate.slice(4)}`,
    });
  });

  it('creates with version 0, sorts the rotation oldest first and marks postings inside the evaluation period', async () => {
    const saved = await call(self, 'PUT', '/api/people/me/career', design(0));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, editable: true, pathField: '福祉' });
    const end = saved.body.evaluationPeriodEnd as string;
    const rotation = saved.body.rotation as Array<{ from: string; inEvaluationPeriod: boolean }>;
    expect(rotation.map((entry) => entry.from)).toEqual(['2021-04', '2024-04']);
    for (const entry of rotation) expect(entry.inEvaluationPeriod).toBe(`${entry.from}-01` < end);
    // The seeded 主事 joined within the last seven years, so the current posting is inside the period.
    expect(rotation[1]!.inEvaluationPeriod).toBe(true);
    const reread = await call(self, 'GET', path());
    expect(reread.body).toEqual(saved.body);
  });

  it('marks a posting that starts after the evaluation period as outside it', async () => {
    const current = await call(self, 'GET', '/api/people/me/career');
    const end = current.body.evaluationPeriodEnd as string;
    const late = `${Number(end.slice(0, 4)) + 1}-04`;
    const saved = await call(
      self,
      'PUT',
      '/api/people/me/career',
      design(current.body.version as number, {
        rotation: [
          { from: '2021-04', to: '2024-03', department: '市民課', duties: '' },
          { from: late, to: null, department: '保育課', duties: '' },
        ],
      }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.rotation).toEqual([
      // No 発令 imported for this person: nothing is superseded.
      {
        from: '2021-04',
        to: '2024-03',
        department: '市民課',
        duties: '',
        inEvaluationPeriod: true,
        superseded: false,
      },
      {
        from: late,
        to: null,
        department: '保育課',
        duties: '',
        inEvaluationPeriod: false,
        superseded: false,
      },
    ]);
  });

  it('lets self, the supervisor chain and HR read (read-only, audited for others); colleagues and outsiders get 403', async () => {
    const before = (await auditRows(self.id)).length;
    for (const reader of [supervisor, supervisorsSupervisor, hr]) {
      const answer = await call(reader, 'GET', path());
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ personId: self.id, editable: false, pathField: '福祉' });
    }
    for (const denied of [colleague, outsider]) {
      const answer = await call(denied, 'GET', path());
      expect(answer.status).toBe(403);
      expect(answer.body.error?.code).toBe('forbidden');
    }
    expect((await call(self, 'GET', path())).body.editable).toBe(true);
    const rows = (await auditRows(self.id)).slice(before);
    expect(rows.map((row) => [row.actor_id, row.action])).toEqual([
      [supervisor.id, 'read'],
      [supervisorsSupervisor.id, 'read'],
      [hr.id, 'read'],
    ]);
  });

  it('lets only the person write: supervisors, HR, colleagues and outsiders get 403 and change nothing', async () => {
    const current = await call(self, 'GET', path());
    const before = await snapshotState(server);
    for (const writer of [supervisor, supervisorsSupervisor, hr, colleague, outsider]) {
      const answer = await call(
        writer,
        'PUT',
        path(),
        design(current.body.version as number, { visionMidTerm: '上書き' }),
      );
      expect(answer.status).toBe(403);
    }
    expect(await snapshotState(server)).toBe(before);
    expect((await call(self, 'GET', path())).body).toEqual(current.body);
  });

  it('answers a stale version with 409 version_conflict naming the current version, and keeps the stored text', async () => {
    const current = await call(self, 'GET', path());
    const version = current.body.version as number;
    const stale = await call(self, 'PUT', path(), design(version - 1, { visionMidTerm: '古い版から' }));
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'version_conflict',
      details: [{ path: 'body.version', message: `current version is ${version}` }],
    });
    const again = await call(self, 'PUT', path(), design(0, { visionMidTerm: '新規のつもり' }));
    expect(again.status).toBe(409);
    expect((await call(self, 'GET', path())).body).toEqual(current.body);
  });

  it('tells the loser of two concurrent saves and keeps the winner’s text', async () => {
    const version = (await call(self, 'GET', path())).body.version as number;
    const [first, second] = await Promise.all([
      call(self, 'PUT', path(), design(version, { visionLongTerm: 'パソコンから保存' })),
      call(self, 'PUT', path(), design(version, { visionLongTerm: 'スマホから保存' })),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const [winner, loser] = first.status === 200 ? [first, second] : [second, first];
    expect(loser.body.error?.code).toBe('version_conflict');
    expect(JSON.stringify(loser.body.error)).toContain(`current version is ${version + 1}`);
    const stored = await call(self, 'GET', path());
    expect(stored.body.visionLongTerm).toBe(winner.body.visionLongTerm);
    expect(stored.body.version).toBe(version + 1);
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const current = await call(self, 'GET', path());
    const version = current.body.version as number;
    const before = await snapshotState(server);
    const entry = { from: '2021-04', to: '2024-03', department: '市民課', duties: '' };
    const cases: Array<[string, Record<string, unknown>]> = [
      ['a vision over 2000 characters', { visionMidTerm: 'あ'.repeat(2001) }],
      ['a field over 100 characters', { pathField: 'あ'.repeat(101) }],
      ['21 interests', { interests: Array.from({ length: 21 }, (_, i) => `関心${i}`) }],
      ['a blank interest', { interests: ['  '] }],
      ['an unknown path', { path: 'manager' }],
      ['a month 13', { qualificationsHeld: [{ name: '簿記', month: '2020-13' }] }],
      ['a date instead of a month', { rotation: [{ ...entry, from: '2021-04-01' }] }],
      ['a posting ending before it starts', { rotation: [{ ...entry, to: '2020-03' }] }],
      [
        'two current postings',
        {
          rotation: [
            { ...entry, to: null },
            { ...entry, from: '2024-04', to: null, department: '保育課' },
          ],
        },
      ],
      ['31 postings', { rotation: Array.from({ length: 31 }, () => entry) }],
      ['a posting without a department', { rotation: [{ ...entry, department: '' }] }],
      ['duties over 100 characters', { rotation: [{ ...entry, duties: 'あ'.repeat(101) }] }],
      ['an unknown field', { salary: 1 }],
    ];
    for (const [label, overrides] of cases) {
      const answer = await call(self, 'PUT', path(), design(version, overrides));
      expect([label, answer.status, answer.body.error?.code]).toEqual([label, 400, 'validation_failed']);
    }
    expect(await snapshotState(server)).toBe(before);
    expect((await call(self, 'GET', path())).body).toEqual(current.body);
  });

  it('answers 404 for a person who does not exist', async () => {
    const answer = await call(hr, 'GET', '/api/people/00000000-0000-4000-8000-000000000000/career');
    expect(answer.status).toBe(404);
  });
});

describe('evaluation period end', () => {
  it('is the same calendar day ten years on, and 28 February for a hire on 29 February', () => {
    expect(addYears('2016-04-01', 10)).toBe('2026-04-01');
    expect(addYears('2016-02-29', 10)).toBe('2026-02-28');
    expect(addYears('2016-02-29', 8)).toBe('2024-02-29');
  });
});
