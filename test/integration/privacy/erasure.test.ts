import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import type { ErasurePreview, ErasureRecordView } from '../../../src/privacy/erasure.contract.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = TestServer['emulator']['people'][number];

describe.each(SLICE_BACKENDS)('erasing a leaver’s personal data (HR) on %s', (backend) => {
  let server: TestServer;
  let hr: Person;
  /** The leaver: a 係長 who is also the supervisor of `report`. */
  let leaver: Person;
  let report: Person;
  let fiscalYear: number;
  let reportGoalId: string;
  let leaverInterviewId: string;
  let heldInterviewId: string;
  let pastHeldInterviewId: string;
  const call = apiCaller(() => server);

  const career = {
    version: 0,
    visionMidTerm: '窓口で頼られる職員になる',
    visionLongTerm: '地域福祉の計画づくりに携わる',
    path: 'rotation',
    pathField: '福祉',
    interests: ['地域福祉'],
    qualificationsHeld: [],
    qualificationsPlanned: [],
    trainingsWanted: [],
    rotation: [],
  };
  const goal = () => ({
    fiscalYear,
    title: '窓口の待ち時間を短縮する',
    successCriteria: '平均15分以内',
    dueDate: `${fiscalYear + 1}-03-31`,
    competencyIds: [],
    guidelineIds: [],
    idempotencyKey: randomUUID(),
  });
  const interview = async (organizerId: string, personId: string, startsAt: Date, type: string) => {
    const id = randomUUID();
    const bookingId = randomUUID();
    await server.database.query(
      `INSERT INTO interview_bookings (id, organizer_id, idempotency_key) VALUES ($1, $2, $3)`,
      [bookingId, organizerId, randomUUID()],
    );
    await server.database.query(
      `INSERT INTO interviews (id, booking_id, organizer_id, person_id, type, fiscal_year, starts_at, ends_at, status, transaction_id, shared_notes, private_notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'booked', $9, '共有メモ', '上司の個人メモ')`,
      [
        id,
        bookingId,
        organizerId,
        personId,
        type,
        fiscalYear,
        startsAt,
        new Date(startsAt.getTime() + 30 * 60_000),
        randomUUID(),
      ],
    );
    return id;
  };
  const countWhere = async (table: string, column: string, id: string) =>
    Number(
      (
        await server.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
          [id],
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const people = server.emulator.people;
    fiscalYear = halfPeriodAt(new Date()).fiscalYear;
    hr = people.find((person) => person.appRoles.includes('Hagukumi.HR'))!;
    report = people.find((person) => person.levelId === 'shunin' && person.department === '市民課')!;
    leaver = people.find((person) => person.id === report.managerId)!;
    expect(leaver.appRoles).toEqual([]);

    // The leaver's own data: career design, a goal, an interview about them (held by their 課長).
    expect((await call(leaver, 'PUT', '/api/people/me/career', career)).status).toBe(200);
    expect((await call(leaver, 'POST', '/api/people/me/goals', goal())).status).toBe(201);
    leaverInterviewId = await interview(
      leaver.managerId!,
      leaver.id,
      new Date(Date.now() + 86_400_000),
      'career',
    );
    // Their part in the report's data: a comment on the report's goal, interviews they hold (one ahead,
    // one past).
    const created = await call(report, 'POST', '/api/people/me/goals', goal());
    reportGoalId = created.body.id as string;
    const commented = await call(leaver, 'POST', `/api/people/${report.id}/goals/${reportGoalId}/comments`, {
      version: created.body.version,
      stage: 'mid',
      text: 'よく進んでいます',
    });
    expect(commented.status, JSON.stringify(commented.body)).toBe(200);
    heldInterviewId = await interview(leaver.id, report.id, new Date(Date.now() + 2 * 86_400_000), 'midYear');
    pastHeldInterviewId = await interview(
      leaver.id,
      report.id,
      new Date(Date.now() - 30 * 86_400_000),
      'goalSetting',
    );
    // Bot messages: one to the leaver (a reminder), one to the report (kept); and OJT suggestion notices to
    // the report's side: one naming the leaver (erased with them), one naming the report (kept).
    for (const [key, personId] of [
      ['reminder:leaver', leaver.id],
      ['reminder:report', report.id],
      [`ojt-suggestion:${leaver.id}:suggestion-1`, report.id],
      [`ojt-suggestion:${report.id}:suggestion-2`, report.id],
      // 資格取得 notices: to the supervisor about the leaver's application, and to the report of a decision
      // the leaver made (its card quotes them), both erased; of someone else's decision, kept.
      [`qualification-application:${leaver.id}:application-1:1:supervisor`, report.id],
      [`qualification-application:${report.id}:application-2:2:applicant:${leaver.id}`, report.id],
      [`qualification-application:${report.id}:application-3:2:applicant:someone-else`, report.id],
    ] as const)
      await server.database.query(`INSERT INTO bot_outbox (key, recipient, payload) VALUES ($1, $2, $3)`, [
        key,
        JSON.stringify({ kind: 'person', personId }),
        JSON.stringify({ text: 'まだ研修報告が出ていません' }),
      ]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lets only HR preview, erase or list erasures', async () => {
    for (const person of [report, leaver]) {
      expect((await call(person, 'GET', `/api/hr/people/${leaver.id}/erasure-preview`)).status).toBe(403);
      expect(
        (
          await call(person, 'POST', `/api/hr/people/${leaver.id}/erase`, {
            confirmPersonId: leaver.id,
            force: true,
            reason: '退職',
          })
        ).status,
      ).toBe(403);
      expect((await call(person, 'GET', '/api/hr/erasures')).status).toBe(403);
    }
  });

  it('previews what would be deleted and detached, and says the directory still lists the person', async () => {
    const answer = await call(hr, 'GET', `/api/hr/people/${leaver.id}/erasure-preview`);
    expect(answer.status).toBe(200);
    const preview = answer.body as unknown as ErasurePreview;
    expect(preview.activeInDirectory).toBe(true);
    expect(preview.displayName).toBe(leaver.displayName);
    expect(preview.deletes).toMatchObject({
      'career_designs.person_id': 1,
      'goals.person_id': 1,
      'interviews.person_id': 1,
      'people.id': 1,
    });
    expect(preview.detaches).toMatchObject({
      'interviews.organizer_id': 2,
      'interview_bookings.organizer_id': 2,
      'goals.comments': 1,
    });
  });

  it('refuses (409) while the directory lists the person, and a forced erasure without a reason (400), changing nothing', async () => {
    const before = await countWhere('goals', 'person_id', leaver.id);
    const refused = await call(hr, 'POST', `/api/hr/people/${leaver.id}/erase`, {
      confirmPersonId: leaver.id,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('conflict');
    const noReason = await call(hr, 'POST', `/api/hr/people/${leaver.id}/erase`, {
      confirmPersonId: leaver.id,
      force: true,
    });
    expect(noReason.status).toBe(400);
    const wrongPerson = await call(hr, 'POST', `/api/hr/people/${leaver.id}/erase`, {
      confirmPersonId: report.id,
      force: true,
      reason: '退職',
    });
    expect(wrongPerson.status).toBe(400);
    expect(await countWhere('goals', 'person_id', leaver.id)).toBe(before);
    expect(await countWhere('erasure_records', 'erased_person_id', leaver.id)).toBe(0);
  });

  it('forced with a reason: deletes the leaver’s own data, keeps the report’s records with the leaver detached, records and audits it', async () => {
    const answer = await call(hr, 'POST', `/api/hr/people/${leaver.id}/erase`, {
      confirmPersonId: leaver.id,
      force: true,
      reason: '退職（ディレクトリ削除待ち）',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const record = answer.body as unknown as ErasureRecordView;
    expect(record).toMatchObject({
      personId: leaver.id,
      displayName: leaver.displayName,
      erasedBy: { id: hr.id, displayName: hr.displayName },
      forced: true,
      reason: '退職（ディレクトリ削除待ち）',
    });
    expect(record.deletes['goals.person_id']).toBe(1);
    expect(record.detaches['interviews.organizer_id']).toBe(2);

    // Gone: everything of the leaver's own.
    for (const [table, column] of [
      ['career_designs', 'person_id'],
      ['goals', 'person_id'],
      ['interviews', 'person_id'],
      ['people', 'id'],
    ] as const)
      expect(await countWhere(table, column, leaver.id), `${table}.${column}`).toBe(0);
    expect(await countWhere('interviews', 'id', leaverInterviewId)).toBe(0);
    expect(
      (
        await server.database.query<{ key: string }>(
          "SELECT key FROM bot_outbox WHERE key LIKE 'reminder:%' ORDER BY key",
        )
      ).map((row) => row.key),
    ).toEqual(['reminder:report']);
    expect(
      (
        await server.database.query<{ key: string }>(
          "SELECT key FROM bot_outbox WHERE key LIKE 'ojt-suggestion:%' ORDER BY key",
        )
      ).map((row) => row.key),
    ).toEqual([`ojt-suggestion:${report.id}:suggestion-2`]);
    // The notices about the leaver's application and naming them as the decider went; the other stays.
    expect(
      (
        await server.database.query<{ key: string }>(
          "SELECT key FROM bot_outbox WHERE key LIKE 'qualification-application:%' ORDER BY key",
        )
      ).map((row) => row.key),
    ).toEqual([`qualification-application:${report.id}:application-3:2:applicant:someone-else`]);

    // Kept: the report's goal with the comment, its author now the tombstone of this erasure.
    const tombstone = `erased:${record.id}`;
    const [reportGoal] = await server.database.query<{ comments: Array<{ authorId: string; text: string }> }>(
      'SELECT comments FROM goals WHERE id = $1',
      [reportGoalId],
    );
    expect(reportGoal!.comments).toEqual([
      expect.objectContaining({ authorId: tombstone, text: 'よく進んでいます' }),
    ]);
    // The interviews the leaver held stay the report's, without the leaver's id or private notes; the
    // one ahead is cancelled (nobody holds it now), the past one keeps its status.
    const held = await server.database.query<{
      id: string;
      organizer_id: string;
      private_notes: string;
      shared_notes: string;
      status: string;
    }>(
      'SELECT id, organizer_id, private_notes, shared_notes, status FROM interviews WHERE person_id = $1 ORDER BY starts_at',
      [report.id],
    );
    expect(held).toEqual([
      {
        id: pastHeldInterviewId,
        organizer_id: tombstone,
        private_notes: '',
        shared_notes: '共有メモ',
        status: 'booked',
      },
      {
        id: heldInterviewId,
        organizer_id: tombstone,
        private_notes: '',
        shared_notes: '共有メモ',
        status: 'cancelled',
      },
    ]);
    expect(await countWhere('interview_bookings', 'organizer_id', leaver.id)).toBe(0);

    // The audit row, in the same transaction, with ids and counts only.
    const [audited] = await server.database.query<{
      actor_id: string;
      action: string;
      resource: string;
      details: { erasureId: string };
    }>(
      `SELECT actor_id, action, resource, details FROM audit_log WHERE subject_id = $1 AND action = 'delete'`,
      [leaver.id],
    );
    expect(audited).toMatchObject({
      actor_id: hr.id,
      action: 'delete',
      resource: 'personal-data',
      details: { erasureId: record.id },
    });

    // The record is listed, and nobody can change or remove it.
    const listed = await call(hr, 'GET', `/api/hr/erasures?personId=${leaver.id}`);
    expect((listed.body as unknown as ErasureRecordView[]).map((entry) => entry.id)).toEqual([record.id]);
    await expect(server.database.query(`UPDATE erasure_records SET reason = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(server.database.query('DELETE FROM erasure_records')).rejects.toThrow(/append-only/);
  });

  const syncNow = async () => {
    const requested = await call(hr, 'POST', '/api/hr/people/sync');
    expect(requested.status).toBe(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = await call(hr, 'GET', '/api/hr/people/sync');
      if (status.body.pending === false) return;
      if (Date.now() > deadline) throw new Error('the requested sync did not run');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('keeps a force-erased person who is still in Entra ID out of the directory copy until HR lets them back, then as a new, empty record', async () => {
    // Still listed by the directory; the next sync must not bring them (or their reporting lines) back.
    await syncNow();
    expect(await countWhere('people', 'id', leaver.id)).toBe(0);
    // Nor may a sign-in re-create them from the directory.
    const me = await call(leaver, 'GET', '/api/me');
    expect([me.status, me.body.error?.code]).toEqual([403, 'forbidden']);
    expect(await countWhere('people', 'id', leaver.id)).toBe(0);
    // Their former report is not theirs any more: the directory still names them, the app does not.
    expect((await call(leaver, 'GET', `/api/people/${report.id}/goals`)).status).toBe(403);

    // Only HR lifts it; then the next sync brings them back with nothing of before.
    expect((await call(report, 'POST', `/api/hr/people/${leaver.id}/reinstate`)).status).toBe(403);
    const lifted = await call(hr, 'POST', `/api/hr/people/${leaver.id}/reinstate`);
    expect(lifted.status).toBe(200);
    expect((await call(hr, 'POST', `/api/hr/people/${leaver.id}/reinstate`)).status).toBe(404);
    await syncNow();
    expect(await countWhere('people', 'id', leaver.id)).toBe(1);
    expect((await call(leaver, 'GET', '/api/me')).status).toBe(200);
    for (const [table, column] of [
      ['career_designs', 'person_id'],
      ['goals', 'person_id'],
      ['interviews', 'person_id'],
      ['person_levels', 'person_id'],
    ] as const)
      expect(await countWhere(table, column, leaver.id), `${table}.${column}`).toBe(0);
    const [audit] = await server.database.query<{ actor_id: string; action: string }>(
      `SELECT actor_id, action FROM audit_log WHERE subject_id = $1 AND resource = 'people.exclusion'`,
      [leaver.id],
    );
    expect(audit).toEqual({ actor_id: hr.id, action: 'write' });
  });

  it('answers 404 for an id nobody has (not in the directory, no data) and 400 for what is no id', async () => {
    const nobody = randomUUID();
    expect((await call(hr, 'GET', `/api/hr/people/${nobody}/erasure-preview`)).status).toBe(404);
    expect(
      (await call(hr, 'POST', `/api/hr/people/${nobody}/erase`, { confirmPersonId: nobody })).status,
    ).toBe(404);
    expect((await call(hr, 'GET', '/api/hr/people/not-an-id/erasure-preview')).status).toBe(400);
    expect(await countWhere('erasure_records', 'erased_person_id', nobody)).toBe(0);
  });

  it('erases someone the directory no longer lists without forcing', async () => {
    const gone = randomUUID();
    await server.database.query(
      `INSERT INTO people (id, user_principal_name, display_name) VALUES ($1, 'left@kodaira-demo.example', '退職 太郎')`,
      [gone],
    );
    await server.database.query(`INSERT INTO career_designs (person_id) VALUES ($1)`, [gone]);
    const preview = (await call(hr, 'GET', `/api/hr/people/${gone}/erasure-preview`))
      .body as unknown as ErasurePreview;
    expect(preview).toMatchObject({ activeInDirectory: false, displayName: '退職 太郎' });
    const answer = await call(hr, 'POST', `/api/hr/people/${gone}/erase`, { confirmPersonId: gone });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      forced: false,
      reason: null,
      displayName: '退職 太郎',
      deletes: { 'career_designs.person_id': 1, 'people.id': 1 },
    });
    expect(await countWhere('career_designs', 'person_id', gone)).toBe(0);
  });
});
