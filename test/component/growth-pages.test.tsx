// The employee's self-check and goals pages as a whole, as the tab shows them in Teams (the App shell with
// its navigation): no serious or critical axe violation in the default, dark and contrast themes, switched
// live as Teams switches them, and no sideways scrolling at Teams mobile's 360 px. The e2e walk
// (test/e2e/growth-employee.test.ts) keeps what needs the server: writing, saving and reading back.
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { appAnswers, renderApp, restoreViewportAfterEach, violationsInEveryTheme } from './support/app.tsx';
import {
  cyclesOf,
  emptyDepartmentPolicy,
  evaluationNotStarted,
  goalView,
  meAt,
  selfCheckView,
} from './support/fixtures.ts';
import { expectNoSidewaysScroll } from './support/layout.ts';
import { fakeApi, type Answers } from './support/render.tsx';

const now = halfPeriodAt(new Date());
const period = now.id;
const year = now.fiscalYear;
const ME = meAt('shunin', { id: 'p-shunin', department: '市民課', managerId: 'p-kakaricho' });
/** The three halves before this one, oldest first. */
const past = [3, 2, 1].map((steps) => {
  const ordinal = now.fiscalYear * 2 + now.half - 1 - steps;
  return `${Math.floor(ordinal / 2)}-H${(ordinal % 2) + 1}`;
});

/** This half's self-check: submitted, or a draft with three items rated so far. */
function selfCheck(status: 'draft' | 'submitted') {
  const submitted = selfCheckView(ME.id, period, { levelId: 'shunin' });
  return status === 'submitted'
    ? submitted
    : {
        ...submitted,
        status,
        editable: true,
        submittedAt: null,
        ratings: Object.fromEntries(Object.entries(submitted.ratings).slice(0, 3)),
      };
}

function answers(status: 'draft' | 'submitted'): Answers {
  return appAnswers(ME, {
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
    'GET /api/people/:personId/goals': [
      goalView(ME.id, year, {
        competencyIds: ['planning'],
        comments: [
          {
            at: new Date().toISOString(),
            authorId: 'p-kakaricho',
            stage: 'setting',
            text: '数値の目標が明確で良いです。',
          },
        ],
      }),
    ],
    'GET /api/workplace/goals': { department: ME.department, fiscalYear: year, people: [] },
    'GET /api/cycles': cyclesOf(year),
    'GET /api/policies/:fiscalYear/departments/:department': emptyDepartmentPolicy(ME.department!, year),
    'GET /api/people/:personId/evaluations/:fiscalYear': evaluationNotStarted(ME, year),
  });
}

const NONE = { default: [], dark: [], contrast: [] };

describe("the employee's self-check and goals pages in the tab", () => {
  restoreViewportAfterEach();

  it('pass axe in every Teams theme: the submitted self-check with its growth chart, and the goals with a new goal open', async () => {
    await page.viewport(1100, 900);
    const fake = fakeApi(answers('submitted'));
    const app = await renderApp(fake, { hash: '#/self-check' });
    await expect.element(app.screen.getByTestId('growth-chart').getByRole('img')).toBeVisible();
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
    await expect.element(app.screen.getByTestId('growth-chart').getByRole('img')).toBeVisible();
    expect(await violationsInEveryTheme(app)).toEqual(NONE);
    expect(fake.missing).toEqual([]);
  });

  it('fits the editable self-check in the tab at 360 px, its actions below the form at the end of the page', async () => {
    await page.viewport(360, 780);
    const fake = fakeApi(answers('draft'));
    const app = await renderApp(fake, { hash: '#/self-check' });
    const footer = app.screen.getByTestId('self-check-actions');
    await expect.element(footer).toBeVisible();
    await expectNoSidewaysScroll();
    window.scrollTo(0, document.documentElement.scrollHeight);
    const reflections = app.screen.getByTestId('reflections').element().getBoundingClientRect();
    expect(footer.element().getBoundingClientRect().top).toBeGreaterThanOrEqual(reflections.bottom);
    expect(fake.missing).toEqual([]);
  });

  it('fit 360 px without sideways scrolling: the self-check with its chart, and the goals with a new goal open', async () => {
    await page.viewport(360, 780);
    const fake = fakeApi(answers('submitted'));
    const app = await renderApp(fake, { hash: '#/self-check' });
    await expect.element(app.screen.getByTestId('growth-chart').getByRole('img')).toBeVisible();
    await expectNoSidewaysScroll();
    await app.openPage('goals');
    await expect.element(app.screen.getByTestId('goal-g-1')).toBeVisible();
    await app.screen.getByTestId('goal-add').click();
    await expect.element(app.screen.getByTestId('goal-new-form')).toBeVisible();
    await expectNoSidewaysScroll();
    expect(fake.missing).toEqual([]);
  });
});
