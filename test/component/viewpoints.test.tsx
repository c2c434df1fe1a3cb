// HR writes 着眼点 per level in the console; the supervisor's feedback page shows them, the legend once,
// how far the feedback has got, and completes it only on the supervisor's word.
import { describe, expect, it } from 'vitest';
import type { Viewpoint } from '../../src/framework/viewpoint.contract.ts';
import type { SelfCheckResponse } from '../../src/growth/self-check.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import ViewpointsSection from '../../tab/src/hr/viewpoints/viewpoints-section.tsx';
import { SelfCheckFeedback } from '../../tab/src/team/self-check-feedback.tsx';
import { framework, meAt, SHUJI_ITEMS } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';

const period = halfPeriodAt(new Date()).id;

describe("HR's 着眼点 section", () => {
  it('lists the items of a level and saves a 着眼点 with the version it read', async () => {
    const written: Viewpoint = {
      levelId: 'shuji',
      competencyId: 'planning',
      ja: '関係者と調整して計画をまとめている。',
      en: '',
      version: 1,
      updatedAt: new Date().toISOString(),
    };
    let list: Viewpoint[] = [];
    const fake = fakeApi({
      'GET /api/framework/viewpoints': () => ({ frameworkVersion: framework.version, viewpoints: list }),
      'PUT /api/framework/viewpoints/:levelId/:competencyId': () => {
        list = [written];
        return written;
      },
    });
    const base = { me: meAt('kacho', { roles: ['employee', 'hr'] }), framework };
    const { screen } = await renderTab(<ViewpointsSection api={fake.api} base={base} rest={[]} />);
    await screen.getByTestId('viewpoints-level').selectOptions('shuji');
    // 主事級: the seven marked items, not the blank ones (統率力, 人財育成力, 組織支援力).
    await expect.element(screen.getByText('7 項目')).toBeVisible();
    expect(screen.getByTestId('viewpoint-row-leadership').elements()).toHaveLength(0);
    const row = screen.getByTestId('viewpoint-row-planning');
    await expect
      .element(row.getByTestId('viewpoint-state'))
      .toHaveTextContent('未記入（方針の位置づけを表示中）');
    await row.getByTestId('viewpoint-ja').fill(written.ja);
    await row.getByTestId('viewpoint-save').click();
    await expect
      .element(screen.getByTestId('viewpoints-status'))
      .toHaveTextContent('企画・調整力の着眼点を保存しました。');
    const put = fake.received.find(
      (request) => request.key === 'PUT /api/framework/viewpoints/:levelId/:competencyId',
    );
    expect(put).toMatchObject({
      params: { levelId: 'shuji', competencyId: 'planning' },
      body: { version: 0, ja: written.ja, en: '' },
    });
    await expect
      .element(screen.getByTestId('viewpoint-row-planning').getByTestId('viewpoint-state'))
      .toHaveTextContent('記入済み');
  });

  it('will not save English without Japanese', async () => {
    const fake = fakeApi({
      'GET /api/framework/viewpoints': { frameworkVersion: framework.version, viewpoints: [] },
    });
    const base = { me: meAt('kacho', { roles: ['employee', 'hr'] }), framework };
    const { screen } = await renderTab(<ViewpointsSection api={fake.api} base={base} rest={[]} />);
    const row = screen.getByTestId('viewpoint-row-explanation');
    await row.getByTestId('viewpoint-en').fill('Explains clearly.');
    await expect
      .element(row.getByText('英語だけでは保存できません。日本語を入力してください。'))
      .toBeVisible();
    await expect.element(row.getByTestId('viewpoint-save')).toBeDisabled();
  });
});

describe("the supervisor's feedback on a self-check", () => {
  const submitted: SelfCheckResponse = {
    personId: 'p-1',
    period,
    status: 'submitted',
    editable: false,
    levelId: 'shuji',
    frameworkVersion: framework.version,
    items: SHUJI_ITEMS.map((competencyId) => ({ competencyId, mark: 'evaluated' as const })),
    ratings: { explanation: { rating: 4, evidence: '窓口で説明した' } },
    reflections: {},
    feedback: {
      explanation: { comment: '分かりやすい説明でした。', authorId: 'boss', at: new Date().toISOString() },
      planning: { comment: '計画が丁寧です。', authorId: 'boss', at: new Date().toISOString() },
    },
    feedbackCompletedAt: null,
    viewpoints: { explanation: { ja: '根拠を示して説明している。', en: '' } },
    version: 4,
    submittedAt: new Date().toISOString(),
  };

  it('shows 2/7 until the supervisor completes it, then 「フィードバック済み」', async () => {
    const fake = fakeApi({
      'POST /api/people/:personId/self-checks/:period/feedback/complete': () => ({
        ...submitted,
        feedbackCompletedAt: new Date().toISOString(),
        version: 5,
      }),
    });
    const { screen, queryClient } = await renderTab(
      <SelfCheckFeedback
        api={fake.api}
        personId="p-1"
        selfCheck={submitted}
        framework={framework}
        queryKey={['people', 'p-1', 'self-checks', period]}
        onReload={() => undefined}
      />,
    );
    await expect.element(screen.getByTestId('self-check-state')).toHaveTextContent('フィードバック中 2/7');
    expect(screen.getByTestId('mark-legend').elements()).toHaveLength(1);
    await expect.element(screen.getByTestId('viewpoint-explanation')).toHaveAttribute('data-source', 'hr');
    await expect.element(screen.getByTestId('viewpoint-planning')).toHaveAttribute('data-source', 'policy');
    await screen.getByTestId('feedback-complete').click();
    await expect
      .element(screen.getByTestId('feedback-notice'))
      .toHaveTextContent('フィードバックを完了しました。');
    expect(fake.received.at(-1)).toMatchObject({ body: { version: 4 } });
    const cached = queryClient.getQueryData<SelfCheckResponse>(['people', 'p-1', 'self-checks', period]);
    expect(typeof cached?.feedbackCompletedAt).toBe('string');
  });
});
