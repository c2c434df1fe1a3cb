// The goal form refuses what the server would refuse, with the contract's messages, and keeps what was
// typed whatever the server answers.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CycleWindow } from '../../src/cycles/cycle.contract.ts';
import { halfPeriodAt } from '../../src/growth/goal.contract.ts';
import { ApiError } from '../../tab/src/api/client.ts';
import GoalsView from '../../tab/src/goals/goals-view.tsx';
import { seriousViolations } from './support/axe.ts';
import {
  cyclesOf,
  emptyDepartmentPolicy,
  evaluationNotStarted,
  framework,
  meAt,
} from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const year = halfPeriodAt(new Date()).fiscalYear;

const answers: Answers = {
  'GET /api/me': meAt('shuji'),
  'GET /api/framework': framework,
  'GET /api/people/:personId/goals': [],
  'GET /api/workplace/goals': { department: '人事課', fiscalYear: year, people: [] },
  // HR has configured no goal window for the year.
  'GET /api/cycles': cyclesWith([]),
  // My 課 has written no policy for the year (部・課の方針): no goal to link.
  'GET /api/policies/:fiscalYear/departments/:department': emptyDepartmentPolicy('人事課', year),
  // 人事評価 of the year: not started (the page shows where it stands, not a result).
  'GET /api/people/:personId/evaluations/:fiscalYear': evaluationNotStarted(
    { id: 'person-shuji', displayName: '小平 花子', department: '人事課', levelId: 'shuji' },
    year,
  ),
};

function cyclesWith(windows: CycleWindow[]) {
  return cyclesOf(year, windows);
}

/** A goal window of HR's as GET /api/cycles answers it. */
const window = (
  kind: CycleWindow['kind'],
  state: CycleWindow['state'],
  opensOn: string,
  closesOn: string,
): CycleWindow => ({
  id: `window-${kind}`,
  fiscalYear: year,
  kind,
  state,
  opensOn,
  closesOn,
  openedAt: null,
  closedAt: null,
  ended: false,
  version: 1,
});

/** The goals page with the new-goal form open. */
async function openNewGoal(extra: Answers = {}) {
  const fake = fakeApi({ ...answers, ...extra });
  const { screen } = await renderTab(<GoalsView api={fake.api} rest={[]} />, { language: 'ja' });
  await screen.getByTestId('goal-add').click();
  const form = screen.getByTestId('goal-new-form');
  await expect.element(form).toBeVisible();
  return { screen, form, fake };
}

describe('the goal form', () => {
  it('asks for a title, and puts the focus on it', async () => {
    const { form, fake } = await openNewGoal();
    await form.getByTestId('goal-save').click();

    await expect.element(form.getByText('入力してください。')).toBeVisible();
    await expect.element(form.getByTestId('goal-title')).toHaveFocus();
    await expect.element(form.getByTestId('goal-title')).toHaveAttribute('aria-invalid', 'true');
    expect(fake.received.map((request) => request.key)).not.toContain('POST /api/people/:personId/goals');
  });

  it('refuses a due date outside the fiscal year, and puts the focus on it', async () => {
    const { form, fake } = await openNewGoal();
    await form.getByTestId('goal-title').fill('窓口の待ち時間を短くする');
    await form.getByTestId('goal-due').fill(`${year + 1}-04-01`);
    await form.getByTestId('goal-save').click();

    const from = `${year}年4月1日`;
    const to = `${year + 1}年3月31日`;
    await expect.element(form.getByText(`${from}〜${to} の日付を選んでください。`)).toBeVisible();
    await expect.element(form.getByTestId('goal-due')).toHaveFocus();
    expect(fake.received.map((request) => request.key)).not.toContain('POST /api/people/:personId/goals');
  });

  it('puts the focus on the first field in error when several are wrong', async () => {
    const { form } = await openNewGoal();
    await form.getByTestId('goal-due').fill(`${year - 1}-12-31`);
    await form.getByTestId('goal-save').click();

    await expect.element(form.getByText('入力してください。')).toBeVisible();
    await expect.element(form.getByText(/の日付を選んでください。$/)).toBeVisible();
    await expect.element(form.getByTestId('goal-title')).toHaveFocus();
  });

  it('keeps what was typed when the server refuses it, with its message next to the field', async () => {
    const { form, fake } = await openNewGoal({
      'POST /api/people/:personId/goals': () => {
        throw new ApiError(422, 'validation_failed', 'Invalid request', 'request-1', [
          { path: 'body.title', message: '同じ題名の目標がすでにあります。' },
        ]);
      },
    });
    await form.getByTestId('goal-title').fill('窓口の待ち時間を短くする');
    await form.getByTestId('goal-criteria').fill('平均待ち時間 10 分以内');
    await form.getByTestId('goal-save').click();

    await expect.element(form.getByText('同じ題名の目標がすでにあります。')).toBeVisible();
    // The server's own message (validation_failed in the UI language), then the promise that nothing was lost.
    await expect.element(form.getByTestId('goal-error')).toBeVisible();
    const failure = form.getByTestId('goal-error').element().textContent;
    expect(failure).toContain('入力内容に誤りがあります。各項目を確認してください。');
    expect(failure).toContain('入力した内容はそのまま残っています。');
    await expect.element(form.getByTestId('goal-title')).toHaveValue('窓口の待ち時間を短くする');
    await expect.element(form.getByTestId('goal-criteria')).toHaveValue('平均待ち時間 10 分以内');
    const posted = fake.received.find((request) => request.key === 'POST /api/people/:personId/goals');
    expect(posted?.body).toMatchObject({ fiscalYear: year, title: '窓口の待ち時間を短くする' });
  });

  it('shows who will see the goal, shared with the 課 by default, and sends the choice made', async () => {
    const { form, fake } = await openNewGoal({
      'POST /api/people/:personId/goals': ({ body }) => ({
        id: 'goal-1',
        personId: 'me',
        fiscalYear: year,
        title: body?.title ?? '',
        dueDate: body?.dueDate ?? `${year + 1}-03-31`,
        progress: [],
        version: 1,
        shared: false,
        visibility: body?.visibility ?? 'workplace',
        comments: [],
      }),
    });
    await expect.element(form.getByText('この目標を見られる人')).toBeVisible();
    await expect.element(form.getByRole('radio', { name: /同じ課の職員にも共有する/ })).toBeChecked();
    await expect.element(form.getByRole('radio', { name: /上司と職員課だけ/ })).not.toBeChecked();

    await form.getByTestId('goal-title').fill('窓口の待ち時間を短くする');
    await form.getByRole('radio', { name: /上司と職員課だけ/ }).click();
    await form.getByTestId('goal-save').click();
    await expect
      .poll(() => fake.received.some((request) => request.key === 'POST /api/people/:personId/goals'))
      .toBe(true);
    const posted = fake.received.find((request) => request.key === 'POST /api/people/:personId/goals');
    expect(posted?.body).toMatchObject({ title: '窓口の待ち時間を短くする', visibility: 'private' });
  });

  it('says which goal stage HR has open, or that none is and which comes next, never guessing from the month', async () => {
    const open = fakeApi({
      ...answers,
      'GET /api/cycles': cyclesWith([window('midYear', 'open', `${year}-10-01`, `${year}-12-25`)]),
    });
    const first = await renderTab(<GoalsView api={open.api} rest={[]} />, { language: 'ja' });
    await expect
      .element(first.screen.getByTestId('goal-stage'))
      .toHaveTextContent(
        `今は中間の期間です（${year}年12月25日まで）。進捗と中間の振り返りを記録しましょう。`,
      );
    await first.screen.unmount();

    const none = fakeApi({
      ...answers,
      'GET /api/cycles': cyclesWith([
        window('midYear', 'closed', `${year}-10-01`, `${year}-10-31`),
        window('yearEnd', 'scheduled', `${year + 1}-02-01`, `${year + 1}-03-15`),
      ]),
    });
    const second = await renderTab(<GoalsView api={none.api} rest={[]} />, { language: 'ja' });
    const notice = second.screen.getByTestId('goal-stage');
    await expect.element(notice).toHaveAttribute('data-stage', 'none');
    await expect
      .element(notice)
      .toHaveTextContent(
        `今は目標管理の期間（期首・中間・期末）ではありません。次は期末の期間（${year + 1}年2月1日〜${year + 1}年3月15日）です。`,
      );
  });
  describe("linking my 課's goal (部・課の方針)", () => {
    const policy = {
      kind: 'department' as const,
      unit: '人事課',
      fiscalYear: year,
      policy: '職員の力を伸ばす',
      goals: [
        {
          id: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a41',
          title: '研修の受講率を上げる',
          description: '',
          divisionGoalId: null,
        },
        {
          id: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a42',
          title: '人事評価の手続を見直す',
          description: '',
          divisionGoalId: null,
        },
      ],
      version: 1,
      updatedAt: `${year}-04-10T00:00:00Z`,
      canEdit: false,
    };
    const created = ({ body }: { body?: { title?: string; departmentGoalId?: string | null } }) => ({
      id: 'goal-1',
      personId: 'me',
      fiscalYear: year,
      title: body?.title ?? '',
      dueDate: `${year + 1}-03-31`,
      progress: [],
      version: 1,
      shared: false,
      visibility: 'workplace' as const,
      comments: [],
      departmentGoalId: body?.departmentGoalId ?? null,
    });

    it("offers my 課's goals for my year, none chosen, and sends the one I choose", async () => {
      const { form, fake } = await openNewGoal({
        'GET /api/policies/:fiscalYear/departments/:department': policy,
        'POST /api/people/:personId/goals': created,
      });
      const select = form.getByTestId('goal-department-goal');
      await expect.element(select).toHaveValue('');
      await expect.element(form.getByText('つながる課の目標')).toBeVisible();
      const asked = fake.received.find(
        (request) => request.key === 'GET /api/policies/:fiscalYear/departments/:department',
      );
      expect(asked?.params).toEqual({ fiscalYear: String(year), department: '人事課' });

      await form.getByTestId('goal-title').fill('研修計画を立てる');
      await select.selectOptions('6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a42');
      await form.getByTestId('goal-save').click();
      await expect
        .poll(() => fake.received.some((request) => request.key === 'POST /api/people/:personId/goals'))
        .toBe(true);
      const posted = fake.received.find((request) => request.key === 'POST /api/people/:personId/goals');
      expect(posted?.body).toMatchObject({
        title: '研修計画を立てる',
        departmentGoalId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a42',
      });
    });

    it("shows an existing goal's link, and changes it on the goal's edit with the version read", async () => {
      const existing = {
        ...created({ body: { title: '研修計画を立てる', departmentGoalId: policy.goals[0]!.id } }),
        version: 3,
      };
      const fake = fakeApi({
        ...answers,
        'GET /api/people/:personId/goals': [existing],
        'GET /api/policies/:fiscalYear/departments/:department': policy,
        'PUT /api/people/:personId/goals/:goalId': ({ body }) => ({
          ...existing,
          version: 4,
          departmentGoalId: body.departmentGoalId ?? existing.departmentGoalId,
        }),
      });
      const { screen } = await renderTab(<GoalsView api={fake.api} rest={[]} />, { language: 'ja' });
      const card = screen.getByTestId('goal-goal-1');
      await expect
        .element(card.getByTestId('goal-department-link'))
        .toHaveTextContent('つながる課の目標: 研修の受講率を上げる');
      await card.getByTestId('goal-edit').click();
      const select = card.getByTestId('goal-department-goal');
      await expect.element(select).toHaveValue(policy.goals[0]!.id);
      await select.selectOptions(policy.goals[1]!.id);
      await card.getByTestId('goal-save').click();
      await expect
        .element(card.getByTestId('goal-department-link'))
        .toHaveTextContent('つながる課の目標: 人事評価の手続を見直す');
      const put = fake.received.find((request) => request.key === 'PUT /api/people/:personId/goals/:goalId');
      expect(put?.body).toMatchObject({ version: 3, departmentGoalId: policy.goals[1]!.id });
    });

    it('shows no choice when my 課 has no goals for the year, and sends no link', async () => {
      const { form, fake } = await openNewGoal({ 'POST /api/people/:personId/goals': created });
      await expect.element(form.getByTestId('goal-title')).toBeVisible();
      expect(form.getByTestId('goal-department-goal').query()).toBeNull();
      await form.getByTestId('goal-title').fill('研修計画を立てる');
      await form.getByTestId('goal-save').click();
      await expect
        .poll(() => fake.received.some((request) => request.key === 'POST /api/people/:personId/goals'))
        .toBe(true);
      const posted = fake.received.find((request) => request.key === 'POST /api/people/:personId/goals');
      expect(posted?.body).not.toHaveProperty('departmentGoalId');
    });

    it('fits 360 px in English and passes axe in the dark theme', async () => {
      await page.viewport(360, 780);
      try {
        const fake = fakeApi({ ...answers, 'GET /api/policies/:fiscalYear/departments/:department': policy });
        const { screen } = await renderTab(
          <FluentProvider theme={teamsDarkTheme}>
            <GoalsView api={fake.api} rest={[]} />
          </FluentProvider>,
          { language: 'en' },
        );
        await screen.getByTestId('goal-add').click();
        const form = screen.getByTestId('goal-new-form');
        await expect.element(form.getByText("My section's goal it serves")).toBeVisible();
        await expect.element(form.getByRole('option', { name: 'None' })).toBeInTheDocument();
        await expectNoSidewaysScroll();
        expect(await seriousViolations(form.element())).toEqual([]);
      } finally {
        await page.viewport(414, 896);
      }
    });
  });
});
