import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessPolicy } from '../../../src/auth/access.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { createInterviewTransfer } from '../../../src/interviews/interview-transfer.ts';
import { jstDayOf } from '../../../src/shared/japan-time.ts';
import { createPeopleAdminService } from '../../../src/people/people-admin.service.ts';
import { createPeopleService } from '../../../src/people/people.service.ts';
import { createPeopleStore } from '../../../src/people/people.store.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe.each(SLICE_BACKENDS)('reporting lines through 発令 on %s', (backend) => {
  let server: TestServer;
  const call = apiCaller(() => server);
  type Seed = TestServer['emulator']['people'][number];
  const seeded = (test: (person: Seed) => boolean) => server.emulator.people.find(test)!;
  const managerOf = async (id: string) =>
    (
      await server.database.query<{ manager_id: string | null }>(
        'SELECT manager_id FROM people WHERE id = $1',
        [id],
      )
    )[0]?.manager_id;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('applies a file that swaps two 課長 and moves a 係長 up as one change: nobody keeps the staff they left', async () => {
    const hr = seeded((person) => person.appRoles.length > 0 && person.levelId === 'kacho');
    const kachoA = seeded((person) => person.department === '市民課' && person.levelId === 'kacho');
    const kachoB = seeded((person) => person.department === '保険年金課' && person.levelId === 'kacho');
    const bucho = seeded((person) => person.id === kachoA.managerId);
    const kakarichoC = seeded((person) => person.department === '市民課' && person.levelId === 'kakaricho');
    const kakarichoD = seeded(
      (person) =>
        person.department === '市民課' && person.levelId === 'kakaricho' && person.id !== kakarichoC.id,
    );
    const staffOfC = seeded((person) => person.managerId === kakarichoC.id);
    const hosaOfB = seeded((person) => person.department === '保険年金課' && person.levelId === 'kachoHosa');
    expect(kachoB.managerId).toBe(bucho.id);
    const period = halfPeriodAt(new Date()).id;
    const selfCheck = (reader: Seed, subject: Seed) =>
      call(reader, 'GET', `/api/people/${subject.id}/self-checks/${period}`);
    expect((await selfCheck(kachoA, kakarichoD)).status).toBe(200);
    const roles = async (person: Seed) =>
      ((await call(person, 'GET', '/api/me')).body as { roles: string[] }).roles;
    expect(await roles(kakarichoC)).toContain('supervisor');

    // One 発令日 (today): A and B swap 課, C becomes 課長補佐 of B's former 課 (now A's).
    const today = jstDayOf(Date.now());
    const csv = [
      '職員番号,職層,部,所属,発令日',
      `${kachoA.employeeId},課長級,市民部,保険年金課,${today}`,
      `${kachoB.employeeId},課長級,市民部,市民課,${today}`,
      `${kakarichoC.employeeId},課長補佐級,市民部,保険年金課,${today}`,
    ].join('\r\n');
    const answer = await call(hr, 'POST', '/api/hr/people/imports', { contentBase64: utf8(csv) });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ added: 3, departmentsWithoutHead: [] });

    // The two heads report to their 部長, not to each other.
    expect(await managerOf(kachoA.id)).toBe(bucho.id);
    expect(await managerOf(kachoB.id)).toBe(bucho.id);
    // C works under the incoming head of their new 課, not the outgoing one.
    expect(await managerOf(kakarichoC.id)).toBe(kachoA.id);
    // Those left behind in 市民課 — A's 係長 and C's staff — now report to B; B's former staff to A.
    expect(await managerOf(kakarichoD.id)).toBe(kachoB.id);
    expect(await managerOf(staffOfC.id)).toBe(kachoB.id);
    expect(await managerOf(hosaOfB.id)).toBe(kachoA.id);

    // Authorization follows: A and C no longer read the people they left; the new heads do.
    expect((await selfCheck(kachoA, kakarichoD)).status).toBe(403);
    expect((await selfCheck(kachoA, staffOfC)).status).toBe(403);
    expect((await selfCheck(kakarichoC, staffOfC)).status).toBe(403);
    expect((await selfCheck(kachoB, kakarichoD)).status).toBe(200);
    expect((await selfCheck(kachoB, staffOfC)).status).toBe(200);
    expect((await selfCheck(kachoA, hosaOfB)).status).toBe(200);
    expect((await selfCheck(kachoB, hosaOfB)).status).toBe(403);
    // So do the tab's roles: C's staff all work under B now, and A's staff are named by HR's records only.
    expect(await roles(kakarichoC)).not.toContain('supervisor');
    expect(await roles(kachoA)).toContain('supervisor');
    expect(await roles(kachoB)).toContain('supervisor');

    // The same file again changes nothing.
    const again = await call(hr, 'POST', '/api/hr/people/imports', { contentBase64: utf8(csv) });
    expect(again.body).toMatchObject({ added: 0, updated: 0, unchanged: 3, supervisorsChanged: 0 });
  });

  it('shows HR where its 課 and the directory’s disagree; HR’s record wins until HR imports again', async () => {
    const hr = seeded((person) => person.appRoles.length > 0 && person.levelId === 'kacho');
    const kachoA = seeded((person) => person.department === '市民課' && person.levelId === 'kacho');
    const kachoB = seeded((person) => person.department === '保険年金課' && person.levelId === 'kacho');
    const listed = async () =>
      (await call(hr, 'GET', '/api/hr/people/disagreements')).body.people as Array<{
        id: string;
        department: string | null;
        directoryDepartment: string | null;
        effectiveFrom: string;
      }>;
    const today = jstDayOf(Date.now());
    expect((await listed()).find((row) => row.id === kachoA.id)).toEqual(
      expect.objectContaining({
        department: '保険年金課',
        directoryDepartment: '市民課',
        effectiveFrom: today,
      }),
    );
    // In force: HR's 課, whatever the directory says.
    expect((await call(kachoA, 'GET', '/api/me')).body.department).toBe('保険年金課');

    // IT moves A in Entra ID too (the two agree: A drops off the list) and B somewhere else entirely
    // (still listed, and still in HR's 課: the directory does not override HR's record).
    server.emulator.people.find((person) => person.id === kachoA.id)!.department = '保険年金課';
    server.emulator.people.find((person) => person.id === kachoB.id)!.department = '保育課';
    const requested = await call(hr, 'POST', '/api/hr/people/sync');
    expect(requested.status).toBe(202);
    const deadline = Date.now() + 60_000;
    while ((await call(hr, 'GET', '/api/hr/people/sync')).body.pending !== false) {
      if (Date.now() > deadline) throw new Error('the requested sync did not run');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const after = await listed();
    expect(after.map((row) => row.id)).not.toContain(kachoA.id);
    expect(after.find((row) => row.id === kachoB.id)).toEqual(
      expect.objectContaining({ department: '市民課', directoryDepartment: '保育課' }),
    );
    expect((await call(kachoB, 'GET', '/api/me')).body.department).toBe('市民課');
    const [audit] = await server.database.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_log WHERE resource = 'people.disagreements' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ actor_id: hr.id });
    expect((await call(kachoB, 'GET', '/api/hr/people/disagreements')).status).toBe(403);
  });

  it('sees a 4/1 promotion and transfer from 0:00 on 4/1, with no job run since 23:59 on 3/31', async () => {
    const hr = seeded((person) => person.appRoles.length > 0 && person.levelId === 'kacho');
    const person = seeded((entry) => entry.department === '子育て支援課' && entry.levelId === 'shuji');
    const oldSupervisor = seeded((entry) => entry.id === person.managerId);
    const newHead = seeded(
      (entry) =>
        entry.department === '保育課' && entry.divisionName === '子ども家庭部' && entry.levelId === 'kacho',
    );
    let clock = new Date('2027-03-31T14:59:00Z'); // 23:59 on 3/31 in Japan
    const now = () => clock;
    const admin = createPeopleAdminService({
      db: server.database.db,
      directory: {
        getUser: async () => null,
        getDirectReportIds: async () => [],
        readStaffPage: async () => ({ staff: [], goneIds: [], nextLink: null, deltaLink: '' }),
      },
      levels: server.framework.levels,
      chainHandler: createInterviewTransfer({ notifyOutlookWork: async () => undefined }),
      queueSync: async () => undefined,
      now,
    });
    const store = createPeopleStore(server.database.db, now);
    const access = createAccessPolicy(store);
    const profiles = createPeopleService({
      store,
      directory: {
        getUser: async () => null,
        getDirectReportIds: async () => [],
        readStaffPage: async () => ({ staff: [], goneIds: [], nextLink: null, deltaLink: '' }),
      },
      levels: server.framework.levels,
    });
    const csv = [
      '職員番号,職層,部,所属,発令日',
      `${person.employeeId},主任級,子ども家庭部,保育課,2027/4/1`,
    ].join('\r\n');
    await admin.importFile({ id: hr.id, isHr: true }, { contentBase64: utf8(csv), dryRun: false });

    const actor = (id: string) => ({ id, isHr: false });
    expect((await profiles.getProfile(person.id, { isHr: false })).levelId).toBe('shuji');
    expect(await access.relation(actor(oldSupervisor.id), person.id)).toBe('supervisor');

    for (const instant of ['2027-03-31T15:00:00Z', '2027-03-31T15:00:59Z']) {
      clock = new Date(instant); // 0:00:00 and 0:00:59 on 4/1 in Japan; nothing has re-applied anything
      const profile = await profiles.getProfile(person.id, { isHr: false });
      expect(profile).toMatchObject({ levelId: 'shunin', department: '保育課', managerId: newHead.id });
      expect(await access.relation(actor(newHead.id), person.id)).toBe('supervisor');
      expect(await access.relation(actor(oldSupervisor.id), person.id)).toBe('none');
      const history = await admin.levelHistory({ id: hr.id, isHr: true }, person.id);
      expect(history.person.levelId).toBe('shunin');
    }
    // The copy on `people` still holds 3/31: what was read came from the history, not from a job.
    const [copy] = await server.database.query<{ level_id: string; manager_id: string }>(
      'SELECT level_id, manager_id FROM people WHERE id = $1',
      [person.id],
    );
    expect(copy).toEqual({ level_id: 'shuji', manager_id: oldSupervisor.id });
  });
});
