// HR's 研修効果 of a course (issue 19 ⑤): the three blocks as the server answers them, each withheld block
// saying 「3人未満のため非表示」 and nothing more; opened from HR's course list; the fiscal year asked
// for; 360 px, English, dark theme and axe.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CourseResults } from '../../src/analytics/course-results.contract.ts';
import { currentFiscalYear } from '../../tab/src/hr/dashboards/analytics-ui.tsx';
import { registerBundle, type Language } from '../../tab/src/i18n/i18n.ts';
import { CourseResultsPanel } from '../../tab/src/training/course-results.tsx';
import { HrCourses } from '../../tab/src/training/hr-courses.tsx';
import messages from '../../tab/src/training/messages.ts';
import { courseView, framework } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

registerBundle('training', messages);

const COURSE_ID = '44444444-4444-4444-8444-444444444444';
const year = currentFiscalYear();

const shown: CourseResults = {
  courseId: COURSE_ID,
  title: { ja: 'ファシリテーション研修', en: 'Facilitation' },
  fiscalYear: year,
  minGroupSize: 3,
  sessions: 2,
  attendees: 5,
  satisfaction: {
    state: 'shown',
    raters: 4,
    mean: 4,
    distribution: [
      { rating: 1, people: 0 },
      { rating: 2, people: 0 },
      { rating: 3, people: 1 },
      { rating: 4, people: 2 },
      { rating: 5, people: 1 },
    ],
  },
  followUps: {
    asked: 5,
    observations: 2,
    answers: {
      state: 'shown',
      answered: 3,
      counts: { applied: 1, partly: 1, notYet: 1 },
      examples: [
        { answer: 'applied', text: '窓口で要点から説明するようにした' },
        { answer: 'partly', text: '係の会議で使い始めた' },
      ],
    },
  },
  beforeAfter: [
    {
      competencyId: 'explanation',
      result: { state: 'shown', people: 3, before: 3, after: 4.33, change: 1.33 },
    },
    { competencyId: 'cooperation', result: { state: 'hidden' } },
    { competencyId: 'leadership', result: { state: 'none' } },
  ],
};

const withheld: CourseResults = {
  ...shown,
  attendees: 2,
  satisfaction: { state: 'hidden' },
  followUps: { asked: 2, observations: 0, answers: { state: 'hidden' } },
  beforeAfter: [
    { competencyId: 'explanation', result: { state: 'hidden' } },
    { competencyId: 'cooperation', result: { state: 'hidden' } },
  ],
};

async function mount(answers: Answers, language: Language = 'ja', dark = false) {
  const fake = fakeApi(answers);
  const ui: ReactNode = <CourseResultsPanel api={fake.api} framework={framework} courseId={COURSE_ID} />;
  const { screen } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui,
    { language },
  );
  return { screen, received: fake.received };
}

async function seriousViolations(root: Element): Promise<string[]> {
  const results = await axe.run(root, { resultTypes: ['violations'] });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}

const rowTexts = (table: Element) =>
  [...table.querySelectorAll('tbody tr')].map((row) =>
    [...row.children].map((cell) => cell.textContent?.trim()),
  );

describe("HR's 研修効果 of a course", () => {
  it('shows satisfaction, the follow-up answers without names, and the self-ratings before and after', async () => {
    const { screen, received } = await mount({
      'GET /api/hr/training/courses/:courseId/results': shown,
    });
    await expect
      .element(screen.getByTestId('course-results-satisfaction-mean'))
      .toHaveTextContent('平均 4.00（4 人）');
    expect(received[0]).toMatchObject({
      key: 'GET /api/hr/training/courses/:courseId/results',
      params: { courseId: COURSE_ID },
      query: { fiscalYear: String(year) },
    });
    expect(rowTexts(screen.getByTestId('course-results-satisfaction').element())).toEqual([
      ['5 とても満足', '1'],
      ['4 満足', '2'],
      ['3 ふつう', '1'],
      ['2 やや不満', '0'],
      ['1 不満', '0'],
    ]);
    expect(rowTexts(screen.getByTestId('course-results-follow-ups').element())).toEqual([
      ['できた', '1'],
      ['一部できた', '1'],
      ['まだ', '1'],
    ]);
    expect(
      [...screen.getByTestId('course-results-examples').element().querySelectorAll('li')].map(
        (item) => item.textContent,
      ),
    ).toEqual(['できた：窓口で要点から説明するようにした', '一部できた：係の会議で使い始めた']);
    await expect.element(screen.getByText('上司の所見 2 件', { exact: false })).toBeVisible();
    expect(rowTexts(screen.getByTestId('course-results-before-after').element())).toEqual([
      ['説明・説得力', '3.00', '4.33', '+1.33', '3'],
      ['協調性', '3人未満のため非表示'],
      ['統率力', '該当者なし'],
    ]);
  });

  it('says 「3人未満のため非表示」 for every withheld block, and no figure of it', async () => {
    const { screen } = await mount({ 'GET /api/hr/training/courses/:courseId/results': withheld });
    await expect
      .element(screen.getByTestId('course-results-satisfaction-withheld'))
      .toHaveTextContent('3人未満のため非表示');
    await expect
      .element(screen.getByTestId('course-results-follow-ups-withheld'))
      .toHaveTextContent('3人未満のため非表示');
    expect(rowTexts(screen.getByTestId('course-results-before-after').element())).toEqual([
      ['説明・説得力', '3人未満のため非表示'],
      ['協調性', '3人未満のため非表示'],
    ]);
    const container = screen.container;
    expect(container.querySelector('[data-testid=course-results-satisfaction]')).toBeNull();
    expect(container.querySelector('[data-testid=course-results-examples]')).toBeNull();
    expect(container.textContent).not.toMatch(/平均 \d|とても満足|\d\.\d\d|できた：/);
  });

  it('opens from HR’s course list', async () => {
    const course = courseView(COURSE_ID, {
      category: 'specialist',
      title: { ja: 'ファシリテーション研修', en: 'Facilitation' },
      competencyIds: ['explanation', 'cooperation'],
      manageable: true,
    });
    const { api } = fakeApi({
      'GET /api/training/courses': [course],
      'GET /api/hr/training/courses/:courseId/results': shown,
    });
    const { screen } = await renderTab(<HrCourses api={api} framework={framework} />);
    const toggle = screen.getByTestId('course-results-toggle');
    await expect.element(toggle).toHaveTextContent('研修効果');
    await toggle.click();
    await expect
      .element(screen.getByTestId('course-results-counts'))
      .toHaveTextContent('研修回 2 回・受講者 5 人');
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'true');
  });

  it('fits 360 px without sideways scrolling, in English, and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mount({ 'GET /api/hr/training/courses/:courseId/results': shown }, 'en', true);
      await expect
        .element(screen.getByTestId('course-results-satisfaction-mean'))
        .toHaveTextContent('Mean 4.00 (4 people)');
      await expect.element(screen.getByText('Hidden: fewer than 3 people', { exact: false })).toBeVisible();
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
