import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevelopmentPage, DevelopmentRollUp } from '../../../src/growth/development.contract.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = TestServer['emulator']['people'][number];

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

describe("a supervisor's 育成 page (GET /api/people/:personId/development)", () => {
  let server: TestServer;
  let fiscalYear: number;
  let period: string;
  // 市民課: its 課長 above a 係長 with 主事 under them; the 部長 above the 課長; HR; a colleague of the 係長.
  let kacho: Person;
  let kakaricho: Person;
  let shuji: Person;
  let otherShuji: Person | undefined;
  let bucho: Person;
  let hr: Person;
  let colleague: Person;
  const call = apiCaller(() => server);

  const interview = async (
    organizer: Person,
    person: Person,
    type: string,
    endsAt: Date,
    status: 'booked' | 'cancelled' | 'failed' | 'pending',
  ) => {
    const bookingId = randomUUID();
    await server.database.query(
      `INSERT INTO interview_bookings (id, organizer_id, idempotency_key) VALUES ($1, $2, $3)`,
      [bookingId, organizer.id, randomUUID()],
    );
    await server.database.query(
      `INSERT INTO interviews (id, booking_id, organizer_id, person_id, type, fiscal_year, starts_at, ends_at, status, transaction_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        randomUUID(),
        bookingId,
        organizer.id,
        person.id,
        type,
        fiscalYear,
        new Date(endsAt.getTime() - HOUR / 2),
        endsAt,
        status,
        randomUUID(),
      ],
    );
  };
  const page = async (as: Person, personId: string, query = '') => {
    const answer = await call(as, 'GET', `/api/people/${personId}/development${query}`);
    return { status: answer.status, body: answer.body as unknown as DevelopmentPage };
  };
  const auditRows = async (subjectId: string) =>
    server.database.query<{ actor_id: string; action: string }>(
      `SELECT actor_id, action FROM audit_log WHERE subject_id = $1 AND resource = 'development' ORDER BY id`,
      [subjectId],
    );

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people;
    ({ fiscalYear, id: period } = halfPeriodAt(new Date()));
    kacho = people.find((person) => person.levelId === 'kacho' && person.department === '市民課')!;
    kakaricho = people.find((person) => person.levelId === 'kakaricho' && person.managerId === kacho.id)!;
    shuji = people.find((person) => person.managerId === kakaricho.id)!;
    otherShuji = people.find((person) => person.managerId === kakaricho.id && person.id !== shuji.id);
    bucho = people.find((person) => person.id === kacho.managerId)!;
    hr = people.find((person) => person.appRoles.includes('Hagukumi.HR'))!;
    colleague = people.find(
      (person) =>
        person.department === kakaricho.department &&
        person.id !== kakaricho.id &&
        person.managerId === kacho.id,
    )!;
    expect(colleague).toBeDefined();

    // Feedback: a comment on the 主事's goal through the API, and two item comments on a self-check.
    const goal = await call(shuji, 'POST', '/api/people/me/goals', {
      fiscalYear,
      title: '窓口の待ち時間を短縮する',
      successCriteria: '平均待ち時間を15分以内にする',
      dueDate: `${fiscalYear + 1}-03-31`,
      competencyIds: [],
      guidelineIds: [],
      idempotencyKey: randomUUID(),
    });
    expect(goal.status, JSON.stringify(goal.body)).toBe(201);
    const commented = await call(
      kakaricho,
      'POST',
      `/api/people/${shuji.id}/goals/${goal.body.id as string}/comments`,
      {
        stage: 'setting',
        text: '具体的な指標が良いです',
        version: goal.body.version,
      },
    );
    expect(commented.status, JSON.stringify(commented.body)).toBe(200);
    const at = new Date().toISOString();
    await server.database.query(
      `INSERT INTO self_checks (person_id, period, level_id, framework_version, status, feedback)
       VALUES ($1, $2, 'shuji', 'test', 'draft', $3)`,
      [
        shuji.id,
        period,
        JSON.stringify({
          explanation: { comment: '説明が丁寧です', authorId: kakaricho.id, at },
          listening: { comment: '傾聴できています', authorId: kakaricho.id, at },
          // The 課長's comment is the 課長's, not the 係長's.
          planning: { comment: '計画的です', authorId: kacho.id, at },
        }),
      ],
    );

    // Interviews: one formal held, one 1:1 held; one ahead, one cancelled and one failed do not count.
    const past = new Date(Date.now() - 2 * DAY);
    await interview(kakaricho, shuji, 'career', past, 'booked');
    await interview(kakaricho, shuji, 'oneOnOne', past, 'booked');
    await interview(kakaricho, shuji, 'oneOnOne', new Date(Date.now() + 2 * DAY), 'booked');
    await interview(kakaricho, shuji, 'midYear', past, 'cancelled');
    await interview(kakaricho, shuji, 'yearEnd', past, 'failed');

    // A recommendation (推薦) and a comment on a training report.
    const course = await call(hr, 'POST', '/api/training/courses', {
      category: 'specialist',
      title: { ja: 'ファシリテーション研修', en: 'Facilitation' },
      description: { ja: '会議を進める力を身につけます。' },
      targetLevelIds: [],
      minYearsOfService: null,
      maxYearsOfService: null,
      competencyIds: ['explanation'],
      guidelineIds: ['link'],
      format: 'inPerson',
      provider: '職員課（研修担当）',
    });
    expect(course.status, JSON.stringify(course.body)).toBe(201);
    const jstDay = (offset: number) =>
      new Date(Date.now() + 9 * HOUR + offset * DAY).toISOString().slice(0, 10);
    const session = await call(hr, 'POST', `/api/training/courses/${course.body.id as string}/sessions`, {
      date: jstDay(14),
      startTime: '10:00',
      endTime: '12:00',
      place: '小平市役所 大会議室',
      online: false,
      capacity: 30,
      applicationDeadline: jstDay(7),
    });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    await server.database.query(
      `INSERT INTO training_enrolments (session_id, person_id, status, origin, requested_by_id, reason)
       VALUES ($1, $2, 'recommended', 'recommendation', $3, '会議の進行を任せたい')`,
      [session.body.id, shuji.id, kakaricho.id],
    );
    const reportId = randomUUID();
    await server.database.query(
      `INSERT INTO training_reports (id, person_id, session_id, status, learned, application, satisfaction, submission_id, submitted_at)
       VALUES ($1, $2, $3, 'submitted', '会議の進め方', '係内で試す', 4, $4, now())`,
      [reportId, shuji.id, session.body.id, randomUUID()],
    );
    await server.database.query(
      `INSERT INTO report_comments (report_id, author_id, text, request_id) VALUES ($1, $2, 'よくまとまっています', $3)`,
      [reportId, kakaricho.id, randomUUID()],
    );
    // OJT guidance the 係長 logged for the 主事 today, and one from the fiscal year before (not counted).
    const plan = await call(kakaricho, 'POST', `/api/people/${shuji.id}/ojt-plan`, {
      mentorPersonId: colleague.id,
      startsOn: jstDay(-30),
      endsOn: jstDay(60),
      goals: [],
      checklist: [],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const planBody = plan.body as { plan: { id: string; version: number } };
    const guided = await call(kakaricho, 'POST', `/api/people/${shuji.id}/ojt-plan/guidance`, {
      version: planBody.plan.version,
      day: jstDay(0),
      text: '窓口対応を横で見て助言した',
    });
    expect(guided.status, JSON.stringify(guided.body)).toBe(201);
    await server.database.query(
      `INSERT INTO ojt_guidance (plan_id, person_id, day, text, given_by_id) VALUES ($1, $2, $3, '前年度の指導', $4)`,
      [planBody.plan.id, shuji.id, `${fiscalYear - 1}-06-01`, kakaricho.id],
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('counts what the 係長 did for each direct report this year, beside the 係長 level’s role bullets', async () => {
    const { status, body } = await page(kakaricho, 'me');
    expect(status).toBe(200);
    expect(body.fiscalYear).toBe(fiscalYear);
    expect(body.supervisor.id).toBe(kakaricho.id);
    expect(body.roles.map((role) => role.ja)).toContain('部下を指導・育成し、OJTを推進する。');
    expect(body.roles.map((role) => role.en)).toContain('Guide and develop subordinates and promote OJT.');
    const direct = server.emulator.people.filter((person) => person.managerId === kakaricho.id);
    expect(body.reports.map((row) => row.id).sort()).toEqual(direct.map((person) => person.id).sort());
    const row = body.reports.find((entry) => entry.id === shuji.id)!;
    expect(row).toMatchObject({
      goalComments: 1,
      selfCheckComments: 2,
      interviews: 1,
      oneOnOnes: 1,
      recommendations: 1,
      reportComments: 1,
      ojtGuidance: 1,
    });
    if (otherShuji) {
      // Those with nothing done show as zeros: that is the point.
      expect(body.reports.find((entry) => entry.id === otherShuji!.id)).toMatchObject({
        goalComments: 0,
        selfCheckComments: 0,
        interviews: 0,
        oneOnOnes: 0,
        recommendations: 0,
        reportComments: 0,
        ojtGuidance: 0,
      });
    }
    expect(body.totals).toEqual({
      goalComments: 1,
      selfCheckComments: 2,
      interviews: 1,
      oneOnOnes: 1,
      recommendations: 1,
      reportComments: 1,
      ojtGuidance: 1,
    });
    // Another fiscal year has nothing.
    const earlier = await page(kakaricho, 'me', `?fiscalYear=${fiscalYear - 1}`);
    expect(earlier.status).toBe(200);
    expect(earlier.body.totals.interviews).toBe(0);
    expect(earlier.body.totals.goalComments).toBe(0);
  });

  it('shows the 課長 their own page with the 係長 among their direct reports, the 課長’s feedback counted', async () => {
    const { status, body } = await page(kacho, 'me');
    expect(status).toBe(200);
    expect(body.reports.map((row) => row.id)).toContain(kakaricho.id);
    expect(body.reports.map((row) => row.id)).not.toContain(shuji.id);
    expect(body.roles.length).toBeGreaterThan(0);
  });

  it('lets the chain above and HR read it, audited; the supervisor’s own read is not audited', async () => {
    const before = (await auditRows(kakaricho.id)).length;
    expect((await page(kakaricho, kakaricho.id)).status).toBe(200);
    expect(await auditRows(kakaricho.id)).toHaveLength(before);
    for (const reader of [kacho, bucho, hr]) {
      const answer = await page(reader, kakaricho.id);
      expect(answer.status, reader.displayName).toBe(200);
      expect(answer.body.totals.interviews).toBe(1);
    }
    const rows = await auditRows(kakaricho.id);
    expect(rows.slice(before).map((row) => [row.actor_id, row.action])).toEqual([
      [kacho.id, 'read'],
      [bucho.id, 'read'],
      [hr.id, 'read'],
    ]);
  });

  it('refuses a direct report and a colleague with 403, and writes no audit row', async () => {
    const before = (await auditRows(kakaricho.id)).length;
    for (const reader of [shuji, colleague]) {
      const answer = await call(reader, 'GET', `/api/people/${kakaricho.id}/development`);
      expect(answer.status, reader.displayName).toBe(403);
      expect(answer.body.error?.code).toBe('forbidden');
    }
    expect(await auditRows(kakaricho.id)).toHaveLength(before);
  });

  it('answers 400 for a malformed person or fiscal year, and 404 to HR for nobody', async () => {
    expect((await call(kakaricho, 'GET', '/api/people/someone/development')).status).toBe(400);
    expect((await call(kakaricho, 'GET', '/api/people/me/development?fiscalYear=next')).status).toBe(400);
    expect((await call(kakaricho, 'GET', '/api/people/me/development?fiscalYear=1999')).status).toBe(400);
    expect((await call(hr, 'GET', `/api/people/${randomUUID()}/development`)).status).toBe(404);
  });

  describe('HR’s roll-up (GET /api/hr/development, .csv)', () => {
    it('lists every supervisor with their measures, zeros included, and sums them by 課 and 部', async () => {
      const answer = await call(hr, 'GET', `/api/hr/development?fiscalYear=${fiscalYear}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const body = answer.body as unknown as DevelopmentRollUp;
      const people = server.emulator.people;
      const managers = new Set(people.map((person) => person.managerId).filter(Boolean));
      expect(new Set(body.supervisors.map((row) => row.id))).toEqual(managers);
      const row = body.supervisors.find((entry) => entry.id === kakaricho.id)!;
      expect(row).toMatchObject({
        department: kakaricho.department,
        directReports: people.filter((person) => person.managerId === kakaricho.id).length,
        goalComments: 1,
        selfCheckComments: 2,
        interviews: 1,
        oneOnOnes: 1,
        recommendations: 1,
        reportComments: 1,
      });
      // The 課長's comment on the 主事's self-check is not towards a direct report of theirs.
      expect(body.supervisors.find((entry) => entry.id === kacho.id)!.selfCheckComments).toBe(0);
      // Someone with nothing done is there, with zeros.
      expect(body.supervisors.filter((entry) => entry.interviews === 0).length).toBeGreaterThan(0);
      const section = body.departments.find((entry) => entry.department === kakaricho.department)!;
      const inSection = body.supervisors.filter(
        (entry) => entry.department === kakaricho.department && entry.division === section.division,
      );
      expect(section.supervisors).toBe(inSection.length);
      expect(section.inactive).toBe(inSection.length - 1);
      expect(section.interviews).toBe(1);
      expect(body.divisions.find((entry) => entry.division === section.division)!.interviews).toBe(1);
      expect(body.totals.interviews).toBe(1);
      const audit = await server.database.query<{ action: string; details: { fiscalYear: number } }>(
        `SELECT action, details FROM audit_log WHERE actor_id = $1 AND resource = 'development-rollup' ORDER BY id`,
        [hr.id],
      );
      expect(audit.at(-1)).toMatchObject({ action: 'read', details: { fiscalYear } });
    });

    it('exports the supervisors as CSV with a BOM, audited as an export', async () => {
      const response = await fetch(`${server.url}/api/hr/development.csv?lang=en`, {
        headers: { authorization: `Bearer ${await server.tokenFor(hr.id)}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
      expect(lines[0]).toBe(
        'Division (部),Section (課),Name,Job title,Direct reports,Goal comments,Self-check comments,Interviews held,1:1s held,Training recommendations,Report comments,OJT guidance',
      );
      expect(lines.find((line) => line.includes(kakaricho.displayName))).toMatch(/,1,2,1,1,1,1,1$/);
      const audit = await server.database.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE actor_id = $1 AND resource = 'development-rollup' ORDER BY id DESC LIMIT 1`,
        [hr.id],
      );
      expect(audit[0]?.action).toBe('export');
    });

    it('refuses anyone but HR with 403, and a year not begun with 400', async () => {
      for (const reader of [kakaricho, bucho]) {
        expect((await call(reader, 'GET', '/api/hr/development')).status).toBe(403);
      }
      const future = await call(hr, 'GET', `/api/hr/development?fiscalYear=${fiscalYear + 1}`);
      expect(future.status).toBe(400);
      expect((await call(hr, 'GET', '/api/hr/development?fiscalYear=soon')).status).toBe(400);
    });
  });
});
