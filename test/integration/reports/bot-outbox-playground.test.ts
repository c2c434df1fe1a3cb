// Local mode end to end: the outbox posts through Microsoft 365 Agents Playground's connector exactly as
// it would through Teams' — the serviceUrl comes from the conversation the Playground opened, no token.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PULSE_ANSWER_VERB,
  PULSE_FREE_TEXT_INPUT_ID,
  pulseCards,
  pulseRatingInputId,
} from '../../../bot/cards/pulse-card.ts';
import { PLAYGROUND_AAD_OBJECT_IDS, playgroundStandIns } from '../../../src/dev/playground-identities.ts';
import type {
  BookingResponse,
  InterviewRequest,
  PlanResponse,
} from '../../../src/interviews/interview.contract.ts';
import { isOfficeDay, jstDayOf } from '../../../src/interviews/slot-finder.ts';
import { isOfficeOpen, nextOfficeTime } from '../../../src/jobs/office-hours.ts';
import { BOT_OUTBOX_QUEUE } from '../../../src/reports/bot-messaging.module.ts';
import { pulseInvitationKey } from '../../../src/pulse/pulse-outbox-keys.ts';
import type { PulseConfig } from '../../../src/pulse/pulse.contract.ts';
import { fiscalQuarterAt, fiscalQuarterDays } from '../../../src/shared/fiscal-period.ts';
import { careerPromptCards } from '../../../bot/cards/career-prompt-card.ts';
import { addYears } from '../../../src/growth/career.service.ts';
import { createCareerPrompts } from '../../../src/growth/career-prompts.ts';
import { personalLocalesOf } from '../../../src/reports/conversation-references.store.ts';
import { jstMidnight } from '../../../src/shared/japan-time.ts';
import { createTabLinks } from '../../../src/shared/tab-links.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startPlayground, type Playground, type PlaygroundMessage } from '../../support/playground.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { shiftedClock } from '../../support/shifted-clock.ts';

/** Now if the office is open, else an hour after it next opens: notices wait for office hours. */
function officeOpenInstant(): number {
  const now = Date.now();
  return isOfficeOpen(now) ? now : nextOfficeTime(now).getTime() + 60 * 60 * 1000;
}

describe('bot outbox through Microsoft 365 Agents Playground', () => {
  let server: TestServer;
  let playground: Playground;
  const clock = shiftedClock(officeOpenInstant() - Date.now());
  beforeAll(async () => {
    server = await startTestServer({ clock });
    playground = await startPlayground(`${server.url}/api/messages`);
  }, 60_000);
  afterAll(async () => {
    await playground?.stop();
    await server?.stop();
  });

  it('delivers an enqueued message to the 1:1 chat of a user who never wrote to the bot, and a channel post to the installed team', async () => {
    // The user never opened a chat with the bot: the outbox opens it (the serviceUrl comes from the team).
    const chat = playground.config.personalChat.id;
    const team = playground.config.teams[0]!;
    await playground.installInTeam(team.id);
    const deadline = Date.now() + 10_000;
    while (
      (await server.database.query('SELECT 1 FROM team_installations')).length === 0 &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 200));

    expect(
      await server.database.query('SELECT 1 FROM conversation_references WHERE kind = $1', ['personal']),
    ).toEqual([]);
    const me = playgroundStandIns(server.emulator.people)[0]!;
    const channel = team.channels[0]!;
    await server.botMessages.enqueue([
      {
        key: 'playground:personal',
        recipient: { kind: 'person', personId: me.id },
        text: '研修報告のお願い',
      },
      {
        key: 'playground:channel',
        recipient: { kind: 'channel', teamId: team.id, channelId: channel.id },
        text: '研修報告の共有',
      },
    ]);
    const personal = await playground.waitForMessage(
      (message) => message.text === '研修報告のお願い',
      30_000,
    );
    expect(personal.conversationId).toBe(chat);
    const shared = await playground.waitForMessage((message) => message.text === '研修報告の共有', 30_000);
    expect(shared.conversationId).toContain(channel.id);
    // Sent is written just after the connector's answer, which may come after the Playground shows it.
    const keys = ['playground:personal', 'playground:channel'];
    const sentBy = Date.now() + 10_000;
    let states = await server.botMessages.status(keys);
    while ([...states.values()].some((status) => status.state !== 'sent') && Date.now() < sentBy) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      states = await server.botMessages.status(keys);
    }
    expect([...states.values()].map((status) => status.state)).toEqual(['sent', 'sent']);
  }, 90_000);

  it('tells the supervisor of a 1:1 request, and the person of its decline and of the booked 1:1', async () => {
    const call = apiCaller(() => server);
    const [member, supervisor] = playgroundStandIns(server.emulator.people);
    const cardText = (message: PlaygroundMessage) =>
      JSON.stringify(message.attachments.map((attachment) => attachment.content));
    const card = (words: string) =>
      playground.waitForMessage((message) => cardText(message).includes(words), 60_000);

    const asked = await call(member!, 'POST', '/api/interview-requests', {
      supervisorId: supervisor!.id,
      topic: '窓口の繁忙期の応援体制について',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const first = asked.body as unknown as InterviewRequest;
    // The supervisor's 1:1 chat is not the Playground client's to show: the connector took the card.
    const arrivedKey = `interview-request-arrived:${member!.id}:${first.id}:${supervisor!.id}`;
    const sentBy = Date.now() + 60_000;
    while ((await server.botMessages.status([arrivedKey])).get(arrivedKey)?.state !== 'sent') {
      expect(Date.now() < sentBy, 'the notice to the supervisor to be posted').toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const [arrived] = await server.database.query<{ payload: { attachments: unknown[] } }>(
      'SELECT payload FROM bot_outbox WHERE key = $1',
      [arrivedKey],
    );
    const arrivedCard = JSON.stringify(arrived!.payload.attachments);
    expect(arrivedCard).toContain('1on1 の申し込みが届きました');
    expect(arrivedCard).toContain(member!.displayName);
    expect(arrivedCard).toContain('窓口の繁忙期の応援体制について');
    expect(arrivedCard).toContain(encodeURIComponent('interviews'));

    const declined = await call(supervisor!, 'POST', `/api/interview-requests/${first.id}/decline`, {
      version: first.version,
      reason: '来週の係会議で全員と話します',
    });
    expect(declined.status).toBe(200);
    const told = await card('1on1 の申し込みが辞退されました');
    expect(told.conversationId).toBe(playground.config.personalChat.id);
    expect(cardText(told)).toContain('来週の係会議で全員と話します');

    // Asked again, and booked: the person is told when, with a link to the 1:1 in the tab.
    const second = (
      await call(member!, 'POST', '/api/interview-requests', {
        supervisorId: supervisor!.id,
        topic: 'キャリアの相談',
      })
    ).body as unknown as InterviewRequest;
    const days: string[] = [];
    for (let ahead = 1; days.length < 10; ahead += 1) {
      const day = jstDayOf(clock.now().getTime() + ahead * 24 * 60 * 60_000);
      if (isOfficeDay(day)) days.push(day);
    }
    const plan = {
      firstDay: days[0]!,
      lastDay: days.at(-1)!,
      durationMinutes: 30,
      bufferMinutes: 10,
      minimumNoticeMinutes: 60,
    };
    const proposal = (
      await call(supervisor!, 'POST', '/api/interviews/plan', {
        personIds: [member!.id],
        type: 'oneOnOne',
        ...plan,
      })
    ).body as unknown as PlanResponse;
    const booked = await call(supervisor!, 'POST', '/api/interviews/bookings', {
      idempotencyKey: randomUUID(),
      type: 'oneOnOne',
      requestId: second.id,
      plan,
      slots: proposal.slots.map(({ personId, start, end }) => ({ personId, start, end })),
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(202);
    const interview = (booked.body as unknown as BookingResponse).interviews[0]!;
    const bookedCard = await card('1on1 が予約されました');
    expect(bookedCard.conversationId).toBe(playground.config.personalChat.id);
    expect(cardText(bookedCard)).toContain(supervisor!.displayName);
    expect(cardText(bookedCard)).toContain(encodeURIComponent(`interviews/${interview.id}`));
  }, 120_000);

  it('tells the supervisor once, in the tab’s link, that someone arrived under them and needs an OJT plan', async () => {
    const call = apiCaller(() => server);
    const [member, supervisor] = playgroundStandIns(server.emulator.people);
    const hr = server.emulator.people.find((person) => person.appRoles.includes('Hagukumi.HR'))!;
    const sync = async () => {
      expect((await call(hr, 'POST', '/api/hr/people/sync')).status).toBe(202);
      const deadline = Date.now() + 60_000;
      while ((await call(hr, 'GET', '/api/hr/people/sync')).body.pending !== false) {
        expect(Date.now() < deadline, 'the requested sync to run').toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    // The member moves to another 課 under the same supervisor: an arrival, synced twice.
    member!.department = member!.department === '保険年金課' ? '市民課' : '保険年金課';
    await sync();
    await sync();
    const [suggestion] = await server.database.query<{ id: string; supervisor_id: string }>(
      `SELECT id, supervisor_id FROM ojt_suggestions WHERE person_id = $1`,
      [member!.id],
    );
    expect(suggestion?.supervisor_id).toBe(supervisor!.id);
    const key = `ojt-suggestion:${member!.id}:${suggestion!.id}`;
    const sentBy = Date.now() + 60_000;
    while ((await server.botMessages.status([key])).get(key)?.state !== 'sent') {
      expect(Date.now() < sentBy, 'the notice to the supervisor to be posted').toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const sent = await server.database.query<{ payload: { attachments: unknown[] }; recipient: unknown }>(
      `SELECT payload, recipient FROM bot_outbox WHERE key LIKE 'ojt-suggestion:' || $1 || ':%'`,
      [member!.id],
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.recipient).toEqual({ kind: 'person', personId: supervisor!.id });
    const card = JSON.stringify(sent[0]!.payload.attachments);
    expect(card).toContain(`新しく配属された${member!.displayName}さんのOJT計画を作りましょう`);
    expect(card).toContain(encodeURIComponent(`team/${member!.id}`));
  }, 120_000);

  // Before the pulse test: answering a card from the Playground's English client makes the person's chat
  // English, and this test reads the Japanese notice.
  it('tells the person their キャリア面談 is due and their supervisor to book it, once each', async () => {
    const [member, supervisor] = playgroundStandIns(server.emulator.people);
    const [row] = await server.database.query<{ hire_date: string }>(
      `SELECT hire_date::text AS hire_date FROM people WHERE id = $1`,
      [member!.id],
    );
    // The last anniversary of the hire date (a past day, so the notices may go at once) is the milestone.
    const today = jstDayOf(Date.now());
    let years = 1;
    while (addYears(row!.hire_date, years + 1) <= today) years += 1;
    const dueOn = addYears(row!.hire_date, years);
    expect(dueOn <= today).toBe(true);
    const prompts = createCareerPrompts({
      db: server.database.db,
      settings: { interviewYears: [years], evaluationPeriodYears: years + 1 },
      now: () => new Date(jstMidnight(dueOn) + 10 * 60 * 60 * 1000),
      notices: {
        messages: server.botMessages,
        cards: careerPromptCards,
        languagesOf: (personIds, db) => personalLocalesOf(db, personIds),
        tabLink: createTabLinks(server.config),
      },
    });
    // Others hired within the same fortnight are prompted too; a second run prompts nobody again.
    expect((await prompts.run()).prompted).toBeGreaterThan(0);
    expect(await prompts.run()).toEqual({ prompted: 0 });
    const toPerson = await playground.waitForMessage(
      (message) => message.text === `採用${years}年目のキャリア面談の時期です`,
      60_000,
    );
    expect(toPerson.conversationId).toBe(playground.config.personalChat.id);
    // The supervisor's chat is not the Playground's current user's: its notice is seen posted in the outbox.
    const [{ id: promptId } = { id: '' }] = await server.database.query<{ id: string }>(
      `SELECT id FROM career_prompts WHERE person_id = $1`,
      [member!.id],
    );
    const key = `career-prompt:${member!.id}:${promptId}:supervisor:${supervisor!.id}`;
    const sentBy = Date.now() + 60_000;
    while ((await server.botMessages.status([key])).get(key)?.state !== 'sent') {
      expect(Date.now() < sentBy, 'the notice to the supervisor to be posted').toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The cards as posted (the Playground's stream shows the text): the person's links to their career
    // design, the supervisor's opens the booking of a career interview with them.
    const sent = await server.database.query<{
      recipient: { personId: string };
      payload: { attachments: unknown[] };
    }>(
      `SELECT recipient, payload FROM bot_outbox WHERE key LIKE 'career-prompt:' || $1 || ':%' ORDER BY key`,
      [member!.id],
    );
    expect(sent.map((message) => message.recipient.personId)).toEqual([member!.id, supervisor!.id]);
    expect(JSON.stringify(sent[0]!.payload.attachments)).toContain('キャリアデザインを開く');
    const card = JSON.stringify(sent[1]!.payload.attachments);
    expect(card).toContain('キャリア面談を予約する');
    expect(card).toContain(encodeURIComponent(`interviews/book/career/${member!.id}`));
  }, 120_000);

  it('takes the pulse’s answer from its card once, and refuses a malformed one and one after close, keeping what was typed', async () => {
    const call = apiCaller(() => server);
    // The person the Playground's current user stands in for (the OJT test above moved them out of 市民課,
    // so playgroundStandIns would now pick someone else).
    const memberId = server.local!.botIdentities.personOf(PLAYGROUND_AAD_OBJECT_IDS[0]);
    const member = server.emulator.people.find((person) => person.id === memberId);
    const hr = server.emulator.people.find((person) => person.appRoles.includes('Hagukumi.HR'))!;
    const questions = [
      { ja: '仕事にやりがいを感じる', en: 'I find my work rewarding' },
      { ja: '成長を実感している', en: 'I feel I am growing' },
      { ja: '職場で相談しやすい', en: 'I can ask for help at work' },
    ];
    const freeTextQuestion = { ja: '一言どうぞ', en: 'Anything else?' };
    const quarter = fiscalQuarterAt(clock.now());
    const configure = async (id: string, opensOn: string, closesOn: string) => {
      const created = await call(hr, 'POST', '/api/hr/pulses', {
        quarter: id,
        questions,
        freeTextQuestion,
        opensOn,
        closesOn,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body as unknown as PulseConfig;
    };
    const open = await configure(
      quarter.id,
      jstDayOf(clock.now().getTime()),
      fiscalQuarterDays(quarter).last,
    );
    const previous = fiscalQuarterAt(new Date(clock.now().getTime() - 100 * 24 * 60 * 60_000));
    const before = fiscalQuarterDays(previous);
    const closed = await configure(previous.id, before.first, before.last);

    // Installed in a team (as in the first test): where the outbox learns the serviceUrl of 1:1 chats.
    await playground.installInTeam(playground.config.teams[0]!.id);
    const installedBy = Date.now() + 10_000;
    while (
      (await server.database.query('SELECT 1 FROM team_installations')).length === 0 &&
      Date.now() < installedBy
    )
      await new Promise((resolve) => setTimeout(resolve, 200));
    // The card as the pulse's sender queues it (the sender itself: test/integration/pulse/pulse.test.ts).
    await server.botMessages.enqueue([
      {
        key: pulseInvitationKey(member!.id, open.id),
        recipient: { kind: 'person', personId: member!.id },
        ...pulseCards.invitation({
          locale: 'ja',
          pulseId: open.id,
          quarter: open.quarter,
          questions,
          freeTextQuestion,
          closesOn: open.closesOn,
          openUrl: 'https://example.invalid/tab',
        }),
      },
    ]);
    await server.queue.send(BOT_OUTBOX_QUEUE, {});
    // The outbox runs every minute (the send above only wakes it when it is idle).
    const key = pulseInvitationKey(member!.id, open.id);
    const sentBy = Date.now() + 90_000;
    while ((await server.botMessages.status([key])).get(key)?.state !== 'sent') {
      expect(Date.now() < sentBy, 'the pulse card to be posted').toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const card = await playground.waitForMessage(
      (message) => JSON.stringify(message.attachments).includes(PULSE_ANSWER_VERB),
      30_000,
    );
    expect(card.conversationId).toBe(playground.config.personalChat.id);
    expect(JSON.stringify(card.attachments)).toContain(questions[0]!.ja);

    const stored = async () =>
      server.database.query<{ ratings: number[]; free_text: string }>(
        `SELECT a.ratings, a.free_text FROM pulse_answers a WHERE a.pulse_id = ANY($1::uuid[])
         UNION ALL SELECT NULL, p.person_id::text FROM pulse_participations p WHERE p.pulse_id = ANY($1::uuid[])`,
        [[open.id, closed.id]],
      );
    const inputs = (body: unknown): Record<string, string | undefined> =>
      Object.fromEntries(
        ((body as { body?: Array<{ id?: string; value?: string }> }).body ?? [])
          .filter((element) => element.id)
          .map((element): [string, string | undefined] => [element.id!, element.value]),
      );
    const typed = (ratings: string[], freeText: string) => ({
      ...Object.fromEntries(ratings.map((rating, index) => [pulseRatingInputId(index), rating])),
      [PULSE_FREE_TEXT_INPUT_ID]: freeText,
    });

    // The Playground's client speaks English (en-US), so the bot answers in English.
    // A rating off the scale: refused, nothing stored, what was typed comes back in the card.
    const malformed = await playground.execute(card, PULSE_ANSWER_VERB, {
      pulseId: open.id,
      ...typed(['9', '3', '2'], '係で話せた'),
    });
    expect(malformed.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(malformed.value)).toContain('Not sent: choose 1 to 5 for each question');
    expect(inputs(malformed.value)).toEqual({ q1: undefined, q2: '3', q3: '2', freeText: '係で話せた' });
    expect(await stored()).toEqual([]);

    // A valid answer: stored without the person, and a thank-you in place of the card.
    const answered = await playground.execute(card, PULSE_ANSWER_VERB, {
      pulseId: open.id,
      ...typed(['4', '5', '3'], '係で話せた'),
    });
    expect(answered.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(answered.value)).toContain(
      'Thank you for answering. Your answer was stored without your name.',
    );
    expect(await stored()).toEqual([
      { ratings: [4, 5, 3], free_text: '係で話せた' },
      { ratings: null, free_text: member!.id },
    ]);
    // A second send from the same card changes nothing.
    const again = await playground.execute(card, PULSE_ANSWER_VERB, {
      pulseId: open.id,
      ...typed(['1', '1', '1'], ''),
    });
    expect(JSON.stringify(again.value)).toContain('You have already answered this pulse.');
    expect(await stored()).toHaveLength(2);

    // After the close: refused with the close day, the typed answer kept in the card.
    const late = await playground.execute(card, PULSE_ANSWER_VERB, {
      pulseId: closed.id,
      ...typed(['2', '3', '4'], '遅くなりました'),
    });
    expect(late.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(late.value)).toContain(`Not sent: this pulse closed on ${before.last}.`);
    expect(inputs(late.value)).toEqual({ q1: '2', q2: '3', q3: '4', freeText: '遅くなりました' });
    expect(await stored()).toHaveLength(2);
  }, 180_000);
});
