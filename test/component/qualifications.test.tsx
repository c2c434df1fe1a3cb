// 資格取得 support (docs/training.md "資格取得 support and budget"): the applicant's form and list in career
// design, the supervisor's approvals, and HR's budget section with the year's applications.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { ApplicationView, TrainingBudgetView } from '../../src/qualifications/qualification.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import BudgetSection from '../../tab/src/hr/sections/budget-section.tsx';
import type { HrBase } from '../../tab/src/hr/section-props.ts';
import { QualificationsPanel } from '../../tab/src/training/qualifications-panel.tsx';
import { seriousViolations } from './support/axe.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const year = halfPeriodAt(new Date()).fiscalYear;
const APPLICATION = '0b6f5c1e-2d3a-4b5c-8d7e-1f2a3b4c5d81';

const application = (overrides: Partial<ApplicationView> = {}): ApplicationView => ({
  id: APPLICATION,
  personId: 'p1',
  personName: '小平 一郎',
  department: '福祉課',
  qualificationName: '社会福祉士',
  examDate: `${year + 1}-02-01`,
  fiscalYear: year,
  costYen: 15_440,
  reason: '相談対応に活かすため',
  status: 'awaitingSupervisor',
  supervisorDecision: null,
  hrDecision: null,
  resultDate: null,
  version: 1,
  updatedAt: `${year}-12-01T00:00:00Z`,
  ...overrides,
});

const budget: TrainingBudgetView = {
  fiscalYear: year,
  amountYen: 1_000_000,
  version: 2,
  updatedAt: `${year}-04-01T00:00:00Z`,
  categories: [
    { category: 'basic', coursesYen: 0, applicationsYen: 0 },
    { category: 'specialist', coursesYen: 1_012_000, applicationsYen: 0 },
    { category: 'dispatch', coursesYen: 0, applicationsYen: 0 },
    { category: 'selfStudy', coursesYen: 0, applicationsYen: 0 },
    { category: 'qualification', coursesYen: 0, applicationsYen: 15_440 },
  ],
  committedYen: 1_027_440,
  remainingYen: -27_440,
  attendeesWithoutCost: 3,
};

async function open(
  make: (api: ReturnType<typeof fakeApi>['api']) => ReactElement,
  answers: Answers,
  options: { language?: 'ja' | 'en'; dark?: boolean } = {},
) {
  const fake = fakeApi(answers);
  const view = make(fake.api);
  const { screen } = await renderTab(
    options.dark ? <FluentProvider theme={teamsDarkTheme}>{view}</FluentProvider> : view,
    { language: options.language ?? 'ja' },
  );
  return { screen, fake };
}

const panel = (api: ReturnType<typeof fakeApi>['api']) => <QualificationsPanel api={api} />;
const section = (api: ReturnType<typeof fakeApi>['api']) => (
  <BudgetSection api={api} base={{} as HrBase} rest={[]} />
);

describe('資格取得 support', () => {
  it('sends the applicant’s form and lists their applications with the supervisor’s comment', async () => {
    const { screen, fake } = await open(panel, {
      'GET /api/qualifications/applications': {
        applications: [
          application({
            status: 'returned',
            supervisorDecision: { byId: 's1', byName: '小平 課長', comment: '内訳を書いてください', at: '' },
          }),
        ],
      },
      'GET /api/qualifications/approvals': { applications: [] },
      'POST /api/qualifications/applications': ({ body }) => application({ ...body }),
    });
    await expect.element(screen.getByText('上司のコメント：内訳を書いてください')).toBeVisible();
    await expect.element(screen.getByText('差し戻し')).toBeVisible();
    const form = screen.getByTestId('qualification-form');
    await form.getByTestId('qualification-name').fill('宅地建物取引士');
    await form.getByTestId('qualification-exam-date').fill(`${year + 1}-01-20`);
    await form.getByTestId('qualification-cost').fill('8200');
    await form.getByTestId('qualification-reason').fill('用地買収の業務に活かすため');
    await form.getByTestId('qualification-submit').click();
    await expect
      .poll(
        () => fake.received.find((request) => request.key === 'POST /api/qualifications/applications')?.body,
      )
      .toEqual({
        qualificationName: '宅地建物取引士',
        examDate: `${year + 1}-01-20`,
        costYen: 8200,
        reason: '用地買収の業務に活かすため',
      });
  });

  it('lets the supervisor approve a direct report’s application with the version read', async () => {
    const { screen, fake } = await open(panel, {
      'GET /api/qualifications/applications': { applications: [] },
      'GET /api/qualifications/approvals': { applications: [application({ version: 3 })] },
      'POST /api/qualifications/applications/:applicationId/supervisor-decision': ({ body }) =>
        application({ status: body.decision === 'approve' ? 'awaitingHr' : 'returned' }),
    });
    const approvals = screen.getByTestId('qualification-approvals');
    await expect.element(approvals.getByText('小平 一郎', { exact: false })).toBeVisible();
    await approvals.getByTestId('qualification-approve').click();
    await expect
      .poll(
        () =>
          fake.received.find(
            (request) =>
              request.key === 'POST /api/qualifications/applications/:applicationId/supervisor-decision',
          )?.body,
      )
      .toEqual({ version: 3, decision: 'approve', comment: '' });
  });

  it('shows HR the budget against what is committed, by category, and saves it versioned', async () => {
    const { screen, fake } = await open(section, {
      'GET /api/hr/training-budget/:fiscalYear': budget,
      'PUT /api/hr/training-budget/:fiscalYear': ({ body }) => ({
        ...budget,
        amountYen: body.amountYen,
        version: 3,
        remainingYen: body.amountYen - budget.committedYen,
      }),
      'GET /api/hr/qualifications': { applications: [application({ status: 'awaitingHr' })] },
    });
    const table = screen.getByTestId('budget-table');
    await expect.element(table.getByText('1,012,000円')).toBeVisible();
    await expect.element(screen.getByText('予算を超えています')).toBeVisible();
    await expect.element(screen.getByTestId('hr-qualification').getByText('人事の承認待ち')).toBeVisible();
    await screen.getByTestId('budget-amount').fill('1200000');
    await screen.getByRole('button', { name: '予算を保存' }).click();
    await expect
      .poll(() => fake.received.find((request) => request.key === 'PUT /api/hr/training-budget/:fiscalYear'))
      .toMatchObject({ params: { fiscalYear: String(year) }, body: { version: 2, amountYen: 1_200_000 } });
    await expect
      .element(screen.getByTestId('budget-committed'))
      .toHaveTextContent('執行予定額の合計：1,027,440円 / 残額：172,560円');
  });

  it('fits 360 px in English and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const cases: Array<[typeof panel, string, Answers]> = [
        [
          panel,
          'qualification-support',
          {
            'GET /api/qualifications/applications': { applications: [application({ status: 'approved' })] },
            'GET /api/qualifications/approvals': { applications: [application()] },
          },
        ],
        [
          section,
          'hr-section-budget',
          {
            'GET /api/hr/training-budget/:fiscalYear': budget,
            'GET /api/hr/qualifications': { applications: [application({ status: 'awaitingHr' })] },
          },
        ],
      ];
      for (const [make, testId, answers] of cases) {
        const { screen } = await open(make, answers, { language: 'en', dark: true });
        await expect.element(screen.getByTestId(testId)).toBeVisible();
        await expect.element(screen.getByText('Approve').first()).toBeVisible();
        await expectNoSidewaysScroll();
        expect(await seriousViolations(screen.getByTestId(testId).element())).toEqual([]);
      }
    } finally {
      await page.viewport(414, 896);
    }
  });
});
