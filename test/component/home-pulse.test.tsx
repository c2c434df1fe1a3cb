// The やりがい pulse's card on the home (docs/pulse.md): the open pulse's questions as 1–5 radio groups and
// the optional free text, sent as the bot's card sends them; a refusal is shown and the choices stay; no
// card when nothing is open or I answered; 360 px, English, dark theme and axe.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CurrentPulse } from '../../src/pulse/pulse.contract.ts';
import { ApiError } from '../../tab/src/api/client.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import messages from '../../tab/src/home/messages.ts';
import { PulseAnswerCard } from '../../tab/src/home/pulse-card.tsx';
import { seriousViolations } from './support/axe.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

registerBundle('home-next', messages);

const open = (overrides: Partial<NonNullable<CurrentPulse['pulse']>> = {}): CurrentPulse => ({
  pulse: {
    id: '5cb657af-9c88-48d7-b53d-23fd6717c71e',
    quarter: '2026-Q3',
    questions: [
      { ja: '仕事にやりがいを感じる', en: 'I find my work rewarding' },
      { ja: '成長を実感している', en: 'I feel I am growing' },
      { ja: '職場で相談しやすい', en: 'I can ask for help at work' },
    ],
    freeTextQuestion: { ja: '一言どうぞ', en: 'Anything else?' },
    opensOn: '2026-12-01',
    closesOn: '2026-12-18',
    answered: false,
    ...overrides,
  },
});

async function mount(answers: Answers, language: Language = 'ja', dark = false) {
  const fake = fakeApi(answers);
  const ui: ReactNode = (
    <div data-testid="root">
      <PulseAnswerCard api={fake.api} />
    </div>
  );
  const { screen } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui,
    { language },
  );
  return { screen, received: fake.received };
}

describe('the pulse on the home', () => {
  it('asks each question 1 to 5 with the free text, says the answer is anonymous, and sends it once', async () => {
    const { screen, received } = await mount({
      'GET /api/pulses/current': open(),
      'POST /api/pulses/:pulseId/answer': ({ params }) => ({ pulseId: params.pulseId, answered: true }),
    });
    await expect.element(screen.getByRole('heading', { name: 'やりがいパルス（2026-Q3）' })).toBeVisible();
    await expect
      .element(screen.getByTestId('home-pulse-anonymity'))
      .toHaveTextContent(
        '回答はお名前と結び付けずに保存され、課ごとの結果は5人以上が回答した課だけが表示されます。',
      );
    const first = screen.getByRole('radiogroup', { name: '仕事にやりがいを感じる' });
    await expect.element(first).toBeVisible();
    await expect.element(screen.getByTestId('home-pulse-send')).toBeDisabled();
    await first.getByRole('radio', { name: '5 そう思う' }).click();
    await screen
      .getByRole('radiogroup', { name: '成長を実感している' })
      .getByRole('radio', { name: '3' })
      .click();
    await screen
      .getByRole('radiogroup', { name: '職場で相談しやすい' })
      .getByRole('radio', { name: '1 そう思わない' })
      .click();
    await screen.getByTestId('home-pulse-free-text').fill('係で話し合えた');
    await screen.getByTestId('home-pulse-send').click();
    await expect
      .element(screen.getByTestId('home-pulse-status'))
      .toHaveTextContent('ご回答ありがとうございました。');
    expect(received.at(-1)).toMatchObject({
      key: 'POST /api/pulses/:pulseId/answer',
      params: { pulseId: open().pulse!.id },
      body: { ratings: [5, 3, 1], freeText: '係で話し合えた' },
    });
    expect(screen.container.querySelector('[data-testid="home-pulse-send"]')).toBeNull();
  });

  it('shows the server’s refusal in the pulse’s words and keeps what was chosen', async () => {
    const { screen } = await mount({
      'GET /api/pulses/current': open(),
      'POST /api/pulses/:pulseId/answer': () => {
        throw new ApiError(
          409,
          'conflict',
          'This pulse closed on 2026-12-18; answers are no longer taken.',
          'r1',
          [{ path: 'pulse', message: 'closed' }],
        );
      },
    });
    for (const question of ['仕事にやりがいを感じる', '成長を実感している', '職場で相談しやすい'])
      await screen.getByRole('radiogroup', { name: question }).getByRole('radio', { name: '4' }).click();
    await screen.getByTestId('home-pulse-free-text').fill('残しておきたい');
    await screen.getByTestId('home-pulse-send').click();
    await expect
      .element(screen.getByTestId('home-pulse-error'))
      .toHaveTextContent('このパルスは2026-12-18に締め切られました。回答は受け付けられません。');
    await expect
      .element(
        screen.getByRole('radiogroup', { name: '成長を実感している' }).getByRole('radio', { name: '4' }),
      )
      .toBeChecked();
    await expect.element(screen.getByTestId('home-pulse-free-text')).toHaveValue('残しておきたい');
  });

  it('shows nothing when no pulse is open or I answered it', async () => {
    for (const current of [{ pulse: null }, open({ answered: true })]) {
      const { screen, received } = await mount({ 'GET /api/pulses/current': current });
      await expect.poll(() => received.length).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(screen.container.querySelector('[data-testid="home-pulse"]')).toBeNull();
      await screen.unmount();
    }
  });

  it('fits 360 px without sideways scrolling, in English, and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mount({ 'GET /api/pulses/current': open() }, 'en', true);
      await expect.element(screen.getByRole('heading', { name: 'Pulse survey (2026-Q3)' })).toBeVisible();
      await expect.element(screen.getByRole('radiogroup', { name: 'I feel I am growing' })).toBeVisible();
      await expect.element(screen.getByRole('radio', { name: '5 Agree' }).first()).toBeVisible();
      await expect
        .element(screen.getByTestId('home-pulse-anonymity'))
        .toHaveTextContent(
          "Your answer is stored without your name, and a section's results are shown only where at least five answered.",
        );
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
