import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_OPEN_VERB, REPORT_SUBMIT_VERB } from '../../../bot/cards/report-card.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, sessionBody, type Person } from '../training/training-support.ts';

interface Sent {
  conversationId: string;
  activity: { type: string; attachments?: Array<{ contentType: string; content: unknown }> };
}

describe('report cards through the bot endpoint (local mode)', () => {
  let server: TestServer;
  let connector: Server;
  let connectorUrl = '';
  const sent: Sent[] = [];
  let attendee: Person;
  let absentee: Person;
  let session: SessionView;
  const call = apiCaller(() => server);

  const activity = (person: Person, extra: Record<string, unknown>) => ({
    id: `activity-${Math.random().toString(36).slice(2)}`,
    serviceUrl: connectorUrl,
    channelId: 'msteams',
    locale: 'ja-JP',
    from: { id: `29:${person.id}`, aadObjectId: person.id, name: person.displayName },
    recipient: { id: '28:bot', name: 'Hagukumi' },
    conversation: { id: `a:chat-${person.id}`, conversationType: 'personal', tenantId: 'tenant' },
    ...extra,
  });
  const post = async (body: unknown) => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const invoke = (person: Person, verb: string, data: Record<string, unknown>) =>
    post(
      activity(person, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data } },
      }),
    );
  const cardOf = (answer: { body: Record<string, unknown> }) => {
    expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    return JSON.stringify(answer.body.value);
  };
  const values = (overrides: Record<string, unknown> = {}) => ({
    sessionId: session.id,
    submissionId: 'card-bot-0001',
    learned: '目的を最初に共有する',
    application: '定例会議で試す',
    competencyIds: server.framework.competencies
      .slice(0, 2)
      .map((competency) => competency.id)
      .join(','),
    guidelineIds: server.framework.guidelines[0]!.id,
    satisfaction: '5',
    wantedText: '',
    wantedCourseIds: '',
    ...overrides,
  });
  const rows = () =>
    server.database.query<{ person_id: string; status: string }>(
      'SELECT person_id, status FROM training_reports WHERE session_id = $1',
      [session.id],
    );
  const waitForSent = async (count: number) => {
    const deadline = Date.now() + 10_000;
    while (sent.length < count && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    return sent.slice(count - 1, count)[0];
  };

  beforeAll(async () => {
    // A stand-in for the Bot Connector: it records what the bot sends back to the chat.
    connector = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(request.url ?? '');
        if (request.method === 'POST' && match)
          sent.push({
            conversationId: decodeURIComponent(match[1]!),
            activity: JSON.parse(body) as Sent['activity'],
          });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: `sent-${sent.length}` }));
      });
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;

    server = await startTestServer();
    const people = server.emulator.people;
    const hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    const staff = people.filter(
      (person) => person.appRoles.length === 0 && ['shuji', 'shunin'].includes(person.levelId ?? ''),
    );
    attendee = staff[0]!;
    absentee = staff[1]!;
    const course = (
      await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: 'ボット研修' } }))
    ).body as unknown as CourseView;
    session = (await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody()))
      .body as unknown as SessionView;
    const applied = (await call(attendee, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' }))
      .body as unknown as EnrolmentView;
    await call(hr, 'POST', `/api/training/enrolments/${applied.id}/confirm`, { version: 1 });
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [session.id],
    );
    await call(hr, 'POST', `/api/training/enrolments/${applied.id}/attendance`, { version: 2 });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => connector?.close(resolve));
  });

  it('answers 「報告」 in the 1:1 chat with the reports still due, each with a button opening its form', async () => {
    await post(activity(attendee, { type: 'message', text: '報告' }));
    const reply = await waitForSent(1);
    const card = JSON.stringify(reply?.activity.attachments?.[0]?.content);
    expect(card).toContain('ボット研修');
    expect(card).toContain(REPORT_OPEN_VERB);
    expect(card).toContain(session.id);
  });

  it('opens the form on Action.Execute report.open', async () => {
    const card = cardOf(await invoke(attendee, REPORT_OPEN_VERB, { sessionId: session.id }));
    expect(card).toContain('"id":"learned"');
    expect(card).toContain(REPORT_SUBMIT_VERB);
    // The author's choice of who reads it beyond the 課, 課内のみ unless they choose otherwise.
    expect(card).toContain('"id":"audience"');
    expect(card).toContain('"value":"department"');
    expect(card).toContain('全庁に公開');
  });

  it('refuses a 公開範囲 that is neither choice with the same form and the problem on top, storing nothing', async () => {
    const card = cardOf(
      await invoke(attendee, REPORT_SUBMIT_VERB, values({ audience: 'everyone', application: '残す文章' })),
    );
    expect(card).toContain('「公開範囲」の入力を確かめてください。');
    expect(card).toContain('残す文章');
    expect(await rows()).toEqual([]);
  });

  it('answers an incomplete submission with the same form, the problem on top and the typed text kept, storing nothing', async () => {
    const card = cardOf(
      await invoke(attendee, REPORT_SUBMIT_VERB, values({ learned: '  ', application: '残したい文章' })),
    );
    expect(card).toContain('"id":"learned"');
    expect(card).toContain('学んだことを書いてください。');
    expect(card).toContain('残したい文章');
    expect(await rows()).toEqual([]);
  });

  it('stores the report, then replaces the form with the submitted card; a double click stores it once', async () => {
    const [first, second] = await Promise.all([
      invoke(attendee, REPORT_SUBMIT_VERB, values({ audience: 'organisation' })),
      invoke(attendee, REPORT_SUBMIT_VERB, values({ audience: 'organisation' })),
    ]);
    for (const answer of [first, second]) {
      const card = cardOf(answer);
      expect(card).not.toContain('Input.');
      expect(card).toContain('目的を最初に共有する');
    }
    expect(await rows()).toEqual([{ person_id: attendee.id, status: 'submitted' }]);
    const enrolment = (
      (await call(attendee, 'GET', '/api/training/enrolments')).body as unknown as EnrolmentView[]
    ).find((entry) => entry.sessionId === session.id);
    expect(enrolment?.status).toBe('reported');
    expect(
      await server.database.query('SELECT audience FROM training_reports WHERE session_id = $1', [
        session.id,
      ]),
    ).toEqual([{ audience: 'organisation' }]);
  });

  it('takes the Action.Submit fallback as a message; a second form with other content is told it was not stored, beside the stored report', async () => {
    const before = sent.length;
    await post(
      activity(attendee, {
        type: 'message',
        value: { verb: REPORT_SUBMIT_VERB, ...values({ learned: '別の文' }) },
      }),
    );
    const reply = await waitForSent(before + 1);
    const card = JSON.stringify(reply?.activity.attachments?.[0]?.content);
    expect(card).toContain('目的を最初に共有する');
    expect(card).not.toContain('別の文');
    expect(card).toContain('別の内容ですでに提出されています。今回の内容は保存されていません。');
    expect(await rows()).toEqual([{ person_id: attendee.id, status: 'submitted' }]);
  });

  it('refuses someone who did not attend, and an unknown verb', async () => {
    const card = cardOf(
      await invoke(absentee, REPORT_SUBMIT_VERB, values({ submissionId: 'card-bot-0002' })),
    );
    expect(card).toContain('出席した方だけ');
    expect((await rows()).filter((row) => row.person_id === absentee.id)).toEqual([]);
    const unknown = await invoke(attendee, 'something.else', {});
    expect(unknown.body).toMatchObject({ statusCode: 400 });
  });
});
