// 受講案内 (issue 19 ③) on the running service: HR announces a session to the staff it is meant for or to
// a chosen audience; each person's card waits in the bot outbox for office hours; nobody is told twice;
// refusals change nothing; the delivery report follows the outbox (sent, failed and why, opened); a
// fan-out cut short resumes where it stopped, exactly once per person even with two instances at it.
//
// The server's clock stands on a Saturday morning, so every card waits for Monday 9:00 and the outbox
// worker leaves them alone until the test makes one due.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingNoticeCards } from '../../../bot/cards/training-notice-card.ts';
import { createAuditLog } from '../../../src/auth/audit.ts';
import { isOfficeOpen, nextOfficeTime } from '../../../src/jobs/office-hours.ts';
import { createPeopleStore } from '../../../src/people/people.store.ts';
import type { BotMessages } from '../../../src/reports/bot-messages.port.ts';
import type { Announcement, DeliveryReport } from '../../../src/training/announcement.contract.ts';
import { createAnnouncements } from '../../../src/training/announcements.ts';
import type { CourseView, SessionView } from '../../../src/training/training.contract.ts';
import { TRAINING_ANNOUNCEMENTS_QUEUE } from '../../../src/training/training.module.ts';
import { createTrainingStore } from '../../../src/training/training.store.ts';
import { apiCaller, type ApiAnswer } from '../../support/api-caller.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { testLogger } from '../../support/logger.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, jstDay, sessionBody, until, type Person } from './training-support.ts';
import { shiftedClock } from '../../support/shifted-clock.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The next Saturday 10:00 in Japan after now: the office is closed, Monday 9:00 is the next opening. */
function nextSaturdayMorning(): number {
  const now = Date.now();
  const jstMidnight = Math.floor((now + 9 * HOUR) / DAY) * DAY - 9 * HOUR;
  for (let days = 0; ; days += 1) {
    const candidate = jstMidnight + days * DAY + 10 * HOUR;
    if (candidate > now && new Date(candidate + 9 * HOUR).getUTCDay() === 6) return candidate;
  }
}

describe.each(SLICE_BACKENDS)('training announcements (受講案内) on %s', (backend) => {
  let server: TestServer;
  const clock = shiftedClock(nextSaturdayMorning() - Date.now());
  let hr: Person;
  let staff: Person;
  let course: CourseView;
  let session: SessionView;
  let shuji: string[];
  let shunin: string[];
  let first: Announcement;
  const call = apiCaller(() => server);

  const announce = (sessionId: string, body: unknown, as: Person = hr) =>
    call(as, 'POST', `/api/training/sessions/${sessionId}/announcements`, body);
  const outboxOf = (sessionId: string) =>
    server.database.query<{
      key: string;
      recipient: { personId: string };
      payload: { text: string; attachments: Array<{ content: Record<string, unknown> }> };
      next_attempt_at: Date;
      state: string;
    }>(
      `SELECT key, recipient, payload, next_attempt_at, state FROM bot_outbox WHERE key LIKE $1 ORDER BY key`,
      [`training-announcement:${sessionId}:%`],
    );
  const levelOf = async (levelId: string) =>
    (
      await server.database.query<{ id: string }>(`SELECT id FROM people WHERE level_id = $1 ORDER BY id`, [
        levelId,
      ])
    ).map((row) => row.id);
  const report = async (id: string) =>
    (await call(hr, 'GET', `/api/training/announcements/${id}`)).body as unknown as DeliveryReport;
  const expectRefused = async (answer: () => Promise<ApiAnswer>, status: number, code: string) => {
    const before = await snapshotState(server);
    const refused = await answer();
    expect(refused.status, JSON.stringify(refused.body)).toBe(status);
    expect(refused.body.error?.code).toBe(code);
    expect(await snapshotState(server)).toBe(before);
    return refused;
  };

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    course = (await call(hr, 'POST', '/api/training/courses', courseBody({ targetLevelIds: ['shuji'] })))
      .body as unknown as CourseView;
    session = (
      await call(
        hr,
        'POST',
        `/api/training/courses/${course.id}/sessions`,
        sessionBody({ capacity: 30, applicationDeadline: jstDay(10) }),
      )
    ).body as unknown as SessionView;
    // The session's Outlook event is made by a background job that writes to the session's row: wait for
    // it, so the refusal tests' before/after snapshots see only what the request did.
    session = await until('the session to be synced with Outlook', async () => {
      const detail = await call(hr, 'GET', `/api/training/courses/${course.id}`);
      const found = (detail.body.sessions as SessionView[]).find((entry) => entry.id === session.id)!;
      return found.outlook === 'synced' ? found : undefined;
    });
    shuji = await levelOf('shuji');
    shunin = await levelOf('shunin');
    staff = people.find((person) => person.id === shuji[0])!;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('tells everyone the course is for, once each, in Japanese, waiting for office hours', async () => {
    expect(shuji.length).toBeGreaterThan(2);
    const answer = await announce(session.id, { version: session.version, audience: { kind: 'eligible' } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    first = answer.body as unknown as Announcement;
    expect(first).toMatchObject({
      sessionId: session.id,
      audience: { kind: 'eligible' },
      announcedById: hr.id,
      fannedOut: true,
      counts: { recipients: shuji.length, pending: shuji.length, sent: 0, failed: 0, opened: 0, applied: 0 },
    });
    const rows = await outboxOf(session.id);
    expect(rows.map((row) => row.recipient.personId).sort()).toEqual(shuji);
    // Saturday: every card waits for Monday's opening.
    const opening = nextOfficeTime(clock.now());
    expect(isOfficeOpen(clock.now())).toBe(false);
    for (const row of rows) expect(new Date(row.next_attempt_at).getTime()).toBe(opening.getTime());
    const card = rows[0]!.payload.attachments[0]!.content;
    expect(card.lang).toBe('ja-JP');
    expect(JSON.stringify(card)).toContain('受講案内');
    expect(JSON.stringify(card)).toContain('ファシリテーション研修');
    expect(JSON.stringify(card)).toContain(encodeURIComponent(`training/announced/${first.id}`));
    expect(rows[0]!.payload.text).toContain('ファシリテーション研修');
    const audited = await server.database.query(
      `SELECT 1 FROM audit_log WHERE resource = 'training-announcement' AND actor_id = $1`,
      [hr.id],
    );
    expect(audited).toHaveLength(1);
  });

  it('refuses the same audience again, naming the announcement there is, and changes nothing', async () => {
    const refused = await expectRefused(
      () => announce(session.id, { version: session.version, audience: { kind: 'eligible' } }),
      409,
      'conflict',
    );
    const error = refused.body.error as unknown as { message: string; details: Array<{ message: string }> };
    expect(error.message).toContain(first.id);
    expect(error.details[0]!.message).toBe(first.id);
    // A chosen audience everyone of whom was told already: nothing to send.
    await expectRefused(
      () =>
        announce(session.id, { version: session.version, audience: { kind: 'chosen', levelIds: ['shuji'] } }),
      422,
      'unprocessable',
    );
  });

  it('tells a wider audience only those not told yet', async () => {
    const answer = await announce(session.id, {
      version: session.version,
      audience: { kind: 'chosen', levelIds: ['shunin', 'shuji'] },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect((answer.body as unknown as Announcement).counts.recipients).toBe(shunin.length);
    const rows = await outboxOf(session.id);
    const told = rows.map((row) => row.recipient.personId);
    expect(new Set(told).size).toBe(told.length);
    expect(told.sort()).toEqual([...shuji, ...shunin].sort());
    // The same audience written in another order is the same audience.
    await expectRefused(
      () =>
        announce(session.id, {
          version: session.version,
          audience: { kind: 'chosen', levelIds: ['shuji', 'shunin', 'shuji'] },
        }),
      409,
      'conflict',
    );
    const listed = (await call(hr, 'GET', `/api/training/sessions/${session.id}/announcements`))
      .body as unknown as Announcement[];
    expect(listed.map((entry) => entry.id)).toEqual([(answer.body as unknown as Announcement).id, first.id]);
  });

  it('refuses bad announcements with a clear 4xx and changes nothing', async () => {
    const eligible = { version: session.version, audience: { kind: 'eligible' } };
    await expectRefused(
      () =>
        announce(session.id, {
          version: session.version,
          audience: { kind: 'chosen', departments: ['存在しない課'] },
        }),
      422,
      'unprocessable',
    );
    await expectRefused(
      () => announce(session.id, { ...eligible, version: session.version + 1 }),
      409,
      'version_conflict',
    );
    await expectRefused(() => announce(session.id, eligible, staff), 403, 'forbidden');
    await expectRefused(
      () =>
        announce(session.id, { version: session.version, audience: { kind: 'chosen', levelIds: ['nope'] } }),
      400,
      'validation_failed',
    );
    await expectRefused(
      () => announce(session.id, { version: session.version, audience: { kind: 'chosen' } }),
      400,
      'validation_failed',
    );
    await expectRefused(
      () =>
        announce(session.id, {
          version: session.version,
          audience: { kind: 'chosen', minYearsOfService: 10, maxYearsOfService: 5 },
        }),
      400,
      'validation_failed',
    );
    await expectRefused(() => announce('00000000-0000-4000-8000-000000000000', eligible), 404, 'not_found');
    await expectRefused(
      () => call(staff, 'GET', `/api/training/announcements/${first.id}`),
      403,
      'forbidden',
    );
    await expectRefused(
      () => call(staff, 'POST', '/api/training/announcements/00000000-0000-4000-8000-000000000000/opened'),
      404,
      'not_found',
    );
  });

  it('reports sent, failed (and why, in words) and opened as the outbox works', async () => {
    const [sent, refused, unreachable] = shuji;
    const key = (personId: string) => `training-announcement:${session.id}:${personId}`;
    // What the outbox worker writes when Teams took a message, and when Graph refused to install the app.
    await server.database.query(`UPDATE bot_outbox SET state = 'sent', sent_at = now() WHERE key = $1`, [
      key(sent!),
    ]);
    await server.database.query(
      `UPDATE bot_outbox SET state = 'failed', error = 'Teams refused to install the app for this person: Forbidden' WHERE key = $1`,
      [key(refused!)],
    );
    // One made due now: the real worker finds no chat with the person and gives up on it.
    await server.database.query(`UPDATE bot_outbox SET next_attempt_at = $2 WHERE key = $1`, [
      key(unreachable!),
      new Date(clock.now().getTime() - 60_000),
    ]);
    await server.queue.send('bot.outbox.drain', {});
    const delivered = await until('the worker to give up on the unreachable person', async () => {
      const current = await report(first.id);
      return current.counts.failed === 2 ? current : undefined;
    });
    expect(delivered.counts).toMatchObject({
      recipients: shuji.length,
      sent: 1,
      failed: 2,
      pending: shuji.length - 3,
      opened: 0,
    });
    const reasons = Object.fromEntries(delivered.failures.map((failure) => [failure.personId, failure]));
    expect(reasons[refused!]).toMatchObject({ reason: 'appNotInstalled' });
    expect(reasons[refused!]!.reasonText.ja).toContain('インストールできませんでした');
    expect(reasons[unreachable!]).toMatchObject({ reason: 'noConversation' });
    expect(reasons[unreachable!]!.personName).not.toBe(unreachable);

    // Opened: the person followed the card's link into the tab (once); someone not told changes nothing.
    const recipient = server.emulator.people.find((person) => person.id === sent)!;
    expect((await call(recipient, 'POST', `/api/training/announcements/${first.id}/opened`)).body).toEqual({
      opened: true,
    });
    expect((await call(recipient, 'POST', `/api/training/announcements/${first.id}/opened`)).body).toEqual({
      opened: true,
    });
    expect((await call(hr, 'POST', `/api/training/announcements/${first.id}/opened`)).body).toEqual({
      opened: false,
    });
    // Applied since: the person took the announcement up.
    expect(
      (await call(recipient, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' })).status,
    ).toBe(201);
    expect((await report(first.id)).counts).toMatchObject({ opened: 1, applied: 1 });
  });

  it('resumes a fan-out cut short where it stopped, once per person even with two instances', async () => {
    // The server's own per-minute sweep would take the cut fan-out up too, possibly before the test reads
    // the partial state: its worker stops first (this is the file's last test), so only the two instances
    // below resume it.
    await server.queue.boss.offWork(TRAINING_ANNOUNCEMENTS_QUEUE, { wait: true });
    const other = (
      await call(
        hr,
        'POST',
        `/api/training/courses/${course.id}/sessions`,
        sessionBody({ date: jstDay(15), capacity: 30, applicationDeadline: jstDay(10) }),
      )
    ).body as unknown as SessionView;
    const db = server.database.db;
    let pages = 0;
    const crashing: BotMessages = {
      ...server.botMessages,
      enqueue: async (messages, tx) => {
        pages += 1;
        // The instance dies while writing its second page: that page's transaction never commits.
        if (pages === 2) throw new Error('instance killed mid-fan-out');
        return server.botMessages.enqueue(messages, tx);
      },
    };
    const instance = (messages: BotMessages) =>
      createAnnouncements({
        db,
        store: createTrainingStore(db, clock.now),
        people: createPeopleStore(db, clock.now),
        framework: server.framework,
        audit: createAuditLog(db),
        messages,
        cards: trainingNoticeCards,
        tabLink: (page) => `https://tab.example/#/${page}`,
        logger: testLogger,
        now: clock.now,
        pageSize: 3,
      });
    const cut = await instance(crashing).announce({ id: hr.id, isHr: true }, other.id, {
      version: other.version,
      audience: { kind: 'eligible' },
    });
    expect(cut.fannedOut).toBe(false);
    const partial = await outboxOf(other.id);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(shuji.length);
    // Two instances' sweeps at once take it up from the cursor.
    await Promise.all([instance(server.botMessages).resume(), instance(server.botMessages).resume()]);
    const rows = await outboxOf(other.id);
    expect(rows.map((row) => row.recipient.personId).sort()).toEqual(shuji);
    const recipients = await server.database.query<{ person_id: string }>(
      `SELECT person_id FROM training_announcement_recipients WHERE session_id = $1`,
      [other.id],
    );
    expect(recipients).toHaveLength(shuji.length);
    expect((await report(cut.id)).fannedOut).toBe(true);
  });
});
