// The employee's self-check and goals pages as a whole, as the tab shows them in Teams (the App shell with
// its navigation): no serious or critical axe violation in the default, dark and contrast themes, switched
// live as Teams switches them, and no sideways scrolling at Teams mobile's 360 px. The e2e walk
// (test/e2e/growth-employee.test.ts) keeps what needs the server: writing, saving and reading back.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { GoalView } from '../../src/growth/goal.contract.ts';
import type { SelfCheckResponse } from '../../src/growth/self-check.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { renderApp, violationsInEveryTheme } from './support/app.tsx';
import { framework, meAt } from './support/fixtures.ts';
import { expectNoSidewaysScroll } from './support/layout.ts';
import { fakeApi, type Answers } from './support/render.tsx';

const now = halfPeriodAt(new Date());
const period = now.id;
const year = now.fiscalYear;
const ME = meAt('shunin', { id: 'p-shunin', department: '市民課', managerId: 'p-kakaricho' });
const SHUNIN_ITEMS = framework.competencies.filter(
  (competency) => (framework.expectations.shunin?.[competency.id] ?? 'none') !== 'none',
);
/** The three halves before this one, oldest first. */
const past = [3, 2, 1].map((steps) => {
  const ordinal = now.fiscalYear * 2 + now.half - 1 - steps;
  return `${Math.floor(ordinal / 2)}-H${(ordinal % 2) + 1}`;
});

function selfCheck(status: 'draft' | 'submitted'): SelfCheckResponse {
  return {
    personId: ME.id,
    period,
    status,
    editable: status === 'draft',
    levelId: 'shunin',
    frameworkVersion: framework.version,
    items: SHUNIN_ITEMS.map((competency) => ({ competencyId: competency.id, mark: 'evaluated' as const })),
    // A draft has three items rated so far; a submitted self-check all of them.
    ratings: Object.fromEntries(
      SHUNIN_ITEMS.slice(0, status === 'submitted' ? undefined : 3).map((competency, index) => [
        competency.id,
        { rating: 2 + (index % 4), evidence: `${competency.name.ja}の根拠` },
      ]),
    ),
    reflections: { diversity: '相手の立場で考えた' },
    // The supervisor's comment on one item: the page shows it beside the item.
    feedback: {
      explanation: {
        comment: '住民説明会での説明が分かりやすかったです。',
        authorId: ME.managerId!,
        at: new Date().toISOString(),
      },
    },
    feedbackCompletedAt: null,
    viewpoints: {},
    version: 2,
    submittedAt: status === 'submitted' ? new Date().toISOString() : null,
  };
}

const goal: GoalView = {
  id: 'g-1',
  personId: ME.id,
  fiscalYear: year,
  title: '窓口の待ち時間を短くする',
  dueDate: `${year + 1}-03-31`,
  progress: [{ at: new Date().toISOString(), percent: 40, note: '受付の手順を見直した' }],
  version: 2,
  shared: false,
  successCriteria: '平均待ち時間 15 分以内',
  competencyIds: ['planning'],
  guidelineIds: [],
  visibility: 'workplace',
  comments: [
    {
      at: new Date().toISOString(),
      authorId: ME.managerId!,
      stage: 'setting',
      text: '数値の目標が明確で良いです。',
    },
  ],
  departmentGoalId: null,
};

function answers(status: 'draft' | 'submitted'): Answers {
  return {
    'GET /api/me': ME,
    'GET /api/framework': framework,
    // Nobody to evaluate: the navigation has no 人事評価.
    'GET /api/evaluations': [],
    'GET /api/people/:personId/self-checks': {
      personId: ME.id,
      periods: past.map((id, index) => ({
        period: id,
        status: 'submitted' as const,
        averages: { ability: 2.5 + index * 0.5, attitude: 3 + index * 0.5 },
      })),
    },
    'GET /api/people/:personId/self-checks/:period': ({ params }) =>
      params.period === period
        ? selfCheck(status)
        : { ...selfCheck('submitted'), period: params.period, feedback: {} },
    'GET /api/people/:personId/goals': [goal],
    'GET /api/workplace/goals': { department: ME.department, fiscalYear: year, people: [] },
    'GET /api/cycles': { fiscalYear: year, currentFiscalYear: year, today: `${year}-12-05`, windows: [] },
    'GET /api/policies/:fiscalYear/departments/:department': {
      kind: 'department',
      unit: ME.department!,
      fiscalYear: year,
      policy: '',
      goals: [],
      version: 0,
      updatedAt: null,
      canEdit: false,
    },
    'GET /api/people/:personId/evaluations/:fiscalYear': {
      personId: ME.id,
      person: { id: ME.id, displayName: ME.displayName, department: ME.department!, levelId: 'shunin' },
      fiscalYear: year,
      status: 'notStarted',
      role: 'self',
      firstEvaluator: null,
      secondEvaluator: null,
      items: [],
      submittedAt: null,
      confirmedAt: null,
      version: 0,
      updatedAt: null,
    },
  };
}

const NONE = { default: [], dark: [], contrast: [] };

describe("the employee's self-check and goals pages in the tab", () => {
  afterEach(async () => {
    window.scrollTo(0, 0);
    await page.viewport(414, 896);
  });

  it('pass axe in every Teams theme: the submitted self-check with its growth chart, and the goals with a new goal open', async () => {
    await page.viewport(1100, 900);
    const fake = fakeApi(answers('submitted'));
    const app = await renderApp(fake, { hash: '#/self-check' });
    await expect.element(app.screen.getByTestId('growth-chart')).toBeVisible();
    await expect.element(app.screen.getByTestId(`self-check-${period}`)).toBeVisible();
    expect(await violationsInEveryTheme(app)).toEqual(NONE);

    await app.setTheme('default');
    await app.openPage('goals');
    await expect.element(app.screen.getByTestId('goal-g-1')).toBeVisible();
    await app.screen.getByTestId('goal-add').click();
    await expect.element(app.screen.getByTestId('goal-new-form')).toBeVisible();
    expect(await violationsInEveryTheme(app)).toEqual(NONE);
    expect(fake.missing).toEqual([]);
  });

  it('pass axe in every Teams theme with the self-check still editable (its form controls)', async () => {
    await page.viewport(1100, 900);
    const fake = fakeApi(answers('draft'));
    const app = await renderApp(fake, { hash: '#/self-check' });
    await expect.element(app.screen.getByTestId('save-draft')).toBeVisible();
    expect(await violationsInEveryTheme(app)).toEqual(NONE);
    expect(fake.missing).toEqual([]);
  });

  it('fit 360 px without sideways scrolling: the self-check with its chart, and the goals with a new goal open', async () => {
    await page.viewport(360, 780);
    const fake = fakeApi(answers('submitted'));
    const app = await renderApp(fake, { hash: '#/self-check' });
    await expect.element(app.screen.getByTestId('growth-chart')).toBeVisible();
    await expectNoSidewaysScroll();
    await app.openPage('goals');
    await expect.element(app.screen.getByTestId('goal-g-1')).toBeVisible();
    await app.screen.getByTestId('goal-add').click();
    await expect.element(app.screen.getByTestId('goal-new-form')).toBeVisible();
    await expectNoSidewaysScroll();
    expect(fake.missing).toEqual([]);
  });
});
