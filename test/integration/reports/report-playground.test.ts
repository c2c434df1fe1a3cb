// Issue 8's "done when", end to end in local mode with Microsoft 365 Agents Playground as the Teams client:
// the app is installed in a team, HR maps the attendee's 課 to one of its channels, a session of the seeded
// catalog ends, the attendee receives the report form in their 1:1 chat, submits it from the card, the
// summary appears in the mapped channel, and the supervisor is notified and comments from their card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_INPUT_ID, REPORT_COMMENT_VERB } from '../../../bot/cards/report-notice-card.ts';
import { REPORT_SUBMIT_VERB } from '../../../bot/cards/report-card.ts';
import { playgroundStandIns } from '../../../src/dev/playground-identities.ts';
import type { ChannelMappingOverview } from '../../../src/reports/channel-mapping.contract.ts';
import type { MyReport } from '../../../src/reports/report.contract.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startPlayground, type Playground, type PlaygroundMessage } from '../../support/playground.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { sessionBody, until, type Person } from '../training/training-support.ts';

const cardText = (message: PlaygroundMessage) => JSON.stringify(message.attachments.map((a) => a.content));

describe('post-training reports through Agents Playground (local mode)', () => {
  let server: TestServer;
  let playground: Playground;
  let member: Person;
  let supervisor: Person;
  let hr: Person;
  let session: SessionView;
  let course: CourseView;
  const call = apiCaller(() => server);
  let supervisorNotice: PlaygroundMessage | undefined;
  const learned = 'ファシリテーションでは最初に目的とゴールを共有することが大切だと学んだ。';

  beforeAll(async () => {
    server = await startTestServer();
    playground = await startPlayground(`${server.url}/api/messages`);
    const people = server.emulator.people;
    [member, supervisor] = playgroundStandIns(people) as [Person, Person];
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
  }, 90_000);
  afterAll(async () => {
    await playground?.stop();
    await server?.stop();
  });

  it('records the team when the app is installed, and HR maps the 課 to one of its channels', async () => {
    await playground.installInTeam('team-id');
    const team = playground.config.teams.find((candidate) => candidate.id === 'team-id')!;
    const channel = team.channels.find((candidate) => candidate.id !== team.id)!;
    const overview = await until('the installation to be recorded', async () => {
      const answer = (await call(hr, 'GET', '/api/reports/channel-mappings'))
        .body as unknown as ChannelMappingOverview;
      return answer.teams.some((installed) => installed.teamId === 'team-id') ? answer : undefined;
    });
    expect(overview.teams.find((installed) => installed.teamId === 'team-id')!.channels).toEqual(
      expect.arrayContaining([{ id: channel.id, name: channel.name }]),
    );
    const mapped = await call(hr, 'PUT', `/api/reports/channel-mappings/${encodeURIComponent('市民課')}`, {
      teamId: 'team-id',
      channelId: channel.id,
      version: 0,
    });
    expect(mapped.status).toBe(200);
  });

  it('sends the attendee the report form in their 1:1 chat once the session has ended', async () => {
    // The attendee has never opened the app nor written to the bot: no 1:1 chat with them is stored.
    // The form still reaches them: the outbox opens their 1:1 chat itself (in local mode through the
    // Playground's connector; in Teams by installing the app for them first, bot-outbox.test.ts).
    const chat = playground.config.personalChat.id;
    const stored = await server.database.query('SELECT 1 FROM conversation_references WHERE kind = $1', [
      'personal',
    ]);
    expect(stored).toEqual([]);

    // A session of a course from the seeded catalog; the attendee takes part.
    const courses = (await call(hr, 'GET', '/api/training/courses')).body as unknown as CourseView[];
    course = courses.find((candidate) => !candidate.archived) ?? courses[0]!;
    session = (
      await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 10 }))
    ).body as unknown as SessionView;
    // HR nominates the attendee (指名) and confirms the seat.
    const nominated = await call(hr, 'POST', `/api/training/sessions/${session.id}/nominate`, {
      personId: member.id,
      note: '',
      overrideEligibility: true,
    });
    expect(nominated.status).toBe(201);
    let enrolment = nominated.body as unknown as EnrolmentView;
    enrolment = (
      await call(hr, 'POST', `/api/training/enrolments/${enrolment.id}/confirm`, {
        version: enrolment.version,
      })
    ).body as unknown as EnrolmentView;
    expect(enrolment.status).toBe('confirmed');
    // The session took place: moved into the past directly, as the API refuses past times.
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [session.id],
    );
    const attended = await call(hr, 'POST', `/api/training/enrolments/${enrolment.id}/attendance`, {
      version: enrolment.version,
    });
    expect(attended.body.status).toBe('attended');

    // The job that runs every five minutes, run now.
    expect(await server.reportJobs.requests()).toEqual({ requested: 1 });
    const form = await playground.waitForMessage(
      (message) => message.conversationId === chat && cardText(message).includes(REPORT_SUBMIT_VERB),
    );
    expect(form.attachments[0]).toMatchObject({
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { type: 'AdaptiveCard', version: '1.5' },
    });
    expect(cardText(form)).toContain(course.title.ja);
    // Running the job again sends nothing more.
    expect(await server.reportJobs.requests()).toEqual({ requested: 0 });
  });

  it('stores the submission from the card, shares the summary in the mapped channel and notifies the supervisor', async () => {
    const chat = playground.config.personalChat.id;
    const form = playground.messages.find(
      (message) => message.conversationId === chat && cardText(message).includes(REPORT_SUBMIT_VERB),
    )!;
    const competency = server.framework.competencies[0]!;
    const guideline = server.framework.guidelines[0]!;
    const data = {
      sessionId: session.id,
      submissionId: `playground-${Date.now()}`,
      learned,
      application: '係の定例会議で、冒頭に目的とゴールを確認する。',
      competencyIds: competency.id,
      guidelineIds: guideline.id,
      satisfaction: '5',
      wantedText: '議事録の書き方',
      wantedCourseIds: '',
    };
    const answer = await playground.execute(form, REPORT_SUBMIT_VERB, data);
    // The form turns into the read-only "submitted" card; the report was stored before this answer.
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(answer.value)).not.toContain(REPORT_SUBMIT_VERB);
    const stored = await server.database.query<{ status: string; learned: string }>(
      'SELECT status, learned FROM training_reports WHERE person_id = $1 AND session_id = $2',
      [member.id, session.id],
    );
    expect(stored).toEqual([{ status: 'submitted', learned }]);
    // A second click on the same card stores nothing more.
    await playground.execute(form, REPORT_SUBMIT_VERB, data);
    expect(
      await server.database.query('SELECT 1 FROM training_reports WHERE session_id = $1', [session.id]),
    ).toHaveLength(1);

    const team = playground.config.teams.find((candidate) => candidate.id === 'team-id')!;
    const channel = team.channels.find((candidate) => candidate.id !== team.id)!;
    const summary = await playground.waitForMessage(
      (message) => message.conversationId === channel.id && cardText(message).includes(learned),
    );
    expect(cardText(summary)).toContain(member.displayName);
    expect(cardText(summary)).toContain(course.title.ja);

    // The supervisor's notice: the Playground streams only its current user's chats, so the notice is
    // checked where it went — a 1:1 chat the bot created whose member is the supervisor's stand-in — and
    // by the activity the Playground's connector accepted there.
    const notice = await until('the supervisor notice to be delivered', async () => {
      const [row] = await server.database.query<{
        state: string;
        conversation_id: string | null;
        activity_id: string | null;
        payload: { attachments?: Array<{ content: unknown }> };
      }>(
        `SELECT state, conversation_id, activity_id, payload FROM bot_outbox WHERE key LIKE 'report-notice:%'`,
      );
      return row?.state === 'sent' ? row : undefined;
    });
    expect(notice.activity_id).toBeTruthy();
    const members = (await (
      await fetch(`${playground.url}/_connector/v3/conversations/${notice.conversation_id}/members`)
    ).json()) as Array<{ id: string }>;
    expect(members.map((member) => member.id)).toContain(playground.config.users[0]!.id);
    const noticeCard = JSON.stringify(notice.payload.attachments?.[0]?.content);
    expect(noticeCard).toContain(member.displayName);
    expect(noticeCard).toContain(REPORT_COMMENT_VERB);
    supervisorNotice = {
      id: notice.activity_id!,
      conversationId: notice.conversation_id!,
      text: '',
      attachments: [
        { contentType: 'application/vnd.microsoft.card.adaptive', content: JSON.parse(noticeCard) },
      ],
    };

    // The author's tab shows the report as shared.
    const mine = await until('the report to show as shared', async () => {
      const reports = (await call(member, 'GET', '/api/reports/mine')).body as unknown as MyReport[];
      const report = reports.find((candidate) => candidate.sessionId === session.id);
      return report?.sharing?.status === 'shared' ? report : undefined;
    });
    expect(mine.status).toBe('submitted');
  });

  it('lets the supervisor comment from the notice card; the author sees the comment', async () => {
    const notice = supervisorNotice!;
    const action = JSON.stringify(notice.attachments[0]!.content).match(
      /"reportId":"([^"]+)","requestId":"([^"]+)"/,
    );
    expect(action).not.toBeNull();
    const comment = '良い学びですね。次の係会で共有してください。';
    const answer = await playground.execute(
      notice,
      REPORT_COMMENT_VERB,
      { reportId: action![1], requestId: action![2], [COMMENT_INPUT_ID]: comment },
      playground.config.users[0]!.id,
    );
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    const reports = (await call(member, 'GET', '/api/reports/mine')).body as unknown as MyReport[];
    const report = reports.find((candidate) => candidate.sessionId === session.id)!;
    expect(report.comments).toEqual([expect.objectContaining({ text: comment, authorId: supervisor.id })]);
    // …and is told in their 1:1 chat.
    await playground.waitForMessage(
      (message) =>
        message.conversationId === playground.config.personalChat.id && cardText(message).includes(comment),
    );
  });
});
