// The DRILL follow-up's two cards end to end in local mode, with Microsoft 365 Agents Playground as the Teams
// client: three months after a session, the attendee gets 「業務に反映できましたか」 in their 1:1 chat and
// answers from the card; their supervisor gets the observation card in theirs and answers from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FOLLOW_UP_ANSWER_VERB,
  FOLLOW_UP_INPUT_IDS,
  FOLLOW_UP_OBSERVE_VERB,
} from '../../../bot/cards/follow-up-card.ts';
import { playgroundStandIns } from '../../../src/dev/playground-identities.ts';
import { BOT_OUTBOX_QUEUE } from '../../../src/reports/bot-messaging.module.ts';
import type { FollowUpView } from '../../../src/reports/follow-up.contract.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startPlayground, type Playground, type PlaygroundMessage } from '../../support/playground.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { sessionBody, until, type Person } from '../training/training-support.ts';

/** The follow-up id and version the card's send button carries: ['', id, version]. */
const actionData = (content: string) => {
  const followUpId = /"followUpId":"([^"]+)"/.exec(content)?.[1];
  const version = /"version":(\d+)/.exec(content)?.[1];
  expect([followUpId, version].every(Boolean), content).toBe(true);
  return ['', followUpId!, version!] as const;
};
const cardText = (message: PlaygroundMessage) => JSON.stringify(message.attachments.map((a) => a.content));

describe('the DRILL follow-up through Agents Playground (local mode)', () => {
  let server: TestServer;
  let playground: Playground;
  let member: Person;
  let supervisor: Person;
  let hr: Person;
  let session: SessionView;
  const call = apiCaller(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    playground = await startPlayground(`${server.url}/api/messages`);
    // Installed in a team: where local mode's outbox learns the serviceUrl to open 1:1 chats from.
    await playground.installInTeam(playground.config.teams[0]!.id);
    await until('the installation to be recorded', async () =>
      (await server.database.query('SELECT 1 FROM team_installations')).length > 0 ? true : undefined,
    );
    const people = server.emulator.people;
    [member, supervisor] = playgroundStandIns(people) as [Person, Person];
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    const courses = (await call(hr, 'GET', '/api/training/courses')).body as unknown as CourseView[];
    const course = courses.find((candidate) => !candidate.archived)!;
    session = (
      await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 10 }))
    ).body as unknown as SessionView;
    const nominated = (
      await call(hr, 'POST', `/api/training/sessions/${session.id}/nominate`, {
        personId: member.id,
        note: '',
        overrideEligibility: true,
      })
    ).body as unknown as EnrolmentView;
    await call(hr, 'POST', `/api/training/enrolments/${nominated.id}/confirm`, {
      version: nominated.version,
    });
    // The session took place three months ago and the member attended (the API refuses past times).
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 months 1 day 2 hours', ends_at = now() - interval '3 months 1 day' WHERE id = $1`,
      [session.id],
    );
    await server.database.query(`UPDATE training_enrolments SET status = 'attended' WHERE session_id = $1`, [
      session.id,
    ]);
  }, 90_000);
  afterAll(async () => {
    await playground?.stop();
    await server?.stop();
  });

  const sendNow = async () => {
    // Queued for the office's next opening (tested in follow-up.test.ts): the office opens now, and the
    // outbox's worker is woken instead of waiting for its minute.
    await server.database.query(
      `UPDATE bot_outbox SET next_attempt_at = now() WHERE key LIKE 'training-follow-up:%' AND state = 'pending'`,
    );
    await server.queue.send(BOT_OUTBOX_QUEUE, {});
  };

  it('asks the attendee in their 1:1 chat, and takes the answer from the card', async () => {
    expect(await server.reportJobs.followUps()).toEqual({ asked: 1 });
    await sendNow();
    const chat = playground.config.personalChat.id;
    const question = await playground.waitForMessage(
      (message) => message.conversationId === chat && cardText(message).includes(FOLLOW_UP_ANSWER_VERB),
      30_000,
    );
    expect(question.attachments[0]).toMatchObject({
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { type: 'AdaptiveCard', version: '1.5' },
    });
    expect(cardText(question)).toContain('業務に反映できましたか');
    const data = actionData(JSON.stringify(question.attachments[0]!.content));
    const example = '窓口で、最初に用件と必要な書類を確認するようにした。';
    const answer = await playground.execute(question, FOLLOW_UP_ANSWER_VERB, {
      followUpId: data[1],
      version: data[2],
      [FOLLOW_UP_INPUT_IDS.answer]: 'applied',
      [FOLLOW_UP_INPUT_IDS.example]: example,
    });
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(answer.value)).toContain(example);
    const mine = (await call(member, 'GET', '/api/reports/follow-ups')).body as unknown as FollowUpView[];
    expect(mine).toEqual([
      expect.objectContaining({ role: 'attendee', answer: 'applied', text: example, version: 2 }),
    ]);
  });

  it('asks the supervisor in theirs, and takes the observation from the card', async () => {
    // The Playground streams only its current user's chats: the supervisor's card is read where it went,
    // a 1:1 chat the bot created whose member is the supervisor's stand-in, and answered from there.
    const sent = await until('the supervisor’s question to be delivered', async () => {
      const [row] = await server.database.query<{
        state: string;
        conversation_id: string | null;
        activity_id: string | null;
        payload: { attachments?: Array<{ content: unknown }> };
      }>(
        `SELECT o.state, o.conversation_id, o.activity_id, o.payload FROM bot_outbox o
           JOIN training_follow_ups f ON o.key = 'training-follow-up:' || f.id
          WHERE f.role = 'supervisor' AND f.person_id = $1`,
        [member.id],
      );
      return row?.state === 'sent' ? row : undefined;
    });
    const members = (await (
      await fetch(`${playground.url}/_connector/v3/conversations/${sent.conversation_id}/members`)
    ).json()) as Array<{ id: string }>;
    expect(members.map((person) => person.id)).toContain(playground.config.users[0]!.id);
    const content = JSON.stringify(sent.payload.attachments?.[0]?.content);
    expect(content).toContain(`${member.displayName}さんの研修後の様子`);
    expect(content).toContain(FOLLOW_UP_OBSERVE_VERB);
    const data = actionData(content);
    const card: PlaygroundMessage = {
      id: sent.activity_id!,
      conversationId: sent.conversation_id!,
      text: '',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: JSON.parse(content) }],
    };
    const observation = '窓口での説明が短く、分かりやすくなった。';
    const answer = await playground.execute(
      card,
      FOLLOW_UP_OBSERVE_VERB,
      { followUpId: data[1], version: data[2], [FOLLOW_UP_INPUT_IDS.observation]: observation },
      playground.config.users[0]!.id,
    );
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    const theirs = (await call(supervisor, 'GET', '/api/reports/follow-ups'))
      .body as unknown as FollowUpView[];
    expect(theirs).toEqual([
      expect.objectContaining({ role: 'supervisor', personId: member.id, text: observation }),
    ]);
  });
});
