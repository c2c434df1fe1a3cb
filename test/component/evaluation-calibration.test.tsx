// The 調整 view (docs/evaluation.md, "In the tab"): a 課's or 部's confirmed ratings as bars and as a
// table, the outliers against the self-check linked to their evaluation, and a 403 explained.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CalibrationView } from '../../src/evaluation/evaluation.contract.ts';
import evaluationFile from '../../src/evaluation/data/kodaira-evaluation.json' with { type: 'json' };
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { ApiError } from '../../tab/src/api/client.ts';
import CalibrationPage from '../../tab/src/evaluation/calibration-view.tsx';
import { seriousViolations } from './support/axe.ts';
import { framework, meAt } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const fiscalYear = halfPeriodAt(new Date()).fiscalYear;
const kacho = meAt('kacho', { roles: ['employee', 'supervisor'], department: '市民課', division: '市民部' });

const view: CalibrationView = {
  fiscalYear,
  department: '市民課',
  division: null,
  evaluations: 4,
  overall: { A: 6, B: 9, C: 1 },
  items: [{ kind: 'competency', itemId: 'planning', distribution: { A: 2, B: 2 } }],
  outliers: [
    {
      person: { id: 'person-a', displayName: '吉田 花子' },
      itemId: 'planning',
      finalRating: 'C',
      selfRating: 5,
      steps: -3,
    },
  ],
};

async function open(answers: Answers = {}, options: { language?: 'ja' | 'en'; dark?: boolean } = {}) {
  const fake = fakeApi({
    'GET /api/me': kacho,
    'GET /api/framework': framework,
    'GET /api/evaluations/config': evaluationFile,
    'GET /api/evaluations/calibration': view,
    ...answers,
  });
  const ui = <CalibrationPage api={fake.api} rest={[]} />;
  const { screen } = await renderTab(
    options.dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui,
    { language: options.language ?? 'ja' },
  );
  return { screen, received: fake.received };
}

/** Each grade of the scale, best first, with its count: the same in the bars and in the table. */
const GRADES = ['S（特に優秀）0', 'A（優秀）6', 'B（標準）9', 'C（やや劣る）1', 'D（劣る）0'];

const textOf = (locator: { query: () => Element | null }) => locator.query()?.textContent ?? '';

describe('the 調整 view', () => {
  it("opens on the caller's own 課: a bar and a table row per grade, the outliers linked to their evaluation", async () => {
    const { screen, received } = await open();
    await expect.poll(() => textOf(screen.getByTestId('calibration-count'))).toContain('確定した評価：4件');
    expect(received.find((request) => request.key === 'GET /api/evaluations/calibration')?.query).toEqual({
      fiscalYear: String(fiscalYear),
      department: '市民課',
    });
    const bars = screen.getByTestId('calibration-bars').element().querySelectorAll('li');
    expect([...bars].map((bar) => bar.textContent)).toEqual(GRADES);
    const rows = screen.getByTestId('calibration-table').element().querySelectorAll('tbody tr');
    expect([...rows].map((row) => row.textContent)).toEqual(GRADES);
    const outlier = screen.getByTestId('calibration-outlier-person-a');
    await expect.poll(() => textOf(outlier)).toContain('吉田 花子企画・調整力C（やや劣る）5-3');
    expect(outlier.element().querySelector('a')?.getAttribute('href')).toBe(
      `#/evaluation/person-a/${fiscalYear}`,
    );
  });

  it('asks for the 部 when the scope changes', async () => {
    const { screen, received } = await open();
    await expect.element(screen.getByTestId('calibration-count')).toBeVisible();
    await screen.getByTestId('calibration-scope').selectOptions('division');
    await expect
      .poll(
        () => received.filter((request) => request.key === 'GET /api/evaluations/calibration').at(-1)?.query,
      )
      .toEqual({ fiscalYear: String(fiscalYear), division: '市民部' });
  });

  it('explains a 403: who may calibrate a 課 or 部', async () => {
    const { screen } = await open({
      'GET /api/evaluations/calibration': () => {
        throw new ApiError(403, 'forbidden', 'nobody below you', 'req-1');
      },
    });
    await expect
      .poll(() => textOf(screen.getByTestId('calibration-forbidden')))
      .toContain('課長・部長（係長は自分の係の職員）と人事担当');
  });

  it('fits 360 px in English and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await open({}, { language: 'en', dark: true });
      await expect
        .poll(() => textOf(screen.getByTestId('calibration-count')))
        .toContain('Confirmed evaluations: 4');
      await expect
        .poll(() => textOf(screen.getByTestId('calibration-outliers')))
        .toContain('Ratings far from the self-check');
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
