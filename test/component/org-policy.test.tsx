// The 課の方針 page (docs/growth.md, 部・課の方針): the 部's policy above the 課's, the 課長's editor with
// its versioned save, and the chain's coverage view with the goals that serve nothing highlighted.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { halfPeriodAt } from '../../src/growth/goal.contract.ts';
import type { DepartmentCoverage, OrgPolicyView } from '../../src/growth/org-policy.contract.ts';
import { ApiError } from '../../tab/src/api/client.ts';
import OrgPolicyView_ from '../../tab/src/org-policy/org-policy-view.tsx';
import { seriousViolations } from './support/axe.ts';
import { meAt } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const year = halfPeriodAt(new Date()).fiscalYear;
const DIVISION_GOAL = '0b6f5c1e-2d3a-4b5c-8d7e-1f2a3b4c5d61';
const DEPARTMENT_GOAL = '0b6f5c1e-2d3a-4b5c-8d7e-1f2a3b4c5d71';

const divisionPolicy: OrgPolicyView = {
  kind: 'division',
  unit: '総務部',
  fiscalYear: year,
  policy: '市民に信頼される総務部',
  goals: [{ id: DIVISION_GOAL, title: '職員の育成を進める', description: '', divisionGoalId: null }],
  version: 2,
  updatedAt: `${year}-04-02T00:00:00Z`,
  canEdit: false,
};

const departmentPolicy = (canEdit: boolean): OrgPolicyView => ({
  kind: 'department',
  unit: '人事課',
  fiscalYear: year,
  policy: '',
  goals: [],
  version: 0,
  updatedAt: null,
  canEdit,
});

const coverage: DepartmentCoverage = {
  department: '人事課',
  fiscalYear: year,
  policy: '職員の力を伸ばす',
  goals: [
    {
      id: DEPARTMENT_GOAL,
      title: '研修の受講率を上げる',
      description: '',
      divisionGoalId: DIVISION_GOAL,
      people: [{ id: 'p1', displayName: '小平 一郎', goals: [{ id: 'g1', title: '研修計画を立てる' }] }],
    },
  ],
  unlinked: [{ id: 'p2', displayName: '小平 次郎', goals: [{ id: 'g2', title: '窓口を改善する' }] }],
};

const kacho = meAt('kacho', { roles: ['employee', 'supervisor'] });

/** The 課長 of a 課 without a policy yet for the year, before anyone linked a goal. */
const kachoEditing: Answers = {
  'GET /api/me': kacho,
  'GET /api/policies/:fiscalYear/departments/:department': departmentPolicy(true),
  'GET /api/policies/:fiscalYear/departments/:department/coverage': { ...coverage, goals: [], unlinked: [] },
};

async function open(answers: Answers, options: { language?: 'ja' | 'en'; dark?: boolean } = {}) {
  const fake = fakeApi({
    'GET /api/policies/:fiscalYear/divisions/:division': divisionPolicy,
    ...answers,
  });
  const view = <OrgPolicyView_ api={fake.api} rest={[]} />;
  const { screen } = await renderTab(
    options.dark ? <FluentProvider theme={teamsDarkTheme}>{view}</FluentProvider> : view,
    { language: options.language ?? 'ja' },
  );
  return { screen, fake };
}

describe('the 課の方針 page', () => {
  it("shows the 部's policy above the 課's, read-only for a 主事, and asks for no coverage", async () => {
    const { screen, fake } = await open({
      'GET /api/me': meAt('shuji'),
      'GET /api/policies/:fiscalYear/departments/:department': departmentPolicy(false),
    });
    const division = screen.getByTestId('division-policy');
    await expect.element(division.getByText('市民に信頼される総務部')).toBeVisible();
    await expect
      .element(screen.getByTestId('department-policy').getByTestId('policy-read-only'))
      .toBeVisible();
    const sections = Array.from(document.querySelectorAll('section[data-testid$="-policy"]'), (node) =>
      node.getAttribute('data-testid'),
    );
    expect(sections).toEqual(['division-policy', 'department-policy']);
    expect(screen.getByTestId('policy-edit').query()).toBeNull();
    expect(screen.getByTestId('goal-coverage').query()).toBeNull();
    expect(fake.received.map((request) => request.key)).not.toContain(
      'GET /api/policies/:fiscalYear/departments/:department/coverage',
    );
  });

  it("lets the 課長 write the 課's goals, one serving the 部's goal, with the version read", async () => {
    const { screen, fake } = await open({
      ...kachoEditing,
      'PUT /api/policies/:fiscalYear/departments/:department': ({ body }) => ({
        ...departmentPolicy(true),
        policy: body.policy,
        goals: body.goals.map((goal, index) => ({ ...goal, id: goal.id ?? `${DEPARTMENT_GOAL}${index}` })),
        version: 1,
        updatedAt: `${year}-05-01T00:00:00Z`,
      }),
    });
    const section = screen.getByTestId('department-policy');
    await section.getByTestId('policy-edit').click();
    await section.getByTestId('policy-field').fill('職員の力を伸ばす');
    await section.getByTestId('policy-goal-add').click();
    await section.getByTestId('policy-goal-title').fill('研修の受講率を上げる');
    await section.getByTestId('policy-goal-division-goal').selectOptions(DIVISION_GOAL);
    // A row added and left blank is not sent.
    await section.getByTestId('policy-goal-add').click();
    await section.getByTestId('policy-save').click();

    await expect.element(section.getByTestId('department-policy-status')).toHaveTextContent('保存しました。');
    const put = fake.received.find(
      (request) => request.key === 'PUT /api/policies/:fiscalYear/departments/:department',
    );
    expect(put?.params).toEqual({ fiscalYear: String(year), department: '人事課' });
    expect(put?.body).toEqual({
      version: 0,
      policy: '職員の力を伸ばす',
      goals: [{ title: '研修の受講率を上げる', description: '', divisionGoalId: DIVISION_GOAL }],
    });
    await expect.element(section.getByText('つながる部の目標: 職員の育成を進める')).toBeVisible();
  });

  it("checks the goals with the server's schema before sending, naming the row as the form does", async () => {
    const { screen, fake } = await open({
      ...kachoEditing,
      'PUT /api/policies/:fiscalYear/departments/:department': ({ body }) => ({
        ...departmentPolicy(true),
        policy: body.policy,
        goals: body.goals.map((goal, index) => ({ ...goal, id: `${DEPARTMENT_GOAL}${index}` })),
        version: 1,
      }),
    });
    const section = screen.getByTestId('department-policy');
    await section.getByTestId('policy-edit').click();
    // A blank first row is not sent: the goal refused is the form's second row, the body's first.
    await section.getByTestId('policy-goal-add').click();
    await section.getByTestId('policy-goal-add').click();
    await section.getByTestId('policy-goal-description').nth(1).fill('説明だけ書いた目標');
    await section.getByTestId('policy-save').click();

    const refusal = section.getByTestId('policy-save-error');
    await expect.element(refusal).toMatchTextContent(/入力内容に誤りがあります。各項目を確認してください。/);
    await expect.element(refusal.getByRole('listitem')).toHaveTextContent('目標 2 目標: 入力してください。');
    const puts = () =>
      fake.received.filter(
        (request) => request.key === 'PUT /api/policies/:fiscalYear/departments/:department',
      );
    expect(puts()).toEqual([]);

    await section.getByTestId('policy-goal-title').nth(1).fill('研修の受講率を上げる');
    await section.getByTestId('policy-save').click();
    await expect.element(section.getByTestId('department-policy-status')).toHaveTextContent('保存しました。');
    expect(puts().map((request) => request.body)).toEqual([
      {
        version: 0,
        policy: '',
        goals: [{ title: '研修の受講率を上げる', description: '説明だけ書いた目標', divisionGoalId: null }],
      },
    ]);
  });

  it('keeps what the 課長 typed when someone saved first, and offers the newest version', async () => {
    const { screen } = await open({
      ...kachoEditing,
      'PUT /api/policies/:fiscalYear/departments/:department': () => {
        throw new ApiError(409, 'version_conflict', 'stale', 'req-1', [
          { path: 'body.version', message: 'current version is 1' },
        ]);
      },
    });
    const section = screen.getByTestId('department-policy');
    await section.getByTestId('policy-edit').click();
    await section.getByTestId('policy-field').fill('私の書いた方針');
    await section.getByTestId('policy-save').click();
    await expect.element(section.getByTestId('policy-conflict')).toBeVisible();
    await expect.element(section.getByTestId('policy-field')).toHaveValue('私の書いた方針');
    await expect.element(section.getByTestId('policy-reload')).toBeVisible();
  });

  it("shows the chain each 課 goal's people, and highlights the goals that serve none", async () => {
    const { screen } = await open({
      'GET /api/me': kacho,
      'GET /api/policies/:fiscalYear/departments/:department': departmentPolicy(false),
      'GET /api/policies/:fiscalYear/departments/:department/coverage': coverage,
    });
    const panel = screen.getByTestId('goal-coverage');
    await expect.element(panel.getByTestId('coverage-goal').getByText('研修の受講率を上げる')).toBeVisible();
    await expect.element(panel.getByTestId('coverage-count')).toHaveTextContent('1 人');
    await expect
      .element(panel.getByTestId('coverage-person'))
      .toHaveTextContent('小平 一郎：研修計画を立てる');
    await expect
      .element(panel.getByTestId('coverage-unlinked').getByTestId('unlinked-person'))
      .toHaveTextContent('小平 次郎：窓口を改善する');
  });

  it('says who sees the coverage when the server refuses the caller (403)', async () => {
    const { screen } = await open({
      'GET /api/me': kacho,
      'GET /api/policies/:fiscalYear/departments/:department': departmentPolicy(false),
      'GET /api/policies/:fiscalYear/departments/:department/coverage': () => {
        throw new ApiError(403, 'forbidden', 'not in the chain', 'req-2');
      },
    });
    await expect.element(screen.getByTestId('coverage-forbidden')).toBeVisible();
  });

  it('fits 360 px in English and passes axe in the dark theme, editor open', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await open(
        {
          'GET /api/me': kacho,
          'GET /api/policies/:fiscalYear/departments/:department': departmentPolicy(true),
          'GET /api/policies/:fiscalYear/departments/:department/coverage': coverage,
        },
        { language: 'en', dark: true },
      );
      await expect.element(screen.getByTestId('coverage-unlinked')).toBeVisible();
      await screen.getByTestId('department-policy').getByTestId('policy-edit').click();
      await screen.getByTestId('policy-goal-add').click();
      await expect.element(screen.getByText('Division goal it serves')).toBeVisible();
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.getByTestId('org-policy').element())).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
