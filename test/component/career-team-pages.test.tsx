// The career design, 自己申告 (the employee's and HR's) and the supervisor's team pages as a whole, as the tab
// shows them in Teams (the App shell with its navigation): no serious or critical axe violation in the
// default and contrast themes (the supervisor's pages in dark too), switched live as Teams switches them; no
// sideways scrolling at Teams mobile's 360 px; and complete in English. The e2e walk
// (test/e2e/growth-supervisor.test.ts) keeps what needs the server: saving, the window HR opens, feedback.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CareerDesignResponse } from '../../src/growth/career.contract.ts';
import type { DeclarationResponse } from '../../src/growth/declaration.contract.ts';
import type { GoalView } from '../../src/growth/goal.contract.ts';
import type { SelfCheckResponse } from '../../src/growth/self-check.contract.ts';
import type { TeamMember } from '../../src/growth/team.contract.ts';
import type { MeResponse } from '../../src/people/people.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import type { TeamsTheme } from '../../tab/src/teams/teams-host.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { blankCareerDesign } from '../support/career-fixture.ts';
import { renderApp, type RenderedApp, violationsInEveryTheme } from './support/app.tsx';
import { framework, meAt } from './support/fixtures.ts';
import { expectNoSidewaysScroll } from './support/layout.ts';
import { fakeApi, type Answers, type FakeApi } from './support/render.tsx';

const now = halfPeriodAt(new Date());
const year = now.fiscalYear;
const EMPLOYEE = meAt('shunin', {
  id: 'p-shunin',
  displayName: '吉田 花子',
  department: '市民課',
  managerId: 'p-kakaricho',
});
const SUPERVISOR = meAt('kakaricho', {
  id: 'p-kakaricho',
  displayName: '上司 太郎',
  department: '市民課',
  roles: ['employee', 'supervisor'],
});
const HR = meAt('kacho', {
  id: 'p-hr',
  displayName: '人事 一郎',
  department: '職員課',
  roles: ['employee', 'hr'],
});

const career: CareerDesignResponse = {
  ...blankCareerDesign,
  personId: EMPLOYEE.id,
  editable: true,
  hireDate: '2014-04-01',
  evaluationPeriodEnd: '2024-04-01',
  visionMidTerm: '窓口業務の改善をリードできる主任になる',
  visionLongTerm: '福祉分野のスペシャリストとして係をまとめる',
  path: 'specialist',
  pathField: '福祉',
  interests: ['地域福祉'],
  qualificationsHeld: [{ name: '社会福祉主事任用資格', month: '2014-03' }],
  trainingsWanted: ['ファシリテーション研修'],
  rotation: [
    {
      from: '2014-04',
      to: '2017-03',
      department: '市民部 市民課',
      duties: '住民記録の窓口',
      inEvaluationPeriod: true,
      superseded: false,
    },
    {
      from: '2024-10',
      to: null,
      department: '市民課',
      duties: '係の庶務と予算',
      inEvaluationPeriod: false,
      superseded: false,
    },
  ],
  rotationFromRecords: [],
  version: 3,
  updatedAt: new Date().toISOString(),
};

const declarationWindow = {
  fiscalYear: year,
  openedAt: `${year}-11-01T00:00:00.000Z`,
  closesOn: `${year + 1}-03-31`,
  closedAt: null,
  isOpen: true,
};
const declaration: DeclarationResponse = {
  personId: EMPLOYEE.id,
  fiscalYear: year,
  status: 'draft',
  editable: true,
  revisable: false,
  window: declarationWindow,
  version: 1,
  placement: null,
  transferWishes: [],
  circumstances: '',
  comment: '',
  reflection: '',
  submittedAt: null,
  revisedAt: null,
  revisions: 0,
};

const member: TeamMember = {
  id: EMPLOYEE.id,
  displayName: EMPLOYEE.displayName,
  department: EMPLOYEE.department,
  jobTitle: null,
  levelId: 'shunin',
  managerId: SUPERVISOR.id,
  depth: 1,
  selfCheck: 'submitted',
  selfCheckFeedback: { commented: 1, items: 8 },
  goals: 1,
  interview: null,
  careerPrompts: [],
};

const ITEMS = framework.competencies.filter(
  (competency) => (framework.expectations.shunin?.[competency.id] ?? 'none') !== 'none',
);
const selfCheck: SelfCheckResponse = {
  personId: EMPLOYEE.id,
  period: now.id,
  status: 'submitted',
  editable: false,
  levelId: 'shunin',
  frameworkVersion: framework.version,
  items: ITEMS.map((competency) => ({ competencyId: competency.id, mark: 'evaluated' as const })),
  ratings: Object.fromEntries(
    ITEMS.map((competency, index) => [
      competency.id,
      { rating: 2 + (index % 4), evidence: '窓口で説明した' },
    ]),
  ),
  reflections: { diversity: '相手の立場で考えた' },
  feedback: {
    [ITEMS[0]!.id]: {
      comment: '分かりやすい説明でした。',
      authorId: SUPERVISOR.id,
      at: new Date().toISOString(),
    },
  },
  feedbackCompletedAt: null,
  viewpoints: {},
  version: 2,
  submittedAt: new Date().toISOString(),
};

const goal: GoalView = {
  id: 'g-1',
  personId: EMPLOYEE.id,
  fiscalYear: year,
  title: '窓口の待ち時間を短くする',
  dueDate: `${year + 1}-03-31`,
  progress: [{ at: new Date().toISOString(), percent: 40, note: '受付の手順を見直した' }],
  version: 2,
  shared: false,
  successCriteria: '平均待ち時間 15 分以内',
  competencyIds: [],
  guidelineIds: [],
  visibility: 'workplace',
  comments: [],
  departmentGoalId: null,
};

/** What the server answers each person on these pages. */
function answers(me: MeResponse): Answers {
  return {
    'GET /api/me': me,
    'GET /api/framework': framework,
    'GET /api/evaluations': [],
    'GET /api/people/:personId/career': career,
    'GET /api/people/:personId/ojt-plan': {
      personId: EMPLOYEE.id,
      plan: null,
      canManage: false,
      canGuide: false,
    },
    'GET /api/ojt/plans': [],
    'GET /api/qualifications/applications': { applications: [] },
    'GET /api/qualifications/approvals': { applications: [] },
    'GET /api/declaration-windows': [declarationWindow],
    'GET /api/people/:personId/declarations/:fiscalYear': declaration,
    'GET /api/team': { period: now.id, fiscalYear: year, members: [member] },
    'GET /api/ojt/suggestions': [],
    'GET /api/people/:personId/self-checks/:period': selfCheck,
    'GET /api/people/:personId/goals': [goal],
    'GET /api/cycles': { fiscalYear: year, currentFiscalYear: year, today: `${year}-12-05`, windows: [] },
  };
}

type PageName = 'career' | 'declaration' | 'declaration-hr' | 'team' | 'team-person';

/** Each page once it has loaded its data, as the person who uses it. */
async function openLoaded(
  which: PageName,
  options: { language?: Language } = {},
): Promise<{ app: RenderedApp; fake: FakeApi }> {
  const me =
    which === 'career' || which === 'declaration' ? EMPLOYEE : which === 'declaration-hr' ? HR : SUPERVISOR;
  const fake = fakeApi(answers(me));
  const hash = {
    career: '#/career',
    declaration: '#/declaration',
    'declaration-hr': '#/declaration',
    team: '#/team',
    'team-person': `#/team/${EMPLOYEE.id}`,
  }[which];
  const app = await renderApp(fake, { hash, ...options });
  const loaded = {
    career: 'career-save',
    declaration: 'window-status',
    'declaration-hr': 'declaration-hr',
    team: `member-${EMPLOYEE.id}`,
    'team-person': 'career-summary',
  }[which];
  await expect.element(app.screen.getByTestId(loaded)).toBeVisible();
  if (which === 'team-person') await expect.element(app.screen.getByTestId('goal-list')).toBeVisible();
  return { app, fake };
}

const PAGES: PageName[] = ['career', 'declaration', 'declaration-hr', 'team', 'team-person'];

describe('the career, 自己申告 and team pages in the tab', () => {
  afterEach(async () => {
    window.scrollTo(0, 0);
    await page.viewport(414, 896);
  });

  it.each(PAGES)(
    'the %s page passes axe in every theme it is checked in, and fits 360 px without sideways scrolling',
    async (which) => {
      await page.viewport(1100, 900);
      const { app, fake } = await openLoaded(which);
      // The supervisor's pages carry the feedback status and guidance: dark too.
      const themes: TeamsTheme[] =
        which === 'team' || which === 'team-person'
          ? ['default', 'contrast', 'dark']
          : ['default', 'contrast'];
      expect(await violationsInEveryTheme(app, themes)).toEqual(
        Object.fromEntries(themes.map((theme) => [theme, []])),
      );
      await app.setTheme('default');
      await page.viewport(360, 900);
      await expectNoSidewaysScroll();
      expect(fake.missing).toEqual([]);
    },
  );

  it.each([
    ['career', 'Ability and aptitude evaluation period'],
    ['declaration', 'Only HR (Personnel Section) reads your self-declaration'],
    ['declaration-hr', 'Declaration periods (HR)'],
    ['team', 'Direct reports'],
    ['team-person', 'Career design'],
  ] as const)('the %s page is complete in English', async (which, expected) => {
    const { app, fake } = await openLoaded(which, { language: 'en' });
    expect(app.screen.container.querySelector('main')?.textContent).toContain(expected);
    expect(fake.missing).toEqual([]);
  });
});
