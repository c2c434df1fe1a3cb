// The attendee's side of an interview record: before the interview they add and rewrite their own
// agenda items (source `self`) next to the supervisor's, which stay read-only for them. And the
// supervisor's save, checked with the contract's schema before it is sent.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { InterviewDetail } from '../../src/interviews/interview.contract.ts';
import { registerBundle, type Language } from '../../tab/src/i18n/i18n.ts';
import { InterviewRecordView } from '../../tab/src/interviews/interview-record.tsx';
import messages from '../../tab/src/interviews/messages.ts';
import { interviewDetail, meAt } from './support/fixtures.ts';
import { fakeApi, renderTab, type Received } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

registerBundle('interviews', messages);

const HOUR = 60 * 60_000;

function interview(startsIn: number, overrides: Partial<InterviewDetail> = {}): InterviewDetail {
  const start = Date.now() + startsIn;
  return interviewDetail({
    start: new Date(start).toISOString(),
    end: new Date(start + HOUR / 2).toISOString(),
    version: 4,
    agenda: [{ id: 'boss-1', text: '窓口の混雑状況', source: 'free' }],
    ...overrides,
  });
}

async function openRecord(
  detail: InterviewDetail,
  language: Language = 'ja',
  dark = false,
  me = meAt('shuji'),
) {
  const fake = fakeApi({
    'GET /api/me': me,
    'GET /api/interviews/:interviewId': detail,
    'PUT /api/interviews/:interviewId/record': ({ body }) => ({
      ...detail,
      ...body,
      version: detail.version + 1,
    }),
  });
  const view = <InterviewRecordView api={fake.api} id={detail.id} />;
  const { screen } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{view}</FluentProvider> : view,
    {
      language,
    },
  );
  await expect.element(screen.getByTestId('record-agenda')).toBeVisible();
  return { screen, received: fake.received };
}

const puts = (received: Received[]) =>
  received.filter((request) => request.key === 'PUT /api/interviews/:interviewId/record');

describe("the attendee's agenda items", () => {
  it('are added and saved before the interview, leaving the supervisor’s items and the notes as they are', async () => {
    const { screen, received } = await openRecord(interview(24 * HOUR));
    await expect.element(screen.getByText('窓口の混雑状況')).toBeVisible();
    await expect.element(screen.getByText('1on1')).toBeVisible();
    await screen.getByTestId('add-own-agenda').click();
    await screen.getByTestId('own-agenda-0').fill('研修の希望を相談したい');
    await screen.getByTestId('own-agenda-save').click();
    await expect.element(screen.getByTestId('own-agenda-status')).toHaveTextContent('保存しました。');
    const [sent] = puts(received);
    const body = sent!.body as { agenda: Array<{ id: string }> };
    expect(body.agenda[1]!.id).toMatch(/^self-/);
    expect(body).toEqual({
      version: 4,
      agenda: [
        { id: 'boss-1', text: '窓口の混雑状況', source: 'free' },
        { id: body.agenda[1]!.id, text: '研修の希望を相談したい', source: 'self' },
      ],
      sharedNotes: '',
      actionItems: [],
    });
  });

  it('are read-only once the interview has started', async () => {
    const { screen } = await openRecord(
      interview(-HOUR / 4, { agenda: [{ id: 's-1', text: '自分の議題', source: 'self' }] }),
    );
    await expect.element(screen.getByText('自分の議題')).toBeVisible();
    expect(screen.getByTestId('own-agenda').query()).toBeNull();
  });

  it('fit 360 px without sideways scrolling, in English, and pass axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await openRecord(
        interview(24 * HOUR, { agenda: [{ id: 's-1', text: 'A long item '.repeat(20), source: 'self' }] }),
        'en',
        true,
      );
      await expect.element(screen.getByTestId('own-agenda')).toBeVisible();
      await expect.element(screen.getByText('What you want to talk about')).toBeVisible();
      await expectNoSidewaysScroll();
      const results = await axe.run(screen.container, { resultTypes: ['violations'] });
      expect(
        results.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`),
      ).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});

describe("the supervisor's record", () => {
  it("is checked with the server's schema before sending, naming the notes refused", async () => {
    const { screen, received } = await openRecord(
      interview(-HOUR, { privateNotes: '' }),
      'ja',
      false,
      meAt('kacho', { id: 'person-kacho', roles: ['employee', 'supervisor'] }),
    );
    // A NUL character (pasted from another program) cannot be stored: the contract's userText refuses it.
    await screen.getByTestId('shared-notes').fill('窓口の件\u0000');
    await screen.getByTestId('record-save').click();
    const refusal = screen.getByTestId('record-error');
    await expect.element(refusal).toMatchTextContent(/入力内容に誤りがあります。/);
    await expect
      .element(refusal.getByRole('listitem'))
      .toMatchTextContent(/^共有メモ（職員も見られます）: 保存できない文字/);
    expect(puts(received)).toEqual([]);

    await screen.getByTestId('shared-notes').fill('窓口の件');
    await screen.getByTestId('record-save').click();
    await expect
      .poll(() => puts(received).map((request) => (request.body as { sharedNotes: string }).sharedNotes))
      .toEqual(['窓口の件']);
  });
});
