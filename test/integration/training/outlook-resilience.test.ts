import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseView, SessionView } from '../../../src/training/training.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, sessionBody, until, type Person } from './training-support.ts';

describe('training sessions reach Outlook exactly once, through throttling, refusals and lost results', () => {
  let server: TestServer;
  let hr: Person;
  let kenshu: Person;
  const call = apiCaller(() => server);

  beforeAll(async () => {
    server = await startTestServer({ env: { INTERVIEW_LEASE_SECONDS: '2' } });
    hr = server.emulator.people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    kenshu = server.emulator.people.find((person) => person.userPrincipalName.startsWith('kenshu@'))!;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const schedule = async (title: string, overrides: Record<string, unknown> = {}) => {
    const course = (await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: title } })))
      .body as unknown as CourseView;
    const created = await call(
      hr,
      'POST',
      `/api/training/courses/${course.id}/sessions`,
      sessionBody(overrides),
    );
    expect(created.status).toBe(201);
    return { course, session: created.body as unknown as SessionView };
  };
  const sessionNow = async (course: CourseView, sessionId: string) =>
    ((await call(hr, 'GET', `/api/training/courses/${course.id}`)).body.sessions as SessionView[]).find(
      (entry) => entry.id === sessionId,
    )!;
  const eventsTitled = (title: string) =>
    server.emulator
      .eventsOf(kenshu.id)
      .filter((event) => event.subject === `【研修】${title}` && event.isOrganizer);

  it('creates one event when Graph throttles the creation inside the batch', async () => {
    server.emulator.faults.add({
      status: 429,
      retryAfterSeconds: 1,
      count: 2,
      inBatch: true,
      pathPattern: /\/events$/,
    });
    const { course, session } = await schedule('スロットリング研修');
    await until('the session to be synced', async () =>
      (await sessionNow(course, session.id)).outlook === 'synced' ? true : undefined,
    );
    expect(eventsTitled('スロットリング研修')).toHaveLength(1);
    server.emulator.faults.clear();
  });

  it('shows a refusal as failed with the reason, and asks Outlook again on HR’s next save of the session', async () => {
    server.emulator.faults.add({ status: 403, count: 1, mailbox: kenshu.id, pathPattern: /\/events$/ });
    const { course, session } = await schedule('拒否研修');
    const failed = await until('the refusal to be recorded', async () => {
      const current = await sessionNow(course, session.id);
      return current.outlook === 'failed' ? current : undefined;
    });
    expect(failed.outlookError).toBeTruthy();
    expect(eventsTitled('拒否研修')).toHaveLength(0);
    server.emulator.faults.clear();
    const changed = await call(hr, 'PUT', `/api/training/sessions/${session.id}`, {
      ...sessionBody({ capacity: 3 }),
      version: failed.version,
    });
    expect(changed.status).toBe(200);
    await until('the session to be synced', async () =>
      (await sessionNow(course, session.id)).outlook === 'synced' ? true : undefined,
    );
    const events = eventsTitled('拒否研修');
    expect(events).toHaveLength(1);
    expect(Date.parse(events[0]!.startUtc)).toBe(Date.parse(`${sessionBody().date}T10:00:00+09:00`));
  });

  it('finds the event again by our key when the result of a create was lost, at the latest time', async () => {
    const { course, session } = await schedule('再送研修');
    await until('the session to be synced', async () =>
      (await sessionNow(course, session.id)).outlook === 'synced' ? true : undefined,
    );
    // As if the process died after Graph made the event but before it was recorded.
    await server.database.query(
      `UPDATE training_sessions SET event_id = NULL, web_link = NULL, join_url = NULL WHERE id = $1`,
      [session.id],
    );
    const current = await sessionNow(course, session.id);
    const changed = await call(hr, 'PUT', `/api/training/sessions/${session.id}`, {
      ...sessionBody({ startTime: '15:00', endTime: '17:00' }),
      version: current.version,
    });
    expect(changed.status).toBe(200);
    const start = Date.parse(`${sessionBody().date}T15:00:00+09:00`);
    await until('the event to be at the new time', () =>
      eventsTitled('再送研修').some((event) => Date.parse(event.startUtc) === start) ? true : undefined,
    );
    // The event moves before the session is recorded as synced: wait for the record, not only Outlook.
    await until('the session to be synced again', async () =>
      (await sessionNow(course, session.id)).outlook === 'synced' ? true : undefined,
    );
    expect(eventsTitled('再送研修')).toHaveLength(1);
    const rows = await server.database.query<{ event_id: string | null }>(
      `SELECT event_id FROM training_sessions WHERE id = $1`,
      [session.id],
    );
    expect(rows[0]!.event_id).toBe(eventsTitled('再送研修')[0]!.id);
  });

  /** As if the process died after Graph made the event but before it was recorded. */
  const loseCreateResult = (sessionId: string) =>
    server.database.query(
      `UPDATE training_sessions SET event_id = NULL, web_link = NULL, join_url = NULL,
         outlook_attempts = greatest(outlook_attempts, 1) WHERE id = $1`,
      [sessionId],
    );

  it('finds the event by our key after a lost create and a changed place, and updates its description', async () => {
    const { course, session } = await schedule('場所変更研修');
    await until('the session to be synced', async () =>
      (await sessionNow(course, session.id)).outlook === 'synced' ? true : undefined,
    );
    await loseCreateResult(session.id);
    const current = await sessionNow(course, session.id);
    const changed = await call(hr, 'PUT', `/api/training/sessions/${session.id}`, {
      ...sessionBody({ place: '中央公民館 ホール' }),
      version: current.version,
    });
    expect(changed.status).toBe(200);
    await until('the event to name the new place', () =>
      eventsTitled('場所変更研修').some((event) => event.body.content.includes('中央公民館 ホール'))
        ? true
        : undefined,
    );
    await until('the session to be synced again', async () =>
      (await sessionNow(course, session.id)).outlook === 'synced' ? true : undefined,
    );
    expect(eventsTitled('場所変更研修')).toHaveLength(1);
    expect(eventsTitled('場所変更研修')[0]!.location.displayName).toBe('中央公民館 ホール');
    const rows = await server.database.query<{ event_id: string | null }>(
      `SELECT event_id FROM training_sessions WHERE id = $1`,
      [session.id],
    );
    expect(rows[0]!.event_id).toBe(eventsTitled('場所変更研修')[0]!.id);
  });

  it('cancels the event a lost create made when the session is cancelled before the retry', async () => {
    const { course, session } = await schedule('中止研修');
    await until('the session to be synced', async () =>
      (await sessionNow(course, session.id)).outlook === 'synced' ? true : undefined,
    );
    expect(eventsTitled('中止研修')).toHaveLength(1);
    await loseCreateResult(session.id);
    const current = await sessionNow(course, session.id);
    const cancelled = await call(hr, 'POST', `/api/training/sessions/${session.id}/cancel`, {
      version: current.version,
      reason: '講師都合のため中止',
    });
    expect(cancelled.status).toBe(200);
    await until('the event to be cancelled', () =>
      eventsTitled('中止研修').length === 0 ? true : undefined,
    );
    await until('the session to be synced', async () =>
      (await sessionNow(course, session.id)).outlook === 'synced' ? true : undefined,
    );
    expect(eventsTitled('中止研修')).toHaveLength(0);
  });
});
