import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  LibraryPage,
  MyReport,
  ReportAudienceView,
  ReportView,
} from '../../../src/reports/report.contract.ts';
import type { CourseView, EnrolmentView, SessionView } from '../../../src/training/training.contract.ts';
import { apiCaller, type ApiAnswer } from '../../support/api-caller.ts';
import { SLICE_BACKENDS } from '../../support/backends.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, sessionBody, type Person } from '../training/training-support.ts';

// The organisation-wide library (docs/reports.md, "The library"): the author's choice of audience, the
// search, and the privacy rule — a report kept to the 課 (課内のみ) is never listed, counted or matched.
describe.each(SLICE_BACKENDS)('the training report library on %s', (backend) => {
  let server: TestServer;
  let hr: Person;
  /** sharer: 全庁に公開; keeper: 課内のみ (another 課); withdrawer: shared, then withdrawn; leaver: erased. */
  let sharer: Person;
  let keeper: Person;
  let withdrawer: Person;
  let leaver: Person;
  let courses: CourseView[];
  const reports: Record<string, ReportView> = {};
  const call = apiCaller(() => server);
  const errorOf = (answer: ApiAnswer) =>
    answer.body.error as unknown as { code: string; details: Array<{ path: string; message: string }> };
  const library = async (as: Person, query = '') => {
    const answer = await call(as, 'GET', `/api/reports/library${query ? `?${query}` : ''}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as unknown as LibraryPage;
  };
  const competency = (index: number) => server.framework.competencies[index]!.id;
  const guideline = (index: number) => server.framework.guidelines[index]!.id;
  const audienceOf = async (report: ReportView) =>
    (
      await server.database.query<{ audience: string; version: number }>(
        'SELECT audience, version FROM training_reports WHERE id = $1',
        [report.reportId],
      )
    )[0]!;

  /** Puts the person in a session of the course that has taken place, marked attended. */
  const attend = async (people: Person[], course: CourseView) => {
    const session = (
      await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, sessionBody({ capacity: 10 }))
    ).body as unknown as SessionView;
    const enrolments: EnrolmentView[] = [];
    for (const person of people) {
      const applied = (await call(person, 'POST', `/api/training/sessions/${session.id}/apply`, { note: '' }))
        .body as unknown as EnrolmentView;
      await call(hr, 'POST', `/api/training/enrolments/${applied.id}/confirm`, { version: 1 });
      enrolments.push(applied);
    }
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [session.id],
    );
    for (const enrolment of enrolments)
      await call(hr, 'POST', `/api/training/enrolments/${enrolment.id}/attendance`, { version: 2 });
    return session;
  };
  const submit = async (person: Person, session: SessionView, body: Record<string, unknown>) => {
    const answer = await call(person, 'POST', `/api/reports/sessions/${session.id}/submit`, {
      submissionId: `library-${person.id.slice(0, 8)}`,
      learned: '学んだこと',
      application: '職場での活かし方',
      competencyIds: [],
      guidelineIds: [],
      satisfaction: 2,
      wantedText: 'HRだけが読む希望',
      wantedCourseIds: [],
      ...body,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as unknown as ReportView;
  };

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    const staff = people.filter(
      (person) =>
        person.appRoles.length === 0 &&
        ['shuji', 'shunin'].includes(person.levelId ?? '') &&
        person.department,
    );
    sharer = staff[0]!;
    keeper = staff.find((person) => person.department !== sharer.department)!;
    withdrawer = staff.find((person) => ![sharer, keeper].includes(person))!;
    leaver = staff.find((person) => ![sharer, keeper, withdrawer].includes(person))!;
    courses = [];
    for (const title of ['ファシリテーション研修', '文書事務研修'])
      courses.push(
        (await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: title } })))
          .body as unknown as CourseView,
      );
    const first = await attend([sharer, keeper], courses[0]!);
    const second = await attend([withdrawer, leaver], courses[1]!);
    reports.shared = await submit(sharer, first, {
      learned: 'ＫＰＴで会議を振り返ると次の改善が見える。',
      competencyIds: [competency(0)],
      guidelineIds: [guideline(0)],
      audience: 'organisation',
    });
    // The same course, competency and guideline as the shared one, but kept to the 課: every filter that
    // finds the shared report would find this one too if the rule leaked.
    reports.kept = await submit(keeper, first, {
      learned: '課内だけの学び：窓口の混雑は午前に集中する。',
      competencyIds: [competency(0), competency(1)],
      guidelineIds: [guideline(0), guideline(1)],
    });
    reports.withdrawn = await submit(withdrawer, second, {
      learned: '取り下げる学び：文書の起案は結論から書く。',
      competencyIds: [competency(1)],
      guidelineIds: [guideline(1)],
      audience: 'organisation',
    });
    reports.erased = await submit(leaver, second, {
      learned: '消える学び：起案の決裁ルート。',
      audience: 'organisation',
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('stores the author’s choice: 課内のみ by default, 全庁に公開 when chosen, shown in my reports', async () => {
    expect(reports.kept!.audience).toBe('department');
    expect(reports.shared!.audience).toBe('organisation');
    const mine = (await call(sharer, 'GET', '/api/reports/mine')).body as unknown as MyReport[];
    expect(mine).toEqual([
      expect.objectContaining({
        reportId: reports.shared!.reportId,
        audience: 'organisation',
        version: reports.shared!.version,
      }),
    ]);
  });

  it('shows who learned what, newest first: the shared texts and links, never the satisfaction, wishes or comments', async () => {
    const page = await library(keeper);
    expect(page.entries.map((entry) => entry.reportId)).toEqual([
      reports.erased!.reportId,
      reports.withdrawn!.reportId,
      reports.shared!.reportId,
    ]);
    const entry = page.entries.find((candidate) => candidate.reportId === reports.shared!.reportId)!;
    // Exactly these fields: no satisfaction, no trainings wanted, no supervisors' comments.
    expect(Object.keys(entry).sort()).toEqual(
      [
        'reportId',
        'personId',
        'personName',
        'department',
        'sessionId',
        'courseId',
        'courseTitle',
        'start',
        'end',
        'learned',
        'application',
        'competencyIds',
        'guidelineIds',
        'submittedAt',
      ].sort(),
    );
    expect(entry).toMatchObject({
      reportId: reports.shared!.reportId,
      personId: sharer.id,
      personName: sharer.displayName,
      department: sharer.department,
      sessionId: reports.shared!.sessionId,
      courseId: courses[0]!.id,
      courseTitle: { ja: 'ファシリテーション研修', en: null },
      learned: 'ＫＰＴで会議を振り返ると次の改善が見える。',
      application: '職場での活かし方',
      competencyIds: [competency(0)],
      guidelineIds: [guideline(0)],
    });
    expect(page.total).toBe(3);
    // The per-course view: each course with how many shared reports it has.
    expect(page.courses).toEqual([
      { courseId: courses[1]!.id, courseTitle: { ja: '文書事務研修', en: null }, reports: 2 },
      { courseId: courses[0]!.id, courseTitle: { ja: 'ファシリテーション研修', en: null }, reports: 1 },
    ]);
    const ofCourse = await library(keeper, `courseId=${courses[0]!.id}`);
    expect(ofCourse.entries.map((row) => row.personName)).toEqual([sharer.displayName]);
  });

  it('matches free text without a tokenizer: full-width and case folded, Japanese substrings, titles and names', async () => {
    const ids = async (q: string) =>
      (await library(hr, `q=${encodeURIComponent(q)}`)).entries.map((entry) => entry.reportId);
    expect(await ids('kpt')).toEqual([reports.shared!.reportId]);
    expect(await ids('振り返る')).toEqual([reports.shared!.reportId]);
    expect(await ids('ファシリテーション')).toEqual([reports.shared!.reportId]);
    expect(await ids(sharer.displayName)).toEqual([reports.shared!.reportId]);
    expect(await ids('100%_')).toEqual([]);
  });

  it('pages with a cursor, newest first, a bounded page each time', async () => {
    const first = await library(sharer, 'limit=2');
    expect(first.entries).toHaveLength(2);
    expect(first.nextCursor).toMatch(/^\d+_/);
    const second = await library(sharer, `limit=2&cursor=${first.nextCursor}`);
    expect(second.entries.map((entry) => entry.reportId)).toEqual([reports.shared!.reportId]);
    expect(second.nextCursor).toBeNull();
    expect(second.total).toBe(3);
  });

  it('never lists, counts or matches a report kept to the 課 — for any filter, and for HR too', async () => {
    const filters = [
      '',
      `courseId=${courses[0]!.id}`,
      `competencyId=${competency(0)}`,
      `competencyId=${competency(1)}`,
      `guidelineId=${guideline(0)}`,
      `guidelineId=${guideline(1)}`,
      `department=${encodeURIComponent(keeper.department!)}`,
      `q=${encodeURIComponent('課内だけの学び')}`,
      `q=${encodeURIComponent('窓口')}`,
    ];
    for (const filter of filters)
      for (const reader of [hr, keeper, sharer]) {
        const page = await library(reader, filter);
        const shown = page.entries.map((entry) => entry.reportId);
        expect(shown, filter).not.toContain(reports.kept!.reportId);
        expect(page.total, filter).toBe(shown.length);
        expect(
          page.courses.reduce((sum, course) => sum + course.reports, 0),
          filter,
        ).toBe(filter.startsWith('courseId') ? (await library(reader)).total : page.total);
      }
    expect((await library(hr, `department=${encodeURIComponent(keeper.department!)}`)).total).toBe(
      [sharer, withdrawer, leaver].filter((person) => person.department === keeper.department).length,
    );
    expect((await library(hr, `q=${encodeURIComponent('窓口')}`)).courses).toEqual([]);
  });

  it('takes a withdrawn report out at once, from every filter, counts and search', async () => {
    const before = await audienceOf(reports.withdrawn!);
    const withdrawn = await call(withdrawer, 'PUT', `/api/reports/${reports.withdrawn!.reportId}/audience`, {
      version: before.version,
      audience: 'department',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body as unknown as ReportAudienceView).toEqual({
      reportId: reports.withdrawn!.reportId,
      audience: 'department',
      version: before.version + 1,
    });
    for (const filter of [
      '',
      `courseId=${courses[1]!.id}`,
      `competencyId=${competency(1)}`,
      `guidelineId=${guideline(1)}`,
      `department=${encodeURIComponent(withdrawer.department!)}`,
      `q=${encodeURIComponent('取り下げる学び')}`,
    ]) {
      const page = await library(sharer, filter);
      expect(
        page.entries.map((entry) => entry.reportId),
        filter,
      ).not.toContain(reports.withdrawn!.reportId);
      expect(page.total, filter).toBe(page.entries.length);
    }
    expect((await library(sharer, `q=${encodeURIComponent('取り下げる学び')}`)).total).toBe(0);
    expect(
      (await library(sharer)).courses.find((course) => course.courseId === courses[1]!.id)?.reports,
    ).toBe(1);
    const audit = await server.database.query<{ actor_id: string; details: { to: string } }>(
      `SELECT actor_id, details FROM audit_log WHERE resource = 'training-report-audience'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: withdrawer.id,
      details: { from: 'organisation', to: 'department' },
    });
  });

  it('refuses a change of someone else’s report (403), a stale version (409) and a bad choice (400), changing nothing', async () => {
    const url = `/api/reports/${reports.shared!.reportId}/audience`;
    // Chosen again (the same choice) from one window: another window still holds the version before.
    const read = await audienceOf(reports.shared!);
    const again = await call(sharer, 'PUT', url, { version: read.version, audience: 'organisation' });
    expect(again.status).toBe(200);
    const before = await audienceOf(reports.shared!);
    expect(before).toEqual({ audience: 'organisation', version: read.version + 1 });
    for (const other of [keeper, hr]) {
      const refused = await call(other, 'PUT', url, { version: before.version, audience: 'department' });
      expect(refused.status).toBe(403);
    }
    const stale = await call(sharer, 'PUT', url, { version: read.version, audience: 'department' });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('version_conflict');
    const bad = await call(sharer, 'PUT', url, { version: before.version, audience: 'everyone' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).details.map((detail) => detail.path)).toContain('body.audience');
    const missing = await call(sharer, 'PUT', `/api/reports/${crypto.randomUUID()}/audience`, {
      version: 1,
      audience: 'department',
    });
    expect(missing.status).toBe(404);
    expect(await audienceOf(reports.shared!)).toEqual(before);
    expect((await library(keeper)).entries.map((entry) => entry.reportId)).toContain(
      reports.shared!.reportId,
    );
  });

  it('refuses bad query values with 400 and the parameter named', async () => {
    const cases: Array<[string, string]> = [
      ['courseId=abc', 'query.courseId'],
      [`courseId=${crypto.randomUUID()}`, 'query.courseId'],
      ['competencyId=no-such-competency', 'query.competencyId'],
      ['guidelineId=no-such-guideline', 'query.guidelineId'],
      ['q=', 'query.q'],
      [`q=${'あ'.repeat(101)}`, 'query.q'],
      ['department=', 'query.department'],
      ['limit=0', 'query.limit'],
      ['limit=51', 'query.limit'],
      ['limit=ten', 'query.limit'],
      ['cursor=42', 'query.cursor'],
      ['sort=oldest', 'query'],
    ];
    for (const [query, path] of cases) {
      const answer = await call(sharer, 'GET', `/api/reports/library?${query}`);
      expect(answer.status, query).toBe(400);
      const paths = errorOf(answer).details.map((detail) => detail.path);
      expect(
        paths.some((candidate) => candidate.startsWith(path)),
        `${query}: ${paths.join(', ')}`,
      ).toBe(true);
    }
  });

  it('drops the reports of an erased person from the library', async () => {
    expect((await library(sharer)).entries.map((entry) => entry.reportId)).toContain(
      reports.erased!.reportId,
    );
    const erased = await call(hr, 'POST', `/api/hr/people/${leaver.id}/erase`, {
      confirmPersonId: leaver.id,
      force: true,
      reason: '退職（ライブラリの確認）',
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(201);
    const page = await library(sharer);
    expect(page.entries.map((entry) => entry.reportId)).not.toContain(reports.erased!.reportId);
    expect(page.total).toBe(page.entries.length);
  });
});
