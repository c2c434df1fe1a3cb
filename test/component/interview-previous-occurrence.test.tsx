// A recurring 1:1's occurrence shows what the previous occurrence left: its shared notes and the action
// items still open, in Japanese first and in English, at 360 px and in the dark theme.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { InterviewDetail } from '../../src/interviews/interview.contract.ts';
import { registerBundle, type Language } from '../../tab/src/i18n/i18n.ts';
import { InterviewRecordView } from '../../tab/src/interviews/interview-record.tsx';
import messages from '../../tab/src/interviews/messages.ts';
import { interviewDetail, meAt } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

registerBundle('interviews', messages);

const DAY = 24 * 60 * 60_000;

function occurrence(overrides: Partial<InterviewDetail> = {}): InterviewDetail {
  const start = Date.now() + 7 * DAY;
  return interviewDetail({
    id: 'iv-2',
    start: new Date(start).toISOString(),
    end: new Date(start + DAY / 48).toISOString(),
    seriesId: 'series-1',
    seriesIndex: 1,
    version: 2,
    previousOccurrence: {
      id: 'iv-1',
      start: new Date(start - 7 * DAY).toISOString(),
      sharedNotes: '窓口の応援体制を見直す',
      openActionItems: [{ id: 'a-1', text: '引継ぎ資料を作る', done: false, carriedFrom: null }],
    },
    ...overrides,
  });
}

async function open(detail: InterviewDetail, language: Language = 'ja', dark = false) {
  const fake = fakeApi({ 'GET /api/me': meAt('shuji'), 'GET /api/interviews/:interviewId': detail });
  const view = <InterviewRecordView api={fake.api} id={detail.id} />;
  const { screen } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{view}</FluentProvider> : view,
    {
      language,
    },
  );
  await expect.element(screen.getByTestId('record-previous')).toBeVisible();
  return screen;
}

describe('the previous occurrence of a 1:1 series', () => {
  it('shows its shared notes and the action items still open', async () => {
    const screen = await open(occurrence());
    await expect.element(screen.getByText('前回の 1on1')).toBeVisible();
    await expect
      .element(screen.getByTestId('record-previous-notes'))
      .toHaveTextContent('窓口の応援体制を見直す');
    await expect.element(screen.getByTestId('record-previous-items')).toHaveTextContent('引継ぎ資料を作る');
  });

  it('says when nothing was left, in English, at 360 px and in the dark theme without axe violations', async () => {
    await page.viewport(360, 780);
    try {
      const screen = await open(
        occurrence({
          previousOccurrence: {
            id: 'iv-1',
            start: new Date().toISOString(),
            sharedNotes: '',
            openActionItems: [],
          },
        }),
        'en',
        true,
      );
      await expect.element(screen.getByText('No action items left open.')).toBeVisible();
      await expect.element(screen.getByText('No shared notes from the previous 1:1.')).toBeVisible();
      await expectNoSidewaysScroll();
      const results = await axe.run(screen.container, { resultTypes: ['violations'] });
      expect(
        results.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => violation.id),
      ).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
