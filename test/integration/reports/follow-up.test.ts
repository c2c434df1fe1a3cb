// The DRILL follow-up (issue 19 ⑤) on the running service: months after a session, the attendee and their
// supervisor are asked once (a re-run, two runs at once, or a run that fails before its messages are stored
// asks no one twice and loses no one), in office hours, in each person's language; answers come from the
// tab and from the cards through the same checks, refusals change nothing, and an answer is fixed once the
// attendee submits their next self-check.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFollowUpCardBuilders } from '../../../bot/follow-up-cards.ts';
import { FOLLOW_UP_ANSWER_VERB, FOLLOW_UP_OBSERVE_VERB } from '../../../bot/cards/follow-up-card.ts';
import { createAuditLog } from '../../../src/auth/audit.ts';
import { createLatestSelfCheck } from '../../../src/growth/latest-self-check.ts';
import { nextOfficeTime } from '../../../src/jobs/office-hours.ts';
import { createPeopleStore } from '../../../src/people/people.store.ts';
import type { SelfCheckResponse } from '../../../src/growth/self-check.contract.ts';
import type { FollowUpView } from '../../../src/reports/follow-up.contract.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { createFollowUps } from '../../../src/reports/follow-ups.ts';
import { createTrainingStore } from '../../../src/training/training.store.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, sessionBody, type Person } from '../training/training-support.ts';

describe('the DRILL follow-up (3 months after a training)', () => {
  let server: TestServer;
  let connector: Server;
  let connectorUrl = '';
  let hr: Person;
  let member: Person; // attended; speaks English to the bot
  let other: Person; // attended too; never wrote to the bot
  let supervisor: Person;
  let colleague: Person;
  let session: SessionView;
  const call = apiCaller(() => server);

  const followUps = (sessionId: string) =>
    server.database.query<{
      id: string;
      person_id: string;
      role: string;
      recipient_id: string;
      version: number;
    }>(
      `SELECT id, person_id, role, recipient_id, version FROM training_follow_ups WHERE session_id = $1 ORDER BY person_id, role`,
      [sessionId],
    );
  const outbox = () =>
    server.database.query<{
      key: string;
      recipient: { personId: string };
      next_attempt_at: Date;
      payload: unknown;
    }>(
      `SELECT key, recipient, next_attempt_at, payload FROM bot_outbox WHERE key LIKE 'training-follow-up:%' ORDER BY key`,
    );
  const invoke = (person: Person, verb: string, data: Record<string, unknown>, locale = 'ja-JP') =>
    fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
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
      }),
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { statusCode?: number; value?: unknown },
    }));
  const mine = async (person: Person) =>
    (await call(person, 'GET', '/api/reports/follow-ups')).body as unknown as FollowUpView[];

  beforeAll(async () => {
    connector = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
    server = await startTestServer();
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0)!;
    member = people.find(
      (person) => person.managerId && person.appRoles.length === 0 && person.id !== hr.managerId,
    )!;
    supervisor = people.find((person) => person.id === member.managerId)!;
    other = people.find(
      (person) =>
        person.managerId === supervisor.id && person.id !== member.id && person.appRoles.length === 0,
    )!;
    colleague = people.find(
      (person) =>
        person.id !== member.id &&
        person.id !== other.id &&
        person.id !== supervisor.id &&
        person.managerId !== null &&
        person.appRoles.length === 0 &&
        person.id !== supervisor.managerId,
    )!;
    expect([member, supervisor, other, colleague].every(Boolean)).toBe(true);

    const course = (await call(hr, 'POST', '/api/training/courses', courseBody()))
      .body as unknown as CourseView;
    session = (
      await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 10 }))
    ).body as unknown as SessionView;
    for (const person of [member, other]) {
      const nominated = (
        await call(hr, 'POST', `/api/training/sessions/${session.id}/nominate`, {
          personId: person.id,
          note: '',
          overrideEligibility: true,
        })
      ).body as unknown as EnrolmentView;
      const confirmed = await call(hr, 'POST', `/api/training/enrolments/${nominated.id}/confirm`, {
        version: nominated.version,
      });
      expect(confirmed.body.status).toBe('confirmed');
    }
    // The member speaks English to the bot (any activity records the language of their client).
    expect((await invoke(member, 'unknown.verb', {}, 'en-US')).status).toBe(200);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => connector?.close(resolve));
  });

  it('asks no one before the months have passed', async () => {
    // Held two months ago: not due yet.
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '2 months 2 hours', ends_at = now() - interval '2 months' WHERE id = $1`,
      [session.id],
    );
    await server.database.query(`UPDATE training_enrolments SET status = 'attended' WHERE session_id = $1`, [
      session.id,
    ]);
    expect(await server.reportJobs.followUps()).toEqual({ asked: 0 });
    expect(await followUps(session.id)).toEqual([]);
  });

  it('asks each attendee and their supervisor once the months have passed, once, in office hours and their language', async () => {
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 months 1 day 2 hours', ends_at = now() - interval '3 months 1 day' WHERE id = $1`,
      [session.id],
    );
    // Two instances at once: each attendee is asked by one of them.
    const runs = await Promise.all([server.reportJobs.followUps(), server.reportJobs.followUps()]);
    expect(runs[0].asked + runs[1].asked).toBe(2);
    expect(await server.reportJobs.followUps()).toEqual({ asked: 0 });

    const rows = await followUps(session.id);
    expect(rows.map((row) => [row.person_id, row.role, row.recipient_id]).sort()).toEqual(
      [
        [member.id, 'attendee', member.id],
        [member.id, 'supervisor', supervisor.id],
        [other.id, 'attendee', other.id],
        [other.id, 'supervisor', supervisor.id],
      ].sort(),
    );
    const messages = await outbox();
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      const at = new Date(message.next_attempt_at).getTime();
      // Not before the office opens (the outbox may already have tried and moved it on).
      expect(at).toBeGreaterThanOrEqual(nextOfficeTime(at).getTime());
    }
    const cardTo = (recipientId: string, role: string) => {
      const row = rows.find(
        (candidate) => candidate.recipient_id === recipientId && candidate.role === role,
      )!;
      return JSON.stringify(
        messages.find((message) => message.key === `training-follow-up:${row.id}`)!.payload,
      );
    };
    expect(cardTo(member.id, 'attendee')).toContain('Have you been able to apply it in your work?');
    expect(cardTo(other.id, 'attendee')).toContain('業務に反映できましたか');
    expect(cardTo(supervisor.id, 'supervisor')).toContain(`${member.displayName}さんの研修後の様子`);
  });

  it('asks again after a run that failed before its messages were stored, and then only once', async () => {
    // A second session, due: the first run's outbox fails inside the transaction (a crash between
    // choosing and sending), so nothing is kept and the next run asks.
    const course = (await call(hr, 'GET', '/api/training/courses')).body as unknown as CourseView[];
    const second = (
      await call(
        hr,
        'POST',
        `/api/training/courses/${session.courseId}/sessions`,
        sessionBody({ capacity: 10 }),
      )
    ).body as unknown as SessionView;
    expect(course.length).toBeGreaterThan(0);
    const nominated = (
      await call(hr, 'POST', `/api/training/sessions/${second.id}/nominate`, {
        personId: colleague.id,
        note: '',
        overrideEligibility: true,
      })
    ).body as unknown as EnrolmentView;
    await call(hr, 'POST', `/api/training/enrolments/${nominated.id}/confirm`, {
      version: nominated.version,
    });
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 months 2 days', ends_at = now() - interval '3 months 1 day 22 hours' WHERE id = $1`,
      [second.id],
    );
    await server.database.query(`UPDATE training_enrolments SET status = 'reported' WHERE session_id = $1`, [
      second.id,
    ]);
    const db = server.database.db;
    const service = (enqueue: typeof server.botMessages.enqueue) =>
      createFollowUps({
        db,
        botMessages: { ...server.botMessages, enqueue },
        cards: createFollowUpCardBuilders(),
        people: createPeopleStore(db, () => new Date()),
        training: createTrainingStore(db, () => new Date()),
        audit: createAuditLog(db),
        selfChecks: createLatestSelfCheck(db),
        months: 3,
        now: () => new Date(),
      });
    await expect(
      service(async () => {
        throw new Error('the process died');
      }).runOnce(),
    ).rejects.toThrow('the process died');
    expect(await followUps(second.id)).toEqual([]);
    expect(await service((messages, tx) => server.botMessages.enqueue(messages, tx)).runOnce()).toEqual({
      asked: 1,
    });
    expect((await followUps(second.id)).map((row) => row.role)).toContain('attendee');
    expect(await service((messages, tx) => server.botMessages.enqueue(messages, tx)).runOnce()).toEqual({
      asked: 0,
    });
  });

  it('lists what each was asked, and refuses bad answers, other people and stale versions without changing anything', async () => {
    const asked = await mine(member);
    expect(asked.map((followUp) => [followUp.role, followUp.session.sessionId, followUp.editable])).toEqual([
      ['attendee', session.id, true],
    ]);
    const theirs = await mine(supervisor);
    expect(
      theirs
        .filter((followUp) => followUp.role === 'supervisor' && followUp.session.sessionId === session.id)
        .map((f) => f.personName)
        .sort(),
    ).toEqual([member.displayName, other.displayName].sort());
    const attendee = asked[0]!;
    const observation = theirs.find((followUp) => followUp.personId === member.id)!;
    // What a refusal could change: the follow-ups and the audit log (the outbox's own drain may touch
    // bot_outbox meanwhile, so the whole-database snapshot would race it).
    const state = async () =>
      JSON.stringify(
        await server.database.query(
          `SELECT (SELECT json_agg(f ORDER BY f.id) FROM training_follow_ups f) AS follow_ups,
                  (SELECT count(*) FROM audit_log) AS audit`,
        ),
      );
    const before = await state();
    const refusals: Array<[Person, string, unknown, number]> = [
      [
        member,
        `/api/reports/follow-ups/${attendee.id}/answer`,
        { version: 1, answer: 'maybe', example: '' },
        400,
      ],
      [
        member,
        `/api/reports/follow-ups/${attendee.id}/answer`,
        { version: 1, answer: 'applied', example: 'x'.repeat(501) },
        400,
      ],
      [member, `/api/reports/follow-ups/${attendee.id}/answer`, { version: 1, example: '' }, 400],
      [
        member,
        `/api/reports/follow-ups/${attendee.id}/answer`,
        { version: 7, answer: 'applied', example: '' },
        409,
      ],
      [
        other,
        `/api/reports/follow-ups/${attendee.id}/answer`,
        { version: 1, answer: 'applied', example: '' },
        403,
      ],
      [
        supervisor,
        `/api/reports/follow-ups/${attendee.id}/answer`,
        { version: 1, answer: 'applied', example: '' },
        403,
      ],
      [
        member,
        `/api/reports/follow-ups/${observation.id}/observation`,
        { version: 1, observation: '本人' },
        403,
      ],
      [
        supervisor,
        `/api/reports/follow-ups/${observation.id}/observation`,
        { version: 1, observation: '  ' },
        400,
      ],
      [
        supervisor,
        `/api/reports/follow-ups/${observation.id}/observation`,
        { version: 1, observation: '一行目\n二行目' },
        400,
      ],
      [
        supervisor,
        `/api/reports/follow-ups/${observation.id}/observation`,
        { version: 1, observation: 'x'.repeat(201) },
        400,
      ],
      [
        supervisor,
        `/api/reports/follow-ups/00000000-0000-4000-8000-000000000000/observation`,
        { version: 1, observation: 'ok' },
        404,
      ],
    ];
    for (const [person, path, body, status] of refusals) {
      const answer = await call(person, 'PUT', path, body);
      expect([path, answer.status]).toEqual([path, status]);
    }
    expect(await state()).toBe(before);
  });

  it('takes the answer in the tab and a change from the card, and the observation from the card', async () => {
    const attendee = (await mine(member))[0]!;
    const answered = await call(member, 'PUT', `/api/reports/follow-ups/${attendee.id}/answer`, {
      version: attendee.version,
      answer: 'partly',
      example: '会議の冒頭で目的を確認するようにした',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ answer: 'partly', version: 2, editable: true });

    // The card still shows version 1: its answer is refused, kept in the card, and nothing changes.
    const stale = await invoke(
      member,
      FOLLOW_UP_ANSWER_VERB,
      {
        followUpId: attendee.id,
        version: '1',
        answer: 'applied',
        example: 'カードから',
      },
      'en-US',
    );
    expect(stale.body.statusCode).toBe(200);
    expect(JSON.stringify(stale.body.value)).toContain('an answer was saved elsewhere first');
    expect(JSON.stringify(stale.body.value)).toContain('カードから');
    expect((await mine(member))[0]).toMatchObject({ answer: 'partly', version: 2 });
    // A choice the card never offered is refused the same way.
    const junk = await invoke(member, FOLLOW_UP_ANSWER_VERB, {
      followUpId: attendee.id,
      version: '2',
      answer: 'x',
    });
    expect(JSON.stringify(junk.body.value)).toContain('「できた」「一部できた」「まだ」から選んでください');
    const changed = await invoke(
      member,
      FOLLOW_UP_ANSWER_VERB,
      {
        followUpId: attendee.id,
        version: '2',
        answer: 'applied',
        example: '定例会議で毎回実践している',
      },
      'en-US',
    );
    expect(JSON.stringify(changed.body.value)).toContain('Saved');
    expect((await mine(member))[0]).toMatchObject({ answer: 'applied', text: '定例会議で毎回実践している' });

    const observation = (await mine(supervisor)).find((followUp) => followUp.personId === member.id)!;
    // Someone else's card is not theirs to answer: an unknown action.
    expect(
      (
        await invoke(colleague, FOLLOW_UP_OBSERVE_VERB, {
          followUpId: observation.id,
          version: '1',
          observation: 'x',
        })
      ).body.statusCode,
    ).toBe(400);
    const observed = await invoke(supervisor, FOLLOW_UP_OBSERVE_VERB, {
      followUpId: observation.id,
      version: String(observation.version),
      observation: '会議の進め方が整理され、短時間で合意できるようになった',
    });
    expect(JSON.stringify(observed.body.value)).toContain('回答を保存しました');
    const [audit] = await server.database.query<{ count: string }>(
      `SELECT count(*) FROM audit_log WHERE resource = 'training-follow-up' AND subject_id = $1`,
      [member.id],
    );
    expect(Number(audit!.count)).toBe(3);
  });

  it('shows the answer and the observation beside the ● items of the course’s competencies in the next self-check', async () => {
    const period = halfPeriodAt(new Date()).id;
    const read = await call(member, 'GET', `/api/people/me/self-checks/${period}`);
    expect(read.status).toBe(200);
    const selfCheck = read.body as unknown as SelfCheckResponse;
    const linked = ['explanation', 'cooperation'];
    const evaluated = selfCheck.items
      .filter((item) => item.mark === 'evaluated' && linked.includes(item.competencyId))
      .map((item) => item.competencyId);
    expect(evaluated.length).toBeGreaterThan(0);
    expect(Object.keys(selfCheck.followUps ?? {}).sort()).toEqual(evaluated.sort());
    for (const id of evaluated)
      expect(selfCheck.followUps![id]).toEqual([
        expect.objectContaining({
          sessionId: session.id,
          answer: 'applied',
          example: '定例会議で毎回実践している',
          observation: '会議の進め方が整理され、短時間で合意できるようになった',
        }),
      ]);
    // The supervisor reads the same evidence in the person's self-check.
    const asSupervisor = (await call(supervisor, 'GET', `/api/people/${member.id}/self-checks/${period}`))
      .body as unknown as SelfCheckResponse;
    expect(asSupervisor.followUps).toEqual(selfCheck.followUps);
  });

  it('keeps an answer as it was once the attendee has submitted their next self-check', async () => {
    const attendee = (await mine(member))[0]!;
    await server.database.query(
      `INSERT INTO self_checks (person_id, period, level_id, framework_version, status, submitted_at)
       VALUES ($1, '2099-H1', 'shuji', 'test', 'submitted', now())`,
      [member.id],
    );
    expect(await mine(member)).toEqual([]);
    const answer = await call(member, 'PUT', `/api/reports/follow-ups/${attendee.id}/answer`, {
      version: attendee.version,
      answer: 'notYet',
      example: '',
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe('conflict');
  });
});
