// The report workflow end to end on the running service, with a stand-in Bot Connector: requests when a
// session has ended (once), sharing on submission (summary to the mapped channel, notice to the
// supervisor; none when the 課 is unmapped, with the right status), supervisors' comments (chain only; the
// author sees them and is notified), reminders on a frozen clock, and HR's 課 → channel mapping.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportCardBuilders } from '../../../bot/report-cards.ts';
import { nextOfficeTime } from '../../../src/jobs/office-hours.ts';
import type { ChannelMappingOverview } from '../../../src/reports/channel-mapping.contract.ts';
import { createReportReminders } from '../../../src/reports/report-reminders.ts';
import type { MyReport, ReportComment } from '../../../src/reports/report.contract.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, sessionBody, until, type Person } from '../training/training-support.ts';

const TEAM_ID = '19:workplace-team@thread.tacv2';
const CHANNEL_ID = '19:reports-channel@thread.tacv2';
const DAY = 24 * 60 * 60 * 1000;

interface Posted {
  conversationId: string;
  activity: { attachments?: Array<{ content: unknown }> };
}

describe.each(SLICE_BACKENDS)(
  'the training report workflow on %s (local mode, stand-in connector)',
  (backend) => {
    let server: TestServer;
    let connector: Server;
    let connectorUrl = '';
    const posted: Posted[] = [];
    const created: Array<{ members: Array<{ id: string }> }> = [];
    let hr: Person;
    let mapped: Person; // of a 課 mapped to the channel
    let unmapped: Person; // of a 課 with no channel
    let late: Person; // marked as attended after the first run
    let colleague: Person; // same 課 as `mapped`, not in their chain
    let session: SessionView;
    const enrolments = new Map<string, EnrolmentView>();
    const call = apiCaller(() => server);

    const outbox = (prefix: string) =>
      server.database.query<{ key: string; recipient: Record<string, string>; not_before: Date | null }>(
        `SELECT key, recipient, next_attempt_at AS not_before FROM bot_outbox WHERE key LIKE $1 ORDER BY key`,
        [`${prefix}%`],
      );
    const bot = async (body: Record<string, unknown>) => {
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };
    const submission = (id: string) => ({
      submissionId: `workflow-${id.slice(0, 8)}`,
      learned: '**会議の目的**を最初に共有すると議論がまとまる。',
      application: '係の定例会議で、冒頭に目的とゴールを確認する。',
      competencyIds: [server.framework.competencies[0]!.id],
      guidelineIds: [server.framework.guidelines[0]!.id],
      satisfaction: 4,
      wantedText: '',
      wantedCourseIds: [],
    });
    const mine = async (person: Person) =>
      (await call(person, 'GET', '/api/reports/mine')).body as unknown as MyReport[];
    const attend = async (person: Person) => {
      const answer = await call(
        hr,
        'POST',
        `/api/training/enrolments/${enrolments.get(person.id)!.id}/attendance`,
        {
          version: 2,
        },
      );
      expect(answer.body.status).toBe('attended');
    };

    beforeAll(async () => {
      // A stand-in for the Bot Connector: lists the team's channels, creates 1:1 chats, records posts.
      connector = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const url = request.url ?? '';
          response.writeHead(200, { 'content-type': 'application/json' });
          if (request.method === 'GET' && /\/v3\/teams\/[^/]+\/conversations/.test(url)) {
            response.end(
              JSON.stringify({
                conversations: [
                  { id: TEAM_ID, name: 'General' },
                  { id: CHANNEL_ID, name: '研修報告' },
                ],
              }),
            );
            return;
          }
          const activity = /\/v3\/conversations\/([^/]+)\/activities/.exec(url);
          if (request.method === 'POST' && activity) {
            posted.push({
              conversationId: decodeURIComponent(activity[1]!),
              activity: JSON.parse(body) as Posted['activity'],
            });
            response.end(JSON.stringify({ id: `posted-${posted.length}` }));
            return;
          }
          if (request.method === 'POST' && /\/v3\/conversations\/?$/.test(url)) {
            const parameters = JSON.parse(body) as { members: Array<{ id: string }> };
            created.push(parameters);
            response.end(JSON.stringify({ id: `a:chat-${parameters.members[0]?.id ?? 'x'}` }));
            return;
          }
          response.end('{}');
        });
      });
      await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
      connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;

      server = await startTestServer({ backend });
      const people = server.emulator.people;
      hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
      const staff = people.filter(
        (person) =>
          person.appRoles.length === 0 &&
          ['shuji', 'shunin'].includes(person.levelId ?? '') &&
          person.managerId &&
          person.department &&
          person.department !== hr.department,
      );
      mapped = staff[0]!;
      colleague = staff.find((person) => person.department === mapped.department && person.id !== mapped.id)!;
      unmapped = staff.find((person) => person.department !== mapped.department)!;
      late = colleague;

      // The bot is installed in the workplace's team, the way Teams announces it.
      const installed = await bot({
        type: 'conversationUpdate',
        id: 'install-1',
        serviceUrl: connectorUrl,
        channelId: 'msteams',
        from: { id: '29:installer' },
        recipient: { id: '28:bot', name: 'Hagukumi' },
        membersAdded: [{ id: '28:bot' }],
        conversation: { id: TEAM_ID, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
        channelData: {
          eventType: 'teamMemberAdded',
          team: { id: TEAM_ID, name: '市民課チーム' },
          tenant: { id: 'tenant-1' },
        },
      });
      expect(installed.status).toBeLessThan(300);

      const course = (
        await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: '共有研修' } }))
      ).body as unknown as CourseView;
      session = (
        await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 10 }))
      ).body as unknown as SessionView;
      for (const person of [mapped, unmapped, late]) {
        const applied = (
          await call(person, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' })
        ).body as unknown as EnrolmentView;
        await call(hr, 'POST', `/api/training/enrolments/${applied.id}/confirm`, { version: 1 });
        enrolments.set(person.id, applied);
      }
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await new Promise((resolve) => connector?.close(resolve));
    });

    describe('HR maps a 課 to a channel', () => {
      it('lists the installed team with its channels and every 課, for HR only', async () => {
        expect((await call(mapped, 'GET', '/api/reports/channel-mappings')).status).toBe(403);
        const overview = (await call(hr, 'GET', '/api/reports/channel-mappings'))
          .body as unknown as ChannelMappingOverview;
        expect(overview.teams).toEqual([
          {
            teamId: TEAM_ID,
            name: '市民課チーム',
            channels: [
              { id: TEAM_ID, name: 'General' },
              { id: CHANNEL_ID, name: '研修報告' },
            ],
          },
        ]);
        expect(overview.departments).toContainEqual({
          department: mapped.department,
          people: expect.any(Number) as number,
          mapping: null,
        });
      });

      it('refuses a team the app is not in, a channel of no such team, and a non-HR caller, changing nothing', async () => {
        const path = `/api/reports/channel-mappings/${encodeURIComponent(mapped.department!)}`;
        const noTeam = await call(hr, 'PUT', path, { teamId: '19:other', channelId: CHANNEL_ID, version: 0 });
        expect(noTeam.status).toBe(400);
        const noChannel = await call(hr, 'PUT', path, { teamId: TEAM_ID, channelId: '19:nope', version: 0 });
        expect(noChannel.status).toBe(400);
        expect(
          (await call(mapped, 'PUT', path, { teamId: TEAM_ID, channelId: CHANNEL_ID, version: 0 })).status,
        ).toBe(403);
        expect(await server.database.query('SELECT * FROM report_channel_mappings')).toEqual([]);
      });

      it('maps, tells a stale edit apart, unmaps and maps again, each change audited', async () => {
        const path = `/api/reports/channel-mappings/${encodeURIComponent(mapped.department!)}`;
        const first = await call(hr, 'PUT', path, { teamId: TEAM_ID, channelId: TEAM_ID, version: 0 });
        expect(first.status).toBe(200);
        const stale = await call(hr, 'PUT', path, { teamId: TEAM_ID, channelId: CHANNEL_ID, version: 0 });
        expect(stale.status).toBe(409);
        expect((stale.body.error as { code: string }).code).toBe('version_conflict');
        const moved = await call(hr, 'PUT', path, { teamId: TEAM_ID, channelId: CHANNEL_ID, version: 1 });
        const entry = (moved.body as unknown as ChannelMappingOverview).departments.find(
          (row) => row.department === mapped.department,
        );
        expect(entry?.mapping).toMatchObject({
          channelId: CHANNEL_ID,
          channelName: '研修報告',
          version: 2,
          unavailable: false,
        });
        expect((await call(hr, 'DELETE', `${path}?version=2`)).status).toBe(200);
        expect((await call(hr, 'DELETE', `${path}?version=2`)).status).toBe(404);
        expect(
          (await call(hr, 'PUT', path, { teamId: TEAM_ID, channelId: CHANNEL_ID, version: 0 })).status,
        ).toBe(200);
        const audited = await server.database.query<{ action: string }>(
          `SELECT action FROM audit_log WHERE resource = 'report-channel-mapping' AND actor_id = $1 ORDER BY id`,
          [hr.id],
        );
        expect(audited.map((row) => row.action)).toEqual(['write', 'write', 'delete', 'write']);
      });
    });

    describe('requests when a session ends', () => {
      it('sends nothing before the session has ended', async () => {
        expect(await server.reportJobs.requests()).toEqual({ requested: 0 });
      });

      it('sends each attended person the form 1:1 once, however often the job runs; attendance marked later is picked up by the next run', async () => {
        await server.database.query(
          `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
          [session.id],
        );
        await attend(mapped);
        await attend(unmapped);
        expect(await server.reportJobs.requests()).toEqual({ requested: 2 });
        expect(await server.reportJobs.requests()).toEqual({ requested: 0 });
        const requests = await outbox('report-request:');
        expect(requests.map((row) => row.key).sort()).toEqual(
          [mapped, unmapped].map((person) => `report-request:${session.id}:${person.id}`).sort(),
        );
        expect(requests.map((row) => row.recipient.kind)).toEqual(['person', 'person']);

        await attend(late);
        expect(await server.reportJobs.requests()).toEqual({ requested: 1 });
        expect(await server.reportJobs.requests()).toEqual({ requested: 0 });
        expect(await outbox('report-request:')).toHaveLength(3);
        // The stand-in connector receives the forms: Teams opens the 1:1 chats from the installation.
        await until('the forms to be posted', () =>
          posted.filter((entry) => JSON.stringify(entry.activity).includes('report.submit')).length >= 3
            ? true
            : undefined,
        );
      });
    });

    describe('sharing after submission', () => {
      it('queues the summary for the mapped channel and the notice for the supervisor with the submission; the status becomes shared', async () => {
        const answer = await call(
          mapped,
          'POST',
          `/api/reports/sessions/${session.id}/submit`,
          submission(mapped.id),
        );
        expect(answer.status).toBe(200);
        const reportId = answer.body.reportId as string;
        const summary = await outbox(`report-summary:${reportId}`);
        expect(summary).toEqual([
          expect.objectContaining({ recipient: { kind: 'channel', teamId: TEAM_ID, channelId: CHANNEL_ID } }),
        ]);
        expect(await outbox(`report-notice:${reportId}`)).toEqual([
          expect.objectContaining({ recipient: { kind: 'person', personId: mapped.managerId } }),
        ]);
        // A repeat of the submission queues nothing more.
        await call(mapped, 'POST', `/api/reports/sessions/${session.id}/submit`, submission(mapped.id));
        expect(await outbox(`report-summary:${reportId}`)).toHaveLength(1);

        const shared = await until('the summary to be posted', async () => {
          const report = (await mine(mapped)).find((entry) => entry.reportId === reportId);
          return report?.sharing?.status === 'shared' ? report : undefined;
        });
        expect(shared.sharing).toMatchObject({ status: 'shared', reason: null, channelName: '研修報告' });
        const inChannel = posted.find((entry) => entry.conversationId === CHANNEL_ID);
        const card = JSON.stringify(inChannel?.activity.attachments?.[0]?.content);
        expect(card).toContain('共有研修');
        expect(card).toContain(mapped.displayName);
        // What the person typed stays text: the markdown is escaped.
        expect(card).toContain('\\\\*\\\\*会議の目的\\\\*\\\\*');
        expect(card).toContain(server.framework.competencies[0]!.name.ja);
      });

      it('shares nothing for a 課 with no channel, and says so: the report still counts as submitted', async () => {
        const answer = await call(
          unmapped,
          'POST',
          `/api/reports/sessions/${session.id}/submit`,
          submission(unmapped.id),
        );
        expect(answer.status).toBe(200);
        const reportId = answer.body.reportId as string;
        expect(answer.body.status).toBe('submitted');
        expect(answer.body.sharing).toMatchObject({ status: 'not_shared', reason: 'no_channel_mapped' });
        expect(await outbox(`report-summary:${reportId}`)).toEqual([]);
        expect(await outbox(`report-notice:${reportId}`)).toHaveLength(1);
        const listed = (await mine(unmapped)).find((entry) => entry.reportId === reportId);
        expect(listed).toMatchObject({
          status: 'submitted',
          sharing: { status: 'not_shared', reason: 'no_channel_mapped' },
        });
      });
    });

    describe('supervisor comments', () => {
      let reportId = '';
      beforeAll(async () => {
        reportId = (await mine(mapped))[0]!.reportId;
      });

      it('lets only the author’s supervisor chain comment: not a colleague, not HR, not the author', async () => {
        const body = { text: 'よい気づきですね。', requestId: 'comment-forbidden-1' };
        for (const person of [colleague, hr, mapped])
          expect((await call(person, 'POST', `/api/reports/${reportId}/comments`, body)).status).toBe(403);
        expect(await server.database.query('SELECT * FROM report_comments')).toEqual([]);
      });

      it('validates the comment and stores it once per form, nothing stored for a refused one', async () => {
        const supervisor = { id: mapped.managerId! };
        const empty = await call(supervisor, 'POST', `/api/reports/${reportId}/comments`, {
          text: '   ',
          requestId: 'comment-empty-01',
        });
        expect(empty.status).toBe(400);
        const body = { text: '定例会議で試した結果を教えてください。', requestId: 'comment-request-01' };
        const first = await call(supervisor, 'POST', `/api/reports/${reportId}/comments`, body);
        expect(first.status).toBe(200);
        const again = await call(supervisor, 'POST', `/api/reports/${reportId}/comments`, body);
        expect(again.body.id).toBe(first.body.id);
        expect(await server.database.query('SELECT * FROM report_comments')).toHaveLength(1);
        expect(await outbox(`report-comment:${first.body.id as string}`)).toEqual([
          expect.objectContaining({ recipient: { kind: 'person', personId: mapped.id } }),
        ]);
      });

      it('shows the comment to the author in their reports', async () => {
        const report = (await mine(mapped)).find((entry) => entry.reportId === reportId)!;
        expect(report.comments).toEqual([
          expect.objectContaining({
            text: '定例会議で試した結果を教えてください。',
            authorId: mapped.managerId,
          }),
        ] satisfies Array<Partial<ReportComment>>);
        const view = await call(mapped, 'GET', `/api/reports/sessions/${session.id}`);
        expect(view.body.comments).toHaveLength(1);
      });

      it('takes a comment from the notice card’s Action.Execute and answers with the notice, the comment listed', async () => {
        const supervisor = server.emulator.people.find((person) => person.id === mapped.managerId)!;
        const answer = await bot({
          type: 'invoke',
          name: 'adaptiveCard/action',
          id: 'invoke-comment-1',
          serviceUrl: connectorUrl,
          channelId: 'msteams',
          locale: 'ja-JP',
          from: { id: `29:${supervisor.id}`, aadObjectId: supervisor.id, name: supervisor.displayName },
          recipient: { id: '28:bot', name: 'Hagukumi' },
          conversation: { id: `a:chat-${supervisor.id}`, conversationType: 'personal', tenantId: 'tenant-1' },
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'report.comment',
              data: { reportId, requestId: 'card-comment-0001', comment: 'カードからのコメント' },
            },
          },
        });
        expect(answer.body).toMatchObject({ statusCode: 200 });
        const card = JSON.stringify(answer.body.value);
        expect(card).toContain('コメントを送りました');
        expect(card).toContain('カードからのコメント');
        expect((await mine(mapped))[0]!.comments.map((comment) => comment.text)).toContain(
          'カードからのコメント',
        );
      });

      it('lets the supervisor chain read the submitted report in the tab with their own comments; nobody else learns whether it exists', async () => {
        const path = (personId: string, sessionId = session.id) =>
          `/api/reports/people/${personId}/sessions/${sessionId}`;
        const supervisor = { id: mapped.managerId! };
        const read = await call(supervisor, 'GET', path(mapped.id));
        expect(read.status).toBe(200);
        expect(read.body).toMatchObject({
          reportId,
          personId: mapped.id,
          personName: mapped.displayName,
          courseTitle: { ja: '共有研修' },
          learned: '**会議の目的**を最初に共有すると議論がまとまる。',
          application: '係の定例会議で、冒頭に目的とゴールを確認する。',
          competencyIds: [server.framework.competencies[0]!.id],
        });
        expect((read.body.comments as ReportComment[]).map((comment) => comment.text)).toEqual([
          '定例会議で試した結果を教えてください。',
          'カードからのコメント',
        ]);
        // What goes to HR (satisfaction, wishes) is not part of the supervisor's view, as on the card.
        expect(read.body).not.toHaveProperty('satisfaction');
        expect(read.body).not.toHaveProperty('wantedText');
        const audited = await server.database.query<{ subject_id: string }>(
          `SELECT subject_id FROM audit_log WHERE resource = 'training-report' AND action = 'read' AND actor_id = $1`,
          [supervisor.id],
        );
        expect(audited.map((row) => row.subject_id)).toContain(mapped.id);

        // Further up the chain reads it too, and sees only their own comments (none yet).
        const above = server.emulator.people.find((person) => person.id === mapped.managerId)?.managerId;
        expect(above).toBeTruthy();
        const upper = await call({ id: above! }, 'GET', path(mapped.id));
        expect(upper.status).toBe(200);
        expect(upper.body.comments).toEqual([]);

        // A colleague, HR and the author themself are refused before anything is looked up: the same 403
        // for a report that exists and for one that does not.
        const nowhere = '00000000-0000-4000-8000-000000000000';
        for (const person of [colleague, hr, mapped]) {
          expect((await call(person, 'GET', path(mapped.id))).status).toBe(403);
          expect((await call(person, 'GET', path(mapped.id, nowhere))).status).toBe(403);
        }
        // In the chain: no report of that session, or one not submitted (a draft stays private), is 404.
        expect((await call(supervisor, 'GET', path(mapped.id, nowhere))).status).toBe(404);
        const lateSupervisor = { id: late.managerId! };
        expect((await call(lateSupervisor, 'GET', path(late.id))).status).toBe(404);
        // Ids are validated.
        expect((await call(supervisor, 'GET', path('not-an-id'))).status).toBe(400);
      });

      it('refuses a comment form already used for another comment (409), storing nothing', async () => {
        const above = server.emulator.people.find((person) => person.id === mapped.managerId)?.managerId;
        const before = await server.database.query('SELECT * FROM report_comments');
        expect(above).toBeTruthy();
        const reused = await call({ id: above! }, 'POST', `/api/reports/${reportId}/comments`, {
          text: '別のコメント',
          requestId: 'comment-request-01',
        });
        expect(reused.status).toBe(409);
        expect((reused.body.error as { code: string }).code).toBe('conflict');
        expect(await server.database.query('SELECT * FROM report_comments')).toHaveLength(before.length);
      });
    });

    describe('the form in the chat', () => {
      const invoke = (person: Person, verb: string, data: Record<string, unknown>, locale = 'ja-JP') =>
        bot({
          type: 'invoke',
          name: 'adaptiveCard/action',
          id: `invoke-${Math.random().toString(36).slice(2)}`,
          serviceUrl: connectorUrl,
          channelId: 'msteams',
          locale,
          from: { id: `29:${person.id}`, aadObjectId: person.id, name: person.displayName },
          recipient: { id: '28:bot', name: 'Hagukumi' },
          conversation: { id: `a:chat-${person.id}`, conversationType: 'personal', tenantId: 'tenant-1' },
          value: { action: { type: 'Action.Execute', verb, data } },
        });
      const cardOf = (answer: { body: Record<string, unknown> }) => JSON.stringify(answer.body.value);

      it('tells what is missing in Japanese, or in English for an English user, keeping the text', async () => {
        const data = {
          sessionId: session.id,
          submissionId: 'card-late-0001',
          draftVersion: 0,
          learned: ' ',
          application: '残す',
        };
        const ja = cardOf(await invoke(late, 'report.submit', data));
        expect(ja).toContain('学んだことを書いてください。');
        expect(ja).toContain('満足度を選んでください。');
        expect(ja).toContain('残す');
        const en = cardOf(await invoke(late, 'report.submit', data, 'en-US'));
        expect(en).toContain('Write what you learned.');
        expect(
          await server.database.query('SELECT 1 FROM training_reports WHERE person_id = $1', [late.id]),
        ).toEqual([]);
      });

      it('saves a draft from the card and says so; a draft saved elsewhere meanwhile is not overwritten silently', async () => {
        const data = {
          sessionId: session.id,
          submissionId: 'card-late-0002',
          draftVersion: 0,
          learned: '途中まで書いた',
        };
        const saved = cardOf(await invoke(late, 'report.save', data));
        expect(saved).toContain('下書きを保存しました');
        expect(saved).toContain('"draftVersion":1');
        const rows = () =>
          server.database.query<{ learned: string; version: number; status: string }>(
            'SELECT learned, version, status FROM training_reports WHERE person_id = $1',
            [late.id],
          );
        expect(await rows()).toEqual([{ learned: '途中まで書いた', version: 1, status: 'draft' }]);
        // The same old card again (version 0): told, the text kept, nothing overwritten.
        const stale = cardOf(await invoke(late, 'report.save', { ...data, learned: '別の文章' }));
        expect(stale).toContain('別の場所');
        expect(stale).toContain('別の文章');
        expect(stale).toContain('"draftVersion":1');
        expect((await rows())[0]?.learned).toBe('途中まで書いた');
        // Pressing save on that card keeps its text.
        const again = cardOf(
          await invoke(late, 'report.save', { ...data, draftVersion: 1, learned: '別の文章' }),
        );
        expect(again).toContain('下書きを保存しました');
        expect(await rows()).toEqual([{ learned: '別の文章', version: 2, status: 'draft' }]);
      });
    });

    describe('reminders', () => {
      it('reminds whoever has not reported, after the days configured, in office hours, at most the configured number of times', async () => {
        const reminders = (now: Date) =>
          createReportReminders({
            db: server.database.db,
            botMessages: server.botMessages,
            cards: createReportCardBuilders({ framework: server.framework, courses: async () => [] }),
            policy: { afterDays: 3, max: 2 },
            now: () => now,
          });
        const [request] = await server.database.query<{ requested_at: Date }>(
          'SELECT requested_at FROM report_requests WHERE session_id = $1 AND person_id = $2',
          [session.id, late.id],
        );
        const requestedAt = new Date(request!.requested_at).getTime();
        expect(await reminders(new Date(requestedAt + 2 * DAY)).runOnce()).toEqual({ reminded: 0 });
        const first = nextOfficeTime(requestedAt + 3 * DAY);
        expect(await reminders(first).runOnce()).toEqual({ reminded: 1 });
        expect(await reminders(first).runOnce()).toEqual({ reminded: 0 });
        const second = nextOfficeTime(first.getTime() + 3 * DAY);
        expect(await reminders(new Date(second.getTime() - 60_000)).runOnce()).toEqual({ reminded: 0 });
        expect(await reminders(second).runOnce()).toEqual({ reminded: 1 });
        expect(await reminders(new Date(second.getTime() + 30 * DAY)).runOnce()).toEqual({ reminded: 0 });
        const queued = await outbox('report-reminder:');
        // Those who submitted get none; the late attendee gets two, each not before an office time.
        expect(queued.map((row) => row.key)).toEqual([
          `report-reminder:${session.id}:${late.id}:1`,
          `report-reminder:${session.id}:${late.id}:2`,
        ]);
        expect(queued.map((row) => new Date(row.not_before!).getTime())).toEqual([
          first.getTime(),
          second.getTime(),
        ]);
      });
    });
  },
);
