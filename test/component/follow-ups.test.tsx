// The DRILL follow-up in わたしの研修: the attendee answers 「業務に反映できましたか」 and a supervisor gives a
// one-line observation, in the tab as on the bot's card; what was typed stays when the write fails; the
// panel is absent when nothing is open; 360 px, English, dark theme and axe.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { FollowUpView } from '../../src/reports/follow-up.contract.ts';
import { ApiError } from '../../tab/src/api/client.ts';
import { registerBundle, type Language } from '../../tab/src/i18n/i18n.ts';
import { FollowUps } from '../../tab/src/training/follow-ups.tsx';
import messages from '../../tab/src/training/messages.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

registerBundle('training', messages);

const followUp = (overrides: Partial<FollowUpView> = {}): FollowUpView => ({
  id: '7d0e1f7a-3c1b-4d2e-9f00-000000000001',
  role: 'attendee',
  session: {
    sessionId: '22222222-2222-4222-8222-222222222222',
    courseId: '44444444-4444-4444-8444-444444444444',
    courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
    start: '2026-09-01T01:00:00.000Z',
    end: '2026-09-01T03:00:00.000Z',
  },
  personId: 'me',
  personName: '小平 花子',
  requestedAt: '2026-12-01T00:00:00.000Z',
  answer: null,
  text: null,
  answeredAt: null,
  editable: true,
  version: 1,
  ...overrides,
});

async function mount(answers: Answers, language: Language = 'ja', dark = false) {
  const fake = fakeApi(answers);
  const ui: ReactNode = <FollowUps api={fake.api} />;
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

describe('the DRILL follow-up in the tab', () => {
  it('lets the attendee answer with a choice and an example, sent with the version read', async () => {
    const open = followUp();
    const { screen, received } = await mount({
      'GET /api/reports/follow-ups': [open],
      'PUT /api/reports/follow-ups/:followUpId/answer': ({ body }) => ({
        ...open,
        answer: body.answer,
        text: body.example,
        answeredAt: '2026-12-02T00:00:00.000Z',
        version: 2,
      }),
    });
    await expect.element(screen.getByText('業務に反映できましたか', { exact: false })).toBeVisible();
    await expect.element(screen.getByTestId('follow-up-send')).toBeDisabled();
    await screen.getByRole('radio', { name: '一部できた' }).click();
    await screen.getByTestId('follow-up-example').fill('会議の冒頭で目的を確認した');
    await screen.getByTestId('follow-up-send').click();
    await expect.element(screen.getByTestId('follow-up-status')).toHaveTextContent('回答を保存しました。');
    expect(received.at(-1)).toMatchObject({
      key: 'PUT /api/reports/follow-ups/:followUpId/answer',
      params: { followUpId: open.id },
      body: { version: 1, answer: 'partly', example: '会議の冒頭で目的を確認した' },
    });
    // The stored answer is shown, and the next change carries its version.
    await expect.element(screen.getByText('回答を変更する')).toBeVisible();
  });

  it('keeps the supervisor’s typed observation when the write fails, and says why', async () => {
    const asked = followUp({ role: 'supervisor', personId: 'member-1' });
    const { screen } = await mount({
      'GET /api/reports/follow-ups': [asked],
      'PUT /api/reports/follow-ups/:followUpId/observation': () => {
        throw new ApiError(
          409,
          'version_conflict',
          'The follow-up was answered elsewhere meanwhile.',
          'req-1',
        );
      },
    });
    await expect
      .element(screen.getByText('小平 花子さんの研修後の様子をひとことで', { exact: false }))
      .toBeVisible();
    await screen.getByTestId('follow-up-observation').fill('説明が短く分かりやすくなった');
    await screen.getByTestId('follow-up-send').click();
    await expect.element(screen.getByTestId('follow-up-error')).toBeVisible();
    await expect
      .element(screen.getByTestId('follow-up-observation'))
      .toHaveValue('説明が短く分かりやすくなった');
  });

  it('shows nothing while nothing is open', async () => {
    const { screen } = await mount({ 'GET /api/reports/follow-ups': [] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(screen.container.querySelector('[data-testid="follow-ups"]')).toBeNull();
  });

  it('fits 360 px without sideways scrolling, in English, and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mount(
        {
          'GET /api/reports/follow-ups': [
            followUp({
              answer: 'applied',
              text: 'An example '.repeat(20),
              answeredAt: '2026-12-02T00:00:00.000Z',
            }),
            followUp({
              id: '7d0e1f7a-3c1b-4d2e-9f00-000000000002',
              role: 'supervisor',
              personId: 'member-1',
            }),
          ],
        },
        'en',
        true,
      );
      await expect
        .element(screen.getByText('Have you been able to apply it in your work?', { exact: false }))
        .toBeVisible();
      await expect
        .element(screen.getByText('小平 花子 after the training, in one line', { exact: false }))
        .toBeVisible();
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
