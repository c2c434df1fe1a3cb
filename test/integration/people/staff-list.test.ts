import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffList } from '../../../src/people/people-admin.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const NO_LEVEL_ID = '00000000-0000-4000-8000-000000000001';

// HR's staff list (GET /api/hr/people): filters, pages, HR only, audited, and one head count that the
// dashboards and the channel mapping agree with.
describe.each(SLICE_BACKENDS)('HR staff list on %s', (backend) => {
  let server: TestServer;
  const call = apiCaller(() => server);
  let hr: { id: string };
  let shuji: { id: string; department: string | null };
  const list = async (query = '') => {
    const answer = await call(hr, 'GET', `/api/hr/people${query}`);
    expect(answer.status).toBe(200);
    return answer.body as unknown as StaffList;
  };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    hr = server.emulator.people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    shuji = server.emulator.people.find(
      (person) => person.department === '市民課' && person.levelId === 'shuji',
    )!;
    // Someone in 市民課 whose job title names no level (and HR never imported): listed, not counted.
    await server.database.query(
      `INSERT INTO people (id, user_principal_name, display_name, department, division, job_title)
       VALUES ($1, 'kyotsu@kodaira-demo.example', '共用 アカウント', '市民課', '市民部', '共用')`,
      [NO_LEVEL_ID],
    );
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses someone without the HR role, and a page size above the limit', async () => {
    const refused = await call(shuji, 'GET', '/api/hr/people');
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'forbidden']);
    expect((await call(hr, 'GET', '/api/hr/people?pageSize=500')).status).toBe(400);
    expect((await call(hr, 'GET', '/api/hr/people?employmentType=part')).status).toBe(400);
  });

  it('lists everyone in pages that neither repeat nor skip anyone, 課 by 課 in level order', async () => {
    const n = (await server.database.query<{ n: number }>('SELECT count(*)::int AS n FROM people'))[0]!.n;
    const first = await list('?pageSize=40');
    expect(first.total).toBe(n);
    const pages = [first];
    for (let page = 2; (page - 1) * 40 < first.total; page += 1)
      pages.push(await list(`?pageSize=40&page=${page}`));
    const ids = pages.flatMap((page) => page.people.map((person) => person.id));
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    expect((await list(`?pageSize=40&page=${pages.length + 1}`)).people).toEqual([]);
    // Inside a 課, the 課長 comes before the 主事.
    const shimin = (await list('?department=市民課&pageSize=200')).people;
    expect(shimin[0]!.levelId).toBe('kacho');
    expect(shimin.findIndex((person) => person.levelId === 'kacho')).toBeLessThan(
      shimin.findIndex((person) => person.levelId === 'shuji'),
    );
  });

  it('filters by 課, level, employment type and text, combined', async () => {
    const shimin = await list('?department=市民課&pageSize=200');
    expect(shimin.total).toBe(12);
    expect(shimin.people.every((person) => person.department === '市民課')).toBe(true);
    const shiminShuji = await list('?department=市民課&levelId=shuji');
    expect(shiminShuji.people.map((person) => person.levelId)).toEqual(['shuji', 'shuji', 'shuji']);
    const partTimers = await list('?employmentType=fiscalYear&pageSize=200');
    expect(partTimers.total).toBe(16);
    expect(partTimers.people.every((person) => person.levelId === 'kaikeiNendo')).toBe(true);
    const byNumber = await list('?q=K10005');
    expect(byNumber.people.map((person) => person.employeeId)).toEqual(['K10005']);
    expect(byNumber.people[0]!.managerName).toBeTruthy();
    const noLevel = await list('?levelId=none');
    expect(noLevel.people.map((person) => [person.id, person.counted])).toEqual([[NO_LEVEL_ID, false]]);
    // A % in the text is a character, not a wildcard.
    expect((await list('?q=%25')).total).toBe(0);
  });

  it('counts staff once, the same way the dashboards and the channel mapping do', async () => {
    const everyone = await list();
    expect(everyone.headcount.notCounted).toBe(1);
    expect(everyone.headcount.staff).toBe(everyone.total - 1);
    const shimin = everyone.departments.find((entry) => entry.department === '市民課')!;
    expect(shimin).toEqual({ department: '市民課', division: '市民部', staff: 11 });

    const completion = await call(hr, 'GET', '/api/hr/dashboards/completion?groupBy=department');
    const rows = (completion.body as { rows: Array<{ group: string; staff: number }> }).rows;
    expect(rows.find((row) => row.group === '市民課')?.staff).toBe(11);
    expect((completion.body as { totals: { staff: number } }).totals.staff).toBe(everyone.headcount.staff);
    const channels = await call(hr, 'GET', '/api/reports/channel-mappings');
    const departments = (channels.body as { departments: Array<{ department: string; people: number }> })
      .departments;
    for (const entry of everyone.departments)
      expect(departments.find((row) => row.department === entry.department)?.people).toBe(entry.staff);
  });

  it('shows a 発令 still to come as the next change, not in today’s 課 or head count', async () => {
    const before = await list();
    const answer = await call(hr, 'POST', '/api/hr/people/imports', {
      contentBase64: utf8(
        '職員番号,職層,雇用形態,部,所属,発令日\r\nK10005,係長級,常勤,市民部,市民課,2099/4/1\r\n',
      ),
    });
    expect(answer.status).toBe(200);
    const after = await list('?q=K10005');
    expect(after.people[0]).toMatchObject({
      department: '職員課',
      levelId: 'shunin',
      nextChange: { effectiveFrom: '2099-04-01', levelId: 'kakaricho', department: '市民課' },
    });
    expect((await list()).departments).toEqual(before.departments);
  });

  it('writes one audit entry per page read, with the filters and no names', async () => {
    await list('?department=保育課&page=1');
    const [entry] = await server.database.query<{ actor_id: string; action: string; details: unknown }>(
      `SELECT actor_id, action, details FROM audit_log WHERE resource = 'people.list' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({
      actor_id: hr.id,
      action: 'read',
      details: { department: '保育課', page: 1, people: 11 },
    });
  });
});
