// The 自己申告 page: a neutral reassurance, the 現職継続 choice, the self-check's button order in its
// dialog, a submitted form revised while the window is open, and nothing for 会計年度任用職員.
import { teamsLightTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import type { DeclarationResponse } from '../../src/growth/declaration.contract.ts';
import { halfPeriodAt } from '../../src/growth/goal.contract.ts';
import DeclarationView from '../../tab/src/declaration/declaration-view.tsx';
import { declarationView, declarationWindowOf, meAt } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';

const year = halfPeriodAt(new Date()).fiscalYear;
const window = declarationWindowOf(year);

const declaration = (overrides: Partial<DeclarationResponse> = {}): DeclarationResponse =>
  declarationView('person-shuji', year, overrides);

/** #rrggbb as the browser reports a computed colour. */
function rgbOf(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

async function open(extra: Answers = {}) {
  const fake = fakeApi({
    'GET /api/me': meAt('shuji'),
    'GET /api/declaration-windows': [window],
    'GET /api/people/:personId/declarations/:fiscalYear': declaration(),
    ...extra,
  });
  const { screen } = await renderTab(<DeclarationView api={fake.api} rest={[]} />, { language: 'ja' });
  return { screen, fake };
}

describe('the 自己申告 page', () => {
  it("checks the wishes with the server's schema before saving, naming the wish as the form does", async () => {
    const { screen, fake } = await open({
      'PUT /api/people/:personId/declarations/:fiscalYear': ({ body }) =>
        declaration({ version: 2, transferWishes: body?.transferWishes ?? [] }),
    });
    const puts = () =>
      fake.received.filter((request) => request.key === 'PUT /api/people/:personId/declarations/:fiscalYear');
    // A blank first wish is not sent: the wish refused is the form's second, the body's first.
    await screen.getByTestId('add-wish').click();
    await screen.getByTestId('add-wish').click();
    await screen.getByTestId('wish-department').nth(1).fill('情報政策課');
    await screen.getByTestId('declaration-save').click();

    const refusal = screen.getByTestId('declaration-error');
    await expect.element(refusal).toMatchTextContent(/入力内容に誤りがあります。/);
    await expect
      .element(refusal.getByRole('listitem'))
      .toHaveTextContent('第2希望の理由: 入力してください。');
    expect(puts()).toEqual([]);

    await screen.getByTestId('wish-reason').nth(1).fill('窓口で学んだことをシステムづくりに活かしたい');
    await screen.getByTestId('declaration-save').click();
    await expect.element(screen.getByTestId('declaration-error')).not.toBeInTheDocument();
    await expect
      .poll(() => puts().map((request) => request.body))
      .toMatchObject([
        {
          version: 1,
          transferWishes: [
            { department: '情報政策課', reason: '窓口で学んだことをシステムづくりに活かしたい' },
          ],
        },
      ]);
  });

  it('reassures as information, offers 現職継続を希望, and orders its dialog キャンセル then 提出する', async () => {
    const { screen, fake } = await open({
      'PUT /api/people/:personId/declarations/:fiscalYear': ({ body }) =>
        declaration({ version: 2, placement: body?.placement ?? null }),
    });
    const reassurance = screen.getByTestId('declaration-confidential');
    await expect.poll(() => reassurance.query()?.textContent ?? '').toMatch(/上司には共有されません/);
    // Fluent's info bar has the neutral background; a warning bar is orange.
    expect(getComputedStyle(reassurance.element()).backgroundColor).toBe(
      rgbOf(teamsLightTheme.colorNeutralBackground3),
    );

    await screen.getByRole('radio', { name: '現職継続を希望' }).click();
    await expect.element(screen.getByText(/現職継続を希望する場合も/)).toBeVisible();

    await screen.getByTestId('declaration-submit').click();
    const dialog = screen.getByRole('dialog');
    await expect.element(dialog).toBeVisible();
    const buttons = [...dialog.element().querySelectorAll('button')].map((button) => button.textContent);
    expect(buttons.slice(-2)).toEqual(['キャンセル', '提出する']);
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await expect.element(screen.getByRole('dialog')).not.toBeInTheDocument();

    await screen.getByTestId('declaration-save').click();
    await expect
      .poll(() => fake.received.find((request) => request.key.startsWith('PUT '))?.body)
      .toMatchObject({ placement: 'stay' });
  });

  it('saves the 資質・貢献度の振り返り with the draft', async () => {
    const { screen, fake } = await open({
      'PUT /api/people/:personId/declarations/:fiscalYear': ({ body }) =>
        declaration({ version: 2, reflection: body?.reflection ?? '' }),
    });
    await expect.element(screen.getByText('資質・貢献度の振り返り').first()).toBeVisible();
    await screen.getByTestId('reflection').fill('窓口改善で課の処理日数を短縮した');
    await screen.getByTestId('declaration-save').click();
    await expect
      .poll(() => fake.received.find((request) => request.key.startsWith('PUT '))?.body)
      .toMatchObject({ reflection: '窓口改善で課の処理日数を短縮した' });
  });

  it('shows the reflection of a submitted form read-only', async () => {
    const { screen } = await open({
      'GET /api/people/:personId/declarations/:fiscalYear': declaration({
        status: 'submitted',
        editable: false,
        reflection: '後輩の指導に力を入れた',
        submittedAt: `${year}-11-10T01:00:00.000Z`,
      }),
    });
    await expect
      .poll(() => screen.getByTestId('declaration-read-only').query()?.textContent ?? '')
      .toMatch(/資質・貢献度の振り返り後輩の指導に力を入れた/);
  });

  it('revises a submitted form while the window is open, keeping it submitted until the revision is sent', async () => {
    const submitted = declaration({
      status: 'submitted',
      editable: false,
      revisable: true,
      version: 3,
      placement: 'transfer',
      transferWishes: [{ department: '保育課', reason: '子育て支援の経験を生かしたい' }],
      submittedAt: `${year}-11-10T01:00:00.000Z`,
    });
    const { screen, fake } = await open({
      'GET /api/people/:personId/declarations/:fiscalYear': submitted,
      'POST /api/people/:personId/declarations/:fiscalYear/revise': ({ body }) => ({
        ...submitted,
        version: 4,
        comment: body?.comment ?? '',
        revisedAt: `${year}-11-20T01:00:00.000Z`,
        revisions: 1,
      }),
    });
    await expect.element(screen.getByTestId('declaration-read-only')).toBeVisible();
    await expect
      .poll(() => screen.getByTestId('declaration-submitted-at').query()?.textContent ?? '')
      .toMatch(/修正できます/);
    await screen.getByTestId('declaration-revise').click();
    await screen.getByTestId('comment').fill('提出後に気づいたことを書き足します');
    await screen.getByTestId('declaration-revise-submit').click();
    const dialog = screen.getByRole('dialog');
    const buttons = [...dialog.element().querySelectorAll('button')].map((button) => button.textContent);
    expect(buttons.slice(-2)).toEqual(['キャンセル', '修正を提出する']);
    await dialog.getByRole('button', { name: '修正を提出する' }).click();

    await expect.element(screen.getByTestId('declaration-notice')).toHaveTextContent('修正を提出しました。');
    await expect
      .poll(() => screen.getByTestId('declaration-submitted-at').query()?.textContent ?? '')
      .toMatch(/修正 1 回/);
    const sent = fake.received.find((request) => request.key.endsWith('/revise'));
    expect(sent?.body).toMatchObject({
      version: 3,
      placement: 'transfer',
      comment: '提出後に気づいたことを書き足します',
    });
    expect(fake.received.some((request) => request.key.startsWith('PUT '))).toBe(false);
  });

  it('tells 会計年度任用職員 that 自己申告 does not apply to them and asks the API nothing about it', async () => {
    const { screen, fake } = await open({
      'GET /api/me': meAt('kaikeiNendo', { employmentType: 'fiscalYear' }),
    });
    await expect
      .poll(() => screen.getByTestId('declaration-not-applicable').query()?.textContent ?? '')
      .toMatch(/会計年度任用職員の方は記入の必要はありません。/);
    expect(fake.received.some((request) => request.key.includes('/declarations/'))).toBe(false);
    expect(screen.container.querySelector('[data-testid="declaration-save"]')).toBeNull();
  });
});
