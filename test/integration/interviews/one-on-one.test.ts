// 1:1s (type oneOnOne): booked any time through the same plan → book path, as often as wanted, never
// counted as a formal interview.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BookingResponse,
  InterviewDetail,
  InterviewRequest,
  InterviewSummary,
  PlanResponse,
} from '../../../src/interviews/interview.contract.ts';
import { requestNoticeCards } from '../../../bot/cards/request-notice-card.ts';
import { createInterviewTransfer } from '../../../src/interviews/interview-transfer.ts';
import { createRequestNotices } from '../../../src/interviews/request-notices.ts';
import { jstDayOf } from '../../../src/interviews/slot-finder.ts';
import { mondayOf } from '../../../src/shared/japan-time.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { officeWindow, until } from '../../support/waiting.ts';
import { readInFiscalYearOf, shiftedClock } from '../../support/shifted-clock.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = TestServer['emulator']['people'][number];

const DAY = 24 * 60 * 60 * 1000;

describe('1:1s', () => {
  let server: TestServer;
  let kacho: Person;
  let reports: Person[];
  const call = apiCaller(() => server);
  // The server's clock, which a test moves into a meeting (its start in the database stays Outlook's: the
  // calendar reconcile would put a rewritten one back).
  const clock = shiftedClock();
  const options = { ...officeWindow(10), durationMinutes: 30, bufferMinutes: 10, minimumNoticeMinutes: 60 };

  beforeAll(async () => {
    server = await startTestServer({ clock });
    const people = server.emulator.people;
    kacho = people.find((person) => person.levelId === 'kacho' && person.department === '市民課')!;
    reports = people.filter((person) => person.managerId === kacho.id);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const plan = async (type: string, personIds: string[]) => {
    const answer = await call(kacho, 'POST', '/api/interviews/plan', { personIds, type, ...options });
    expect(answer.status).toBe(200);
    return answer.body as unknown as PlanResponse;
  };

  const book = async (type: string, proposal: PlanResponse) => {
    const answer = await call(kacho, 'POST', '/api/interviews/bookings', {
      idempotencyKey: randomUUID(),
      type,
      plan: options,
      slots: proposal.slots.map(({ personId, start, end }) => ({ personId, start, end })),
    });
    expect(answer.status).toBe(202);
    return answer.body as unknown as BookingResponse;
  };

  const waitBooked = (ids: string[]) =>
    until('the interviews to be in Outlook', async () => {
      const all = (await call(kacho, 'GET', '/api/interviews?as=organizer'))
        .body as unknown as InterviewSummary[];
      const mine = all.filter((interview) => ids.includes(interview.id));
      return mine.length === ids.length && mine.every((interview) => interview.status === 'booked')
        ? mine
        : undefined;
    });

  it('are booked as often as wanted, into Outlook as a 1on1, and leave the formal status alone', async () => {
    const person = reports[0]!;
    const first = await book('oneOnOne', await plan('oneOnOne', [person.id]));
    await waitBooked(first.interviews.map((interview) => interview.id));
    // A second 1:1 the same year is proposed and booked: no one-per-year limit.
    const again = await plan('oneOnOne', [person.id]);
    expect(again.unplaced).toEqual([]);
    expect(again.slots.map((slot) => slot.personId)).toEqual([person.id]);
    const second = await book('oneOnOne', again);
    await waitBooked(second.interviews.map((interview) => interview.id));

    const events = server.emulator
      .eventsOf(kacho.id)
      .filter((event) => event.isOrganizer && event.subject === `【面談】1on1 ${person.displayName} さん`);
    expect(events).toHaveLength(2);
    expect(events[0]!.body.content).toContain('1on1を行います。');

    const mine = (await call(person, 'GET', '/api/interviews?as=attendee'))
      .body as unknown as InterviewSummary[];
    expect(mine.filter((interview) => interview.type === 'oneOnOne')).toHaveLength(2);
    const detail = (await call(person, 'GET', `/api/interviews/${first.interviews[0]!.id}`))
      .body as unknown as InterviewDetail;
    expect(detail.type).toBe('oneOnOne');
    expect(detail.agenda.every((item) => item.source !== 'competency')).toBe(true);

    // The team view shows where each person stands with the formal interviews: 1:1s are not that.
    const team = (await readInFiscalYearOf(clock, options.firstDay, () => call(kacho, 'GET', '/api/team')))
      .body as unknown as {
      members: Array<{ id: string; interview: unknown }>;
    };
    expect(team.members.find((member) => member.id === person.id)?.interview).toBeNull();
  });

  it('keep the formal interviews at one per type and year', async () => {
    const person = reports[1]!;
    await book('midYear', await plan('midYear', [person.id]));
    await book('oneOnOne', await plan('oneOnOne', [person.id]));
    const again = await plan('midYear', [person.id]);
    expect(again.unplaced).toEqual([
      expect.objectContaining({ personId: person.id, reason: 'already_booked' }),
    ]);
    const team = (await readInFiscalYearOf(clock, options.firstDay, () => call(kacho, 'GET', '/api/team')))
      .body as unknown as {
      members: Array<{ id: string; interview: { type: string } | null }>;
    };
    expect(team.members.find((member) => member.id === person.id)?.interview).toMatchObject({
      type: 'midYear',
    });
  });

  describe('agenda from both sides', () => {
    let interview: InterviewSummary;
    let person: Person;
    const detailAs = async (who: Person) =>
      (await call(who, 'GET', `/api/interviews/${interview.id}`)).body as unknown as InterviewDetail;
    const put = (who: Person, body: Record<string, unknown>) =>
      call(who, 'PUT', `/api/interviews/${interview.id}/record`, body);

    beforeAll(async () => {
      person = reports[2]!;
      interview = (await book('oneOnOne', await plan('oneOnOne', [person.id]))).interviews[0]!;
      // The Outlook job moves the interview from pending to booked in the background; a test that reads it
      // twice to prove a refusal changed nothing must not see that move in between.
      await waitBooked([interview.id]);
      const current = await detailAs(kacho);
      const saved = await put(kacho, {
        version: current.version,
        agenda: [{ id: 'boss-1', text: '窓口の混雑状況', source: 'free' }],
        sharedNotes: '',
        privateNotes: '昇任の話は次回',
        actionItems: [{ id: 'a1', text: '資料を読む', done: false, carriedFrom: null }],
      });
      expect(saved.status).toBe(200);
    });

    it('lets the report add and rewrite their own items before the meeting, next to the supervisor’s', async () => {
      const seen = await detailAs(person);
      const added = await put(person, {
        version: seen.version,
        agenda: [...seen.agenda, { id: 'self-1', text: '研修の希望を相談したい', source: 'self' }],
        sharedNotes: seen.sharedNotes,
        actionItems: seen.actionItems,
      });
      expect(added.status).toBe(200);
      const after = added.body as unknown as InterviewDetail;
      expect(after.agenda).toEqual([
        { id: 'boss-1', text: '窓口の混雑状況', source: 'free' },
        { id: 'self-1', text: '研修の希望を相談したい', source: 'self' },
      ]);
      expect(after).not.toHaveProperty('privateNotes');
      const rewritten = await put(person, {
        version: after.version,
        agenda: [
          { id: 'self-1', text: '研修（財務）の希望を相談したい', source: 'self' },
          { id: 'boss-1', text: '窓口の混雑状況', source: 'free' },
        ],
        sharedNotes: after.sharedNotes,
        actionItems: after.actionItems,
      });
      expect(rewritten.status).toBe(200);
      const chain = await detailAs(kacho);
      expect(chain.agenda.map((item) => item.text)).toContain('研修（財務）の希望を相談したい');
      expect(chain.privateNotes).toBe('昇任の話は次回');
    });

    it('refuses the report a change to the supervisor’s items, the notes, a stale version or a duplicate id', async () => {
      const seen = await detailAs(person);
      const refusals: Array<[string, number, Record<string, unknown>]> = [
        [
          'a supervisor item rewritten',
          403,
          {
            agenda: seen.agenda.map((item) => (item.source === 'self' ? item : { ...item, text: '別の話' })),
          },
        ],
        ['a supervisor item dropped', 403, { agenda: seen.agenda.filter((item) => item.source === 'self') }],
        [
          'an item passed off as the supervisor’s',
          403,
          { agenda: [...seen.agenda, { id: 'x-1', text: '上司の議題のふり', source: 'free' }] },
        ],
        ['the shared notes', 403, { sharedNotes: '書き換え' }],
        ['private notes', 403, { privateNotes: '覗き見' }],
        ['a stale version', 409, { version: seen.version - 1 }],
        [
          'a duplicate id',
          400,
          { agenda: [...seen.agenda, { id: 'boss-1', text: '同じ id', source: 'self' }] },
        ],
      ];
      for (const [what, status, change] of refusals) {
        const answer = await put(person, {
          version: seen.version,
          agenda: seen.agenda,
          sharedNotes: seen.sharedNotes,
          actionItems: seen.actionItems,
          ...change,
        });
        expect(answer.status, what).toBe(status);
      }
      expect(await detailAs(person)).toEqual(seen);
    });

    it('keeps the report’s items theirs: the supervisor keeps or drops them but writes none', async () => {
      const current = await detailAs(kacho);
      const forged = await put(kacho, {
        version: current.version,
        agenda: [...current.agenda, { id: 'self-2', text: '部下の名前で書く', source: 'self' }],
        sharedNotes: current.sharedNotes,
        privateNotes: current.privateNotes,
        actionItems: current.actionItems,
      });
      expect(forged.status).toBe(403);
      const kept = await put(kacho, {
        version: current.version,
        agenda: current.agenda,
        sharedNotes: '研修の件は人事課に確認する',
        privateNotes: current.privateNotes,
        actionItems: current.actionItems,
      });
      expect(kept.status).toBe(200);
      expect((kept.body as unknown as InterviewDetail).agenda).toEqual(current.agenda);
    });

    it('closes the report’s agenda once the meeting has started; ticking still works', async () => {
      // Ten minutes into the meeting, by the server's clock.
      clock.setOffset(Date.parse(interview.start) + 10 * 60_000 - Date.now());
      try {
        const seen = await detailAs(person);
        const late = await put(person, {
          version: seen.version,
          agenda: [...seen.agenda, { id: 'self-3', text: '遅れて追加', source: 'self' }],
          sharedNotes: seen.sharedNotes,
          actionItems: seen.actionItems,
        });
        expect(late.status).toBe(409);
        expect(await detailAs(person)).toEqual(seen);
        const ticked = await put(person, {
          version: seen.version,
          agenda: seen.agenda,
          sharedNotes: seen.sharedNotes,
          actionItems: seen.actionItems.map((item) => ({ ...item, done: true })),
        });
        expect(ticked.status).toBe(200);
      } finally {
        clock.setOffset(0);
      }
    });
  });

  describe('requested by the person', () => {
    let person: Person;
    let bucho: Person;
    const ask = (who: Person, body: Record<string, unknown>) =>
      call(who, 'POST', '/api/interview-requests', body);
    const requestsOf = async (who: Person, as: 'requester' | 'supervisor') =>
      (await call(who, 'GET', `/api/interview-requests?as=${as}`)).body as unknown as InterviewRequest[];
    const thisMonday = () => mondayOf(jstDayOf(Date.now()));
    /** The bot's notices of a request in the outbox: [key, recipient, text], oldest first. */
    const noticesOf = async (requestId: string) =>
      (
        await server.database.query<{
          key: string;
          recipient: { personId?: string };
          payload: { text?: string; attachments?: unknown[] };
        }>(`SELECT key, recipient, payload FROM bot_outbox WHERE key LIKE $1 ORDER BY created_at, key`, [
          `interview-request-%${requestId}%`,
        ])
      ).map((row) => [row.key, row.recipient.personId, row.payload.text]);

    beforeAll(() => {
      person = reports.at(-1)!;
      bucho = server.emulator.people.find((candidate) => candidate.id === kacho.managerId)!;
    });

    it('refuses a request to anyone but the current supervisor, and bad input, storing nothing', async () => {
      const refusals: Array<[string, number, Record<string, unknown>]> = [
        ['not the supervisor', 403, { supervisorId: bucho.id, topic: '相談' }],
        ['an empty topic', 400, { supervisorId: kacho.id, topic: '   ' }],
        ['a topic too long', 400, { supervisorId: kacho.id, topic: 'あ'.repeat(501) }],
        ['a week that is over', 400, { supervisorId: kacho.id, topic: '相談', preferredWeek: '2020-04-06' }],
        ['not a day', 400, { supervisorId: kacho.id, topic: '相談', preferredWeek: 'next week' }],
        ['an unknown field', 400, { supervisorId: kacho.id, topic: '相談', urgent: true }],
      ];
      for (const [what, status, body] of refusals)
        expect((await ask(person, body)).status, what).toBe(status);
      expect(await requestsOf(person, 'requester')).toEqual([]);
      expect(await requestsOf(bucho, 'supervisor')).toEqual([]);
    });

    it('goes to the supervisor, one open at a time, and is accepted by booking a 1:1 linked to it', async () => {
      const created = await ask(person, {
        supervisorId: kacho.id,
        topic: '係内の業務分担について相談したい',
        preferredWeek: jstDayOf(Date.now() + 7 * DAY),
      });
      expect(created.status).toBe(201);
      const request = created.body as unknown as InterviewRequest;
      expect(request).toMatchObject({ status: 'open', supervisorId: kacho.id, personId: person.id });
      expect(request.preferredWeek! > thisMonday()).toBe(true);
      const again = await ask(person, { supervisorId: kacho.id, topic: 'もう一件' });
      expect(again.status).toBe(409);
      expect(JSON.stringify(again.body)).toContain(request.id);
      expect((await requestsOf(kacho, 'supervisor')).map((entry) => entry.id)).toContain(request.id);
      expect(await requestsOf(bucho, 'supervisor')).toEqual([]);
      // The supervisor is told by the bot, once: the refused second request told no one.
      expect(await noticesOf(request.id)).toEqual([
        [
          `interview-request-arrived:${person.id}:${request.id}:${kacho.id}`,
          kacho.id,
          `1on1 の申し込みが届きました: ${person.displayName}`,
        ],
      ]);
      const [arrived] = await server.database.query<{ payload: { attachments: unknown[] } }>(
        `SELECT payload FROM bot_outbox WHERE key = $1`,
        [`interview-request-arrived:${person.id}:${request.id}:${kacho.id}`],
      );
      const arrivedCard = JSON.stringify(arrived!.payload.attachments);
      expect(arrivedCard).toContain('係内の業務分担について相談したい');
      expect(arrivedCard).toContain('の週');
      expect(arrivedCard).toContain('Action.OpenUrl');

      // Accepting is booking: a formal type, another person or someone else's request is refused.
      const proposal = await plan('oneOnOne', [person.id]);
      const slots = proposal.slots.map(({ personId, start, end }) => ({ personId, start, end }));
      const bookWith = (who: Person, type: string, requestId: string) =>
        call(who, 'POST', '/api/interviews/bookings', {
          idempotencyKey: randomUUID(),
          type,
          requestId,
          plan: options,
          slots,
        });
      expect((await bookWith(kacho, 'midYear', request.id)).status).toBe(400);
      expect((await bookWith(bucho, 'oneOnOne', request.id)).status).toBe(403);
      expect((await bookWith(kacho, 'oneOnOne', randomUUID())).status).toBe(404);
      expect((await requestsOf(person, 'requester'))[0]).toMatchObject({ status: 'open', version: 1 });

      const accepted = await bookWith(kacho, 'oneOnOne', request.id);
      expect(accepted.status).toBe(202);
      const interview = (accepted.body as unknown as BookingResponse).interviews[0]!;
      expect(interview.type).toBe('oneOnOne');
      const mine = await requestsOf(person, 'requester');
      expect(mine[0]).toMatchObject({ id: request.id, status: 'booked', interviewId: interview.id });
      // Booked: a second acceptance books nothing.
      expect((await bookWith(kacho, 'oneOnOne', request.id)).status).toBe(409);
      // The person is told it is booked, once; refused acceptances told no one.
      const notices = await noticesOf(request.id);
      expect(notices.map(([key, recipient]) => [key, recipient])).toEqual([
        [`interview-request-arrived:${person.id}:${request.id}:${kacho.id}`, kacho.id],
        [`interview-request-booked:${request.id}`, person.id],
      ]);
      expect(notices[1]![2]).toContain('1on1 が予約されました');
      const audit = await server.database.query<{ actor_id: string; details: { request?: string } }>(
        `SELECT actor_id, details FROM audit_log WHERE resource = 'interview' AND details->>'requestId' = $1`,
        [request.id],
      );
      expect(audit.map((row) => [row.actor_id, row.details.request]).sort()).toEqual(
        [
          [kacho.id, 'accept'],
          [person.id, 'create'],
        ].sort(),
      );
    });

    it('is declined only by its supervisor, with a reason the person sees', async () => {
      // The person talks to the bot from an English Teams: their notices are in English.
      await server.database.query(
        `INSERT INTO conversation_references (conversation_id, kind, service_url, bot_id, user_aad_id, locale)
         VALUES ($1, 'personal', 'https://not-a-connector.example/', 'bot', $2, 'en')`,
        [`a:${person.id}`, person.id],
      );
      const created = await ask(person, { supervisorId: kacho.id, topic: '資格取得の支援について' });
      expect(created.status).toBe(201);
      const request = created.body as unknown as InterviewRequest;
      const decline = (who: Person, body: Record<string, unknown>) =>
        call(who, 'POST', `/api/interview-requests/${request.id}/decline`, body);
      expect((await decline(bucho, { version: request.version, reason: '多忙' })).status).toBe(403);
      expect((await decline(person, { version: request.version, reason: '取り下げ' })).status).toBe(403);
      expect((await decline(kacho, { version: request.version, reason: '  ' })).status).toBe(400);
      expect((await decline(kacho, { version: request.version, reason: 'あ'.repeat(501) })).status).toBe(400);
      expect((await decline(kacho, { version: request.version + 1, reason: '多忙' })).status).toBe(409);
      expect((await requestsOf(person, 'requester'))[0]).toMatchObject({
        status: 'open',
        declineReason: null,
      });
      const declined = await decline(kacho, {
        version: request.version,
        reason: '来週の係会議で取り上げます',
      });
      expect(declined.status).toBe(200);
      expect((await requestsOf(person, 'requester'))[0]).toMatchObject({
        id: request.id,
        status: 'declined',
        declineReason: '来週の係会議で取り上げます',
      });
      expect((await decline(kacho, { version: request.version + 1, reason: '再度' })).status).toBe(409);
      // Declined before its notice to the supervisor went out (it waits for office hours, or the bot had
      // no chat yet): that notice stays; the person is told of the decline, with the reason, once.
      const notices = await noticesOf(request.id);
      expect(notices.map(([key, recipient]) => [key, recipient])).toEqual([
        [`interview-request-arrived:${person.id}:${request.id}:${kacho.id}`, kacho.id],
        [`interview-request-declined:${request.id}`, person.id],
      ]);
      const [declinedNotice] = await server.database.query<{ payload: { attachments: unknown[] } }>(
        `SELECT payload FROM bot_outbox WHERE key = $1`,
        [`interview-request-declined:${request.id}`],
      );
      expect(JSON.stringify(declinedNotice!.payload.attachments)).toContain('来週の係会議で取り上げます');
      expect(notices[1]![2]).toBe(`Your 1:1 request was declined: ${kacho.displayName}`);
      // The supervisor never wrote to the bot: theirs is in Japanese.
      expect(notices[0]![2]).toBe(`1on1 の申し込みが届きました: ${person.displayName}`);
    });

    it('follows a change of supervisor: moved to the new one, or closed when there is none', async () => {
      const created = await ask(person, { supervisorId: kacho.id, topic: '異動の希望について' });
      expect(created.status).toBe(201);
      const request = created.body as unknown as InterviewRequest;
      const transfer = createInterviewTransfer({
        notifyOutlookWork: async () => undefined,
        requestNotices: createRequestNotices({
          messages: server.botMessages,
          cards: requestNoticeCards,
          tabLink: (page) => `https://tab.example/#/${page}`,
          now: () => new Date(),
        }),
      });
      const moveToBucho = () =>
        transfer.reroute(
          server.database.db,
          [{ personId: person.id, removed: [kacho.id], supervisorId: bucho.id }],
          new Date(),
        );
      await moveToBucho();
      // The same change again (a sync that retried) moves nothing and tells no one twice.
      await moveToBucho();
      expect((await noticesOf(request.id)).map(([key, recipient]) => [key, recipient])).toEqual([
        [`interview-request-arrived:${person.id}:${request.id}:${kacho.id}`, kacho.id],
        [`interview-request-arrived:${person.id}:${request.id}:${bucho.id}`, bucho.id],
      ]);
      expect((await requestsOf(bucho, 'supervisor')).map((entry) => [entry.id, entry.status])).toEqual([
        [request.id, 'open'],
      ]);
      expect(
        (await requestsOf(kacho, 'supervisor')).find((entry) => entry.id === request.id),
      ).toBeUndefined();
      await transfer.reroute(
        server.database.db,
        [{ personId: person.id, removed: [bucho.id], supervisorId: null }],
        new Date(),
      );
      expect((await requestsOf(person, 'requester'))[0]).toMatchObject({ id: request.id, status: 'closed' });
      // Closed for want of a supervisor: no one is told.
      expect(await noticesOf(request.id)).toHaveLength(2);
    });
  });
});
