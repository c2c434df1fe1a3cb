import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CompetencyReport,
  CompletionReport,
  DemandReport,
  SubmissionReport,
  WantedReport,
} from '../../../src/analytics/analytics.contract.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { jstDayOf } from '../../../src/shared/japan-time.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { bookInterview } from '../../support/home-fixture.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { readInFiscalYearOf, shiftedClock } from '../../support/shifted-clock.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import type { Person } from '../training/training-support.ts';
import {
  bookGoalInterviews,
  heldSession,
  setGoal,
  submitReport,
  submitSelfCheck,
  type SeededSession,
} from './analytics-support.ts';

const FORMULA_TEXT = '=HYPERLINK("http://evil.example","click")';
const QUOTED_TEXT = '議事録の書き方, "要点" のまとめ方\n2行目';

describe.each(SLICE_BACKENDS)('HR roll-ups and dashboards on %s', (backend) => {
  let server: TestServer;
  let hr: Person;
  let nonHr: Person;
  // 市民課: three 主事 who do everything, a 会計年度任用職員 who attends but does not report.
  let shiminShuji: Person[];
  let shiminPartTimer: Person;
  // 保育課: two 主任 — a group of two, whose figures must stay hidden.
  let hoikuShunin: Person[];
  let held: SeededSession;
  /** The fiscal year of the booked interviews: this one, or late in March the next. */
  let interviewYear: number;
  let interviewDay: string;
  // The machine's time; the interviews' report is read in their year when that is the next one.
  const clock = shiftedClock();
  let wantedCourse: SeededSession['course'];
  const call = apiCaller(() => server);
  const { fiscalYear, half } = halfPeriodAt(new Date());

  const get = async <T>(as: Person, path: string) => {
    const answer = await call(as, 'GET', path);
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body as unknown as T;
  };
  const csv = async (as: Person, path: string) => {
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${await server.tokenFor(as.id)}` },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { response, bytes, text: bytes.toString('utf8') };
  };

  beforeAll(async () => {
    server = await startTestServer({ backend, clock });
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    nonHr = people.find((person) => person.levelId === 'kacho' && person.department === '市民課')!;
    shiminShuji = people.filter((person) => person.department === '市民課' && person.levelId === 'shuji');
    shiminPartTimer = people.find(
      (person) => person.department === '市民課' && person.levelId === 'kaikeiNendo',
    )!;
    hoikuShunin = people.filter((person) => person.department === '保育課' && person.levelId === 'shunin');
    expect(shiminShuji).toHaveLength(3);
    expect(hoikuShunin).toHaveLength(2);

    // Self-checks: 3, 4, 5 in 市民課 (average 4); 2 and 4 in 保育課 (two people: withheld).
    for (const [index, person] of shiminShuji.entries()) await submitSelfCheck(call, person, 3 + index);
    for (const [index, person] of hoikuShunin.entries()) await submitSelfCheck(call, person, 2 + 2 * index);
    // Goals: two 主事 of 市民課.
    for (const person of shiminShuji.slice(0, 2)) await setGoal(call, person);
    // Interviews: the 課長 of 市民課 books a goal-setting interview with one direct report through the
    // API (ahead: booked), and held one with another two days ago. The API books the future only, so the
    // held one is written to the store as a past booking with no Outlook event: moving a booked row into
    // the past with SQL raced the calendar sync, which copied Outlook's time back (held 0, booked 2).
    const kachoReports = people.filter((person) => person.managerId === nonHr.id).slice(0, 2);
    const [ahead] = await bookGoalInterviews(call, nonHr, kachoReports.slice(1));
    const [aheadRow] = await server.database.query<{ fiscal_year: number; starts_at: Date }>(
      'SELECT fiscal_year, starts_at FROM interviews WHERE id = $1',
      [ahead],
    );
    interviewYear = aheadRow!.fiscal_year;
    interviewDay = jstDayOf(new Date(aheadRow!.starts_at).getTime());
    await bookInterview(server, {
      organizer: nonHr,
      person: kachoReports[0]!,
      type: 'goalSetting',
      fiscalYear: interviewYear,
      start: new Date(Date.now() - 2 * 24 * 3600_000),
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/held',
    });

    // A course people want, and a session everyone above attended but the part-timer does not report on.
    wantedCourse = (await heldSession(server, call, hr, [], [], '議事録研修')).course;
    const attendees = [...shiminShuji, shiminPartTimer, ...hoikuShunin];
    held = await heldSession(server, call, hr, attendees, attendees, '報告研修');
    const texts = [FORMULA_TEXT, QUOTED_TEXT, '＋タブの使い方'];
    for (const [index, person] of shiminShuji.entries())
      await submitReport(call, server, person, held.session.id, {
        text: texts[index]!,
        courseIds: [wantedCourse.id],
      });
    for (const person of hoikuShunin)
      await submitReport(call, server, person, held.session.id, {
        text: `保育の専門研修（${person.displayName}）`,
        courseIds: [wantedCourse.id],
      });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('gives the submission rate per session: attended, submitted and their ratio, with the course title', async () => {
    const report = await get<SubmissionReport>(hr, '/api/hr/reports/submission');
    expect(report.fiscalYear).toBe(fiscalYear);
    const row = report.sessions.find((session) => session.sessionId === held.session.id);
    expect(row).toMatchObject({
      courseTitle: { ja: '報告研修', en: '報告研修 (en)' },
      workplaceDepartment: null,
      attended: 6,
      submitted: 5,
      rate: 0.833,
    });
    expect(report.totals).toEqual({ attended: 6, submitted: 5, rate: 0.833 });
    // All of it HR's catalog: no workplace training (職場研修) this year.
    expect(report.byScope).toEqual({
      catalog: { attended: 6, submitted: 5, rate: 0.833 },
      workplace: { attended: 0, submitted: 0, rate: null },
    });
  });

  it('aggregates trainings wanted by course, level and 課, showing free text only where three or more wrote', async () => {
    const report = await get<WantedReport>(hr, '/api/hr/reports/wanted');
    expect(report.respondents).toBe(5);
    expect(report.courses).toEqual([
      expect.objectContaining({
        courseId: wantedCourse.id,
        title: { ja: '議事録研修', en: '議事録研修 (en)' },
        people: 5,
        byLevel: { shunin: 2, shuji: 3 },
      }),
    ]);
    expect(report.levels.find((level) => level.levelId === 'shuji')).toEqual({
      levelId: 'shuji',
      respondents: 3,
      writers: 3,
      pickers: 3,
      courses: [{ courseId: wantedCourse.id, people: 3 }],
    });
    expect(report.levels.find((level) => level.levelId === 'bucho')).toMatchObject({ respondents: 0 });

    const shimin = report.departments.find((department) => department.department === '市民課')!;
    expect(shimin).toMatchObject({ division: '市民部', respondents: 3, writers: 3, hidden: false });
    expect([...shimin.texts!].sort()).toEqual([FORMULA_TEXT, QUOTED_TEXT, '＋タブの使い方'].sort());

    const hoiku = report.departments.find((department) => department.department === '保育課')!;
    expect(hoiku).toMatchObject({ respondents: 2, writers: 2, texts: null, hidden: true });
    // Nothing of what the two wrote leaves the server, anywhere in the answer.
    expect(JSON.stringify(report)).not.toContain('保育の専門研修');
  });

  it('exports the free text as CSV with a BOM, RFC 4180 quoting, formulas neutralised, and small groups hidden', async () => {
    const { response, bytes, text } = await csv(hr, '/api/hr/reports/wanted-texts.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="trainings-wanted-free-text-${fiscalYear}\\.csv"`),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1);
    expect(lines.startsWith('部,課,自由記述者数,今後受けたい研修（自由記述）\r\n')).toBe(true);
    expect(lines).toContain(`市民部,市民課,3,"'=HYPERLINK(""http://evil.example"",""click"")"\r\n`);
    expect(lines).toContain(`市民部,市民課,3,"議事録の書き方, ""要点"" のまとめ方\n2行目"\r\n`);
    expect(lines).toContain(`市民部,市民課,3,'＋タブの使い方\r\n`);
    expect(lines).toContain('子ども家庭部,保育課,2,非表示（3人未満）\r\n');
    expect(lines).not.toContain('保育の専門研修');

    const english = await csv(hr, '/api/hr/reports/wanted-texts.csv?lang=en');
    expect(english.text).toContain(',2,hidden (fewer than 3)\r\n');
  });

  it('exports every report table as CSV with the figures of the JSON', async () => {
    const submission = await csv(hr, '/api/hr/reports/submission.csv');
    expect(
      submission.text.startsWith(
        '\uFEFF開始日時（日本時間）,研修名,職場研修の課,出席者数,報告提出数,提出率（%）,研修回ID\r\n',
      ),
    ).toBe(true);
    expect(submission.text).toContain(`,報告研修,,6,5,83.3,${held.session.id}\r\n`);
    const byCourse = await csv(hr, '/api/hr/reports/wanted-courses.csv');
    expect(byCourse.text).toContain('議事録研修,専門研修,5,0,0,0,0,2,3,0\r\n');
    const byLevel = await csv(hr, '/api/hr/reports/wanted-levels.csv?lang=en');
    expect(byLevel.text).toMatch(/\r\n[^\r\n]*,3,3,3,議事録研修 \(en\),3\r\n/);
    const byDepartment = await csv(hr, '/api/hr/reports/wanted-departments.csv');
    expect(byDepartment.text).toContain('子ども家庭部,保育課,2,2,議事録研修,2\r\n');
  });

  it('shows completion by 課 for the fiscal year: self-checks, goals, interviews by type, training reports', async () => {
    const report = await get<CompletionReport>(hr, '/api/hr/dashboards/completion');
    expect(report.halves).toEqual({ h1: true, h2: half === 2 });
    const shimin = report.rows.find((row) => row.group === '市民課')!;
    const current = half === 1 ? 'h1' : 'h2';
    expect(shimin).toMatchObject({
      division: '市民部',
      staff: 11,
      goals: 2,
      reports: { due: 4, submitted: 3 },
    });
    expect(shimin.selfChecks[current]).toBe(3);
    // The interviews count in the fiscal year of their day: late in March, the next one's report, which
    // HR reads once that year has begun.
    const interviewReport =
      interviewYear === fiscalYear
        ? report
        : await readInFiscalYearOf(clock, interviewDay, () =>
            get<CompletionReport>(hr, `/api/hr/dashboards/completion?fiscalYear=${interviewYear}`),
          );
    const shiminInterviews = interviewReport.rows.find((row) => row.group === '市民課')!.interviews;
    expect(shiminInterviews.goalSetting).toEqual({ held: 1, booked: 1 });
    expect(shiminInterviews.midYear).toEqual({ held: 0, booked: 0 });
    const hoiku = report.rows.find((row) => row.group === '保育課')!;
    expect(hoiku.selfChecks[current]).toBe(2);
    expect(hoiku.reports).toEqual({ due: 2, submitted: 2 });
    expect(report.totals.reports).toEqual({ due: 6, submitted: 5 });

    const byDivision = await get<CompletionReport>(hr, '/api/hr/dashboards/completion?groupBy=division');
    expect(byDivision.rows.find((row) => row.group === '市民部')).toMatchObject({ staff: 23, goals: 2 });

    const file = await csv(hr, '/api/hr/dashboards/completion.csv');
    expect(file.text.startsWith('\uFEFF部,課,職員数,')).toBe(true);
    expect(file.text).toMatch(/\r\n市民部,市民課,11,/);
  });

  it('hides a competency cell of two people (null, never the value) and shows it from three', async () => {
    const byDepartment = await get<CompetencyReport>(
      hr,
      '/api/hr/dashboards/competencies?groupBy=department',
    );
    expect(byDepartment.minGroupSize).toBe(3);
    const shimin = byDepartment.rows.find((row) => row.group === '市民課')!;
    expect(shimin.people).toBe(3);
    expect(shimin.cells.explanation).toEqual({ n: 3, average: 4 });
    const hoiku = byDepartment.rows.find((row) => row.group === '保育課')!;
    expect(hoiku.people).toBe(2);
    expect(hoiku.cells.explanation).toEqual({ n: 2, average: null });
    for (const cell of Object.values(hoiku.cells)) expect(cell.average).toBeNull();
    // A 課 where nobody submitted is a row too, with nothing in it.
    expect(byDepartment.rows.find((row) => row.group === '総務課')).toMatchObject({ people: 0 });

    const byLevel = await get<CompetencyReport>(hr, '/api/hr/dashboards/competencies');
    expect(byLevel.rows.map((row) => row.group).slice(0, 7)).toEqual(
      server.framework.levels.map((level) => level.id),
    );
    expect(byLevel.rows.find((row) => row.group === 'shuji')!.cells.planning).toEqual({ n: 3, average: 4 });
    expect(byLevel.rows.find((row) => row.group === 'shunin')!.cells.planning).toEqual({
      n: 2,
      average: null,
    });
    // The 主任's ratings (2 and 4, average 3) appear nowhere in the file either.
    const file = await csv(hr, '/api/hr/dashboards/competencies.csv?groupBy=department');
    const hoikuLine = file.text.split('\r\n').find((line) => line.startsWith('保育課,'))!;
    expect(hoikuLine).toMatch(/^保育課,2,非表示（n=2）,/);
    expect(hoikuLine).not.toMatch(/,3(,|$)/);
    expect(file.text).toMatch(/\r\n市民課,3,4,/);
  });

  it('shows training demand from the wanted aggregation, by level, and exports it', async () => {
    const demand = await get<DemandReport>(hr, '/api/hr/dashboards/demand');
    expect(demand.levelIds).toEqual(server.framework.levels.map((level) => level.id));
    expect(demand).toMatchObject({ respondents: 5, writers: 5, pickers: 5 });
    expect(demand.courses[0]).toMatchObject({ courseId: wantedCourse.id, people: 5 });
    const file = await csv(hr, '/api/hr/dashboards/demand.csv?lang=en');
    expect(file.text).toContain('Course,Category,People who want it,');
    expect(file.text).toContain('議事録研修 (en),Specialist,5,');
  });

  it('refuses everyone but HR with 403, in JSON and CSV alike', async () => {
    const paths = [
      '/api/hr/reports/submission',
      '/api/hr/reports/submission.csv',
      '/api/hr/reports/wanted',
      '/api/hr/reports/wanted-courses.csv',
      '/api/hr/reports/wanted-levels.csv',
      '/api/hr/reports/wanted-departments.csv',
      '/api/hr/reports/wanted-texts.csv',
      '/api/hr/dashboards/completion',
      '/api/hr/dashboards/completion.csv',
      '/api/hr/dashboards/competencies',
      '/api/hr/dashboards/competencies.csv',
      '/api/hr/dashboards/demand',
      '/api/hr/dashboards/demand.csv',
    ];
    for (const path of paths) {
      for (const person of [nonHr, shiminShuji[0]!]) {
        const answer = await call(person, 'GET', path);
        expect(answer.status, path).toBe(403);
        expect(answer.body.error?.code).toBe('forbidden');
      }
    }
  });

  it('refuses a fiscal year that has not begun, and bad grouping, with 400', async () => {
    const future = await call(hr, 'GET', `/api/hr/reports/submission?fiscalYear=${fiscalYear + 1}`);
    expect(future.status).toBe(400);
    expect(future.body.error?.code).toBe('validation_failed');
    expect((await call(hr, 'GET', '/api/hr/dashboards/competencies?groupBy=person')).status).toBe(400);
    expect((await call(hr, 'GET', '/api/hr/dashboards/completion.csv?lang=fr')).status).toBe(400);
  });

  it('writes every HR read to the audit log, CSV downloads as exports', async () => {
    const rows = await server.database.query<{ action: string; resource: string; actor_id: string }>(
      `SELECT action, resource, actor_id FROM audit_log WHERE resource LIKE 'analytics.%'`,
    );
    expect(rows.every((row) => row.actor_id === hr.id)).toBe(true);
    const seen = new Set(rows.map((row) => `${row.action} ${row.resource}`));
    for (const expected of [
      'read analytics.reports.submission',
      'export analytics.reports.submission',
      'read analytics.reports.wanted',
      'export analytics.reports.wanted',
      'read analytics.dashboards.completion',
      'export analytics.dashboards.completion',
      'read analytics.dashboards.competencies',
      'export analytics.dashboards.competencies',
      'read analytics.dashboards.demand',
      'export analytics.dashboards.demand',
    ])
      expect(seen, expected).toContain(expected);
  });
});
