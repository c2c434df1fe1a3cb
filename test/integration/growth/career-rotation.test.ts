import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addYears } from '../../../src/growth/career.service.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { outsiderOf } from '../../support/growth-cast.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = {
  id: string;
  employeeId: string;
  department: string | null;
  levelId: string | null;
  employeeHireDate: string | null;
  appRoles: string[];
};

const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

// Career design's rotation history with HR's 発令 records (docs/growth.md, "Career design"): a transfer,
// a promotion inside the same 課 (one posting), a record dated in the future (not shown yet).
describe('career design rotation from HR 発令 records', () => {
  let server: TestServer;
  let self: Person;
  let hr: Person;
  let outsider: Person;
  const call = apiCaller(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people as Person[];
    self = people.find(
      (person) =>
        person.levelId === 'shuji' && person.department !== '職員課' && person.employeeHireDate !== null,
    )!;
    hr = people.find((person) => person.appRoles.length > 0 && person.department !== self.department)!;
    outsider = outsiderOf(people, self)!;
    const csv = [
      '職員番号,職層,部,所属,発令日',
      `${self.employeeId},主事級,市民部,市民課,2019/4/1`,
      `${self.employeeId},主事級,健康福祉部,${self.department},2022/4/1`,
      `${self.employeeId},主任級,健康福祉部,${self.department},2025/10/1`,
      `${self.employeeId},主任級,総務部,職員課,2099/4/1`,
    ].join('\r\n');
    const imported = await call(hr, 'POST', '/api/hr/people/imports', {
      fileName: 'rotation.csv',
      contentBase64: utf8(csv),
      dryRun: false,
    });
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const path = () => `/api/people/${self.id}/career`;

  it('returns the 発令 postings read-only: a transfer ends a posting, a promotion does not, the future waits', async () => {
    const answer = await call(self, 'GET', path());
    expect(answer.status).toBe(200);
    const end = addYears(self.employeeHireDate!.slice(0, 10), 10);
    expect(answer.body.rotationFromRecords).toEqual([
      {
        from: '2019-04',
        to: '2022-03',
        department: '市民課',
        division: '市民部',
        inEvaluationPeriod: '2019-04-01' < end,
      },
      {
        from: '2022-04',
        to: null,
        department: self.department,
        division: '健康福祉部',
        inEvaluationPeriod: '2022-04-01' < end,
      },
    ]);
  });

  it('marks typed postings that overlap the records as superseded, keeps earlier ones as they are', async () => {
    const saved = await call(self, 'PUT', path(), {
      version: 0,
      visionMidTerm: '',
      visionLongTerm: '',
      path: 'rotation',
      pathField: '',
      interests: [],
      qualificationsHeld: [],
      qualificationsPlanned: [],
      trainingsWanted: [],
      rotation: [
        { from: '2016-04', to: '2019-03', department: '納税課', duties: '' },
        { from: '2019-04', to: '2022-03', department: '市民課（窓口）', duties: '住民票' },
        { from: '2022-04', to: null, department: '今の課', duties: '' },
      ],
    });
    expect(saved.status).toBe(200);
    const rotation = saved.body.rotation as Array<{ from: string; superseded: boolean }>;
    expect(rotation.map(({ from, superseded }) => [from, superseded])).toEqual([
      ['2016-04', false],
      ['2019-04', true],
      ['2022-04', true],
    ]);
    // The typed entries stay the person's own: saving stored all three, the records are not copied in.
    const stored = await server.database.query<{ rotation: unknown[] }>(
      'SELECT rotation FROM career_designs WHERE person_id = $1',
      [self.id],
    );
    expect(stored[0]!.rotation).toHaveLength(3);
    expect((saved.body.rotationFromRecords as unknown[]).length).toBe(2);
  });

  it('leaves access as it was: the chain and HR read the records too, an outsider gets 403', async () => {
    // The import placed self under the 課's line in force (people.md): that supervisor is the chain now.
    const [line] = await server.database.query<{ supervisor_id: string }>(
      `SELECT supervisor_id FROM person_levels WHERE person_id = $1 AND effective_from <= $2::date
       ORDER BY effective_from DESC LIMIT 1`,
      [self.id, new Date().toISOString().slice(0, 10)],
    );
    const supervisor = { id: line!.supervisor_id };
    for (const reader of [supervisor, hr]) {
      const answer = await call(reader, 'GET', path());
      expect(answer.status, reader.id).toBe(200);
      expect((answer.body.rotationFromRecords as unknown[]).length).toBe(2);
      expect(answer.body.editable).toBe(false);
    }
    const denied = await call(outsider, 'GET', path());
    expect(denied.status).toBe(403);
    expect(denied.body.rotationFromRecords).toBeUndefined();
  });
});
