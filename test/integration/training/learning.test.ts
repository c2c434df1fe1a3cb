import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  LearningPath,
  PathProgress,
  SelfStudyCourse,
  SelfStudyEnrolment,
} from '../../../src/training/learning.contract.ts';
import type { CourseView, Recommendation } from '../../../src/training/training.contract.ts';
import { blankCareerDesign } from '../../support/career-fixture.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, jstDay, sessionBody, yearsOf, type Person } from './training-support.ts';

// Self-study courses and learning paths (docs/training.md, "Learning paths and self-study").
describe('self-study courses and learning paths', () => {
  let server: TestServer;
  let hr: Person;
  let kakaricho: Person;
  let shuji: Person;
  let colleague: Person;
  let outsider: Person;
  const ids: Record<string, string> = {};
  const call = apiCaller(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    kakaricho = people.find((person) => person.levelId === 'kakaricho' && person.department === '市民課')!;
    shuji = people.find((person) => person.levelId === 'shuji' && person.managerId === kakaricho.id)!;
    colleague = people.find(
      (person) => person.levelId === 'shuji' && person.id !== shuji.id && person.managerId === kakaricho.id,
    )!;
    outsider = people.find(
      (person) =>
        person.levelId === 'shuji' && person.department !== '市民課' && person.appRoles.length === 0,
    )!;
    const make = async (title: string) => {
      const made = await call(
        hr,
        'POST',
        '/api/training/courses',
        courseBody({ category: 'selfStudy', title: { ja: title } }),
      );
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      return made.body.id as string;
    };
    ids.selfStudy = await make('通信教育 地方自治法');
    ids.second = await make('e-ラーニング 情報セキュリティ');
    ids.dated = await make('ファシリテーション研修');
    const session = await call(hr, 'POST', `/api/training/courses/${ids.dated}/sessions`, sessionBody());
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    ids.session = session.body.id as string;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const mine = async (as: Person, personId = 'me') =>
    (await call(as, 'GET', `/api/training/self-study/enrolments?personId=${personId}`))
      .body as unknown as SelfStudyEnrolment[];
  const auditRows = async (resource: string) =>
    server.database.query<{
      actor_id: string;
      subject_id: string | null;
      action: string;
      details: Record<string, unknown>;
    }>(`SELECT actor_id, subject_id, action, details FROM audit_log WHERE resource = $1 ORDER BY id`, [
      resource,
    ]);

  it('lets HR make a course self-study with an https link only, never a course of dated sessions', async () => {
    const url = `/api/training/courses/${ids.selfStudy}/self-study`;
    for (const externalUrl of [
      'http://elearning.example/jichi',
      'javascript:alert(1)',
      'ftp://x.example/',
      'not a link',
    ]) {
      const refused = await call(hr, 'PUT', url, { version: 0, externalUrl });
      expect(refused.status, externalUrl).toBe(400);
    }
    expect((await call(shuji, 'PUT', url, { version: 0, externalUrl: null })).status).toBe(403);
    const dated = await call(hr, 'PUT', `/api/training/courses/${ids.dated}/self-study`, {
      version: 0,
      externalUrl: null,
    });
    expect(dated.status).toBe(409);
    // None of the refusals made the course self-study: enrolling is still refused.
    expect((await call(shuji, 'POST', `${url}/enrol`, {})).status).toBe(409);

    const made = await call(hr, 'PUT', url, { version: 0, externalUrl: 'https://elearning.example/jichi' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body).toMatchObject({ externalUrl: 'https://elearning.example/jichi', version: 1 });
    expect((await call(hr, 'PUT', url, { version: 0, externalUrl: null })).status).toBe(409);
    const changed = await call(hr, 'PUT', url, {
      version: 1,
      externalUrl: 'https://elearning.example/jichi2',
    });
    expect(changed.body).toMatchObject({ version: 2, externalUrl: 'https://elearning.example/jichi2' });
    // The catalog and the course's page mark it, with its link; a course of sessions is not self-study.
    const catalog = (await call(shuji, 'GET', '/api/training/courses?view=all'))
      .body as unknown as CourseView[];
    expect(catalog.find((course) => course.id === ids.selfStudy)?.selfStudy).toEqual({
      externalUrl: 'https://elearning.example/jichi2',
      onMyPath: false,
    });
    expect(catalog.find((course) => course.id === ids.dated)?.selfStudy).toBeNull();
    expect((await call(shuji, 'GET', `/api/training/courses/${ids.selfStudy}`)).body).toMatchObject({
      selfStudy: { externalUrl: 'https://elearning.example/jichi2' },
    });
    expect(
      (
        await call(hr, 'PUT', `/api/training/courses/${ids.second}/self-study`, {
          version: 0,
          externalUrl: null,
        })
      ).status,
    ).toBe(200);
    expect(
      (await auditRows('training-self-study')).filter((row) => row.details.change === 'settings'),
    ).toHaveLength(3);

    // HR's form reads each self-study course's link and the version its next change sends; nobody else may.
    const list = await call(hr, 'GET', '/api/training/self-study/courses');
    expect(list.status).toBe(200);
    const byCourse = (a: { courseId: string }, b: { courseId: string }) =>
      a.courseId.localeCompare(b.courseId);
    expect(
      (list.body as unknown as SelfStudyCourse[])
        .map(({ courseId, externalUrl, version }) => ({ courseId, externalUrl, version }))
        .sort(byCourse),
    ).toEqual(
      [
        { courseId: ids.selfStudy!, externalUrl: 'https://elearning.example/jichi2', version: 2 },
        { courseId: ids.second!, externalUrl: null, version: 1 },
      ].sort(byCourse),
    );
    expect((await call(shuji, 'GET', '/api/training/self-study/courses')).status).toBe(403);
  });

  it('enrols a person once, records progress and completion, and refuses what does not fit', async () => {
    const base = `/api/training/courses/${ids.selfStudy}/self-study`;
    // Progress or completion before enrolling.
    expect((await call(shuji, 'POST', `${base}/progress`, { version: 1, progressPercent: 10 })).status).toBe(
      409,
    );
    expect(
      (await call(shuji, 'POST', `${base}/complete`, { version: 1, completedOn: jstDay(0), report: '' }))
        .status,
    ).toBe(409);
    // A course of dated sessions is not self-study.
    expect(
      (await call(shuji, 'POST', `/api/training/courses/${ids.dated}/self-study/enrol`, {})).status,
    ).toBe(409);
    // Someone else enrolling them: HR only.
    expect((await call(kakaricho, 'POST', `${base}/enrol`, { personId: shuji.id })).status).toBe(403);
    expect(await mine(shuji)).toEqual([]);

    const enrolled = await call(shuji, 'POST', `${base}/enrol`, {});
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    expect(enrolled.body).toMatchObject({
      courseId: ids.selfStudy,
      personId: shuji.id,
      progressPercent: 0,
      completedOn: null,
      enrolledOn: jstDay(0),
      enrolledByHr: false,
      externalUrl: 'https://elearning.example/jichi2',
      version: 1,
    });
    expect((await call(shuji, 'POST', `${base}/enrol`, {})).status).toBe(409);
    expect((await call(hr, 'POST', `${base}/enrol`, { personId: shuji.id })).status).toBe(409);

    // Progress: 0–99, versioned.
    for (const progressPercent of [100, -1, 12.5]) {
      expect((await call(shuji, 'POST', `${base}/progress`, { version: 1, progressPercent })).status).toBe(
        400,
      );
    }
    const progressed = await call(shuji, 'POST', `${base}/progress`, { version: 1, progressPercent: 40 });
    expect(progressed.body).toMatchObject({ progressPercent: 40, version: 2 });
    expect((await call(shuji, 'POST', `${base}/progress`, { version: 1, progressPercent: 60 })).status).toBe(
      409,
    );
    // Someone not enrolled records nothing on the course.
    expect(
      (await call(colleague, 'POST', `${base}/progress`, { version: 2, progressPercent: 60 })).status,
    ).toBe(409);

    // Completion: not before the enrolment, not in the future.
    for (const completedOn of [jstDay(-1), jstDay(1), '2026-02-30']) {
      const refused = await call(shuji, 'POST', `${base}/complete`, { version: 2, completedOn, report: '' });
      expect(refused.status, completedOn).toBe(400);
    }
    expect((await mine(shuji))[0]).toMatchObject({ progressPercent: 40, completedOn: null, version: 2 });
    const completed = await call(shuji, 'POST', `${base}/complete`, {
      version: 2,
      completedOn: jstDay(0),
      report: '地方自治法の基本を学び、窓口での説明に生かしている。',
    });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body).toMatchObject({ progressPercent: 100, completedOn: jstDay(0), version: 3 });
    expect((await call(shuji, 'POST', `${base}/progress`, { version: 3, progressPercent: 10 })).status).toBe(
      409,
    );
    expect(
      (await call(shuji, 'POST', `${base}/complete`, { version: 3, completedOn: jstDay(0), report: '' }))
        .status,
    ).toBe(409);

    // HR enrols someone else.
    const byHr = await call(hr, 'POST', `/api/training/courses/${ids.second}/self-study/enrol`, {
      personId: colleague.id,
    });
    expect(byHr.status).toBe(201);
    expect(byHr.body).toMatchObject({ personId: colleague.id, enrolledByHr: true });

    const changes = (await auditRows('training-self-study')).map((row) => row.details.change);
    expect(changes.filter((change) => change === 'enrolled')).toHaveLength(2);
    expect(changes.filter((change) => change === 'progress')).toHaveLength(1);
    expect(changes.filter((change) => change === 'completed')).toHaveLength(1);
  });

  it('shows a person’s enrolments to them, their supervisor chain and HR only, auditing others’ reads', async () => {
    expect(await mine(shuji)).toHaveLength(1);
    expect(await mine(kakaricho, shuji.id)).toHaveLength(1);
    expect(await mine(hr, shuji.id)).toHaveLength(1);
    expect(
      (await call(outsider, 'GET', `/api/training/self-study/enrolments?personId=${shuji.id}`)).status,
    ).toBe(403);
    expect(
      (await call(colleague, 'GET', `/api/training/self-study/enrolments?personId=${shuji.id}`)).status,
    ).toBe(403);
    const reads = (await auditRows('training-self-study')).filter((row) => row.action === 'read');
    expect(reads.map((row) => row.actor_id).sort()).toEqual([kakaricho.id, hr.id].sort());
  });

  const pathBody = (overrides: Record<string, unknown> = {}) => ({
    title: { ja: '一般事務職の育成ステップ', en: 'General administration steps' },
    description: { ja: '採用から主任まで' },
    steps: [
      {
        title: { ja: '基礎を固める', en: 'Foundations' },
        levelIds: ['shuji'],
        minYearsOfService: 0,
        maxYearsOfService: 40,
        courseIds: [ids.selfStudy],
      },
      {
        title: { ja: '説明力を伸ばす' },
        levelIds: ['shuji'],
        minYearsOfService: null,
        maxYearsOfService: null,
        courseIds: [ids.dated, ids.second],
      },
      {
        title: { ja: '主任として' },
        levelIds: ['shunin'],
        minYearsOfService: null,
        maxYearsOfService: null,
        courseIds: [ids.second],
      },
    ],
    ...overrides,
  });

  it('lets HR define versioned paths and refuses steps that do not fit', async () => {
    const step = pathBody().steps[0]!;
    const refusals: Array<[string, unknown]> = [
      ['a range upside down', { ...step, minYearsOfService: 5, maxYearsOfService: 2 }],
      ['an unknown level', { ...step, levelIds: ['daijin'] }],
      ['a course that does not exist', { ...step, courseIds: ['00000000-0000-4000-8000-000000000000'] }],
      ['no level and no years', { ...step, levelIds: [], minYearsOfService: null, maxYearsOfService: null }],
      ['no course', { ...step, courseIds: [] }],
      ['a course twice', { ...step, courseIds: [ids.selfStudy, ids.selfStudy] }],
      ['negative years', { ...step, minYearsOfService: -1 }],
    ];
    for (const [why, bad] of refusals) {
      const answer = await call(hr, 'POST', '/api/training/learning-paths', pathBody({ steps: [bad] }));
      expect(answer.status, why).toBe(400);
    }
    expect((await call(hr, 'POST', '/api/training/learning-paths', pathBody({ steps: [] }))).status).toBe(
      400,
    );
    expect((await call(kakaricho, 'POST', '/api/training/learning-paths', pathBody())).status).toBe(403);
    expect((await call(shuji, 'GET', '/api/training/learning-paths')).status).toBe(403);
    expect((await call(hr, 'GET', '/api/training/learning-paths')).body).toEqual([]);

    const created = await call(hr, 'POST', '/api/training/learning-paths', pathBody());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const path = created.body as unknown as LearningPath;
    ids.path = path.id;
    expect(path.steps[0]!.courses[0]).toMatchObject({
      id: ids.selfStudy,
      selfStudy: { externalUrl: 'https://elearning.example/jichi2' },
    });
    expect(path.steps[1]!.courses[0]).toMatchObject({ id: ids.dated, selfStudy: null });

    const renamed = await call(hr, 'PUT', `/api/training/learning-paths/${path.id}`, {
      ...pathBody({ title: { ja: '一般事務職の育成ステップ（改）' } }),
      version: 1,
      archived: false,
    });
    expect(renamed.body).toMatchObject({ version: 2, title: { ja: '一般事務職の育成ステップ（改）' } });
    const stale = await call(hr, 'PUT', `/api/training/learning-paths/${path.id}`, {
      ...pathBody(),
      version: 1,
      archived: false,
    });
    expect(stale.status).toBe(409);
    const badChange = await call(hr, 'PUT', `/api/training/learning-paths/${path.id}`, {
      ...pathBody({ steps: [{ ...step, minYearsOfService: 9, maxYearsOfService: 1 }] }),
      version: 2,
      archived: false,
    });
    expect(badChange.status).toBe(400);
    const [stored] = (await call(hr, 'GET', '/api/training/learning-paths'))
      .body as unknown as LearningPath[];
    expect(stored).toMatchObject({ version: 2, title: { ja: '一般事務職の育成ステップ（改）' } });
    expect(stored!.steps).toHaveLength(3);
    expect((await auditRows('learning-path')).map((row) => row.details.change)).toEqual([
      'created',
      'changed',
    ]);
  });

  it('shows each person where they are: steps done by attended sessions and completed self-study, and the next', async () => {
    const progress = async (as: Person, personId = 'me') =>
      (await call(as, 'GET', `/api/training/path-progress?personId=${personId}`))
        .body as unknown as PathProgress;
    const own = await progress(shuji);
    expect(own).toMatchObject({ personId: shuji.id, levelId: 'shuji', yearsOfService: yearsOf(shuji) });
    expect(own.paths).toHaveLength(1);
    const [path] = own.paths;
    expect(path!.steps.map((step) => [step.done, step.fitsNow])).toEqual([
      [true, true],
      [false, true],
      [false, false],
    ]);
    expect(path!.nextStep).toBe(1);
    expect(path!.steps[0]!.courses[0]).toMatchObject({
      completedOn: jstDay(0),
      enrolment: { progressPercent: 100 },
    });

    // The dated course attended and the second self-study completed: the second step is done.
    const applied = await call(shuji, 'POST', `/api/training/sessions/${ids.session}/apply`, { note: '' });
    await server.database.query(`UPDATE training_enrolments SET status = 'attended' WHERE id = $1`, [
      applied.body.id,
    ]);
    const second = `/api/training/courses/${ids.second}/self-study`;
    const enrolled = await call(shuji, 'POST', `${second}/enrol`, {});
    await call(shuji, 'POST', `${second}/complete`, {
      version: enrolled.body.version,
      completedOn: jstDay(0),
    });
    const after = (await progress(shuji)).paths[0]!;
    expect(after.steps.map((step) => step.done)).toEqual([true, true, true]);
    expect(after.nextStep).toBeNull();
    expect(after.steps[1]!.courses[0]).toMatchObject({ completedOn: jstDay(14), enrolment: null });

    // Their supervisor and HR see it too (audited); others do not.
    expect((await progress(kakaricho, shuji.id)).paths).toHaveLength(1);
    expect((await call(outsider, 'GET', `/api/training/path-progress?personId=${shuji.id}`)).status).toBe(
      403,
    );
    expect((await auditRows('learning-path')).filter((row) => row.action === 'read')).toHaveLength(1);
    // A 係長 has no step of this path: no path for them.
    expect((await progress(kakaricho)).paths).toEqual([]);

    // An archived path is nobody's.
    const archived = await call(hr, 'PUT', `/api/training/learning-paths/${ids.path}`, {
      ...pathBody(),
      version: 2,
      archived: true,
    });
    expect(archived.body).toMatchObject({ archived: true, version: 3 });
    expect((await progress(shuji)).paths).toEqual([]);
  });
  it('lets people start only the self-study courses meant for them, or named by their path, and then stops suggesting them', async () => {
    const selfStudyCourse = async (as: Person, body: Record<string, unknown>) => {
      const made = await call(as, 'POST', '/api/training/courses', courseBody(body));
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const id = made.body.id as string;
      const settings = { version: 0, externalUrl: null };
      expect((await call(hr, 'PUT', `/api/training/courses/${id}/self-study`, settings)).status).toBe(200);
      return id;
    };
    const enrol = (as: Person, courseId: string, body: Record<string, unknown> = {}) =>
      call(as, 'POST', `/api/training/courses/${courseId}/self-study/enrol`, body);
    const enrolments = async (courseId: string) =>
      (
        await server.database.query<{ person_id: string }>(
          `SELECT person_id FROM training_self_study_enrolments WHERE course_id = $1`,
          [courseId],
        )
      ).map((row) => row.person_id);

    // A workplace course (職場研修) of 市民課, made self-study: another 課 does not even see it.
    const workplace = await selfStudyCourse(kakaricho, {
      scope: 'workplace',
      category: 'basic',
      title: { ja: '窓口応対 e-ラーニング' },
      competencyIds: [],
      guidelineIds: [],
      provider: '',
    });
    expect((await enrol(outsider, workplace)).status).toBe(404);
    // HR sees it, but starting it themself is for its 課 only.
    expect((await enrol(hr, workplace)).status).toBe(403);
    expect(await enrolments(workplace)).toEqual([]);

    // Suggested to someone of 市民課 who wants it, until they start it.
    const career = await call(shuji, 'PUT', '/api/people/me/career', {
      ...blankCareerDesign,
      version: 0,
      trainingsWanted: ['窓口応対'],
    });
    expect(career.status, JSON.stringify(career.body)).toBe(200);
    const suggested = async () =>
      ((await call(shuji, 'GET', '/api/training/recommendations')).body as unknown as Recommendation[]).map(
        (entry) => entry.course.id,
      );
    expect(await suggested()).toContain(workplace);
    expect((await enrol(shuji, workplace)).status).toBe(201);
    expect(await suggested()).not.toContain(workplace);

    // A course for 課長 only: a 主事 who starts it themself is refused with the reason, and nothing is kept.
    const forKacho = await selfStudyCourse(hr, {
      category: 'selfStudy',
      title: { ja: '管理職のための e-ラーニング' },
      targetLevelIds: ['kacho'],
    });
    const refused = await enrol(colleague, forKacho);
    expect(refused.status).toBe(422);
    expect(
      (refused.body.error as unknown as { details: Array<{ path: string }> }).details.map(
        (detail) => detail.path,
      ),
    ).toEqual(['level_not_targeted']);
    expect(await enrolments(forKacho)).toEqual([]);
    // HR may still enrol them, as HR's 指名 may reach beyond a course's audience; starting it again
    // themself is "already enrolled" (409), not a refusal of their fit.
    expect((await enrol(hr, forKacho, { personId: outsider.id })).status).toBe(201);
    expect((await enrol(outsider, forKacho)).status).toBe(409);
    // An archived course is 409 before any question of fit.
    const archived = await selfStudyCourse(hr, {
      category: 'selfStudy',
      title: { ja: '終了した e-ラーニング' },
      targetLevelIds: ['kacho'],
    });
    await server.database.query(`UPDATE training_courses SET archived_at = now() WHERE id = $1`, [archived]);
    expect((await enrol(colleague, archived)).status).toBe(409);

    // Once a learning path of theirs names the course, the path page offers it, and the server agrees.
    const path = await call(hr, 'POST', '/api/training/learning-paths', {
      title: { ja: '主事から管理職へ' },
      description: { ja: '将来の管理職に向けて' },
      steps: [
        {
          title: { ja: '管理職を見据えて' },
          levelIds: ['shuji'],
          minYearsOfService: null,
          maxYearsOfService: null,
          courseIds: [forKacho],
        },
      ],
    });
    expect(path.status, JSON.stringify(path.body)).toBe(201);
    // The catalog says so too: still not for their level, but on their path, and in their 対象 view.
    const fitView = (await call(colleague, 'GET', '/api/training/courses?view=fit'))
      .body as unknown as CourseView[];
    const listed = fitView.find((course) => course.id === forKacho);
    expect(listed?.eligibility.eligible).toBe(false);
    expect(listed?.selfStudy).toEqual({ externalUrl: null, onMyPath: true });
    expect(fitView.map((course) => course.id)).not.toContain(archived);
    expect((await call(colleague, 'GET', `/api/training/courses/${forKacho}`)).body).toMatchObject({
      selfStudy: { onMyPath: true },
    });
    // HR's 課長, whom the course is for, is on no such path: the flag is about paths, not fit.
    expect((await call(hr, 'GET', `/api/training/courses/${forKacho}`)).body).toMatchObject({
      eligibility: { eligible: true },
      selfStudy: { onMyPath: false },
    });
    expect((await enrol(colleague, forKacho)).status).toBe(201);
    expect((await enrolments(forKacho)).sort()).toEqual([outsider.id, colleague.id].sort());
  });
});
