import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import type { CourseView, Recommendation } from '../../../src/training/training.contract.ts';
import { blankCareerDesign } from '../../support/career-fixture.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { snapshotState, startTestServer, type TestServer } from '../../support/test-server.ts';
import { courseBody, jstDay, sessionBody, yearsOf, type Person } from './training-support.ts';

describe('training catalog', () => {
  let server: TestServer;
  let hr: Person;
  let shuji: Person;
  let shunin: Person;
  let kakaricho: Person;
  const call = apiCaller(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.length > 0 && person.levelId === 'kacho')!;
    kakaricho = people.find((person) => person.levelId === 'kakaricho' && person.department === '市民課')!;
    shuji = people.find((person) => person.levelId === 'shuji' && person.managerId === kakaricho.id)!;
    shunin = people.find((person) => person.levelId === 'shunin' && person.managerId === kakaricho.id)!;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const allCourses = async (as: Person) =>
    (await call(as, 'GET', '/api/training/courses?view=all')).body as unknown as CourseView[];

  it('seeds the demo catalog once in local mode, with every category', async () => {
    const courses = await allCourses(shuji);
    const titles = courses.map((course) => course.title.ja);
    for (const title of [
      '新規採用職員研修',
      '係長研修',
      '管理職研修（キャリアデザイン支援）',
      'DX・デジタル人財研修',
      '自治大学校派遣',
    ])
      expect(titles).toContain(title);
    expect(new Set(courses.map((course) => course.category))).toEqual(
      new Set(['basic', 'specialist', 'dispatch', 'selfStudy', 'qualification']),
    );
    const { seedTrainingCatalog } = await import('../../../src/dev/training-catalog.ts');
    const { createTrainingStore } = await import('../../../src/training/training.store.ts');
    expect(await seedTrainingCatalog(createTrainingStore(server.database.db, () => new Date()))).toBe(0);
    expect((await allCourses(shuji)).length).toBe(courses.length);
  });

  it('lets HR create, change with versions and archive a course', async () => {
    const created = await call(hr, 'POST', '/api/training/courses', courseBody());
    expect(created.status).toBe(201);
    const course = created.body as unknown as CourseView;
    expect(course).toMatchObject({ version: 1, archived: false, title: { ja: 'ファシリテーション研修' } });

    const changed = await call(hr, 'PUT', `/api/training/courses/${course.id}`, {
      ...courseBody({ provider: '外部講師' }),
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, provider: '外部講師' });
    const stale = await call(hr, 'PUT', `/api/training/courses/${course.id}`, {
      ...courseBody({ provider: '古い版' }),
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('version_conflict');
    expect((await call(shuji, 'GET', `/api/training/courses/${course.id}`)).body.provider).toBe('外部講師');

    const archived = await call(hr, 'POST', `/api/training/courses/${course.id}/archive`, { version: 2 });
    expect(archived.status).toBe(200);
    expect((await allCourses(shuji)).some((entry) => entry.id === course.id)).toBe(false);
    expect((await call(shuji, 'GET', `/api/training/courses/${course.id}`)).status).toBe(404);
    const hrArchived = (await call(hr, 'GET', '/api/training/courses?view=all&archived=true'))
      .body as unknown as CourseView[];
    expect(hrArchived.map((entry) => entry.id)).toContain(course.id);
  });

  it('refuses catalog management by anyone but HR, and bad references, changing nothing', async () => {
    const someCourse = (await allCourses(shuji))[0]!;
    const before = await snapshotState(server);
    const refused = [
      await call(kakaricho, 'POST', '/api/training/courses', courseBody()),
      await call(shuji, 'PUT', `/api/training/courses/${someCourse.id}`, {
        ...courseBody(),
        version: someCourse.version,
      }),
      await call(shuji, 'POST', `/api/training/courses/${someCourse.id}/archive`, {
        version: someCourse.version,
      }),
      await call(shuji, 'GET', '/api/training/courses?archived=true'),
    ];
    expect(refused.map((answer) => answer.status)).toEqual([403, 403, 403, 403]);
    const invalid = [
      await call(hr, 'POST', '/api/training/courses', courseBody({ competencyIds: ['flying'] })),
      await call(hr, 'POST', '/api/training/courses', courseBody({ guidelineIds: ['x'] })),
      await call(hr, 'POST', '/api/training/courses', courseBody({ targetLevelIds: ['mayor'] })),
      await call(
        hr,
        'POST',
        '/api/training/courses',
        courseBody({ minYearsOfService: 5, maxYearsOfService: 2 }),
      ),
      await call(hr, 'POST', '/api/training/courses', courseBody({ title: { ja: '   ' } })),
      await call(hr, 'POST', '/api/training/courses', courseBody({ category: 'party' })),
    ];
    expect(invalid.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(invalid[0]!.body.error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'body.competencyIds', message: 'unknown competency flying' }],
    });
    expect(await snapshotState(server)).toBe(before);
  });

  it('shows each person the courses that fit their level and years of service, with reasons for the rest', async () => {
    const years = yearsOf(shuji);
    const tooSenior = await call(
      hr,
      'POST',
      '/api/training/courses',
      courseBody({
        title: { ja: '若手職員研修' },
        targetLevelIds: ['shuji'],
        maxYearsOfService: Math.max(0, years - 1),
      }),
    );
    const fits = await call(
      hr,
      'POST',
      '/api/training/courses',
      courseBody({
        title: { ja: '主事ステップアップ研修' },
        targetLevelIds: ['shuji'],
        minYearsOfService: years,
      }),
    );
    const forShunin = await call(
      hr,
      'POST',
      '/api/training/courses',
      courseBody({ title: { ja: '主任実務研修' }, targetLevelIds: ['shunin'] }),
    );
    const fitting = (await call(shuji, 'GET', '/api/training/courses')).body as unknown as CourseView[];
    const ids = fitting.map((course) => course.id);
    expect(ids).toContain(fits.body.id);
    expect(ids).not.toContain(forShunin.body.id);
    expect(fitting.every((course) => course.eligibility.eligible)).toBe(true);
    if (years > 0) expect(ids).not.toContain(tooSenior.body.id);

    const all = await allCourses(shuji);
    const shuninCourse = all.find((course) => course.id === forShunin.body.id)!;
    expect(shuninCourse.eligibility).toMatchObject({
      eligible: false,
      reasons: [{ code: 'level_not_targeted', ja: 'この研修の対象職層ではありません。' }],
    });
    if (years > 0) {
      const senior = all.find((course) => course.id === tooSenior.body.id)!;
      expect(senior.eligibility.reasons[0]).toMatchObject({ code: 'too_many_years' });
      expect(senior.eligibility.reasons[0]!.en).toContain(`you have ${years}`);
    }
    const shuninView = (await call(shunin, 'GET', '/api/training/courses')).body as unknown as CourseView[];
    expect(shuninView.map((course) => course.id)).toContain(forShunin.body.id);
    expect(shuninView.map((course) => course.id)).not.toContain(fits.body.id);
  });

  it('lets HR say when the next session is expected: a month not past, kept when left out, cleared with null', async () => {
    const thisMonth = jstDay(0).slice(0, 7);
    const [year, month] = thisMonth.split('-').map(Number) as [number, number];
    const nextYear = `${year + 1}-${String(month).padStart(2, '0')}`;
    const lastYear = `${year - 1}-${String(month).padStart(2, '0')}`;
    const created = await call(
      hr,
      'POST',
      '/api/training/courses',
      courseBody({ title: { ja: '開講予定のある研修' }, nextSessionMonth: nextYear }),
    );
    expect(created.status).toBe(201);
    const course = created.body as unknown as CourseView;
    expect(course.nextSessionMonth).toBe(nextYear);
    expect(course.openSessions).toBe(0);
    // Staff read it in the catalog.
    const seen = (await allCourses(shuji)).find((entry) => entry.id === course.id)!;
    expect(seen.nextSessionMonth).toBe(nextYear);

    const path = `/api/training/courses/${course.id}`;
    for (const bad of ['2027-13', '2027/05', 'soon', lastYear]) {
      const refused = await call(hr, 'PUT', path, { ...courseBody(), nextSessionMonth: bad, version: 1 });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(JSON.stringify(refused.body)).toContain('nextSessionMonth');
    }
    // Not HR: refused.
    expect(
      (await call(shuji, 'PUT', path, { ...courseBody(), nextSessionMonth: null, version: 1 })).status,
    ).toBe(403);
    // Left out: kept. null: cleared.
    const kept = await call(hr, 'PUT', path, { ...courseBody({ provider: '外部講師' }), version: 1 });
    expect(kept.body).toMatchObject({ nextSessionMonth: nextYear, version: 2 });
    const cleared = await call(hr, 'PUT', path, { ...courseBody(), nextSessionMonth: null, version: 2 });
    expect(cleared.body).toMatchObject({ nextSessionMonth: null, version: 3 });
    // A stale version is refused as for any change of the course.
    const stale = await call(hr, 'PUT', path, { ...courseBody(), nextSessionMonth: nextYear, version: 2 });
    expect(stale.status).toBe(409);
  });

  it('recommends courses for the weakest evaluated competencies and the trainings the person wants, with reasons', async () => {
    const period = halfPeriodAt(new Date()).id;
    const ratings = {
      // 3 is 標準 (meets the level): no reason to suggest training (issue 18).
      explanation: 3,
      planning: 1,
      problemSolving: 2,
      cooperation: 4,
      initiative: 4,
      aspiration: 5,
      discipline: 4,
    };
    const draft = await call(shuji, 'PUT', `/api/people/me/self-checks/${period}`, {
      version: 0,
      ratings: Object.fromEntries(
        Object.entries(ratings).map(([id, rating]) => [id, { rating, evidence: '' }]),
      ),
      reflections: {},
    });
    expect(draft.status).toBe(200);
    expect(
      (await call(shuji, 'POST', `/api/people/me/self-checks/${period}/submit`, { version: 1 })).status,
    ).toBe(200);
    const career = await call(shuji, 'PUT', '/api/people/me/career', {
      ...blankCareerDesign,
      version: 0,
      trainingsWanted: ['DX関連の研修'],
    });
    expect(career.status).toBe(200);

    const answer = await call(shuji, 'GET', '/api/training/recommendations');
    expect(answer.status).toBe(200);
    const recommendations = answer.body as unknown as Recommendation[];
    // DX develops planning (1) and problemSolving (2), the two weakest, and matches the wish: it leads.
    const top = recommendations[0]!;
    expect(top.course.title.ja).toBe('DX・デジタル人財研修');
    expect(top.course.eligibility.eligible).toBe(true);
    expect(top.reasons.map((reason) => reason.competencyId)).toEqual(
      expect.arrayContaining(['planning', 'problemSolving']),
    );
    const planning = top.reasons.find((reason) => reason.competencyId === 'planning')!;
    // The period as people name it, never its id (issue 18).
    const [year, half] = period.split('-H');
    expect(planning.ja).toBe(
      `${year}年度 ${half === '1' ? '上期' : '下期'}の自己チェックで「企画・調整力」を1（努力を要する）と評価しています。この研修はその力を伸ばします。`,
    );
    expect(planning.en).toContain(`FY${year} `);
    expect(JSON.stringify(recommendations)).not.toContain(period);
    const dx = recommendations.find((entry) => entry.course.title.ja === 'DX・デジタル人財研修')!;
    expect(dx.reasons.map((reason) => reason.kind)).toEqual(
      expect.arrayContaining(['weakCompetency', 'wanted']),
    );
    expect(dx.reasons.find((reason) => reason.kind === 'wanted')!.ja).toContain('DX関連の研修');
    // A strength (aspiration 5) or 標準 (explanation 3) is never a reason; courses for other levels are
    // never suggested.
    expect(
      recommendations
        .flatMap((entry) => entry.reasons)
        .some((reason) => reason.competencyId === 'aspiration' || reason.competencyId === 'explanation'),
    ).toBe(false);
    expect(recommendations.some((entry) => entry.course.title.ja === '係長研修')).toBe(false);
    for (let index = 1; index < recommendations.length; index += 1)
      expect(recommendations[index - 1]!.score).toBeGreaterThanOrEqual(recommendations[index]!.score);
  });

  it('stops suggesting a course once the person has applied to it, and again suggests it once withdrawn', async () => {
    const suggested = async () =>
      ((await call(shuji, 'GET', '/api/training/recommendations')).body as unknown as Recommendation[]).map(
        (entry) => entry.course.title.ja,
      );
    expect(await suggested()).toContain('DX・デジタル人財研修');
    const dx = (await allCourses(hr)).find((course) => course.title.ja === 'DX・デジタル人財研修')!;
    const session = await call(hr, 'POST', `/api/training/courses/${dx.id}/sessions`, sessionBody());
    expect(session.status).toBe(201);
    const applied = await call(shuji, 'POST', `/api/training/sessions/${session.body.id as string}/apply`, {
      note: '',
    });
    expect(applied.status).toBe(201);
    expect(await suggested()).not.toContain('DX・デジタル人財研修');
    const withdrawn = await call(
      shuji,
      'POST',
      `/api/training/enrolments/${applied.body.id as string}/withdraw`,
      { version: applied.body.version as number, reason: '' },
    );
    expect(withdrawn.status).toBe(200);
    expect(await suggested()).toContain('DX・デジタル人財研修');
  });

  it('lets the supervisor chain and HR read someone’s recommendations (audited), and nobody else', async () => {
    const outsider = server.emulator.people.find(
      (person) => person.levelId === 'shuji' && person.department === '保育課',
    )!;
    expect((await call(kakaricho, 'GET', `/api/training/recommendations?personId=${shuji.id}`)).status).toBe(
      200,
    );
    expect((await call(hr, 'GET', `/api/training/recommendations?personId=${shuji.id}`)).status).toBe(200);
    expect((await call(outsider, 'GET', `/api/training/recommendations?personId=${shuji.id}`)).status).toBe(
      403,
    );
    expect((await call(shunin, 'GET', `/api/training/enrolments?personId=${shuji.id}`)).status).toBe(403);
    const audit = await server.database.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_log WHERE subject_id = $1 AND resource = 'training-recommendations'`,
      [shuji.id],
    );
    expect(audit.map((row) => row.actor_id).sort()).toEqual([hr.id, kakaricho.id].sort());
  });
});
