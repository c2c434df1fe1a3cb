import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { addYears } from '../../../src/growth/career.service.ts';
import type { PlacementRollUps } from '../../../src/growth/placement.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { outsiderOf } from '../../support/growth-cast.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = {
  id: string;
  managerId: string | null;
  department: string | null;
  levelId: string | null;
  appRoles: string[];
};

// HR's 配置 workspace (docs/growth.md, "配置"): the year's 自己申告 listed, filtered, paged, read, exported,
// and rolled up; HR only, every read audited.
describe('the 配置 workspace (HR)', () => {
  let server: TestServer;
  let fiscalYear: number;
  let hr: Person;
  let self: Person;
  let supervisor: Person;
  let other: Person;

  beforeAll(async () => {
    // A short 評価期間 (configurable) so that some of the seeded staff, hired since 2016, reach its end.
    server = await startTestServer({ env: { EVALUATION_PERIOD_YEARS: '3' } });
    fiscalYear = halfPeriodAt(new Date()).fiscalYear;
    const people = server.emulator.people as Person[];
    self = people.find((person) => person.levelId === 'shuji' && person.department !== '職員課')!;
    supervisor = people.find((person) => person.id === self.managerId)!;
    hr = people.find((person) => person.appRoles.length > 0 && person.department !== self.department)!;
    other = outsiderOf(people, self)!;
    expect([self, supervisor, hr, other].every(Boolean)).toBe(true);

    await call(hr, 'POST', '/api/declaration-windows', { fiscalYear, closesOn: `${fiscalYear + 1}-03-31` });
    const saved = await call(self, 'PUT', `/api/people/me/declarations/${fiscalYear}`, {
      version: 0,
      placement: 'transfer',
      transferWishes: [
        { department: '保育課', reason: '子育て支援の経験を生かしたい' },
        { department: '情報政策課', reason: '窓口のDXに取り組みたい' },
      ],
      circumstances: '',
      comment: '',
      reflection: '窓口の待ち時間を半分にした',
    });
    expect(saved.status).toBe(200);
    expect(
      (await call(self, 'POST', `/api/people/me/declarations/${fiscalYear}/submit`, { version: 1 })).status,
    ).toBe(200);
    const draft = await call(other, 'PUT', `/api/people/me/declarations/${fiscalYear}`, {
      version: 0,
      placement: 'stay',
      transferWishes: [],
      circumstances: '',
      comment: '',
    });
    expect(draft.status).toBe(200);
    const career = await call(self, 'PUT', '/api/people/me/career', {
      version: 0,
      visionMidTerm: '',
      visionLongTerm: '',
      path: 'specialist',
      pathField: '福祉',
      interests: [],
      qualificationsHeld: [],
      qualificationsPlanned: [],
      trainingsWanted: [],
      rotation: [
        { from: '2015-04', to: '2019-03', department: '市民部', duties: '窓口' },
        { from: '2019-04', to: '2022-03', department: '市民部', duties: '住民記録' },
      ],
    });
    expect(career.status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const call = apiCaller(() => server);
  const list = (query: string) =>
    call(hr, 'GET', `/api/hr/placement/declarations?fiscalYear=${fiscalYear}${query}`);
  const ids = (body: Record<string, unknown>) =>
    ((body.items ?? []) as Array<{ id: string }>).map((item) => item.id);
  const auditRows = () =>
    server.database.query<{
      actor_id: string;
      action: string;
      subject_id: string | null;
      details: Record<string, unknown>;
    }>(
      `SELECT actor_id, action, subject_id, details FROM audit_log WHERE resource IN ('placement', 'declaration') ORDER BY id`,
    );

  it('lists the year’s forms by filter, with one audit entry per read naming the filter', async () => {
    const before = (await auditRows()).length;
    const all = await list('');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ fiscalYear, total: 2, nextCursor: null });
    expect(ids(all.body).sort()).toEqual([self.id, other.id].sort());
    const mine = (all.body.items as Array<Record<string, unknown>>).find((item) => item.id === self.id);
    expect(mine).toMatchObject({
      status: 'submitted',
      placement: 'transfer',
      wishes: ['保育課', '情報政策課'],
      path: 'specialist',
      pathField: '福祉',
      department: self.department,
    });

    const cases: Array<[string, string[]]> = [
      ['&status=submitted', [self.id]],
      ['&status=draft', [other.id]],
      ['&wishesTransfer=true', [self.id]],
      ['&wishesTransfer=false', [other.id]],
      ['&path=specialist', [self.id]],
      ['&path=undecided', [other.id]],
      [`&department=${encodeURIComponent(self.department!)}`, [self.id]],
      ['&level=shuji', [self.id, other.id].sort()],
      ['&level=kakaricho', []],
    ];
    for (const [query, expected] of cases) {
      const answer = await list(query);
      expect([query, answer.status, ids(answer.body).sort()]).toEqual([query, 200, expected]);
    }
    const rows = (await auditRows()).slice(before);
    expect(rows).toHaveLength(1 + cases.length);
    expect(
      rows.every((row) => row.actor_id === hr.id && row.action === 'read' && row.subject_id === null),
    ).toBe(true);
    expect(rows[1]!.details).toMatchObject({ fiscalYear, status: 'submitted', list: true });
    expect(rows.at(-1)!.details).toMatchObject({ level: 'kakaricho' });
  });

  it('pages by a cursor (keyset): each form once, in 課 order, the last page without a cursor', async () => {
    const first = await list('&limit=1');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(2);
    expect(ids(first.body)).toHaveLength(1);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await list(`&limit=1&cursor=${first.body.nextCursor as string}`);
    expect(second.status).toBe(200);
    expect(ids(second.body)).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([...ids(first.body), ...ids(second.body)]).toEqual(ids((await list('')).body));
  });

  it('opens one form with the person’s placement and career path, audited as a read of that person', async () => {
    const before = (await auditRows()).length;
    const opened = await call(hr, 'GET', `/api/hr/placement/declarations/${fiscalYear}/${self.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      person: { id: self.id, department: self.department },
      career: { path: 'specialist', pathField: '福祉' },
      declaration: { status: 'submitted', reflection: '窓口の待ち時間を半分にした', editable: false },
    });
    const rows = (await auditRows()).slice(before);
    expect(rows.map((row) => [row.actor_id, row.action, row.subject_id])).toEqual([[hr.id, 'read', self.id]]);
    // The 部 served, as the roll-up counts them: no 発令 imported here, so the 部 in force and the career
    // design's postings (市民部 twice: one 部).
    const rollUps = (await call(hr, 'GET', `/api/hr/placement/roll-ups?fiscalYear=${fiscalYear}`))
      .body as unknown as PlacementRollUps;
    const counted = rollUps.rotation.people.find((person) => person.id === self.id)!;
    expect(opened.body.rotation).toEqual({
      divisions: counted.divisions,
      fromRecords: counted.fromRecords,
      fromCareer: 1,
    });
    expect(counted.divisions).toContain('市民部');
  });

  it('exports the filtered forms as CSV with a BOM, their texts included, audited as an export', async () => {
    const before = (await auditRows()).length;
    const response = await fetch(
      `${server.url}/api/hr/placement/declarations.csv?fiscalYear=${fiscalYear}&status=submitted`,
      { headers: { authorization: `Bearer ${await server.tokenFor(hr.id)}` } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('資質・貢献度の振り返り');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('窓口の待ち時間を半分にした');
    expect(lines[1]).toContain('保育課');
    const rows = (await auditRows()).slice(before);
    expect(rows.map((row) => [row.action, row.details.status, row.details.rows])).toEqual([
      ['export', 'submitted', 1],
    ]);
  });

  it('rolls up transfer wishes, career paths, the 評価期間’s end and rotation coverage', async () => {
    const answer = await call(hr, 'GET', `/api/hr/placement/roll-ups?fiscalYear=${fiscalYear}`);
    expect(answer.status).toBe(200);
    const body = answer.body as unknown as PlacementRollUps;
    // Ties (one wish each) in the 課's name order.
    expect(body.transferWishes).toHaveLength(2);
    expect(body.transferWishes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          department: '保育課',
          count: 1,
          people: [expect.objectContaining({ id: self.id, rank: 1 })],
        }),
        expect.objectContaining({
          department: '情報政策課',
          count: 1,
          people: [expect.objectContaining({ id: self.id, rank: 2 })],
        }),
      ]),
    );
    expect(body.careerPaths).toMatchObject({ specialist: 1, rotation: 0 });
    expect(body.careerPaths.fields).toContainEqual({ path: 'specialist', field: '福祉', count: 1 });
    expect(body.evaluationPeriod.years).toBe(3);
    const fiscalYearOf = (day: string) => Number(day.slice(0, 4)) - (Number(day.slice(5, 7)) < 4 ? 1 : 0);
    const expected = body.rotation.people
      .filter((person) => person.hireDate !== null)
      .filter((person) => [fiscalYear, fiscalYear + 1].includes(fiscalYearOf(addYears(person.hireDate!, 3))))
      .map((person) => person.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(body.evaluationPeriod.people.map((person) => person.id).sort()).toEqual(expected);
    for (const person of body.evaluationPeriod.people) {
      expect(person.endsOn).toBe(addYears(person.hireDate!, 3));
      expect([fiscalYear, fiscalYear + 1]).toContain(person.endsInFiscalYear);
    }
    const mine = body.rotation.people.find((person) => person.id === self.id)!;
    // No 発令 imported here: the career design's postings (市民部 twice: one 部) and the 部 in force.
    expect(mine.fromCareer).toBe(1);
    expect(mine.divisions).toContain('市民部');
    const counted = body.rotation.histogram.reduce(
      (sum: number, bar: { people: number }) => sum + bar.people,
      0,
    );
    expect(counted).toBe(body.rotation.people.length);
  });

  it('gives career design the configured 評価期間 (EVALUATION_PERIOD_YEARS=3), not a fixed ten years', async () => {
    const career = await call(self, 'GET', '/api/people/me/career');
    expect(career.status).toBe(200);
    const hireDate = career.body.hireDate as string;
    expect(hireDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(career.body.evaluationPeriodEnd).toBe(addYears(hireDate, 3));
  });

  it('refuses everyone but HR with 403 on every route, writing nothing', async () => {
    const before = await snapshotState(server);
    const paths = [
      `/api/hr/placement/declarations?fiscalYear=${fiscalYear}`,
      `/api/hr/placement/declarations.csv?fiscalYear=${fiscalYear}`,
      `/api/hr/placement/declarations/${fiscalYear}/${self.id}`,
      `/api/hr/placement/roll-ups?fiscalYear=${fiscalYear}`,
    ];
    for (const denied of [self, supervisor, other])
      for (const path of paths) {
        const answer = await fetch(`${server.url}${path}`, {
          headers: { authorization: `Bearer ${await server.tokenFor(denied.id)}` },
        });
        expect([denied.id, path, answer.status]).toEqual([denied.id, path, 403]);
      }
    expect(await snapshotState(server)).toBe(before);
  });

  it('answers bad filters with 400 and a clear message, writing nothing (no audit entry)', async () => {
    const before = await snapshotState(server);
    const cases = [
      '&level=nosuchlevel',
      '&status=closed',
      '&wishesTransfer=yes',
      '&path=both',
      '&cursor=not*a*cursor',
      `&cursor=${Buffer.from('"x"').toString('base64url')}`,
      '&limit=0',
      '&limit=500',
    ];
    for (const query of cases) {
      const answer = await list(query);
      expect([query, answer.status, answer.body.error?.code]).toEqual([query, 400, 'validation_failed']);
    }
    for (const year of [2021, fiscalYear + 2]) {
      const answer = await call(hr, 'GET', `/api/hr/placement/roll-ups?fiscalYear=${year}`);
      expect([year, answer.status]).toEqual([year, 400]);
    }
    expect(await snapshotState(server)).toBe(before);
  });
});
