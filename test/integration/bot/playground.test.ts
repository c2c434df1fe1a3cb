import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_OPEN_VERB, REPORT_SUBMIT_VERB } from '../../../bot/cards/report-card.ts';
import { canonicalJson } from '../../../src/dev/m365-emulator/event-store.ts';
import { playgroundStandIns } from '../../../src/dev/playground-identities.ts';
import type {
  BookingResponse,
  InterviewSummary,
  PlanResponse,
} from '../../../src/interviews/interview.contract.ts';
import { isOfficeDay, jstDayOf } from '../../../src/interviews/slot-finder.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startPlayground, type Playground, type PlaygroundMessage } from '../../support/playground.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { sessionBody, until, type Person } from '../training/training-support.ts';

/** The Teams app id (manifest `id`) the bot's deep links name. */
const TEAMS_APP_ID = '0b2e6a4c-9d1f-4f0e-8a55-3c1d2e4f5a6b';

type Action = { type: string; title: string; url?: string; verb?: string; data?: Record<string, unknown> };
const cardOf = (message: PlaygroundMessage) => message.attachments[0]!.content as Record<string, unknown>;
const textOf = (message: PlaygroundMessage) => JSON.stringify(message.attachments.map((a) => a.content));
/** Every action of a card, nested ones (ActionSet) included. */
function actionsOf(value: unknown): Action[] {
  if (Array.isArray(value)) return value.flatMap(actionsOf);
  if (!value || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  const own = typeof node.type === 'string' && node.type.startsWith('Action.') ? [node as Action] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, child]) => (key === 'fallback' ? [] : actionsOf(child))),
  ];
}
/** The URL of a Teams deep link to our personal tab at `page`, read back into its parts. */
function deepLinkParts(url: string) {
  const parsed = new URL(url);
  const [, l, entity, appId, entityId] = parsed.pathname.split('/');
  return {
    host: parsed.host,
    path: `/${l}/${entity}`,
    appId,
    entityId,
    rawContext: url.slice(url.indexOf('context=') + 'context='.length),
    context: JSON.parse(parsed.searchParams.get('context') ?? 'null') as unknown,
  };
}

describe('the bot with Microsoft 365 Agents Playground', () => {
  let server: TestServer;
  let playground: Playground;
  beforeAll(async () => {
    server = await startTestServer({ env: { TEAMS_APP_ID } });
    // Through a relay that sets the Teams client's language, which the Playground always sends as en-US.
    playground = await startPlayground(`${server.url}/api/messages`, { relay: true });
  }, 60_000);
  afterAll(async () => {
    await playground?.stop();
    await server?.stop();
  });

  it('answers "hello" in a 1:1 chat with a greeting card naming the user', async () => {
    const chat = playground.config.personalChat.id;
    await playground.say(chat, 'hello');
    const reply = await playground.waitForMessage(
      (message) => message.conversationId === chat && message.attachments.length > 0,
    );
    const card = reply.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(JSON.stringify(card.content)).toContain(playground.config.currentUser.name);

    const references = await server.database.query<{
      kind: string;
      user_aad_id: string | null;
      service_url: string;
    }>('SELECT kind, user_aad_id, service_url FROM conversation_references WHERE conversation_id = $1', [
      chat,
    ]);
    expect(references).toHaveLength(1);
    expect(references[0]).toMatchObject({
      kind: 'personal',
      // In local mode the Playground's current user stands in for a seeded 主事: the chat is theirs.
      user_aad_id: playgroundStandIns(server.emulator.people)[0]!.id,
    });
    expect(references[0]!.service_url).toContain(new URL(playground.url).port);
  });

  /** Says `text` in the 1:1 chat as a user of a Teams client in `locale`; the bot's card in answer. */
  const ask = async (text: string, locale: 'ja-JP' | 'en-US') => {
    const chat = playground.config.personalChat.id;
    // A change an earlier step made (a nomination, a confirmation) has the bot tell the person in this
    // chat, through the outbox: now, or at the office's next opening when the office is closed. Such a
    // notice may arrive while the answer is awaited, so the answer is the first card of the chat that is
    // no outbox message. Cards read back from jsonb have their keys reordered: compared as canonical JSON.
    const cards = (attachments: Array<{ content: unknown }>) =>
      canonicalJson(attachments.map((attachment) => attachment.content));
    const before = playground.messages.length;
    playground.setClientLocale(locale);
    try {
      await playground.say(chat, text);
      return await until('the bot’s answer in the Playground', async () => {
        const arrived = playground.messages.slice(before);
        // Read after the messages checked against it: a notice shown was in the outbox before.
        const outbox = await server.database.query<{
          payload: { attachments?: Array<{ content: unknown }> };
        }>('SELECT payload FROM bot_outbox');
        const notices = new Set(outbox.map((row) => cards(row.payload.attachments ?? [])));
        return arrived.find(
          (message) =>
            message.conversationId === chat &&
            message.attachments.length > 0 &&
            !notices.has(cards(message.attachments)),
        );
      });
    } finally {
      playground.setClientLocale(undefined);
    }
  };

  describe('help, in the language of the person’s Teams', () => {
    it('answers 「ヘルプ」 from a Japanese Teams with what the bot can do, in Japanese', async () => {
      const reply = await ask('ヘルプ', 'ja-JP');
      expect(cardOf(reply)).toMatchObject({ type: 'AdaptiveCard', lang: 'ja-JP' });
      const text = textOf(reply);
      expect(text).toContain('育み（Hagukumi）のボットでできること');
      expect(text).toContain('「提出する報告」');
      expect(text).toContain('「次の予定」');
      // The button into the tab is a Teams deep link to the personal tab, not the tab's web address.
      const open = actionsOf(cardOf(reply)).find((action) => action.type === 'Action.OpenUrl')!;
      expect(open.title).toBe('育みを開く');
      expect(open.url).toBe(`https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/home`);
    });

    it('answers "help" from an English Teams in English', async () => {
      const reply = await ask('help', 'en-US');
      expect(cardOf(reply)).toMatchObject({ lang: 'en-US' });
      const text = textOf(reply);
      expect(text).toContain('What the Hagukumi bot can do');
      expect(text).toContain('\\"reports due\\"');
      expect(text).not.toMatch(/[ぁ-んァ-ン]/);
    });

    it('greets 「こんにちは」 by name before the help, and says when it did not understand', async () => {
      const hello = await ask('こんにちは', 'ja-JP');
      expect(textOf(hello)).toContain(`${playground.config.currentUser.name} さん、こんにちは。`);
      expect(textOf(hello)).toContain('ボットでできること');
      const gibberish = await ask('ふがふが qwerty', 'ja-JP');
      expect(textOf(gibberish)).toContain('すみません、「ふがふが qwerty」はわかりませんでした。');
      expect(textOf(gibberish)).toContain('ボットでできること');
      const english = await ask('qwerty', 'en-US');
      expect(textOf(english)).toContain('Sorry, I did not understand \\"qwerty\\".');
      expect(textOf(english)).toContain('What the Hagukumi bot can do');
    });
  });

  describe('「提出する報告」 and 「次の予定」', () => {
    let member: Person;
    let supervisor: Person;
    let hr: Person;
    let course: CourseView;
    let attended: SessionView;
    let upcoming: SessionView;
    let interview: InterviewSummary;
    const call = apiCaller(() => server);

    beforeAll(async () => {
      // The person has talked to the bot before, so the app knows their chat and the notices below reach
      // it: also when these tests run without the first one (-t, a shuffled order).
      await ask('hello', 'en-US');
      const people = server.emulator.people;
      [member, supervisor] = playgroundStandIns(people) as [Person, Person];
      hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
      const courses = (await call(hr, 'GET', '/api/training/courses')).body as unknown as CourseView[];
      course = courses.find((candidate) => !candidate.archived && candidate.title.en) ?? courses[0]!;
      // HR nominates the Playground's user for two sessions and confirms both: one takes place (its report
      // is then due), the other is in two weeks.
      const enrol = async (session: SessionView) => {
        const nominated = (
          await call(hr, 'POST', `/api/training/sessions/${session.id}/nominate`, {
            personId: member.id,
            note: '',
            overrideEligibility: true,
          })
        ).body as unknown as EnrolmentView;
        return (
          await call(hr, 'POST', `/api/training/enrolments/${nominated.id}/confirm`, {
            version: nominated.version,
          })
        ).body as unknown as EnrolmentView;
      };
      const schedule = async (overrides: Record<string, unknown>) =>
        (await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody(overrides)))
          .body as unknown as SessionView;
      attended = await schedule({ capacity: 10 });
      upcoming = await schedule({ capacity: 10, startTime: '13:30', endTime: '16:30' });
      const past = await enrol(attended);
      await enrol(upcoming);
      await server.database.query(
        `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
        [attended.id],
      );
      const marked = await call(hr, 'POST', `/api/training/enrolments/${past.id}/attendance`, {
        version: past.version,
      });
      expect(marked.body.status).toBe('attended');

      // Their supervisor books their mid-year interview within the next office days.
      const days: string[] = [];
      for (let offset = 1; days.length < 10; offset += 1) {
        const day = jstDayOf(Date.now() + offset * 24 * 60 * 60_000);
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
        await call(supervisor, 'POST', '/api/interviews/plan', {
          personIds: [member.id],
          type: 'midYear',
          ...plan,
        })
      ).body as unknown as PlanResponse;
      expect(proposal.slots).toHaveLength(1);
      const booked = (
        await call(supervisor, 'POST', '/api/interviews/bookings', {
          idempotencyKey: randomUUID(),
          type: 'midYear',
          plan,
          slots: proposal.slots.map(({ personId, start, end }) => ({ personId, start, end })),
        })
      ).body as unknown as BookingResponse;
      interview = await until('the interview to be in Outlook', async () => {
        const mine = (await call(member, 'GET', '/api/interviews?as=attendee'))
          .body as unknown as InterviewSummary[];
        return mine.find((entry) => entry.id === booked.interviews[0]!.id && entry.status === 'booked');
      });
    }, 60_000);

    it('lists the reports still due in Japanese, each with a button that opens its form', async () => {
      const reply = await ask('提出する報告', 'ja-JP');
      expect(cardOf(reply)).toMatchObject({ lang: 'ja-JP' });
      expect(textOf(reply)).toContain('まだ提出していない研修報告');
      expect(textOf(reply)).toContain(course.title.ja);
      const actions = actionsOf(cardOf(reply));
      const open = actions.find((action) => action.verb === REPORT_OPEN_VERB)!;
      expect(open).toMatchObject({ title: '報告を書く', data: { sessionId: attended.id } });
      // The deep link to the tab's training page: app id, the static tab's entity id, encoded context.
      const toTab = actions.find((action) => action.type === 'Action.OpenUrl')!;
      expect(toTab.title).toBe('育みで研修を見る');
      expect(deepLinkParts(toTab.url!)).toEqual({
        host: 'teams.microsoft.com',
        path: '/l/entity',
        appId: TEAMS_APP_ID,
        entityId: 'home',
        rawContext: encodeURIComponent(JSON.stringify({ subEntityId: 'training/mine' })),
        context: { subEntityId: 'training/mine' },
      });

      // Its button answers with the report form for that session, in place (in Japanese: the invoke
      // carries the client's language too).
      playground.setClientLocale('ja-JP');
      const form = await playground
        .execute(reply, REPORT_OPEN_VERB, { sessionId: attended.id })
        .finally(() => playground.setClientLocale(undefined));
      expect(form.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(form.value)).toContain(REPORT_SUBMIT_VERB);
      expect(JSON.stringify(form.value)).toContain(course.title.ja);
    });

    it('understands the English wording from an English Teams and answers in English', async () => {
      const reply = await ask('my reports due', 'en-US');
      expect(cardOf(reply)).toMatchObject({ lang: 'en-US' });
      expect(textOf(reply)).toContain('Training reports still due');
      expect(textOf(reply)).toContain(course.title.en ?? course.title.ja);
    });

    it('shows the next interview and training in Japanese, with deep links into the tab', async () => {
      const reply = await ask('次の予定', 'ja-JP');
      expect(cardOf(reply)).toMatchObject({ lang: 'ja-JP' });
      const text = textOf(reply);
      expect(text).toContain('中間面談');
      expect(text).toContain(`${supervisor.displayName} さんとの面談`);
      expect(text).toContain(course.title.ja);
      expect(text).toContain('受講決定');
      // The session that took place is not "next".
      expect(text.split(course.title.ja).length - 1).toBe(1);
      const actions = actionsOf(cardOf(reply));
      expect(actions.find((action) => action.title === 'Teams 会議に参加')!.url).toBe(interview.joinUrl);
      const toInterview = deepLinkParts(actions.find((action) => action.title === '面談を開く')!.url!);
      expect(toInterview).toMatchObject({ appId: TEAMS_APP_ID, entityId: 'home' });
      expect(toInterview.context).toEqual({ subEntityId: `interviews/${interview.id}` });
      expect(toInterview.rawContext).toBe(
        encodeURIComponent(JSON.stringify({ subEntityId: `interviews/${interview.id}` })),
      );
      expect(deepLinkParts(actions.find((action) => action.title === '研修を開く')!.url!).context).toEqual({
        subEntityId: 'training/mine',
      });
    });

    it('answers "my next interview and training" from an English Teams in English', async () => {
      const reply = await ask('my next interview and training', 'en-US');
      expect(cardOf(reply)).toMatchObject({ lang: 'en-US' });
      const text = textOf(reply);
      expect(text).toContain('Mid-year interview');
      expect(text).toContain(`With ${supervisor.displayName}`);
      expect(text).toContain('Confirmed');
      for (const japanese of ['中間面談', 'さんとの面談', '受講決定', '次の予定'])
        expect(text).not.toContain(japanese);
    });

    it('checks the person in with 「チェックイン」 and the room’s code, as the tab does, in their language', async () => {
      const session = (
        await call(
          hr,
          'POST',
          `/api/training/courses/${course.id}/sessions`,
          sessionBody({ capacity: 10, startTime: '09:00', endTime: '10:00' }),
        )
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
      const code = (
        (await call(hr, 'POST', `/api/training/sessions/${session.id}/checkin-code`)).body as unknown as {
          checkin: { code: string };
        }
      ).checkin.code;

      // The menu's entry alone asks for the code.
      expect(textOf(await ask('チェックイン', 'ja-JP'))).toContain('出席確認コードを続けて送ってください');
      // Two weeks ahead: outside its check-in time.
      expect(textOf(await ask(`チェックイン ${code}`, 'ja-JP'))).toContain(
        '開始 30 分前から終了 30 分後まで',
      );
      await server.database.query(
        `UPDATE training_sessions SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '50 minutes' WHERE id = $1`,
        [session.id],
      );
      // Full-width, as a Japanese IME types it.
      const fullWidth = [...code].map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).join('');
      const accepted = await ask(`チェックイン\u3000${fullWidth}`, 'ja-JP');
      expect(cardOf(accepted)).toMatchObject({ lang: 'ja-JP' });
      expect(textOf(accepted)).toContain(`「${course.title.ja}」にチェックインしました。`);
      const again = await ask(`check in ${code.toLowerCase()}`, 'en-US');
      expect(cardOf(again)).toMatchObject({ lang: 'en-US' });
      expect(textOf(again)).toContain(
        `You had already checked in to “${course.title.en ?? course.title.ja}”.`,
      );
      const wrong = code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
      expect(textOf(await ask(`check in ${wrong}`, 'en-US'))).toContain('This code is not right.');

      // The same service as the tab's: checked in once, audited as the tab's check-ins are.
      const marks = await server.database.query<{ checked_in_at: Date | null }>(
        `SELECT checked_in_at FROM training_attendance_marks WHERE session_id = $1 AND person_id = $2`,
        [session.id, member.id],
      );
      expect(marks).toHaveLength(1);
      expect(marks[0]!.checked_in_at).not.toBeNull();
      const outcomes = await server.database.query<{ outcome: string }>(
        `SELECT details->>'outcome' AS outcome FROM audit_log
          WHERE actor_id = $1 AND resource = 'training-attendance' AND details->>'change' = 'checkin' ORDER BY id`,
        [member.id],
      );
      expect(outcomes.map((row) => row.outcome)).toEqual([
        'outsideWindow',
        'accepted',
        'alreadyCheckedIn',
        'wrongCode',
      ]);
    });
  });

  it('records the team, its channels and serviceUrl when installed in a team', async () => {
    const team = playground.config.teams[0]!;
    await playground.installInTeam(team.id);
    const deadline = Date.now() + 10_000;
    let rows: Array<{
      team_id: string;
      team_name: string | null;
      service_url: string;
      channels: Array<{ id: string; name: string }>;
    }> = [];
    while (rows.length === 0 && Date.now() < deadline) {
      rows = await server.database.query(
        'SELECT team_id, team_name, service_url, channels FROM team_installations',
      );
      if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]!.team_id).toBe(team.id);
    expect(rows[0]!.service_url).toContain(new URL(playground.url).port);
    expect(rows[0]!.channels.map((channel) => channel.id).sort()).toEqual(
      team.channels.map((channel) => channel.id).sort(),
    );
  });

  it('refuses a request that is not an activity with a 400 error body', async () => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"hello":"world"}',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
  });
});
