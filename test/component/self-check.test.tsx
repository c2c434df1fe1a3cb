// The self-check gives something to rate against: per item the 着眼点 HR wrote or, until then, the
// policy's own words; the marks' legend once per page; a progress count, and a confirmation that says
// what is still empty. No internal version numbers.
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { SelfCheckResponse } from '../../src/growth/self-check.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { CompetencyGuide } from '../../tab/src/matrix/competency-guide.tsx';
import { MarkLegend } from '../../tab/src/matrix/mark-legend.tsx';
import { SelfCheckItem } from '../../tab/src/self-check/self-check-item.tsx';
import SelfCheckView from '../../tab/src/self-check/self-check-view.tsx';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import messages from '../../tab/src/self-check/messages.ts';
import { framework, SHUJI_ITEMS } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const period = halfPeriodAt(new Date()).id;
// The view registers its texts when it loads; an item rendered on its own needs them too.
registerBundle('selfCheck', messages);

function selfCheck(overrides: Partial<SelfCheckResponse> = {}): SelfCheckResponse {
  return {
    personId: 'p-1',
    period,
    status: 'draft',
    editable: true,
    levelId: 'shuji',
    frameworkVersion: framework.version,
    items: SHUJI_ITEMS.map((competencyId) => ({ competencyId, mark: 'evaluated' as const })),
    ratings: { explanation: { rating: 3, evidence: '窓口で制度を説明した' } },
    reflections: { diversity: '相手の立場で考えた' },
    feedback: {},
    feedbackCompletedAt: null,
    viewpoints: { explanation: { ja: '根拠を示して分かりやすく説明している。', en: '' } },
    version: 3,
    submittedAt: null,
    ...overrides,
  };
}

function item(viewpoint: { ja: string; en: string } | undefined, competencyId = 'planning') {
  return (
    <SelfCheckItem
      period={period}
      item={{ competencyId, mark: 'evaluated' }}
      mark={framework.marks.evaluated}
      name="企画・調整力"
      guide={
        <CompetencyGuide
          framework={framework}
          levelId="shuji"
          competencyId={competencyId}
          viewpoint={viewpoint}
        />
      }
      entry={{ rating: null, evidence: '' }}
      feedback={undefined}
      editable
      ratingError={undefined}
      onRating={() => undefined}
      onEvidence={() => undefined}
    />
  );
}

describe('a self-check item', () => {
  it('shows the DRILL follow-up of a linked training as evidence: the answer, the example and the observation', async () => {
    const followUps: NonNullable<SelfCheckResponse['followUps']>[string] = [
      {
        sessionId: 's-1',
        courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
        start: '2026-09-01T01:00:00.000Z',
        answer: 'partly',
        example: '会議の冒頭で目的を確認した',
        observation: '会議が短くなった',
      },
    ];
    const { screen } = await renderTab(
      <SelfCheckItem
        period={period}
        item={{ competencyId: 'planning', mark: 'evaluated' }}
        mark={framework.marks.evaluated}
        name="企画・調整力"
        guide={null}
        entry={{ rating: null, evidence: '' }}
        feedback={undefined}
        followUps={followUps}
        editable
        ratingError={undefined}
        onRating={() => undefined}
        onEvidence={() => undefined}
      />,
    );
    const box = screen.getByTestId('follow-ups-planning');
    await expect.element(box).toBeVisible();
    const text = box.element().textContent;
    for (const part of [
      '研修のふりかえり（根拠）',
      'ファシリテーション研修: 一部反映できた',
      '会議の冒頭で目的を確認した',
      '上司から：会議が短くなった',
    ])
      expect(text).toContain(part);
  });

  it('shows the 着眼点 HR wrote for the level, and the Japanese when no English was written', async () => {
    const { screen } = await renderTab(item({ ja: '関係者の意見を調整して計画をまとめている。', en: '' }), {
      language: 'en',
    });
    const guide = screen.getByTestId('viewpoint-planning');
    await expect.element(guide).toHaveAttribute('data-source', 'hr');
    await expect.element(guide.getByText('関係者の意見を調整して計画をまとめている。')).toBeVisible();
    await expect.element(guide.getByText('What to look for', { exact: true })).toBeVisible();
  });

  it("shows the policy's own words until HR writes one: the group and the competency's row of the matrix", async () => {
    const { screen } = await renderTab(item(undefined, 'leadership'));
    const guide = screen.getByTestId('viewpoint-leadership');
    await expect.element(guide).toHaveAttribute('data-source', 'policy');
    await expect.element(guide.getByText('区分: 職務遂行能力')).toBeVisible();
    const row = guide.getByTestId('matrix-row');
    // 統率力: ● from 係長級 up, blank for 主事級 (the person's level, marked current).
    await expect.element(row.getByText(/係長級/)).toMatchTextContent(/^係長級 ●評価項目$/);
    await expect.element(row.getByText(/主事級/)).toHaveAttribute('aria-current', 'true');
    await expect.element(row.getByText(/主事級/)).toMatchTextContent(/^主事級 —全職員に基本的レベルで必要$/);
    expect(document.body.textContent).not.toContain('重点的に伸ばしましょう');
    expect(document.body.textContent).not.toContain('求められていません');
  });
});

describe('the legend of the marks', () => {
  it('explains ●, ※, ○ and blank once, the blank as the policy says (every ability, all staff, basic level)', async () => {
    const { screen } = await renderTab(<MarkLegend framework={framework} />);
    const legend = screen.getByTestId('mark-legend');
    await expect.element(legend.getByRole('heading', { name: '記号の意味' })).toBeVisible();
    await expect
      .element(legend.getByTestId('legend-evaluated'))
      .toMatchTextContent(/^●評価項目職層ごとに求められる能力のうち/);
    await expect.element(legend.getByTestId('legend-maintain')).toMatchTextContent(/^※維持・充実/);
    await expect
      .element(legend.getByTestId('legend-parttime'))
      .toMatchTextContent(/^○会計年度任用職員に求められる/);
    await expect
      .element(legend.getByTestId('legend-none'))
      .toMatchTextContent(
        /空欄: 全職員に基本的レベルで必要.*全職員が基本的レベルで兼ね備えている必要がある能力です/,
      );
    expect(document.body.textContent).not.toContain('求められていません');
  });
});

describe('the self-check page', () => {
  const answers = (current: SelfCheckResponse) => ({
    'GET /api/framework': framework,
    'GET /api/people/:personId/self-checks': { personId: 'p-1', periods: [] },
    'GET /api/people/:personId/self-checks/:period': current,
  });

  it('counts the rated items, shows the legend once, the roles of my level, and no version number', async () => {
    const fake = fakeApi(answers(selfCheck()));
    const { screen } = await renderTab(<SelfCheckView api={fake.api} rest={[]} />);
    const form = screen.getByTestId(`self-check-${period}`);
    await expect
      .element(form.getByTestId('self-check-progress'))
      .toMatchTextContent(/^7項目中1項目を入力済み$/);
    expect(form.getByTestId('mark-legend').elements()).toHaveLength(1);
    await expect
      .element(form.getByTestId('level-roles'))
      .toMatchTextContent(/^主事級の役割主事級 — 業務の遂行者担当業務を適切に遂行し/);
    await expect.element(form.getByTestId('viewpoint-explanation')).toHaveAttribute('data-source', 'hr');
    await expect.element(form.getByTestId('viewpoint-planning')).toHaveAttribute('data-source', 'policy');
    expect(document.body.textContent).not.toMatch(/版\s*\d/);

    await form.getByTestId('item-planning').getByRole('radio', { name: '4 優れている' }).click();
    await expect
      .element(form.getByTestId('self-check-progress'))
      .toMatchTextContent(/^7項目中2項目を入力済み$/);
  });

  it('keeps the save and submit actions in view (a sticky footer)', async () => {
    const fake = fakeApi(answers(selfCheck()));
    const { screen } = await renderTab(<SelfCheckView api={fake.api} rest={[]} />);
    const footer = screen.getByTestId('self-check-actions');
    await expect.element(footer).toBeVisible();
    expect(getComputedStyle(footer.element()).position).toBe('sticky');
    expect(getComputedStyle(footer.element()).bottom).toBe('0px');
  });

  // Measured, not just styled: a sticky element sticks only inside its scroll container and its parent's
  // box, so the test scrolls the document (what scrolls inside the tab's iframe) through the items.
  it.each([
    [360, 780, 'ja'],
    [360, 780, 'en'],
    [1280, 720, 'ja'],
  ] as const)(
    'keeps the actions inside the viewport at %i×%i px while scrolling the items, covering nothing at the end (%s)',
    async (width, height, language) => {
      await page.viewport(width, height);
      try {
        const fake = fakeApi(answers(selfCheck()));
        const { screen } = await renderTab(<SelfCheckView api={fake.api} rest={[]} />, { language });
        const footer = screen.getByTestId('self-check-actions');
        await expect.element(footer).toBeVisible();
        const root = document.documentElement;
        const items = SHUJI_ITEMS.map((id) => screen.getByTestId(`item-${id}`).element());
        for (const item of [items[0]!, items[3]!, items.at(-1)!]) {
          // The item's top at the middle of the viewport.
          window.scrollTo(0, window.scrollY + item.getBoundingClientRect().top - height / 2);
          const box = footer.element().getBoundingClientRect();
          expect({ top: box.top >= 0, bottom: box.bottom <= window.innerHeight + 0.5 }).toEqual({
            top: true,
            bottom: true,
          });
          await expectNoSidewaysScroll();
        }
        // A control reached by keyboard below the fold is scrolled clear of the actions, not under them.
        window.scrollTo(0, 0);
        const evidence = screen.getByTestId('evidence-problemSolving').element();
        const field = evidence.querySelector('textarea') ?? evidence;
        window.scrollTo(0, window.scrollY + field.getBoundingClientRect().top - height - 40);
        (field as HTMLElement).focus();
        expect(field.getBoundingClientRect().bottom).toBeLessThanOrEqual(
          footer.element().getBoundingClientRect().top + 0.5,
        );
        // At the end the actions sit below the last of the form (the reflections), in the flow.
        window.scrollTo(0, root.scrollHeight);
        const reflections = screen.getByTestId('reflections').element().getBoundingClientRect();
        expect(footer.element().getBoundingClientRect().top).toBeGreaterThanOrEqual(reflections.bottom);
      } finally {
        window.scrollTo(0, 0);
        await page.viewport(414, 896);
      }
    },
  );

  it('says which items and reflections are still empty before submitting', async () => {
    const all = Object.fromEntries(
      SHUJI_ITEMS.map((id) => [id, { rating: 3, evidence: id === 'explanation' ? '窓口で説明した' : '' }]),
    );
    const fake = fakeApi(answers(selfCheck({ ratings: all })));
    const { screen } = await renderTab(<SelfCheckView api={fake.api} rest={[]} />);
    await screen.getByTestId('submit').click();
    const empty = screen.getByTestId('confirm-empty');
    await expect.element(empty).toBeVisible();
    await expect
      .element(empty.getByTestId('confirm-empty-evidence'))
      .toMatchTextContent(/^企画・調整力解決・判断力協調性積極性・責任感向上心規律性$/);
    await expect.element(empty.getByTestId('confirm-empty-evidence')).not.toMatchTextContent(/説明・説得力/);
    await expect.element(empty).toMatchTextContent(/根拠が未記入の項目（6）/);
    await expect.element(empty).toMatchTextContent(/DRILL の振り返りが未記入（4）/);
    await expect
      .element(empty.getByTestId('confirm-empty-reflections'))
      .toMatchTextContent(/^R: ResponsibilityI: IdentityL: LinkL: Local love$/);
  });
});
