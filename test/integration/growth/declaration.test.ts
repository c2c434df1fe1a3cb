import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
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

/** A day in Japan, `offset` days from today (YYYY-MM-DD). */
function japanDay(offset: number): string {
  return new Date(Date.now() + 9 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

describe.each(SLICE_BACKENDS)('自己申告 (self-declaration) on %s', (backend) => {
  let server: TestServer;
  let fiscalYear: number;
  // A 主事 outside 職員課, their 係長 and 課長 (the supervisor chain, denied: 自己申告 is confidential to HR),
  // HR (職員課), a colleague of the same 課 outside the chain, and a 主事 of another 課.
  let self: Person;
  let supervisor: Person;
  let supervisorsSupervisor: Person;
  let hr: Person;
  let colleague: Person;
  let outsider: Person;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    fiscalYear = halfPeriodAt(new Date()).fiscalYear;
    const people = server.emulator.people as Person[];
    self = people.find((person) => person.levelId === 'shuji' && person.department !== '職員課')!;
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
  const path = (person: Person = self, year = fiscalYear) => `/api/people/${person.id}/declarations/${year}`;
  const form = (version: number, overrides: Record<string, unknown> = {}) => ({
    version,
    transferWishes: [
      { department: '保育課', reason: '子育て支援の経験を保育の現場で生かしたい' },
      { department: '情報政策課', reason: '窓口のDXに取り組みたい' },
    ],
    circumstances: '親の介護のため、当面は残業の少ない職場を希望します',
    comment: '',
    ...overrides,
  });
  const auditRows = (subjectId: string) =>
    server.database.query<{ actor_id: string; action: string; details: { fiscalYear?: number } }>(
      `SELECT actor_id, action, details FROM audit_log WHERE subject_id = $1 AND resource = 'declaration' ORDER BY id`,
      [subjectId],
    );

  it('shows a blank, read-only form and refuses writes while no window is open', async () => {
    const blank = await call(self, 'GET', `/api/people/me/declarations/${fiscalYear}`);
    expect(blank.status).toBe(200);
    expect(blank.body).toMatchObject({
      personId: self.id,
      fiscalYear,
      status: 'new',
      editable: false,
      window: null,
      version: 0,
      transferWishes: [],
    });
    const before = await snapshotState(server);
    const refused = await call(self, 'PUT', path(), form(0));
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('conflict');
    expect(await snapshotState(server)).toBe(before);
  });

  it('lets only HR open a window, once per year while open; everyone signed in sees the windows', async () => {
    const body = { fiscalYear, closesOn: `${fiscalYear + 1}-03-31` };
    const before = await snapshotState(server);
    for (const notHr of [self, supervisor, supervisorsSupervisor, colleague, outsider]) {
      expect((await call(notHr, 'POST', '/api/declaration-windows', body)).status).toBe(403);
    }
    expect(await snapshotState(server)).toBe(before);
    const opened = await call(hr, 'POST', '/api/declaration-windows', body);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ fiscalYear, closesOn: body.closesOn, closedAt: null, isOpen: true });
    const twice = await call(hr, 'POST', '/api/declaration-windows', body);
    expect(twice.status).toBe(409);
    for (const anyone of [self, outsider, hr]) {
      const listed = await call(anyone, 'GET', '/api/declaration-windows');
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([opened.body]);
    }
  });

  it('refuses windows for years that do not exist and last days in the past or after the year', async () => {
    const before = await snapshotState(server);
    const cases: Array<[unknown, number]> = [
      [{ fiscalYear: 2021, closesOn: '2022-03-31' }, 400],
      [{ fiscalYear: fiscalYear + 2, closesOn: `${fiscalYear + 3}-03-31` }, 422],
      [{ fiscalYear: fiscalYear + 1, closesOn: japanDay(-1) }, 422],
      [{ fiscalYear: fiscalYear + 1, closesOn: `${fiscalYear + 2}-04-01` }, 422],
      [{ fiscalYear: fiscalYear + 1, closesOn: `${fiscalYear + 1}-02-30` }, 400],
    ];
    for (const [body, status] of cases) {
      const answer = await call(hr, 'POST', '/api/declaration-windows', body);
      expect([body, answer.status]).toEqual([body, status]);
    }
    expect(await snapshotState(server)).toBe(before);
  });

  it('answers a fiscal year that does not exist with 404 and a clear message', async () => {
    for (const year of [2021, fiscalYear + 2]) {
      const answer = await call(self, 'GET', path(self, year));
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer.body.error)).toContain(`fiscal year ${year}`);
    }
    expect((await call(self, 'GET', `/api/people/me/declarations/26`)).status).toBe(400);
  });

  it('saves a draft (version 0 creates) that survives a reload, editable while the window is open', async () => {
    const saved = await call(self, 'PUT', `/api/people/me/declarations/${fiscalYear}`, form(0));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', version: 1, editable: true, submittedAt: null });
    expect(saved.body.window).toMatchObject({ fiscalYear, isOpen: true });
    const reread = await call(self, 'GET', path());
    expect(reread.body).toEqual(saved.body);
  });

  it('keeps the optional 資質・貢献度の振り返り: saved when sent, blank when left out', async () => {
    const current = await call(self, 'GET', path());
    expect(current.body.reflection).toBe('');
    const reflection = '窓口のDXで申請処理の日数を半分にした。後輩2人の指導も担った。';
    const saved = await call(self, 'PUT', path(), form(current.body.version as number, { reflection }));
    expect(saved.status).toBe(200);
    expect((await call(self, 'GET', path())).body).toMatchObject({ reflection });
    expect((await call(hr, 'GET', path())).body).toMatchObject({ reflection });
    const without = await call(self, 'PUT', path(), form(saved.body.version as number));
    expect(without.body).toMatchObject({ reflection: '' });
  });

  it('lets the person and HR read (HR read-only and audited); the supervisor chain, colleagues and outsiders get 403', async () => {
    const before = (await auditRows(self.id)).length;
    const asHr = await call(hr, 'GET', path());
    expect(asHr.status).toBe(200);
    expect(asHr.body).toMatchObject({ editable: false, circumstances: form(0).circumstances });
    for (const denied of [supervisor, supervisorsSupervisor, colleague, outsider]) {
      const answer = await call(denied, 'GET', path());
      expect([denied.id, answer.status, answer.body.error?.code]).toEqual([denied.id, 403, 'forbidden']);
    }
    expect((await call(self, 'GET', path())).status).toBe(200);
    const rows = (await auditRows(self.id)).slice(before);
    expect(rows.map((row) => [row.actor_id, row.action, row.details.fiscalYear])).toEqual([
      [hr.id, 'read', fiscalYear],
    ]);
  });

  it('lets HR staff read the declaration of someone they also supervise (職員課), audited', async () => {
    const people = server.emulator.people as Person[];
    const staff = people.find(
      (person) =>
        person.department === '職員課' &&
        person.levelId === 'shuji' &&
        people.find((manager) => manager.id === person.managerId)?.appRoles.length,
    )!;
    const hrSupervisor = people.find((person) => person.id === staff.managerId)!;
    const answer = await call(hrSupervisor, 'GET', path(staff));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ personId: staff.id, editable: false });
    expect((await auditRows(staff.id)).map((row) => row.actor_id)).toEqual([hrSupervisor.id]);
    expect((await call(hrSupervisor, 'PUT', path(staff), form(0))).status).toBe(403);
  });

  it('lets only the person save or submit: supervisors, HR, colleagues and outsiders get 403 and change nothing', async () => {
    const current = await call(self, 'GET', path());
    const version = current.body.version as number;
    const before = await snapshotState(server);
    for (const writer of [supervisor, supervisorsSupervisor, hr, colleague, outsider]) {
      expect((await call(writer, 'PUT', path(), form(version, { comment: '代筆' }))).status).toBe(403);
      expect((await call(writer, 'POST', `${path()}/submit`, { version })).status).toBe(403);
    }
    expect(await snapshotState(server)).toBe(before);
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const current = await call(self, 'GET', path());
    const version = current.body.version as number;
    const wish = { department: '保育課', reason: '理由' };
    const cases: Array<[string, Record<string, unknown>]> = [
      [
        'four wishes',
        { transferWishes: ['A課', 'B課', 'C課', 'D課'].map((department) => ({ ...wish, department })) },
      ],
      ['a wish without a reason', { transferWishes: [{ department: '保育課', reason: '' }] }],
      ['a wish with a blank reason', { transferWishes: [{ department: '保育課', reason: '   ' }] }],
      ['a wish without a workplace', { transferWishes: [{ department: '', reason: '理由' }] }],
      ['the same workplace twice', { transferWishes: [wish, { ...wish, reason: '別の理由' }] }],
      ['a workplace over 100 characters', { transferWishes: [{ ...wish, department: 'あ'.repeat(101) }] }],
      ['a reason over 2000 characters', { transferWishes: [{ ...wish, reason: 'あ'.repeat(2001) }] }],
      ['circumstances over 2000 characters', { circumstances: 'あ'.repeat(2001) }],
      ['a comment over 2000 characters', { comment: 'あ'.repeat(2001) }],
      ['a reflection over 2000 characters', { reflection: 'あ'.repeat(2001) }],
      ['a reflection that is not text', { reflection: 5 }],
      ['an unknown field', { rating: 5 }],
    ];
    const before = await snapshotState(server);
    for (const [label, overrides] of cases) {
      const answer = await call(self, 'PUT', path(), form(version, overrides));
      expect([label, answer.status, answer.body.error?.code]).toEqual([label, 400, 'validation_failed']);
    }
    expect(await snapshotState(server)).toBe(before);
    expect((await call(self, 'GET', path())).body).toEqual(current.body);
  });

  it('answers a stale version with 409 naming the current one, and tells the loser of two concurrent saves', async () => {
    const current = await call(self, 'GET', path());
    const version = current.body.version as number;
    const stale = await call(self, 'PUT', path(), form(0, { comment: '古い' }));
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'version_conflict',
      details: [{ path: 'body.version', message: `current version is ${version}` }],
    });
    const [first, second] = await Promise.all([
      call(self, 'PUT', path(), form(version, { comment: 'パソコンから' })),
      call(self, 'PUT', path(), form(version, { comment: 'スマホから' })),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const [winner, loser] = first.status === 200 ? [first, second] : [second, first];
    expect(loser.body.error?.code).toBe('version_conflict');
    const stored = await call(self, 'GET', path());
    expect(stored.body).toMatchObject({ comment: winner.body.comment, version: version + 1 });
  });

  it('submits once; then the form is read-only and further writes are 409 with nothing changed', async () => {
    const current = await call(self, 'GET', path());
    const submitted = await call(self, 'POST', `${path()}/submit`, { version: current.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', editable: false });
    expect(typeof submitted.body.submittedAt).toBe('string');
    const before = await snapshotState(server);
    const version = submitted.body.version as number;
    for (const answer of [
      await call(self, 'PUT', path(), form(version, { comment: '提出後の修正' })),
      await call(self, 'POST', `${path()}/submit`, { version }),
    ]) {
      expect(answer.status).toBe(409);
      expect(answer.body.error?.code).toBe('conflict');
    }
    expect(await snapshotState(server)).toBe(before);
    expect((await call(self, 'GET', path())).body).toEqual(submitted.body);
  });

  it('refuses submitting a form that was never saved', async () => {
    const answer = await call(outsider, 'POST', `${path(outsider)}/submit`, { version: 1 });
    expect(answer.status).toBe(409);
  });

  it('treats a window past its last day (Japan time) as closed: read-only, writes 409', async () => {
    const saved = await call(colleague, 'PUT', path(colleague), form(0));
    expect(saved.status).toBe(200);
    // Simulate the passing of time: the last day was yesterday in Japan. The first day moves back with it
    // where it was today (on 1 April, to a day of the year before), so both are put back afterwards.
    const [window] = await server.database.query<{ opens_on: string; closes_on: string }>(
      `SELECT opens_on::text, closes_on::text FROM cycle_windows WHERE fiscal_year = $1 AND kind = 'declaration'`,
      [fiscalYear],
    );
    await server.database.query(
      `UPDATE cycle_windows SET opens_on = LEAST(opens_on, $1::date), closes_on = $1
       WHERE fiscal_year = $2 AND kind = 'declaration'`,
      [japanDay(-1), fiscalYear],
    );
    try {
      const read = await call(colleague, 'GET', path(colleague));
      expect(read.body).toMatchObject({ editable: false, window: { isOpen: false, closedAt: null } });
      const before = await snapshotState(server);
      const refused = await call(colleague, 'PUT', path(colleague), form(1, { comment: '締切後' }));
      expect(refused.status).toBe(409);
      expect((await call(colleague, 'POST', `${path(colleague)}/submit`, { version: 1 })).status).toBe(409);
      expect(await snapshotState(server)).toBe(before);
    } finally {
      await server.database.query(
        `UPDATE cycle_windows SET opens_on = $1, closes_on = $2 WHERE fiscal_year = $3 AND kind = 'declaration'`,
        [window!.opens_on, window!.closes_on, fiscalYear],
      );
    }
    expect((await call(colleague, 'GET', path(colleague))).body.editable).toBe(true);
  });

  it('lets only HR close a window; then writes are 409 and the form is read-only; HR can reopen it', async () => {
    for (const notHr of [self, supervisor, supervisorsSupervisor, colleague, outsider]) {
      expect((await call(notHr, 'POST', `/api/declaration-windows/${fiscalYear}/close`)).status).toBe(403);
    }
    const closed = await call(hr, 'POST', `/api/declaration-windows/${fiscalYear}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ fiscalYear, isOpen: false });
    expect(typeof closed.body.closedAt).toBe('string');
    expect((await call(hr, 'POST', `/api/declaration-windows/${fiscalYear}/close`)).status).toBe(409);
    expect((await call(hr, 'POST', `/api/declaration-windows/${fiscalYear + 1}/close`)).status).toBe(404);
    expect((await call(hr, 'POST', `/api/declaration-windows/2021/close`)).status).toBe(404);

    const draft = await call(colleague, 'GET', path(colleague));
    expect(draft.body).toMatchObject({ status: 'draft', editable: false, window: { isOpen: false } });
    const before = await snapshotState(server);
    const refused = await call(colleague, 'PUT', path(colleague), form(1, { comment: '締切後' }));
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('conflict');
    expect(await snapshotState(server)).toBe(before);
    expect((await call(colleague, 'GET', path(colleague))).body).toEqual(draft.body);

    const reopened = await call(hr, 'POST', '/api/declaration-windows', {
      fiscalYear,
      closesOn: japanDay(0),
    });
    expect(reopened.status).toBe(201);
    expect(reopened.body).toMatchObject({ closedAt: null, isOpen: true, closesOn: japanDay(0) });
    expect((await call(colleague, 'GET', path(colleague))).body.editable).toBe(true);
  });
  it('refuses 会計年度任用職員 their own 自己申告 with 403 and a clear message: it does not apply to them', async () => {
    const people = server.emulator.people as Person[];
    const appointed = people.find((person) => person.levelId === 'kaikeiNendo')!;
    expect(appointed).toBeDefined();
    const before = await snapshotState(server);
    for (const answer of [
      await call(appointed, 'GET', `/api/people/me/declarations/${fiscalYear}`),
      await call(appointed, 'PUT', path(appointed), form(0)),
      await call(appointed, 'POST', `${path(appointed)}/submit`, { version: 1 }),
      await call(appointed, 'POST', `${path(appointed)}/revise`, form(1)),
    ]) {
      expect([answer.status, answer.body.error?.code]).toEqual([403, 'forbidden']);
      expect(JSON.stringify(answer.body.error)).toContain('does not apply to 会計年度任用職員');
    }
    expect(await snapshotState(server)).toBe(before);
  });

  it('keeps the 現職継続を希望 choice (with or without wishes for a move) and refuses an unknown one', async () => {
    const current = await call(outsider, 'GET', path(outsider));
    const saved = await call(
      outsider,
      'PUT',
      path(outsider),
      form(current.body.version as number, { placement: 'stay', transferWishes: [] }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ placement: 'stay', transferWishes: [], status: 'draft' });
    expect((await call(outsider, 'GET', path(outsider))).body.placement).toBe('stay');
    const before = await snapshotState(server);
    const refused = await call(
      outsider,
      'PUT',
      path(outsider),
      form(saved.body.version as number, { placement: 'maybe' }),
    );
    expect([refused.status, refused.body.error?.code]).toEqual([400, 'validation_failed']);
    expect(await snapshotState(server)).toBe(before);
  });

  it('lets a submitted form be revised while the window is open: still submitted, counted, audited, first time kept', async () => {
    const submitted = await call(self, 'GET', path());
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      editable: false,
      revisable: true,
      revisions: 0,
    });
    const auditBefore = (await auditRows(self.id)).length;
    const revised = await call(
      self,
      'POST',
      `${path()}/revise`,
      form(submitted.body.version as number, { placement: 'transfer', comment: '提出後に書き足しました' }),
    );
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({
      status: 'submitted',
      revisable: true,
      placement: 'transfer',
      comment: '提出後に書き足しました',
      submittedAt: submitted.body.submittedAt,
      revisions: 1,
      version: (submitted.body.version as number) + 1,
    });
    expect(typeof revised.body.revisedAt).toBe('string');
    const rows = (await auditRows(self.id)).slice(auditBefore);
    expect(rows.map((row) => [row.actor_id, row.action, row.details.fiscalYear])).toEqual([
      [self.id, 'write', fiscalYear],
    ]);
    // HR reads the latest.
    expect((await call(hr, 'GET', path())).body).toMatchObject({
      comment: '提出後に書き足しました',
      revisable: false,
    });

    const before = await snapshotState(server);
    const stale = await call(self, 'POST', `${path()}/revise`, form(submitted.body.version as number));
    expect(stale.body.error?.code).toBe('version_conflict');
    for (const writer of [supervisor, hr]) {
      expect(
        (await call(writer, 'POST', `${path()}/revise`, form(revised.body.version as number))).status,
      ).toBe(403);
    }
    // A draft is saved and submitted, not revised.
    const draft = await call(colleague, 'GET', path(colleague));
    expect(draft.body.status).toBe('draft');
    const notSubmitted = await call(
      colleague,
      'POST',
      `${path(colleague)}/revise`,
      form(draft.body.version as number),
    );
    expect([notSubmitted.status, notSubmitted.body.error?.code]).toEqual([409, 'conflict']);
    expect(await snapshotState(server)).toBe(before);

    // Once the window closes, the submitted form is final.
    await call(hr, 'POST', `/api/declaration-windows/${fiscalYear}/close`);
    const closed = await call(self, 'GET', path());
    expect(closed.body).toMatchObject({ revisable: false, editable: false });
    const late = await call(self, 'POST', `${path()}/revise`, form(revised.body.version as number));
    expect([late.status, late.body.error?.code]).toEqual([409, 'conflict']);
  });
});
