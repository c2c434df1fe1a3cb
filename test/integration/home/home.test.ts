import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamResponse } from '../../../src/growth/team.contract.ts';
import type { HomeSummary } from '../../../src/home/home.contract.ts';
import type { SessionView } from '../../../src/training/training.contract.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { apiCaller } from '../../support/api-caller.ts';
import {
  bookInterview,
  homeCast,
  japanDay,
  openCycleWindow,
  submitSelfCheck,
} from '../../support/home-fixture.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, sessionBody } from '../training/training-support.ts';

type Person = TestServer['emulator']['people'][number];

const DAY = 86_400_000;

describe('the home summary (GET /api/home)', () => {
  let server: TestServer;
  const { fiscalYear, id: period } = halfPeriodAt(new Date());
  // A 課 outside 職員課: its 課長, a 係長 under them, a 主事 under that 係長, and a 主事 of another 係長.
  let kacho: Person;
  let kakaricho: Person;
  let shuji: Person;
  let other: Person;
  let hr: Person;

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people;
    ({ kacho, kakaricho, shuji } = homeCast(server));
    other = people.find(
      (person) =>
        person.levelId === 'shuji' && person.managerId !== kakaricho.id && person.department !== '職員課',
    )!;
    hr = people.find((person) => person.appRoles.length > 0 && person.department !== kacho.department)!;
    expect([kacho, kakaricho, shuji, other, hr].every(Boolean)).toBe(true);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const call = apiCaller(() => server);
  const home = async (as: Person): Promise<HomeSummary> => {
    const answer = await call(as, 'GET', '/api/home');
    expect(answer.status).toBe(200);
    return answer.body as unknown as HomeSummary;
  };
  /** Where the team list (GET /api/team) puts one member's self-check. */
  const teamRow = async (as: Person, personId: string) => {
    const answer = await call(as, 'GET', '/api/team');
    expect(answer.status).toBe(200);
    const member = (answer.body as unknown as TeamResponse).members.find((entry) => entry.id === personId);
    return { selfCheck: member?.selfCheck, selfCheckFeedback: member?.selfCheckFeedback };
  };

  it('refuses a caller without a token', async () => {
    const answer = await fetch(`${server.url}/api/home`);
    expect(answer.status).toBe(401);
  });

  it('gives a 主事 with nothing booked only the self-check owed by the default rule, and no team', async () => {
    const summary = await home(shuji);
    expect(summary.today).toBe(japanDay(0));
    expect(summary.todo.cycles.map((item) => item.task)).toEqual(['submitSelfCheck']);
    expect(summary.todo.reports).toEqual([]);
    expect(summary.upcoming).toEqual({ interviews: [], training: [] });
    expect(summary.news).toEqual([]);
    expect(summary.team).toBeNull();
  });

  it('shows the 係長 a direct report’s self-check until the feedback is complete, as the team list does, and not the 課長 above', async () => {
    const { ratings, submitted } = await submitSelfCheck(call, server, shuji, period);
    const items = Object.keys(ratings).length;

    const supervisor = await home(kakaricho);
    // How the whole team stands, as GET /api/cycles/due counts it.
    expect(supervisor.team?.progress.map((item) => item.task)).toContain('submitSelfCheck');
    expect(supervisor.team?.selfChecks).toEqual([
      expect.objectContaining({
        personId: shuji.id,
        displayName: shuji.displayName,
        period,
        feedback: { commented: 0, items },
      }),
    ]);
    // The 課長 is above the 主事 too, but not their direct supervisor: nothing of the 主事 waits on them.
    const above = await home(kacho);
    expect(above.team).not.toBeNull();
    expect(above.team!.selfChecks.map((item) => item.personId)).not.toContain(shuji.id);
    expect(above.team!.interviews.map((item) => item.personId)).not.toContain(shuji.id);
    // Nobody else sees it: a 主事 of another team, and HR (who is nobody's supervisor here).
    expect((await home(other)).team).toBeNull();
    const hrHome = await home(hr);
    expect(hrHome.team?.selfChecks.map((item) => item.personId) ?? []).not.toContain(shuji.id);

    const feedback = await call(kakaricho, 'PUT', `/api/people/${shuji.id}/self-checks/${period}/feedback`, {
      version: submitted.body.version,
      feedback: { [Object.keys(ratings)[0]!]: '根拠が具体的でよい' },
    });
    expect(feedback.status).toBe(200);
    // Issue 18.6: feedback on 1 of N items is not 「フィードバック済み」. The home keeps it waiting, with the
    // count the team list shows (changed: the home used to drop it at the first comment).
    const partial = await home(kakaricho);
    expect(partial.team?.selfChecks).toEqual([
      expect.objectContaining({ personId: shuji.id, period, feedback: { commented: 1, items } }),
    ]);
    expect(await teamRow(kakaricho, shuji.id)).toEqual({
      selfCheck: 'submitted',
      selfCheckFeedback: { commented: 1, items },
    });
    const mine = await home(shuji);
    expect(mine.news).toEqual([
      expect.objectContaining({ source: 'selfCheck', byName: kakaricho.displayName, period, count: 1 }),
    ]);
    expect(mine.todo.cycles).toEqual([]);
    expect((await home(other)).news).toEqual([]);

    // Marked complete: 「フィードバック済み」 on the team list, and nothing waits on the home.
    const complete = await call(
      kakaricho,
      'POST',
      `/api/people/${shuji.id}/self-checks/${period}/feedback/complete`,
      { version: feedback.body.version },
    );
    expect(complete.status).toBe(200);
    expect((await home(kakaricho)).team?.selfChecks).toEqual([]);
    expect(await teamRow(kakaricho, shuji.id)).toEqual({
      selfCheck: 'reviewed',
      selfCheckFeedback: { commented: 1, items },
    });
  });

  it('tells the 主事 about a comment on a goal, and only them', async () => {
    const goal = await call(shuji, 'POST', '/api/people/me/goals', {
      fiscalYear,
      title: '窓口の待ち時間を半分にする',
      successCriteria: '平均待ち時間 10 分以内',
      dueDate: `${fiscalYear + 1}-03-31`,
      competencyIds: [],
      guidelineIds: [],
      idempotencyKey: randomUUID(),
    });
    expect(goal.status).toBe(201);
    const commented = await call(
      kakaricho,
      'POST',
      `/api/people/${shuji.id}/goals/${String(goal.body.id)}/comments`,
      {
        version: goal.body.version,
        stage: 'setting',
        text: '具体的でよいです',
      },
    );
    expect(commented.status).toBe(200);
    const news = (await home(shuji)).news;
    expect(news[0]).toMatchObject({
      source: 'goal',
      goalId: goal.body.id,
      goalTitle: '窓口の待ち時間を半分にする',
      byName: kakaricho.displayName,
    });
    expect((await home(kakaricho)).news).toEqual([]);
  });

  it('asks the 係長 to book the interviews of an open window, then shows the booked one as coming up on both sides', async () => {
    const opened = await openCycleWindow(call, hr, fiscalYear, 'midYear');

    const before = await home(kakaricho);
    const toBook = before.team!.interviews.filter((item) => item.type === 'midYear');
    expect(toBook.map((item) => item.personId)).toContain(shuji.id);
    expect(toBook.every((item) => item.closesOn === opened.body.closesOn)).toBe(true);
    // Only direct reports: everyone listed reports to the 係長.
    const people = server.emulator.people;
    for (const item of toBook)
      expect(people.find((person) => person.id === item.personId)?.managerId).toBe(kakaricho.id);

    const start = new Date(Date.now() + 3 * DAY);
    await bookInterview(server, {
      organizer: kakaricho,
      person: shuji,
      type: 'midYear',
      fiscalYear,
      start,
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/home-test',
    });
    const after = await home(kakaricho);
    expect(after.team!.interviews.map((item) => item.personId)).not.toContain(shuji.id);
    expect(after.upcoming.interviews).toEqual([
      expect.objectContaining({ role: 'organizer', withName: shuji.displayName, type: 'midYear' }),
    ]);
    const mine = await home(shuji);
    expect(mine.upcoming.interviews).toEqual([
      {
        id: expect.any(String) as unknown,
        type: 'midYear',
        start: start.toISOString(),
        end: new Date(start.getTime() + 30 * 60_000).toISOString(),
        role: 'attendee',
        withName: kakaricho.displayName,
        status: 'booked',
        joinUrl: 'https://teams.microsoft.com/l/meetup-join/home-test',
      },
    ]);
    expect((await home(other)).upcoming.interviews).toEqual([]);
  });

  let sessionId = '';
  let enrolmentId = '';
  it('lists a training application as coming up for the applicant alone', async () => {
    const course = await call(hr, 'POST', '/api/training/courses', courseBody());
    expect(course.status).toBe(201);
    const session = await call(
      hr,
      'POST',
      `/api/training/courses/${String(course.body.id)}/sessions`,
      sessionBody(),
    );
    expect(session.status).toBe(201);
    const applied = (session.body as unknown as SessionView).id;
    const application = await call(shuji, 'POST', `/api/training/sessions/${applied}/apply`, { note: '' });
    expect(application.status).toBe(201);
    sessionId = applied;
    enrolmentId = String(application.body.id);
    const mine = await home(shuji);
    expect(mine.upcoming.training).toEqual([
      expect.objectContaining({ sessionId: applied, status: 'applied' }),
    ]);
    expect((await home(other)).upcoming.training).toEqual([]);
    expect((await home(kakaricho)).upcoming.training).toEqual([]);
  });

  it('asks the 係長 alone to comment on a direct report’s training report, and tells the author of the comment', async () => {
    expect(
      (await call(hr, 'POST', `/api/training/enrolments/${enrolmentId}/confirm`, { version: 1 })).status,
    ).toBe(200);
    // The session took place: moved into the past directly, as the API refuses past times.
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [sessionId],
    );
    expect(
      (await call(hr, 'POST', `/api/training/enrolments/${enrolmentId}/attendance`, { version: 2 })).status,
    ).toBe(200);
    expect((await home(shuji)).todo.reports).toEqual([
      expect.objectContaining({ sessionId, hasDraft: false }),
    ]);
    const submitted = await call(shuji, 'POST', `/api/reports/sessions/${sessionId}/submit`, {
      submissionId: 'home-test-0001',
      learned: '会議の目的を最初に共有すると議論がまとまることを学んだ。',
      application: '係の定例会議で、冒頭に目的とゴールを確認する。',
      competencyIds: [server.framework.competencies[0]!.id],
      guidelineIds: [server.framework.guidelines[0]!.id],
      satisfaction: 4,
      wantedText: '',
      wantedCourseIds: [],
    });
    expect(submitted.status).toBe(200);
    expect((await home(shuji)).todo.reports).toEqual([]);

    const waiting = (await home(kakaricho)).team!.reports;
    expect(waiting).toEqual([
      expect.objectContaining({
        personId: shuji.id,
        displayName: shuji.displayName,
        sessionId,
        courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
      }),
    ]);
    expect((await home(kacho)).team!.reports).toEqual([]);

    const comment = await call(kakaricho, 'POST', `/api/reports/${waiting[0]!.reportId}/comments`, {
      text: '職場でも共有してください',
      requestId: 'home-comment-0001',
    });
    expect(comment.status).toBe(200);
    expect((await home(kakaricho)).team!.reports).toEqual([]);
    expect((await home(shuji)).news).toContainEqual(
      expect.objectContaining({
        source: 'report',
        byName: kakaricho.displayName,
        reportId: waiting[0]!.reportId,
      }),
    );
    expect((await home(other)).news).toEqual([]);
  });
});
