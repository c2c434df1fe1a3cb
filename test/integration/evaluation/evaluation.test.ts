import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  EvaluateeRow,
  EvaluationView,
  EvaluatorOverrideRow,
  EvaluatorTrainingRow,
} from '../../../src/evaluation/evaluation.contract.ts';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

type Person = TestServer['emulator']['people'][number];

// The ● items of a 主事 in the city's matrix (src/framework/data/kodaira-2022.json).
const SHUJI_EVALUATED = [
  'explanation',
  'planning',
  'problemSolving',
  'cooperation',
  'initiative',
  'aspiration',
  'discipline',
];

describe('人事評価 support (/api/people/:personId/evaluations/:fiscalYear)', () => {
  let server: TestServer;
  // A 主事 outside 職員課, their 係長 (the 1次) and 課長 (the 2次), HR, and a 主事 of another 課.
  let self: Person;
  let first: Person;
  let second: Person;
  let hr: Person;
  let outsider: Person;
  let goalId: string;
  let lastYearGoalId: string;
  let outsiderGoalId: string;
  const year = halfPeriodAt(new Date()).fiscalYear;
  const call = apiCaller(() => server);
  const path = (person: Person = self, suffix = '') =>
    `/api/people/${person.id}/evaluations/${year}${suffix}`;

  const insertGoal = async (personId: string, fiscalYear: number, title: string) =>
    (
      await server.database.query<{ id: string }>(
        `INSERT INTO goals (person_id, fiscal_year, title, due_date) VALUES ($1, $2, $3, $4) RETURNING id`,
        [personId, fiscalYear, title, `${fiscalYear + 1}-03-31`],
      )
    )[0]!.id;
  const stored = async () =>
    (
      await server.database.query<{ status: string; version: number; ratings: string }>(
        `SELECT e.status, e.version,
                (SELECT count(*) FROM evaluation_ratings r WHERE r.evaluation_id = e.id)::text AS ratings
           FROM evaluations e WHERE e.person_id = $1 AND e.fiscal_year = $2`,
        [self.id, year],
      )
    )[0];
  const allRatings = (rating = 'B') => [
    ...SHUJI_EVALUATED.map((itemId) => ({ kind: 'competency', itemId, rating, comment: '' })),
    { kind: 'goal', itemId: goalId, rating, comment: '窓口の待ち時間を短縮した' },
  ];
  const current = async () => (await call(first, 'GET', path())).body as unknown as EvaluationView;

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people;
    self = people.find(
      (person) => person.levelId === 'shuji' && person.department === '市民課' && person.managerId !== null,
    )!;
    first = people.find((person) => person.id === self.managerId)!;
    second = people.find((person) => person.id === first.managerId)!;
    hr = people.find(
      (person) => person.appRoles.includes('Hagukumi.HR') && person.department !== self.department,
    )!;
    outsider = people.find(
      (person) =>
        person.levelId === 'shuji' &&
        person.department !== self.department &&
        person.department !== '職員課' &&
        person.appRoles.length === 0 &&
        person.managerId !== null,
    )!;
    expect([self, first, second, hr, outsider].every(Boolean)).toBe(true);
    goalId = await insertGoal(self.id, year, '窓口サービスの改善');
    lastYearGoalId = await insertGoal(self.id, year - 1, '前年度の目標');
    outsiderGoalId = await insertGoal(outsider.id, year, '他課の目標');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves the configured scale and stages', async () => {
    const answer = await call(self, 'GET', '/api/evaluations/config');
    expect(answer.status).toBe(200);
    expect((answer.body.scale as Array<{ id: string }>).map((entry) => entry.id)).toEqual([
      'S',
      'A',
      'B',
      'C',
      'D',
    ]);
    expect(answer.body.stages).toMatchObject({ first: { label: { ja: '1次評価者' } } });
  });

  it('names the 1次 and 2次 from the reporting lines, and shows the form to them and not to others', async () => {
    const form = await current();
    expect(form).toMatchObject({
      status: 'notStarted',
      role: 'first',
      version: 0,
      firstEvaluator: { id: first.id, trained: false, overridden: false },
      secondEvaluator: { id: second.id },
    });
    expect(form.items.map((item) => item.itemId)).toEqual([...SHUJI_EVALUATED, goalId]);
    expect(form.items.find((item) => item.itemId === goalId)?.title).toBe('窓口サービスの改善');
    expect(((await call(second, 'GET', path())).body as unknown as EvaluationView).role).toBe('second');
    expect(((await call(hr, 'GET', path())).body as unknown as EvaluationView).role).toBe('reader');
    expect((await call(outsider, 'GET', path())).status).toBe(403);
  });

  it('lists the people each evaluator evaluates this year, with the stage and status', async () => {
    const firsts = (await call(first, 'GET', '/api/evaluations')).body as unknown as EvaluateeRow[];
    expect(firsts.find((row) => row.person.id === self.id)).toMatchObject({
      stage: 'first',
      status: 'notStarted',
      fiscalYear: year,
    });
    const seconds = (await call(second, 'GET', '/api/evaluations')).body as unknown as EvaluateeRow[];
    expect(seconds.find((row) => row.person.id === self.id)).toMatchObject({ stage: 'second' });
    const own = (await call(self, 'GET', '/api/evaluations')).body as unknown as EvaluateeRow[];
    expect(own).toEqual([]);
  });

  it('refuses an evaluator who is not the configured 1次, and changes nothing', async () => {
    for (const caller of [second, hr, self, outsider]) {
      const answer = await call(caller, 'PUT', path(self, '/first'), { version: 0, ratings: allRatings() });
      expect(answer.status, caller.displayName ?? caller.id).toBe(403);
    }
    expect(await stored()).toBeUndefined();
  });

  it('refuses a rating outside the scale, and changes nothing', async () => {
    const ratings = allRatings();
    ratings[0] = { ...ratings[0]!, rating: 'Z' };
    const answer = await call(first, 'PUT', path(self, '/first'), { version: 0, ratings });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('body.ratings[0].rating');
    expect(await stored()).toBeUndefined();
  });

  it('refuses an item that is not ● for the level, and changes nothing', async () => {
    // 育成・指導 is not expected of a 主事 (blank in the matrix).
    const answer = await call(first, 'PUT', path(self, '/first'), {
      version: 0,
      ratings: [...allRatings(), { kind: 'competency', itemId: 'peopleDevelopment', rating: 'B' }],
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('not a ● item');
    expect(await stored()).toBeUndefined();
  });

  it('refuses a goal of another person or another year, and changes nothing', async () => {
    for (const other of [lastYearGoalId, outsiderGoalId]) {
      const answer = await call(first, 'PUT', path(self, '/first'), {
        version: 0,
        ratings: [...allRatings().slice(0, -1), { kind: 'goal', itemId: other, rating: 'B' }],
      });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain('not a goal of this person');
    }
    expect(await stored()).toBeUndefined();
  });

  it('the 1次 drafts; a stale version is a 409; submitting with an item unrated is refused', async () => {
    const partial = allRatings().slice(1);
    const saved = await call(first, 'PUT', path(self, '/first'), { version: 0, ratings: partial });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', version: 1 });
    const stale = await call(first, 'PUT', path(self, '/first'), { version: 0, ratings: allRatings() });
    expect(stale.status).toBe(409);
    expect(await stored()).toMatchObject({ status: 'draft', version: 1, ratings: String(partial.length) });
    const early = await call(first, 'POST', path(self, '/submit'), { version: 1 });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toContain('explanation');
    expect(await stored()).toMatchObject({ status: 'draft', version: 1 });
  });

  it('refuses the 2次 confirming (or adjusting) before the 1次 submitted, and changes nothing', async () => {
    const confirm = await call(second, 'POST', path(self, '/confirm'), { version: 1 });
    expect(confirm.status).toBe(409);
    expect(JSON.stringify(confirm.body)).toContain('not submitted');
    const adjust = await call(second, 'PUT', path(self, '/second'), { version: 1, adjustments: [] });
    expect(adjust.status).toBe(409);
    expect(await stored()).toMatchObject({ status: 'draft', version: 1 });
  });

  it('the person sees nothing of the evaluation before it is confirmed', async () => {
    const own = (await call(self, 'GET', path(self))).body as unknown as EvaluationView;
    expect(own).toMatchObject({ role: 'self', status: 'draft', items: [] });
  });

  it('the 1次 submits; the 2次 adjusts one rating with a required reason and confirms', async () => {
    const saved = await call(first, 'PUT', path(self, '/first'), { version: 1, ratings: allRatings() });
    expect(saved.status).toBe(200);
    const submitted = await call(first, 'POST', path(self, '/submit'), { version: 2 });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 3 });
    // The 1次 cannot adjust, confirm, or edit any more; the reason is required.
    expect((await call(first, 'POST', path(self, '/confirm'), { version: 3 })).status).toBe(403);
    expect(
      (await call(first, 'PUT', path(self, '/first'), { version: 3, ratings: allRatings() })).status,
    ).toBe(409);
    const noReason = await call(second, 'PUT', path(self, '/second'), {
      version: 3,
      adjustments: [{ kind: 'competency', itemId: 'planning', rating: 'A', reason: ' ' }],
    });
    expect(noReason.status).toBe(400);
    const outside = await call(second, 'PUT', path(self, '/second'), {
      version: 3,
      adjustments: [{ kind: 'competency', itemId: 'planning', rating: 'X', reason: '根拠' }],
    });
    expect(outside.status).toBe(400);
    expect(await stored()).toMatchObject({ status: 'submitted', version: 3 });
    const adjusted = await call(second, 'PUT', path(self, '/second'), {
      version: 3,
      adjustments: [
        { kind: 'competency', itemId: 'planning', rating: 'A', reason: '年間計画を前倒しで達成' },
      ],
    });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
    const planning = (adjusted.body as unknown as EvaluationView).items.find(
      (item) => item.itemId === 'planning',
    );
    expect(planning).toMatchObject({
      firstRating: 'B',
      adjustedRating: 'A',
      adjustReason: '年間計画を前倒しで達成',
      finalRating: 'A',
    });
    const confirmed = await call(second, 'POST', path(self, '/confirm'), { version: 4 });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', version: 5 });
  });

  it('refuses editing after confirmation, and changes nothing', async () => {
    expect(
      (await call(first, 'PUT', path(self, '/first'), { version: 5, ratings: allRatings() })).status,
    ).toBe(409);
    expect((await call(first, 'POST', path(self, '/submit'), { version: 5 })).status).toBe(409);
    expect(
      (
        await call(second, 'PUT', path(self, '/second'), {
          version: 5,
          adjustments: [{ kind: 'competency', itemId: 'discipline', rating: 'S', reason: '再考' }],
        })
      ).status,
    ).toBe(409);
    expect((await call(second, 'POST', path(self, '/confirm'), { version: 5 })).status).toBe(409);
    expect(await stored()).toMatchObject({ status: 'confirmed', version: 5 });
    expect((await current()).items.find((item) => item.itemId === 'discipline')?.finalRating).toBe('B');
  });

  it('the person sees the confirmed result; others’ reads are audited, the person’s own is not', async () => {
    const own = (await call(self, 'GET', path(self))).body as unknown as EvaluationView;
    expect(own).toMatchObject({ role: 'self', status: 'confirmed' });
    expect(own.items.find((item) => item.itemId === 'planning')).toMatchObject({
      firstRating: 'B',
      finalRating: 'A',
    });
    const reads = await server.database.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_log WHERE resource = 'evaluation' AND action = 'read' AND subject_id = $1`,
      [self.id],
    );
    const readers = new Set(reads.map((row) => row.actor_id));
    expect(readers.has(hr.id) && readers.has(second.id) && readers.has(first.id)).toBe(true);
    expect(readers.has(self.id)).toBe(false);
    const writes = await server.database.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit_log WHERE resource = 'evaluation' AND action = 'write' AND subject_id = $1`,
      [self.id],
    );
    expect(Number(writes[0]!.n)).toBeGreaterThanOrEqual(5);
  });

  it('HR exports the confirmed items as CSV: UTF-8 with BOM, or Shift_JIS with 〓 for what it cannot hold', async () => {
    // A name with 髙 and 﨑 (held by Windows-31J) and 𠮷 (not held).
    await server.database.query(`UPDATE people SET display_name = '髙橋 﨑𠮷' WHERE id = $1`, [self.id]);
    const download = async (as: Person, query: string) => {
      const response = await fetch(`${server.url}/api/hr/evaluations.csv?${query}`, {
        headers: { authorization: `Bearer ${await server.tokenFor(as.id)}` },
      });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        bytes: Buffer.from(await response.arrayBuffer()),
      };
    };
    expect((await download(second, `fiscalYear=${year}`)).status).toBe(403);
    expect((await download(hr, `fiscalYear=${year}&encoding=latin1`)).status).toBe(400);
    const utf8 = await download(hr, `fiscalYear=${year}`);
    expect(utf8.status).toBe(200);
    expect(utf8.type).toContain('charset=utf-8');
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = utf8.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(
      /^年度,職員番号,氏名,所属,職層,区分,評価項目ID,評価項目,1次評価,2次調整評価,調整理由,最終評価,最終評価点,/,
    );
    // One row per item of the confirmed evaluation (the draft of another person is not exported).
    expect(lines.filter((line) => line.includes(self.id))).toHaveLength(SHUJI_EVALUATED.length + 1);
    const planning = lines.find((line) => line.includes(',planning,'))!;
    expect(planning).toContain(`${year},`);
    expect(planning).toContain('髙橋 﨑𠮷');
    expect(planning).toContain(',B,A,年間計画を前倒しで達成,A,4,');
    expect(lines.find((line) => line.includes(goalId))).toContain('業績');
    const sjis = await download(hr, `fiscalYear=${year}&encoding=shift_jis`);
    expect(sjis.status).toBe(200);
    expect(sjis.type).toContain('charset=shift_jis');
    expect(sjis.bytes[0]).not.toBe(0xef);
    expect(sjis.bytes.includes(Buffer.from([0xfb, 0xfc]))).toBe(true); // 髙 in Windows-31J
    const decoded = iconv.decode(sjis.bytes, 'shift_jis');
    expect(decoded).toContain('髙橋 﨑〓');
    expect(decoded).toContain(',B,A,年間計画を前倒しで達成,A,4,');
    const exports = await server.database.query<{ details: { rows: number } }>(
      `SELECT details FROM audit_log WHERE resource = 'evaluation' AND action = 'read' AND actor_id = $1 AND details->>'export' = 'csv'`,
      [hr.id],
    );
    expect(exports.length).toBe(2);
  });

  it('the 調整 view counts a 課’s final ratings and flags ratings 2+ steps from the self-check', async () => {
    // The person's own latest self-check: 計画力 1 (the final A is 4: three steps), 規律性 3 (B: none).
    await server.database.query(
      `INSERT INTO self_checks (person_id, period, level_id, framework_version, status, ratings, submitted_at)
       VALUES ($1, $2, 'shuji', 'test', 'submitted', $3, now())`,
      [
        self.id,
        `${year}-H1`,
        JSON.stringify({ planning: { rating: 1, evidence: '' }, discipline: { rating: 3, evidence: '' } }),
      ],
    );
    const department = encodeURIComponent(self.department!);
    const view = async (as: Person, query: string) =>
      call(as, 'GET', `/api/evaluations/calibration?fiscalYear=${year}&${query}`);
    for (const as of [second, hr]) {
      const answer = await view(as, `department=${department}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({
        evaluations: 1,
        overall: { A: 1, B: SHUJI_EVALUATED.length },
        outliers: [
          { person: { id: self.id }, itemId: 'planning', finalRating: 'A', selfRating: 1, steps: 3 },
        ],
      });
      const items = answer.body.items as Array<{ itemId: string; distribution: Record<string, number> }>;
      expect(items.find((item) => item.itemId === 'planning')?.distribution).toEqual({ A: 1 });
      expect(items.find((item) => item.itemId === goalId)?.distribution).toEqual({ B: 1 });
    }
    // The 部 of the 課, for the 課長 too (only their own people are counted).
    const division = await view(second, `division=${encodeURIComponent(first.divisionName!)}`);
    expect(division.status).toBe(200);
    expect(division.body.evaluations).toBe(1);
    // Nobody of another 課 below the caller: 403; a 主事 with no people: 403; no 課 or 部 named: 400.
    expect((await view(second, `department=${encodeURIComponent(outsider.department!)}`)).status).toBe(403);
    expect((await view(outsider, `department=${encodeURIComponent(outsider.department!)}`)).status).toBe(403);
    expect((await call(second, 'GET', `/api/evaluations/calibration?fiscalYear=${year}`)).status).toBe(400);
  });

  it('HR names another 1次 for a person and year; the lines’ supervisor is then refused', async () => {
    const linesFirst = server.emulator.people.find((person) => person.id === outsider.managerId)!;
    const body = { version: 0, firstEvaluatorId: second.id, secondEvaluatorId: null };
    expect(
      (await call(second, 'PUT', `/api/hr/evaluations/${year}/evaluators/${outsider.id}`, body)).status,
    ).toBe(403);
    const themself = await call(hr, 'PUT', `/api/hr/evaluations/${year}/evaluators/${outsider.id}`, {
      ...body,
      firstEvaluatorId: outsider.id,
    });
    expect(themself.status).toBe(400);
    const named = await call(hr, 'PUT', `/api/hr/evaluations/${year}/evaluators/${outsider.id}`, body);
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect(named.body).toMatchObject({ firstEvaluator: { id: second.id, overridden: true }, version: 1 });
    const stale = await call(hr, 'PUT', `/api/hr/evaluations/${year}/evaluators/${outsider.id}`, body);
    expect(stale.status).toBe(409);
    const outsiderPath = path(outsider, '/first');
    const ratings = [{ kind: 'goal', itemId: outsiderGoalId, rating: 'A' }];
    expect((await call(linesFirst, 'PUT', outsiderPath, { version: 0, ratings })).status).toBe(403);
    expect((await call(second, 'PUT', outsiderPath, { version: 0, ratings })).status).toBe(200);
    const listed = (await call(second, 'GET', '/api/evaluations')).body as unknown as EvaluateeRow[];
    expect(listed.find((row) => row.person.id === outsider.id)).toMatchObject({
      stage: 'first',
      status: 'draft',
    });
    const linesList = (await call(linesFirst, 'GET', '/api/evaluations')).body as unknown as EvaluateeRow[];
    expect(linesList.some((row) => row.person.id === outsider.id)).toBe(false);
  });

  it('HR records the 評価者研修; the form shows it beside the evaluator (a warning, not a block)', async () => {
    expect(
      (await call(second, 'PUT', `/api/hr/evaluations/${year}/trainings/${second.id}`, { completed: true }))
        .status,
    ).toBe(403);
    const recorded = await call(hr, 'PUT', `/api/hr/evaluations/${year}/trainings/${second.id}`, {
      completed: true,
    });
    expect(recorded.status).toBe(200);
    const form = await current();
    expect(form.secondEvaluator).toMatchObject({ id: second.id, trained: true });
    expect(form.firstEvaluator).toMatchObject({ id: first.id, trained: false });
  });

  it('lists the year’s overrides and 評価者研修 records to HR only; an override set back to the lines overrides nothing', async () => {
    const trainings = `/api/hr/evaluations/${year}/trainings`;
    const overrides = `/api/hr/evaluations/${year}/evaluators`;
    for (const caller of [second, first, outsider]) {
      expect((await call(caller, 'GET', trainings)).status).toBe(403);
      expect((await call(caller, 'GET', overrides)).status).toBe(403);
    }
    const recorded = await call(hr, 'GET', trainings);
    expect(recorded.status).toBe(200);
    const records = recorded.body as unknown as EvaluatorTrainingRow[];
    expect(records.map((row) => [row.person.id, row.completed])).toEqual([[second.id, true]]);
    const listed = await call(hr, 'GET', overrides);
    expect(listed.status).toBe(200);
    const rows = listed.body as unknown as EvaluatorOverrideRow[];
    expect(
      rows.map((row) => [row.person.id, row.firstEvaluator?.id, row.firstEvaluator?.overridden, row.version]),
    ).toEqual([[outsider.id, second.id, true, 1]]);
    expect((await call(hr, 'GET', `/api/hr/evaluations/${year + 1}/evaluators`)).body).toEqual([]);
    // Removing: both stages back to the lines.
    const removed = await call(hr, 'PUT', `${overrides}/${outsider.id}`, {
      version: 1,
      firstEvaluatorId: null,
      secondEvaluatorId: null,
    });
    expect(removed.status).toBe(200);
    const cleared = (await call(hr, 'GET', overrides)).body as unknown as EvaluatorOverrideRow[];
    expect(
      cleared.map((row) => [
        row.person.id,
        row.firstEvaluator?.overridden ?? false,
        row.secondEvaluator?.overridden ?? false,
        row.version,
      ]),
    ).toEqual([[outsider.id, false, false, 2]]);
    expect((await call(hr, 'GET', '/api/hr/evaluations/19/trainings')).status).toBe(400);
  });
});
