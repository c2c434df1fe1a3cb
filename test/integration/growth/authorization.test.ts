import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../../src/shared/fiscal-period.ts';
import type { TeamResponse } from '../../../src/growth/team.contract.ts';
import { jstDayInFiscalYear } from '../../support/fiscal-days.ts';
import { apiCaller } from '../../support/api-caller.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

// The role × route matrix of everything about one person (/api/people/{personId}/…) and of /api/team.
// The route list comes from the OpenAPI document the server generates from its own route table, so a
// route added later without an entry in EXPECTED fails this test by name.

type Role = 'self' | 'supervisor' | 'supervisorsSupervisor' | 'hr' | 'colleague' | 'outsider';
const ROLES: readonly Role[] = ['self', 'supervisor', 'supervisorsSupervisor', 'hr', 'colleague', 'outsider'];

const CHAIN: readonly Role[] = ['supervisor', 'supervisorsSupervisor'];
/** Self-checks, goals and career: the person, their supervisor chain and HR read them. */
const READERS: readonly Role[] = ['self', ...CHAIN, 'hr'];

/** Who is allowed each route (everyone else must get 403). Keyed by method and OpenAPI path. */
const EXPECTED: Record<string, readonly Role[]> = {
  'GET /api/people/{personId}/self-checks': READERS,
  'GET /api/people/{personId}/self-checks/{period}': READERS,
  'PUT /api/people/{personId}/self-checks/{period}': ['self'],
  'POST /api/people/{personId}/self-checks/{period}/submit': ['self'],
  'PUT /api/people/{personId}/self-checks/{period}/feedback': CHAIN,
  'POST /api/people/{personId}/self-checks/{period}/feedback/complete': CHAIN,
  // Goals are shared with the workplace: colleagues of the same 課 read the shared part.
  'GET /api/people/{personId}/goals': [...READERS, 'colleague'],
  'POST /api/people/{personId}/goals': ['self'],
  'PUT /api/people/{personId}/goals/{goalId}': ['self'],
  'POST /api/people/{personId}/goals/{goalId}/progress': ['self'],
  'PUT /api/people/{personId}/goals/{goalId}/reflection': ['self'],
  'POST /api/people/{personId}/goals/{goalId}/comments': CHAIN,
  'GET /api/people/{personId}/career': READERS,
  'PUT /api/people/{personId}/career': ['self'],
  // 自己申告 is confidential: the person and HR only, not the supervisor chain.
  'GET /api/people/{personId}/declarations/{fiscalYear}': ['self', 'hr'],
  'PUT /api/people/{personId}/declarations/{fiscalYear}': ['self'],
  'POST /api/people/{personId}/declarations/{fiscalYear}/submit': ['self'],
  'POST /api/people/{personId}/declarations/{fiscalYear}/revise': ['self'],
  // A supervisor's record of developing their people (the 育成 page): the person themself, the chain
  // above them and HR, never a colleague (docs/growth.md).
  'GET /api/people/{personId}/development': READERS,
  // An OJT plan (docs/ojt.md): read by the person, the chain and HR; written by the chain. Its 指導担当
  // also ticks and logs, but is not one of these roles (tested in test/integration/ojt/).
  'GET /api/people/{personId}/ojt-plan': READERS,
  'POST /api/people/{personId}/ojt-plan': CHAIN,
  'PUT /api/people/{personId}/ojt-plan': CHAIN,
  'POST /api/people/{personId}/ojt-plan/ticks': CHAIN,
  'POST /api/people/{personId}/ojt-plan/guidance': CHAIN,
  'POST /api/people/{personId}/ojt-plan/complete': CHAIN,
  // 人事評価 (docs/evaluation.md): the person (the confirmed result only), the chain and HR read; the 1次
  // (the direct supervisor) drafts and submits; the 2次 (their supervisor) adjusts and confirms.
  'GET /api/people/{personId}/evaluations/{fiscalYear}': READERS,
  'PUT /api/people/{personId}/evaluations/{fiscalYear}/first': ['supervisor'],
  'POST /api/people/{personId}/evaluations/{fiscalYear}/submit': ['supervisor'],
  'PUT /api/people/{personId}/evaluations/{fiscalYear}/second': ['supervisorsSupervisor'],
  'POST /api/people/{personId}/evaluations/{fiscalYear}/confirm': ['supervisorsSupervisor'],
  // One person's interviews, whoever held them (docs/interviews.md): the person, the chain and HR.
  'GET /api/people/{personId}/interviews': READERS,
  // Everyone may ask for their own team; who appears in it is checked separately below.
  'GET /api/team': ROLES,
};

type Person = TestServer['emulator']['people'][number];

interface Operation {
  operationId?: string;
}

describe('authorization: who may call which route about a person', () => {
  let server: TestServer;
  let as: Record<Role, Person>;
  let subject: Person;
  let period: string;
  let fiscalYear: number;
  let goalId: string;
  let mentor: Person;
  let items: string[];

  const call = apiCaller(() => server);

  beforeAll(async () => {
    server = await startTestServer();
    const people = server.emulator.people;
    const current = halfPeriodAt(new Date());
    period = current.id;
    fiscalYear = current.fiscalYear;
    // A 主任 outside 職員課, so the HR role holders are not in the subject's chain.
    subject = people.find((person) => person.levelId === 'shunin' && person.department === '市民課')!;
    const supervisor = people.find((person) => person.id === subject.managerId)!;
    const supervisorsSupervisor = people.find((person) => person.id === supervisor.managerId)!;
    const hr = people.find((person) => person.appRoles.includes('Hagukumi.HR'))!;
    // Same 課, but neither above nor below the subject: a 主事 of the other 係長.
    const colleague = people.find(
      (person) =>
        person.department === subject.department &&
        person.levelId === 'shuji' &&
        person.managerId !== subject.managerId,
    )!;
    const outsider = people.find(
      (person) =>
        person.levelId === 'shuji' &&
        person.divisionName !== subject.divisionName &&
        person.appRoles.length === 0,
    )!;
    as = { self: subject, supervisor, supervisorsSupervisor, hr, colleague, outsider };
    // The OJT plan's 指導担当: someone of the 課 who is none of the roles, so the roles' answers are theirs.
    mentor = people.find(
      (person) =>
        person.department === subject.department && !Object.values(as).some((cast) => cast.id === person.id),
    )!;
    // The cast must be what the roles say, or the matrix would test something else.
    expect(hr.department).not.toBe(subject.department);
    expect([supervisor.id, supervisorsSupervisor.id]).not.toContain(hr.id);
    expect(supervisor.levelId).toBe('kakaricho');
    expect(supervisorsSupervisor.levelId).toBe('kacho');
    expect(outsider.divisionName).not.toBe(subject.divisionName);

    // Something to act on: a goal of the subject, the items of their self-check, and an open
    // 自己申告 window (once HR can open one), so allowed calls can succeed rather than stop at a 404/409.
    const goal = await call(subject, 'POST', '/api/people/me/goals', goalBody());
    expect(goal.status).toBe(201);
    goalId = goal.body.id as string;
    const blank = await call(subject, 'GET', `/api/people/me/self-checks/${period}`);
    items = (blank.body.items as Array<{ competencyId: string }>).map((item) => item.competencyId);
    const closesOn = jstDayInFiscalYear(30);
    await call(hr, 'POST', '/api/declaration-windows', { fiscalYear, closesOn });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const goalBody = () => ({
    fiscalYear,
    title: '窓口の待ち時間を短縮する',
    successCriteria: '平均待ち時間を15分以内にする',
    dueDate: `${fiscalYear + 1}-03-31`,
    competencyIds: [],
    guidelineIds: [],
    idempotencyKey: randomUUID(),
  });

  /** The current version of something of the subject's, read as the subject (own reads are not audited). */
  const versionOf = async (path: string): Promise<number> => {
    const answer = await call(subject, 'GET', path);
    const body = answer.body as unknown;
    const row = Array.isArray(body)
      ? (body as Array<{ id: string; version: number }>).find((goal) => goal.id === goalId)
      : body;
    return (row as { version?: number } | undefined)?.version ?? 0;
  };
  const selfCheckVersion = () => versionOf(`/api/people/${subject.id}/self-checks/${period}`);
  const goalVersion = () => versionOf(`/api/people/${subject.id}/goals`);
  const careerVersion = () => versionOf(`/api/people/${subject.id}/career`);
  const declarationVersion = () => versionOf(`/api/people/${subject.id}/declarations/${fiscalYear}`);
  /** The subject's OJT plan as they read it, or a stand-in before the chain has made one. */
  const ojtPlan = async (): Promise<{ version: number; checklist: Array<{ id: string; label: string }> }> => {
    const answer = await call(subject, 'GET', `/api/people/${subject.id}/ojt-plan`);
    const plan = (
      answer.body as { plan?: { version: number; checklist: Array<{ id: string; label: string }> } }
    ).plan;
    return plan ?? { version: 1, checklist: [{ id: randomUUID(), label: '課の業務概要' }] };
  };
  /** The subject's evaluation of the year as their 1次 reads it: its version and every item rated. */
  const evaluation = async () => {
    const form = (await call(as.supervisor, 'GET', `/api/people/${subject.id}/evaluations/${fiscalYear}`))
      .body as { version: number; items: Array<{ kind: string; itemId: string }> };
    return {
      version: form.version,
      ratings: form.items.map(({ kind, itemId }) => ({ kind, itemId, rating: 'B' })),
    };
  };
  const ojtDays = { startsOn: '2026-04-01', endsOn: '2026-09-30' };

  /**
   * A valid body per route with up-to-date versions: validation runs before the access check, so a
   * malformed body would answer 400 and hide a missing 403.
   */
  const BODIES: Record<string, () => Promise<unknown>> = {
    'PUT /api/people/{personId}/evaluations/{fiscalYear}/first': evaluation,
    'POST /api/people/{personId}/evaluations/{fiscalYear}/submit': async () => ({
      version: Math.max(1, (await evaluation()).version),
    }),
    'PUT /api/people/{personId}/evaluations/{fiscalYear}/second': async () => ({
      version: Math.max(1, (await evaluation()).version),
      adjustments: [],
    }),
    'POST /api/people/{personId}/evaluations/{fiscalYear}/confirm': async () => ({
      version: Math.max(1, (await evaluation()).version),
    }),
    'POST /api/people/{personId}/ojt-plan': async () => ({
      mentorPersonId: mentor.id,
      ...ojtDays,
      goals: ['窓口業務を一人で担える'],
      checklist: ['課の業務概要'],
    }),
    'PUT /api/people/{personId}/ojt-plan': async () => {
      const plan = await ojtPlan();
      return {
        version: plan.version,
        mentorPersonId: mentor.id,
        ...ojtDays,
        goals: ['窓口業務を一人で担える'],
        checklist: plan.checklist.map((item) => ({ id: item.id, label: item.label })),
      };
    },
    'POST /api/people/{personId}/ojt-plan/ticks': async () => {
      const plan = await ojtPlan();
      return { version: plan.version, itemId: plan.checklist[0]!.id, done: true };
    },
    'POST /api/people/{personId}/ojt-plan/guidance': async () => ({
      version: (await ojtPlan()).version,
      day: '2026-04-10',
      text: '文書事務の流れを説明した',
    }),
    'POST /api/people/{personId}/ojt-plan/complete': async () => ({ version: (await ojtPlan()).version }),
    'PUT /api/people/{personId}/self-checks/{period}': async () => ({
      version: await selfCheckVersion(),
      ratings: Object.fromEntries(items.map((id) => [id, { rating: 3, evidence: '窓口で説明した' }])),
      reflections: {},
    }),
    'POST /api/people/{personId}/self-checks/{period}/submit': async () => ({
      version: await selfCheckVersion(),
    }),
    'PUT /api/people/{personId}/self-checks/{period}/feedback': async () => ({
      version: await selfCheckVersion(),
      feedback: { [items[0]!]: '根拠が具体的でよい' },
    }),
    'POST /api/people/{personId}/self-checks/{period}/feedback/complete': async () => ({
      version: await selfCheckVersion(),
    }),
    'POST /api/people/{personId}/goals': async () => goalBody(),
    'PUT /api/people/{personId}/goals/{goalId}': async () => {
      const { fiscalYear: _year, idempotencyKey: _key, ...rest } = goalBody();
      return { ...rest, version: await goalVersion() };
    },
    'POST /api/people/{personId}/goals/{goalId}/progress': async () => ({
      version: await goalVersion(),
      percent: 50,
      note: '半分まで来た',
    }),
    'PUT /api/people/{personId}/goals/{goalId}/reflection': async () => ({
      version: await goalVersion(),
      stage: 'mid',
      text: '順調',
    }),
    'POST /api/people/{personId}/goals/{goalId}/comments': async () => ({
      version: await goalVersion(),
      stage: 'mid',
      text: 'よく進んでいます',
    }),
    'PUT /api/people/{personId}/career': async () => ({
      version: await careerVersion(),
      visionMidTerm: '福祉の窓口で頼られる職員になる',
      visionLongTerm: '地域福祉の計画づくりに携わる',
      path: 'rotation',
      pathField: '福祉・税',
      interests: ['地域福祉'],
      qualificationsHeld: [{ name: '普通自動車免許', month: '2015-03' }],
      qualificationsPlanned: [{ name: '社会福祉士', month: null }],
      trainingsWanted: ['政策形成研修'],
      rotation: [{ from: '2020-04', to: null, department: '市民部 市民課', duties: '窓口' }],
    }),
    'PUT /api/people/{personId}/declarations/{fiscalYear}': async () => ({
      version: await declarationVersion(),
      transferWishes: [{ department: '高齢者支援課', reason: '窓口の経験を福祉に生かしたい' }],
      circumstances: '',
      comment: '',
    }),
    'POST /api/people/{personId}/declarations/{fiscalYear}/submit': async () => ({
      version: await declarationVersion(),
    }),
    'POST /api/people/{personId}/declarations/{fiscalYear}/revise': async () => ({
      version: await declarationVersion(),
      transferWishes: [],
      circumstances: '',
      comment: '',
    }),
  };

  const pathOf = (template: string) =>
    template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
      const values: Record<string, string> = {
        personId: subject.id,
        period,
        goalId,
        fiscalYear: String(fiscalYear),
      };
      const value = values[name];
      if (value === undefined) throw new Error(`no value for the path parameter {${name}} of ${template}`);
      return value;
    });

  it('allows and refuses each route about a person by relation, for every route the API documents', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes = Object.entries(document.paths)
      .filter(([template]) => template.startsWith('/api/people/{personId}/') || template === '/api/team')
      .flatMap(([template, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          key: `${method.toUpperCase()} ${template}`,
          operationId: operation.operationId ?? '(no operationId)',
        })),
      );

    // A route about a person with no expectation is a hole in the policy, not something to skip.
    const unexpected = routes.filter((route) => !(route.key in EXPECTED));
    expect(unexpected.map((route) => `${route.operationId} (${route.key}) has no row in EXPECTED`)).toEqual(
      [],
    );
    // And an expectation without its route is stale (or the route has not landed yet).
    const documented = new Set(routes.map((route) => route.key));
    expect(
      Object.keys(EXPECTED)
        .filter((key) => !documented.has(key))
        .map((key) => `${key} is expected but not in the OpenAPI document`),
    ).toEqual([]);

    const mismatches: string[] = [];
    const seen: string[] = [];
    for (const route of routes) {
      const [method, template] = route.key.split(' ') as [string, string];
      for (const role of ROLES) {
        const body = await BODIES[route.key]?.();
        const answer = await call(as[role], method, pathOf(template), body);
        const allowed = EXPECTED[route.key]!.includes(role);
        const fits = allowed
          ? answer.status < 500 && answer.status !== 403 && answer.status !== 401
          : answer.status === 403;
        seen.push(`${route.operationId} as ${role}: ${answer.status}`);
        if (!fits) {
          mismatches.push(
            `${route.operationId} (${route.key}) as ${role}: expected ${allowed ? 'allowed' : '403'}, got ${answer.status} ${answer.body.error?.code ?? ''}`.trim(),
          );
        }
      }
    }
    expect(mismatches, seen.join('\n')).toEqual([]);
  });

  it("lists the person in the team of their supervisor chain only, never in anyone else's", async () => {
    for (const role of ROLES) {
      const answer = await call(as[role], 'GET', '/api/team');
      expect(answer.status, role).toBe(200);
      const ids = (answer.body as unknown as TeamResponse).members.map((member) => member.id);
      expect(ids.includes(subject.id), role).toBe(CHAIN.includes(role));
    }
  });
});
