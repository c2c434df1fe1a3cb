// The career design, 自己申告 (the employee's and HR's) and the supervisor's team pages as a whole, as the tab
// shows them in Teams (the App shell with its navigation): no serious or critical axe violation in the
// default and contrast themes (the supervisor's pages in dark too), switched live as Teams switches them; no
// sideways scrolling at Teams mobile's 360 px; and complete in English. The e2e walk
// (test/e2e/growth-supervisor.test.ts) keeps what needs the server: saving, the window HR opens, feedback.
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CareerDesignResponse } from '../../src/growth/career.contract.ts';
import type { MeResponse } from '../../src/people/people.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import type { TeamsTheme } from '../../tab/src/teams/teams-host.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { blankCareerDesign } from '../support/career-fixture.ts';
import {
  appAnswers,
  renderApp,
  restoreViewportAfterEach,
  type RenderedApp,
  violationsInEveryTheme,
} from './support/app.tsx';
import {
  cyclesOf,
  declarationView,
  declarationWindowOf,
  goalView,
  HR,
  meAt,
  selfCheckView,
  SUPERVISOR,
  teamMember,
} from './support/fixtures.ts';
import { expectNoSidewaysScroll } from './support/layout.ts';
import { fakeApi, type Answers, type FakeApi } from './support/render.tsx';

const now = halfPeriodAt(new Date());
const year = now.fiscalYear;
const EMPLOYEE = meAt('shunin', {
  id: 'p-shunin',
  displayName: '吉田 花子',
  department: '市民課',
  managerId: SUPERVISOR.id,
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

/** What the server answers each person on these pages. */
function answers(me: MeResponse): Answers {
  return appAnswers(me, {
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
    'GET /api/declaration-windows': [declarationWindowOf(year)],
    'GET /api/people/:personId/declarations/:fiscalYear': declarationView(EMPLOYEE.id, year),
    'GET /api/team': {
      period: now.id,
      fiscalYear: year,
      members: [
        teamMember(EMPLOYEE.id, SUPERVISOR.id, {
          displayName: EMPLOYEE.displayName,
          levelId: 'shunin',
          jobTitle: null,
          selfCheckFeedback: { commented: 1, items: 8 },
          careerPrompts: [],
        }),
      ],
    },
    'GET /api/ojt/suggestions': [],
    'GET /api/people/:personId/self-checks/:period': selfCheckView(EMPLOYEE.id, now.id, {
      levelId: 'shunin',
    }),
    'GET /api/people/:personId/goals': [goalView(EMPLOYEE.id, year)],
    'GET /api/cycles': cyclesOf(year),
  });
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
  if (which === 'team-person') {
    await expect.element(app.screen.getByTestId('goal-list')).toBeVisible();
    // The self-check with the supervisor's comment, where they give their feedback.
    await expect
      .element(app.screen.getByTestId('person-self-check'))
      .toMatchTextContent(/住民説明会での説明が分かりやすかったです。/);
  }
  return { app, fake };
}

const PAGES: PageName[] = ['career', 'declaration', 'declaration-hr', 'team', 'team-person'];

describe('the career, 自己申告 and team pages in the tab', () => {
  restoreViewportAfterEach();

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
    await page.viewport(1100, 900);
    const { app, fake } = await openLoaded(which, { language: 'en' });
    expect(app.screen.container.querySelector('main')?.textContent).toContain(expected);
    expect(fake.missing).toEqual([]);
  });
});
