// Career design's rotation history with HR's 発令 postings (docs/growth.md, "Career design"): read-only rows
// tagged 「人事発令より」, merged by start month among the person's own, typed ones that overlap marked.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CareerDesignResponse } from '../../src/growth/career.contract.ts';
import { CareerSummary } from '../../tab/src/career/career-summary.tsx';
import { seriousViolations } from './support/axe.ts';
import { renderTab } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const career: CareerDesignResponse = {
  personId: '11111111-1111-4111-8111-111111111111',
  editable: false,
  hireDate: '2016-04-01',
  evaluationPeriodEnd: '2026-04-01',
  version: 1,
  visionMidTerm: '',
  visionLongTerm: '',
  path: 'rotation',
  pathField: '',
  interests: [],
  qualificationsHeld: [],
  qualificationsPlanned: [],
  trainingsWanted: [],
  rotation: [
    {
      from: '2016-04',
      to: '2019-03',
      department: '納税課',
      duties: '',
      inEvaluationPeriod: true,
      superseded: false,
    },
    {
      from: '2022-04',
      to: null,
      department: '今の課',
      duties: '',
      inEvaluationPeriod: true,
      superseded: true,
    },
  ],
  rotationFromRecords: [
    { from: '2019-04', to: '2022-03', department: '市民課', division: '市民部', inEvaluationPeriod: true },
    {
      from: '2026-04',
      to: null,
      department: '高齢者支援課',
      division: '健康福祉部',
      inEvaluationPeriod: false,
    },
  ],
  updatedAt: '2026-05-01T00:00:00.000Z',
};

describe('rotation history with HR 発令 postings', () => {
  it('merges HR postings by start month, tags them 人事発令より and marks the overlapping typed one', async () => {
    const { screen } = await renderTab(<CareerSummary career={career} />);
    const timeline = screen.getByTestId('rotation-timeline');
    await expect.element(timeline).toBeVisible();
    const items = [...timeline.element().querySelectorAll(':scope > li')].map((li) => [
      li.getAttribute('data-testid'),
      li.getAttribute('data-in-evaluation-period'),
    ]);
    expect(items).toEqual([
      ['rotation-entry', 'true'],
      ['rotation-record', 'true'],
      ['rotation-entry', 'true'],
      ['rotation-record', 'false'],
    ]);
    await expect.element(screen.getByTestId('from-records').first()).toHaveTextContent('人事発令より');
    await expect
      .element(screen.getByTestId('rotation-record-place').first())
      .toHaveTextContent('市民課（市民部）');
    expect(screen.getByTestId('rotation-superseded').elements()).toHaveLength(1);
  });

  it('fits 360 px in English and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await renderTab(
        <FluentProvider theme={teamsDarkTheme}>
          <CareerSummary career={career} />
        </FluentProvider>,
        { language: 'en' },
      );
      await expect.element(screen.getByTestId('from-records').first()).toHaveTextContent('From HR records');
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
