// The OJT panel (docs/ojt.md): the supervisor starts a plan from an onboarding suggestion, the 指導担当
// ticks and logs guidance, the person reads it all; and the supervisor's list of suggestions.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import {
  OJT_SHORT_MAX,
  type OjtGuidedPlan,
  type OjtPlanResponse,
  type OjtSuggestionView,
} from '../../src/ojt/ojt.contract.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { ApiError } from '../../tab/src/api/client.ts';
import { OjtGuidedPlans, OjtPanel, OjtSuggestions } from '../../tab/src/ojt/ojt-panel.tsx';
import { seriousViolations } from './support/axe.ts';
import { fakeApi, renderTab } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const PERSON = '11111111-1111-4111-8111-111111111111';
const MENTOR = '22222222-2222-4222-8222-222222222222';
const ITEM = '33333333-3333-4333-8333-333333333333';
const SUGGESTION = '44444444-4444-4444-8444-444444444444';

const suggestion: OjtSuggestionView = {
  id: SUGGESTION,
  person: { id: PERSON, displayName: '吉田 花子' },
  kind: 'transfer',
  department: '市民課',
  defaultChecklist: [
    { ja: '課の業務概要', en: 'Overview of the section’s work' },
    { ja: '関係部署の紹介', en: 'Introduction to related sections' },
  ],
  version: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
};

const planAnswer = (who: { canManage: boolean; canGuide: boolean }, version = 3): OjtPlanResponse => ({
  personId: PERSON,
  ...who,
  plan: {
    id: '55555555-5555-4555-8555-555555555555',
    personId: PERSON,
    mentor: { id: MENTOR, displayName: '小川 主任' },
    createdById: 'boss',
    status: 'active',
    startsOn: '2026-12-01',
    endsOn: '2027-03-31',
    goals: ['窓口業務を一人で対応できる'],
    checklist: [
      { id: ITEM, label: '課の業務概要', doneAt: null, doneBy: null },
      {
        id: '66666666-6666-4666-8666-666666666666',
        label: '文書事務',
        doneAt: '2026-12-02T01:00:00.000Z',
        doneBy: { id: MENTOR, displayName: '小川 主任' },
      },
    ],
    guidance: [
      {
        id: 'g1',
        day: '2026-12-02',
        text: '起案の書き方を確認した',
        givenBy: { id: MENTOR, displayName: '小川 主任' },
      },
    ],
    suggestionId: null,
    version,
    updatedAt: '2026-12-02T01:00:00.000Z',
  },
});

async function mount(ui: React.ReactElement, language: Language = 'ja', dark = false) {
  return renderTab(dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui, { language });
}

describe('OJT panel', () => {
  it('starts the plan from the suggestion with its default checklist', async () => {
    let created: unknown;
    const fake = fakeApi({
      'GET /api/people/:personId/ojt-plan': { personId: PERSON, plan: null, canManage: true, canGuide: true },
      'GET /api/ojt/suggestions': [suggestion],
      'POST /api/people/:personId/ojt-plan': ({ body }) => {
        created = body;
        return planAnswer({ canManage: true, canGuide: true }, 1);
      },
    });
    const { screen } = await mount(
      <OjtPanel api={fake.api} personId={PERSON} candidates={[{ id: MENTOR, displayName: '小川 主任' }]} />,
    );
    await expect
      .element(screen.getByTestId('ojt-checklist-input'))
      .toHaveValue('課の業務概要\n関係部署の紹介');
    await screen.getByTestId('ojt-mentor').selectOptions(MENTOR);
    await screen.getByTestId('ojt-ends').fill('2027/03/31');
    await screen.getByTestId('ojt-goals').click();
    await screen.getByTestId('ojt-create').click();
    await expect.element(screen.getByTestId('ojt-plan')).toBeVisible();
    expect(created).toMatchObject({
      mentorPersonId: MENTOR,
      endsOn: '2027-03-31',
      checklist: ['課の業務概要', '関係部署の紹介'],
      suggestionId: SUGGESTION,
    });
  });

  it("checks the plan with the server's schema before creating it, naming the list with the line too long", async () => {
    const fake = fakeApi({
      'GET /api/people/:personId/ojt-plan': { personId: PERSON, plan: null, canManage: true, canGuide: true },
      'GET /api/ojt/suggestions': [],
      'POST /api/people/:personId/ojt-plan': () => planAnswer({ canManage: true, canGuide: true }, 1),
    });
    const { screen } = await mount(
      <OjtPanel api={fake.api} personId={PERSON} candidates={[{ id: MENTOR, displayName: '小川 主任' }]} />,
    );
    await screen.getByTestId('ojt-mentor').selectOptions(MENTOR);
    await screen.getByTestId('ojt-ends').fill('2027/03/31');
    await screen.getByTestId('ojt-checklist-input').fill(`課の業務概要\n${'あ'.repeat(OJT_SHORT_MAX + 1)}`);
    await screen.getByTestId('ojt-create').click();
    const refusal = screen.getByTestId('ojt-create-error');
    await expect.element(refusal).toMatchTextContent(/入力内容に誤りがあります。/);
    await expect
      .element(refusal.getByRole('listitem'))
      .toHaveTextContent(`チェックリスト（1行に1項目）: ${OJT_SHORT_MAX} 文字以内で入力してください。`);
    expect(fake.received.map((request) => request.key)).not.toContain('POST /api/people/:personId/ojt-plan');

    await screen.getByTestId('ojt-checklist-input').fill('課の業務概要');
    await screen.getByTestId('ojt-create').click();
    await expect.element(screen.getByTestId('ojt-plan')).toBeVisible();
  });

  it('lets the 指導担当 tick an item and log guidance, at the version read', async () => {
    const fake = fakeApi({
      'GET /api/people/:personId/ojt-plan': planAnswer({ canManage: false, canGuide: true }),
      'POST /api/people/:personId/ojt-plan/ticks': planAnswer({ canManage: false, canGuide: true }, 4),
      'POST /api/people/:personId/ojt-plan/guidance': planAnswer({ canManage: false, canGuide: true }, 5),
    });
    const { screen } = await mount(<OjtPanel api={fake.api} personId={PERSON} />);
    await expect.element(screen.getByTestId('ojt-plan')).toBeVisible();
    await expect.element(screen.getByTestId('ojt-complete')).not.toBeInTheDocument();
    await screen.getByRole('checkbox', { name: '課の業務概要' }).click();
    await expect
      .poll(
        () =>
          fake.received.find((request) => request.key === 'POST /api/people/:personId/ojt-plan/ticks')?.body,
      )
      .toEqual({ version: 3, itemId: ITEM, done: true });
    await screen.getByTestId('ojt-guidance-text').fill('窓口対応を横で見て助言した');
    await screen.getByTestId('ojt-log').click();
    await expect
      .poll(
        () =>
          fake.received.find((request) => request.key === 'POST /api/people/:personId/ojt-plan/guidance')
            ?.body,
      )
      .toMatchObject({ version: 4, text: '窓口対応を横で見て助言した' });
  });

  it('lets the chain edit the plan: 指導担当, period, goals, items renamed, removed and added, at the version read', async () => {
    const OTHER = '77777777-7777-4777-8777-777777777777';
    const fake = fakeApi({
      'GET /api/people/:personId/ojt-plan': planAnswer({ canManage: true, canGuide: true }),
      'PUT /api/people/:personId/ojt-plan': planAnswer({ canManage: true, canGuide: true }, 4),
    });
    const { screen } = await mount(
      <OjtPanel
        api={fake.api}
        personId={PERSON}
        candidates={[
          { id: PERSON, displayName: '吉田 花子' },
          { id: OTHER, displayName: '中村 主事' },
        ]}
      />,
    );
    await screen.getByTestId('ojt-edit').click();
    const form = screen.getByTestId('ojt-edit-form');
    await expect.element(form).toBeVisible();
    // The current 指導担当 is offered though not among the candidates; the person themself is not.
    await expect.element(screen.getByTestId('ojt-edit-mentor')).toHaveValue(MENTOR);
    await expect.element(form.getByRole('option', { name: '吉田 花子' })).not.toBeInTheDocument();
    await expect.element(screen.getByTestId('ojt-edit-goals')).toHaveValue('窓口業務を一人で対応できる');
    await screen.getByTestId('ojt-edit-mentor').selectOptions(OTHER);
    await screen.getByTestId('ojt-edit-ends').fill('2027/06/30');
    await screen.getByRole('textbox', { name: 'チェックリストの項目 1' }).fill('課の業務と組織');
    await screen.getByRole('button', { name: 'チェックリストの項目 2 を削除' }).click();
    await screen.getByTestId('ojt-edit-add-item').click();
    await screen.getByRole('textbox', { name: 'チェックリストの項目 2' }).fill('窓口システムの操作');
    // A blank new line is dropped, not sent.
    await screen.getByTestId('ojt-edit-add-item').click();
    await screen.getByTestId('ojt-edit-save').click();
    await expect.element(screen.getByTestId('ojt-plan')).toBeVisible();
    expect(
      fake.received.find((request) => request.key === 'PUT /api/people/:personId/ojt-plan')?.body,
    ).toEqual({
      version: 3,
      mentorPersonId: OTHER,
      startsOn: '2026-12-01',
      endsOn: '2027-06-30',
      goals: ['窓口業務を一人で対応できる'],
      checklist: [
        { id: ITEM, label: '課の業務と組織' },
        { id: null, label: '窓口システムの操作' },
      ],
    });
  });

  it('keeps the edit on a stale version, says someone else changed the plan, and saves at the reloaded version', async () => {
    let version = 3;
    const saved: unknown[] = [];
    const fake = fakeApi({
      'GET /api/people/:personId/ojt-plan': () => planAnswer({ canManage: true, canGuide: true }, version),
      'PUT /api/people/:personId/ojt-plan': ({ body }) => {
        saved.push(body);
        if (saved.length === 1) {
          version = 4;
          throw new ApiError(409, 'version_conflict', 'The plan changed meanwhile.', 'req-1');
        }
        return planAnswer({ canManage: true, canGuide: true }, 5);
      },
    });
    const { screen } = await mount(<OjtPanel api={fake.api} personId={PERSON} />);
    await screen.getByTestId('ojt-edit').click();
    await screen.getByTestId('ojt-edit-goals').fill('窓口業務を一人で対応できる\n電話応対ができる');
    await screen.getByTestId('ojt-edit-save').click();
    await expect
      .element(screen.getByTestId('ojt-edit-conflict'))
      .toMatchTextContent('ほかの人がこの計画を更新しました');
    await expect.element(screen.getByTestId('ojt-edit-form')).toHaveAttribute('data-version', '4');
    await expect
      .element(screen.getByTestId('ojt-edit-goals'))
      .toHaveValue('窓口業務を一人で対応できる\n電話応対ができる');
    await screen.getByTestId('ojt-edit-save').click();
    await expect.element(screen.getByTestId('ojt-plan')).toBeVisible();
    expect(saved).toMatchObject([
      { version: 3, goals: ['窓口業務を一人で対応できる', '電話応対ができる'] },
      { version: 4, goals: ['窓口業務を一人で対応できる', '電話応対ができる'] },
    ]);
  });

  it('fits the edit form in 360 px in English and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const fake = fakeApi({
        'GET /api/people/:personId/ojt-plan': planAnswer({ canManage: true, canGuide: true }),
      });
      const { screen } = await mount(<OjtPanel api={fake.api} personId={PERSON} />, 'en', true);
      await screen.getByTestId('ojt-edit').click();
      await expect.element(screen.getByRole('button', { name: 'Remove checklist item 1' })).toBeVisible();
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });

  it('shows the person their plan read-only; fits 360 px in English and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const fake = fakeApi({
        'GET /api/people/:personId/ojt-plan': planAnswer({ canManage: false, canGuide: false }),
      });
      const { screen } = await mount(<OjtPanel api={fake.api} personId="me" />, 'en', true);
      await expect.element(screen.getByTestId('ojt-plan')).toBeVisible();
      await expect.element(screen.getByTestId('ojt-plan')).toMatchTextContent('Mentor (指導担当): 小川 主任');
      await expect.element(screen.getByRole('checkbox', { name: '文書事務' })).toBeChecked();
      await expect.element(screen.getByRole('checkbox', { name: '課の業務概要' })).toBeDisabled();
      await expect.element(screen.getByTestId('ojt-guidance')).toMatchTextContent('起案の書き方を確認した');
      await expect.element(screen.getByTestId('ojt-guidance-form')).not.toBeInTheDocument();
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});

describe('onboarding suggestions', () => {
  it('asks the supervisor to make a plan for the new arrival, and dismisses it at its version', async () => {
    const fake = fakeApi({
      'GET /api/ojt/suggestions': [suggestion],
      'POST /api/ojt/suggestions/:suggestionId/dismiss': { id: SUGGESTION, status: 'dismissed' },
    });
    const { screen } = await mount(<OjtSuggestions api={fake.api} />);
    await expect
      .element(screen.getByTestId(`ojt-suggestion-${PERSON}`))
      .toMatchTextContent('新しく配属された吉田 花子さんのOJT計画を作りましょう（転入）');
    await expect
      .element(screen.getByTestId('ojt-suggestion-start'))
      .toHaveAttribute('href', `#/team/${PERSON}`);
    await screen.getByTestId('ojt-suggestion-dismiss').click();
    await expect
      .poll(() =>
        fake.received.find((request) => request.key === 'POST /api/ojt/suggestions/:suggestionId/dismiss'),
      )
      .toMatchObject({ params: { suggestionId: SUGGESTION }, body: { version: 1 } });
  });

  it('passes axe in English and the dark theme', async () => {
    const fake = fakeApi({ 'GET /api/ojt/suggestions': [suggestion] });
    const { screen } = await mount(<OjtSuggestions api={fake.api} />, 'en', true);
    await expect
      .element(screen.getByTestId(`ojt-suggestion-${PERSON}`))
      .toMatchTextContent('Create an OJT plan for 吉田 花子, who has just joined (Transfer)');
    expect(await seriousViolations(screen.container)).toEqual([]);
  });
});

const guidedPlan: OjtGuidedPlan = {
  planId: '55555555-5555-4555-8555-555555555555',
  person: { id: PERSON, displayName: '吉田 花子' },
  department: '市民課',
  startsOn: '2026-12-01',
  endsOn: '2027-03-31',
  itemsDone: 1,
  itemsTotal: 2,
  lastGuidanceOn: '2026-12-02',
};

describe('the 指導担当’s plans', () => {
  it('lists the plans I guide with their progress, and opens one in place to tick an item', async () => {
    const fake = fakeApi({
      'GET /api/ojt/plans': [guidedPlan],
      'GET /api/people/:personId/ojt-plan': planAnswer({ canManage: false, canGuide: true }),
      'POST /api/people/:personId/ojt-plan/ticks': planAnswer({ canManage: false, canGuide: true }, 4),
    });
    const { screen } = await mount(<OjtGuidedPlans api={fake.api} />);
    const row = screen.getByTestId(`ojt-guided-${PERSON}`);
    await expect.element(row).toMatchTextContent(/吉田 花子\s*市民課\s*チェックリスト 1\/2/);
    expect(fake.received.find((request) => request.key === 'GET /api/ojt/plans')?.query).toEqual({
      as: 'guide',
    });
    await screen.getByRole('button', { name: '吉田 花子さんのOJT計画を開く' }).click();
    await expect.element(row.getByTestId('ojt-plan')).toBeVisible();
    await row.getByRole('checkbox', { name: '課の業務概要' }).click();
    await expect
      .poll(
        () =>
          fake.received.find((request) => request.key === 'POST /api/people/:personId/ojt-plan/ticks')?.body,
      )
      .toEqual({ version: 3, itemId: ITEM, done: true });
    // The list is read again for the new progress.
    await expect
      .poll(() => fake.received.filter((request) => request.key === 'GET /api/ojt/plans').length)
      .toBeGreaterThan(1);
  });

  it('shows nothing to someone who guides nobody', async () => {
    const fake = fakeApi({ 'GET /api/ojt/plans': [] });
    const { screen } = await mount(
      <div data-testid="host">
        <OjtGuidedPlans api={fake.api} />
      </div>,
    );
    await expect.poll(() => fake.received.some((request) => request.key === 'GET /api/ojt/plans')).toBe(true);
    await expect.element(screen.getByTestId('ojt-guided')).not.toBeInTheDocument();
  });

  it('fits 360 px in English and passes axe in the dark theme, opened', async () => {
    await page.viewport(360, 780);
    try {
      const fake = fakeApi({
        'GET /api/ojt/plans': [guidedPlan],
        'GET /api/people/:personId/ojt-plan': planAnswer({ canManage: false, canGuide: true }),
      });
      const { screen } = await mount(<OjtGuidedPlans api={fake.api} />, 'en', true);
      await screen.getByRole('button', { name: 'Open the OJT plan of 吉田 花子' }).click();
      await expect.element(screen.getByTestId('ojt-plan')).toBeVisible();
      await expect.element(screen.getByTestId('ojt-guided')).toMatchTextContent('Checklist 1/2');
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
