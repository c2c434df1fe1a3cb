import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedPerson } from '../../../src/dev/m365-emulator/index.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { createInterviewTransfer } from '../../../src/interviews/interview-transfer.ts';
import { interviewBookings, interviews } from '../../../src/interviews/interview.schema.ts';
import { createPeopleAdminService } from '../../../src/people/people-admin.service.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/people/${name}`, import.meta.url)).toString('base64');
const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

interface Detail {
  code: string;
  line: number;
  column: string | null;
  value?: string;
}

describe.each(SLICE_BACKENDS)('HR people import and sync on %s', (backend) => {
  let server: TestServer;
  const call = apiCaller(() => server);
  const byEmployeeId = (employeeId: string) =>
    server.emulator.people.find((person) => person.employeeId === employeeId)!;
  // 池田 陽子 (職員課 課長, HR), 石川 誠 (職員課 主事), 山下 優子 (総務課 主事) and her 係長 鈴木 優子.
  let hr: { id: string };
  let shuji: { id: string };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    hr = server.emulator.people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    shuji = byEmployeeId('K10006');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const managerOf = async (id: string) =>
    (
      await server.database.query<{ manager_id: string | null }>(
        'SELECT manager_id FROM people WHERE id = $1',
        [id],
      )
    )[0]?.manager_id;

  /** A booked interview a week ahead, as the booking flow stores it (its Outlook event not yet made). */
  const insertInterview = async (organizerId: string, personId: string) => {
    const db = server.database.db;
    const [booking] = await db
      .insert(interviewBookings)
      .values({ organizerId, idempotencyKey: randomUUID() })
      .returning();
    const startsAt = new Date(Date.now() + 7 * 24 * 3600_000);
    const [row] = await db
      .insert(interviews)
      .values({
        bookingId: booking!.id,
        organizerId,
        personId,
        type: 'career',
        fiscalYear: halfPeriodAt(startsAt).fiscalYear,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        status: 'booked',
        transactionId: randomUUID(),
        sharedNotes: '異動前に話したいこと',
        privateNotes: '前の上司のメモ',
      })
      .returning();
    return row!;
  };
  const interviewsOf = (personId: string) =>
    server.database.query<{
      organizer_id: string;
      status: string;
      shared_notes: string;
      private_notes: string;
    }>(
      'SELECT organizer_id, status, shared_notes, private_notes FROM interviews WHERE person_id = $1 ORDER BY created_at',
      [personId],
    );

  it('answers 403 to someone without the HR role on every HR people route', async () => {
    const answers = await Promise.all([
      call(shuji, 'GET', '/api/hr/people/sync'),
      call(shuji, 'POST', '/api/hr/people/sync'),
      call(shuji, 'POST', '/api/hr/people/imports', { contentBase64: fixture('levels-good.sjis.csv') }),
      call(shuji, 'GET', `/api/hr/people/${shuji.id}/levels`),
    ]);
    expect(answers.map((answer) => [answer.status, answer.body.error?.code])).toEqual(
      Array.from({ length: 4 }, () => [403, 'forbidden']),
    );
  });

  it('refuses a file with bad rows, lists each by line and reason, and changes nothing', async () => {
    const before = await snapshotState(server);
    const answer = await call(hr, 'POST', '/api/hr/people/imports', {
      fileName: 'levels-bad.csv',
      contentBase64: fixture('levels-bad.utf8-bom.csv'),
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error?.code).toBe('unprocessable');
    const details = (answer.body.error as unknown as { details: Detail[] }).details;
    expect(details.map(({ line, code, column, value }) => ({ line, code, column, value }))).toEqual([
      { line: 3, code: 'unknown_person', column: '職員番号', value: 'K99999' },
      { line: 4, code: 'unknown_level', column: '職層', value: '主査級' },
      { line: 5, code: 'bad_employment_type', column: '雇用形態', value: 'パート' },
      { line: 6, code: 'bad_date', column: '採用日', value: '2020/13/1' },
      { line: 7, code: 'duplicate_row', column: null, value: '2' },
    ]);
    expect(await snapshotState(server)).toBe(before);
  });

  it('refuses empty, unreadable and oversized files with their own codes', async () => {
    const empty = await call(hr, 'POST', '/api/hr/people/imports', {
      contentBase64: utf8('職員番号,職層\r\n'),
    });
    expect([empty.status, (empty.body.error as unknown as { details: Detail[] }).details[0]!.code]).toEqual([
      422,
      'empty_file',
    ]);
    const binary = await call(hr, 'POST', '/api/hr/people/imports', {
      contentBase64: Buffer.from([0x41, 0x82, 0x20, 0xff, 0xfe]).toString('base64'),
    });
    expect((binary.body.error as unknown as { details: Detail[] }).details[0]!.code).toBe(
      'unreadable_encoding',
    );
    const before = await snapshotState(server);
    const nul = await call(hr, 'POST', '/api/hr/people/imports', {
      contentBase64: utf8('職員番号,職層,所属,発令日\r\nK10006,主任級,職\u0000員課,2026/4/1\r\n'),
    });
    expect([nul.status, (nul.body.error as unknown as { details: Detail[] }).details[0]]).toMatchObject([
      422,
      { code: 'unstorable_character', line: 2 },
    ]);
    expect(await snapshotState(server)).toBe(before);
    const huge = await call(hr, 'POST', '/api/hr/people/imports', {
      contentBase64: Buffer.alloc(1024 * 1024 + 1, 0x41).toString('base64'),
    });
    expect([huge.status, huge.body.error?.code]).toEqual([413, 'payload_too_large']);
  });

  it('applies a good Shift_JIS file in one go, audits it, and moves a transferred person’s pending interview and review rights to the new supervisor', async () => {
    const transferee = byEmployeeId('K10017'); // 山下 優子, 総務課 → 職員課 from 2026/10/1
    const oldSupervisor = byEmployeeId('K10015'); // her 係長 in 総務課
    const newSupervisor = byEmployeeId('K10002'); // 池田 陽子, head of 職員課
    expect(await managerOf(transferee.id)).toBe(oldSupervisor.id);
    await insertInterview(oldSupervisor.id, transferee.id);
    // The old supervisor reads her self-check today.
    const period = halfPeriodAt(new Date()).id;
    expect(
      (await call(oldSupervisor, 'GET', `/api/people/${transferee.id}/self-checks/${period}`)).status,
    ).toBe(200);

    const answer = await call(hr, 'POST', '/api/hr/people/imports', {
      fileName: '発令.csv',
      contentBase64: fixture('levels-good.sjis.csv'),
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      dryRun: false,
      encoding: 'shift_jis',
      rows: 4,
      added: 4,
      updated: 0,
      effectiveNow: 3,
      scheduled: 1,
      supervisorsChanged: 1,
      interviewsReassigned: 1,
      departmentsWithoutHead: [],
    });

    // Today's level everywhere: /api/me and the self-check's matrix row; the 2099 promotion waits.
    const me = await call(shuji, 'GET', '/api/me');
    expect(me.body.levelId).toBe('shunin');
    const check = await call(shuji, 'GET', `/api/people/${shuji.id}/self-checks/${period}`);
    expect(check.body.levelId).toBe('shunin');
    const waiting = await call(byEmployeeId('K10005'), 'GET', '/api/me');
    expect(waiting.body.levelId).toBe('shunin');
    const history = await call(hr, 'GET', `/api/hr/people/${byEmployeeId('K10005').id}/levels`);
    expect(history.body).toMatchObject({
      levelSource: 'jobTitle',
      records: [{ levelId: 'kakaricho', effectiveFrom: '2099-04-01', scheduled: true, current: false }],
    });

    // Audited with who imported what.
    const [audit] = await server.database.query<{
      actor_id: string;
      action: string;
      details: { rows: number };
    }>(
      `SELECT actor_id, action, details FROM audit_log WHERE resource = 'people.import' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ actor_id: hr.id, action: 'write', details: { rows: 4 } });

    // The transfer: new 課 and supervisor; the interview moves, the old supervisor's private note stays behind.
    expect(await managerOf(transferee.id)).toBe(newSupervisor.id);
    expect(await interviewsOf(transferee.id)).toEqual([
      {
        organizer_id: oldSupervisor.id,
        status: 'cancelled',
        shared_notes: '異動前に話したいこと',
        private_notes: '前の上司のメモ',
      },
      {
        organizer_id: newSupervisor.id,
        status: expect.stringMatching(/^(pending|booked)$/) as unknown,
        shared_notes: '異動前に話したいこと',
        private_notes: '',
      },
    ]);
    // Reviews follow the chain: the old supervisor loses access, the new one gains it.
    expect(
      (await call(oldSupervisor, 'GET', `/api/people/${transferee.id}/self-checks/${period}`)).status,
    ).toBe(403);
    expect((await call(oldSupervisor, 'GET', `/api/people/${transferee.id}/goals`)).status).toBe(403);
    expect(
      (await call(newSupervisor, 'GET', `/api/people/${transferee.id}/self-checks/${period}`)).status,
    ).toBe(200);
    expect((await call(newSupervisor, 'GET', `/api/people/${transferee.id}/goals`)).status).toBe(200);

    // The same file again changes nothing.
    const again = await call(hr, 'POST', '/api/hr/people/imports', {
      contentBase64: fixture('levels-good.sjis.csv'),
    });
    expect(again.body).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 4,
      supervisorsChanged: 0,
      interviewsReassigned: 0,
    });
  });

  const syncNow = async () => {
    const requested = await call(hr, 'POST', '/api/hr/people/sync');
    expect(requested.status).toBe(202);
    expect(requested.body.pending).toBe(true);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = await call(hr, 'GET', '/api/hr/people/sync');
      if (status.body.pending === false) return status.body;
      if (Date.now() > deadline) throw new Error('the requested sync did not run');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('syncs on demand, reports what changed, keeps an imported transfer while the directory lags, and re-routes on a directory transfer', async () => {
    const transferee = byEmployeeId('K10017');
    const unchanged = await syncNow();
    expect(unchanged).toMatchObject({
      lastSync: {
        people: server.emulator.people.filter((person) => !person.isMailbox).length,
        added: 0,
        supervisorsChanged: 0,
      },
    });
    // The directory still names her old 係長: the imported transfer holds.
    expect(await managerOf(transferee.id)).toBe(byEmployeeId('K10002').id);

    // A move in the directory: 山本 悠真 (職員課, under 係長 山下 誠) to 係長 石井 美咲.
    const mover = byEmployeeId('K10011');
    const oldSupervisor = byEmployeeId('K10009');
    const newSupervisor = byEmployeeId('K10004');
    await insertInterview(oldSupervisor.id, mover.id);
    server.emulator.people.find((person) => person.id === mover.id)!.managerId = newSupervisor.id;
    // And the directory catches up with the imported transfer (a 係長 of 職員課, below its 課長).
    server.emulator.people.find((person) => person.id === transferee.id)!.managerId = newSupervisor.id;

    const moved = await syncNow();
    expect(moved).toMatchObject({ lastSync: { supervisorsChanged: 2, interviewsReassigned: 1 } });
    expect(await managerOf(mover.id)).toBe(newSupervisor.id);
    expect((await interviewsOf(mover.id)).map((row) => [row.organizer_id, row.status])).toEqual([
      [oldSupervisor.id, 'cancelled'],
      [newSupervisor.id, expect.stringMatching(/^(pending|booked)$/) as unknown],
    ]);
    // The directory now wins for her; her interview stays with the 課長, who is still above her.
    expect(await managerOf(transferee.id)).toBe(newSupervisor.id);
    expect((await interviewsOf(transferee.id)).filter((row) => row.status !== 'cancelled')).toHaveLength(1);
  });

  it('imports only staff, and a later sync reads only what changed (users delta), resyncing when the link expires', async () => {
    await syncNow();
    const base = byEmployeeId('K10006');
    const outsider = (name: string, fields: Partial<SeedPerson>): SeedPerson => ({
      ...base,
      id: randomUUID(),
      userPrincipalName: `${name}@kodaira-demo.example`,
      mail: `${name}@kodaira-demo.example`,
      displayName: name,
      employeeId: null,
      ...fields,
    });
    const guest = outsider('guest', { userType: 'Guest' });
    const disabled = outsider('disabled', { accountEnabled: false });
    const room = outsider('room-101', { isMailbox: true, accountEnabled: false, licensed: false });
    const shared = outsider('shared', { isMailbox: true, accountEnabled: true, licensed: false });
    server.emulator.people.push(guest, disabled, room, shared);
    try {
      const before = server.emulator.stats().byPath['/users/delta'] ?? 0;
      const first = await syncNow();
      const present = async (ids: string[]) =>
        (await server.database.query<{ id: string }>('SELECT id FROM people WHERE id = ANY($1)', [ids])).map(
          (row) => row.id,
        );
      expect(await present([guest.id, disabled.id, room.id, shared.id])).toEqual([]);
      expect(first).toMatchObject({ lastSync: { added: 0 } });
      // Nothing else changed: one delta request, no listing of the whole directory.
      expect((server.emulator.stats().byPath['/users/delta'] ?? 0) - before).toBe(1);
      expect(server.emulator.stats().byPath['/users'] ?? 0).toBe(0);

      // One change: the guest becomes a member; a staff member is disabled.
      guest.userType = 'Member';
      const leaver = byEmployeeId('K10020');
      leaver.accountEnabled = false;
      const beforeChange = server.emulator.stats().byPath['/users/delta'] ?? 0;
      await syncNow();
      expect(await present([guest.id, leaver.id])).toEqual([guest.id]);
      // Only the two changes were read: a single delta page (a full read of the city hall takes more).
      expect((server.emulator.stats().byPath['/users/delta'] ?? 0) - beforeChange).toBe(1);

      // The stored link expires: a full read again, with the same result.
      server.emulator.expireDeltaLinks();
      const beforeResync = server.emulator.stats().byPath['/users/delta'] ?? 0;
      await syncNow();
      expect((server.emulator.stats().byPath['/users/delta'] ?? 0) - beforeResync).toBeGreaterThan(1);
      expect(await present([guest.id, leaver.id])).toEqual([guest.id]);
      leaver.accountEnabled = true;
      await syncNow();
      expect(await present([leaver.id])).toEqual([leaver.id]);
      expect(await managerOf(leaver.id)).toBe(leaver.managerId);
    } finally {
      server.emulator.people.splice(server.emulator.people.indexOf(guest), 4);
    }
  });

  it('applies a future-dated promotion on its date without another import, keeping the old level in history', async () => {
    let clock = new Date('2027-03-31T14:59:00Z'); // 23:59 on 3/31 in Japan
    const service = createPeopleAdminService({
      db: server.database.db,
      directory: {
        getUser: async () => null,
        getDirectReportIds: async () => [],
        readStaffPage: async () => ({ staff: [], goneIds: [], nextLink: null, deltaLink: 'unused' }),
      },
      levels: server.framework.levels,
      chainHandler: createInterviewTransfer({ notifyOutlookWork: async () => undefined }),
      queueSync: async () => undefined,
      now: () => clock,
    });
    const person = byEmployeeId('K10022'); // 森 由美, 主事 of 総務課
    const actor = { id: hr.id, isHr: true };
    const csv = ['職員番号,職層,発令日', 'K10022,主事級,2026/4/1', 'K10022,主任級,2027/4/1'].join('\r\n');
    const summary = await service.importFile(actor, { contentBase64: utf8(csv), dryRun: false });
    expect(summary).toMatchObject({ effectiveNow: 1, scheduled: 1 });
    const levelOf = async () =>
      (
        await server.database.query<{ level_id: string }>('SELECT level_id FROM people WHERE id = $1', [
          person.id,
        ])
      )[0]!.level_id;
    expect(await levelOf()).toBe('shuji');

    clock = new Date('2027-03-31T15:00:00Z'); // 0:00 on 4/1 in Japan
    const applied = await service.applyEffectiveToday();
    expect(applied.peopleChanged).toBe(1);
    expect(await levelOf()).toBe('shunin');
    const history = await service.levelHistory(actor, person.id);
    expect(history.levelSource).toBe('import');
    expect(history.records.map((record) => [record.levelId, record.effectiveFrom, record.current])).toEqual([
      ['shunin', '2027-04-01', true],
      ['shuji', '2026-04-01', false],
    ]);
  });
});
