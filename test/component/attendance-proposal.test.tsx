// HR's attendance proposal from the Teams attendance report (issue 19 ④): the proposal pre-sets each
// person, HR corrects individuals and confirms in one action; a refusal says what the admin must set up
// and offers to read again.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { AttendanceProposal } from '../../src/training/attendance.contract.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { AttendanceProposalPanel } from '../../tab/src/training/attendance-proposal.tsx';
import { CheckInForm } from '../../tab/src/training/check-in.tsx';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const SESSION = '7d0e1f7a-3c1b-4d2e-9f00-00000000aa01';

function proposal(overrides: Partial<AttendanceProposal> = {}): AttendanceProposal {
  return {
    sessionId: SESSION,
    source: 'teams',
    checkin: null,
    state: 'proposed',
    error: null,
    minSharePercent: 50,
    attempts: 2,
    nextAttemptAt: null,
    fetchedAt: new Date().toISOString(),
    confirmedAt: null,
    confirmedByName: null,
    attendees: [
      {
        personId: 'person-a',
        personName: '小平 一花',
        enrolmentStatus: 'confirmed',
        attendedMinutes: 100,
        sharePercent: 83,
        proposedPresent: true,
        checkedInAt: null,
      },
      {
        personId: 'person-b',
        personName: '小平 二郎',
        enrolmentStatus: 'confirmed',
        attendedMinutes: 30,
        sharePercent: 25,
        proposedPresent: false,
        checkedInAt: null,
      },
    ],
    notOnRoster: [{ personId: 'person-s', displayName: '来訪 三子', attendedMinutes: 117 }],
    version: 3,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

async function mount(answers: Answers, language: Language = 'ja', dark = false) {
  const fake = fakeApi(answers);
  const ui = <AttendanceProposalPanel api={fake.api} sessionId={SESSION} />;
  const { screen } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui,
    {
      language,
    },
  );
  return { screen, received: fake.received };
}

describe("HR's attendance proposal", () => {
  it('pre-sets each person from the proposal, lists strangers apart, and confirms with the corrections in one action', async () => {
    const { screen, received } = await mount({
      'GET /api/training/sessions/:sessionId/attendance-proposal': { proposal: proposal() },
      'POST /api/training/sessions/:sessionId/attendance-proposal/confirm': () =>
        proposal({
          state: 'confirmed',
          confirmedByName: '職員 課長',
          confirmedAt: new Date().toISOString(),
          version: 4,
          attendees: proposal().attendees.map((attendee) => ({ ...attendee, enrolmentStatus: 'attended' })),
        }),
    });
    await expect
      .element(screen.getByTestId('attendance-state'))
      .toHaveTextContent('出席案ができました。内容を確認し、必要なら個別に直してから確定してください。');
    const a = screen.getByTestId('attendance-person-a').getByRole('checkbox');
    const b = screen.getByTestId('attendance-person-b').getByRole('checkbox');
    await expect.element(a).toBeChecked();
    await expect.element(b).not.toBeChecked();
    await expect.element(screen.getByTestId('attendance-person-b')).toMatchTextContent(/30 分（25%）/);
    await expect
      .element(screen.getByTestId('attendance-not-on-roster'))
      .toHaveTextContent('来訪 三子 — 117 分');

    // b came late and stayed to the end: HR corrects b, and confirms everything in one action.
    await b.click();
    await screen.getByTestId('attendance-confirm').click();
    await expect
      .element(screen.getByTestId('attendance-state'))
      .toMatchTextContent(/職員 課長 さんが .* に出席を確定しました。/);
    const sent = received.find((request) => request.key.endsWith('/confirm'))!;
    expect(sent.body).toEqual({ version: 3, present: ['person-b'], absent: [] });
    expect(screen.getByTestId('attendance-confirm').query()).toBeNull();
    await expect.element(screen.getByTestId('attendance-person-a').getByRole('checkbox')).toBeDisabled();
  });

  it('says what the admin must set up when Graph refuses, and reads again when asked', async () => {
    let current = proposal({
      state: 'refused',
      attendees: [],
      notOnRoster: [],
      error: 'Graph 403 Forbidden: No application access policy found for this app.',
    });
    const { screen, received } = await mount({
      'GET /api/training/sessions/:sessionId/attendance-proposal': () => ({ proposal: current }),
      'POST /api/training/sessions/:sessionId/attendance-proposal/retry': () => {
        current = proposal({ state: 'waiting', attendees: [], notOnRoster: [], attempts: 0, version: 4 });
        return current;
      },
    });
    await expect
      .element(screen.getByTestId('attendance-state'))
      .toMatchTextContent(/アプリケーション アクセス ポリシー/);
    await expect
      .element(screen.getByTestId('attendance-error'))
      .toMatchTextContent(/No application access policy/);
    expect(screen.getByTestId('attendance-confirm').query()).toBeNull();
    await screen.getByTestId('attendance-retry').click();
    await expect
      .element(screen.getByTestId('attendance-state'))
      .toHaveTextContent('出席レポートを待っています（確認 0 回）。');
    expect(received.find((request) => request.key.endsWith('/retry'))!.body).toEqual({ version: 3 });
  });

  it('says when nothing has been read yet', async () => {
    const { screen } = await mount({
      'GET /api/training/sessions/:sessionId/attendance-proposal': { proposal: null },
    });
    await expect
      .element(screen.getByTestId('attendance-none'))
      .toMatchTextContent(/研修の終了後に自動で読み込みます/);
  });

  it('fits 360 px, in English, and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mount(
        { 'GET /api/training/sessions/:sessionId/attendance-proposal': { proposal: proposal() } },
        'en',
        true,
      );
      await expect
        .element(screen.getByTestId('attendance-state'))
        .toHaveTextContent('The proposal is ready. Check it, correct individuals if needed, then confirm.');
      await expect
        .element(screen.getByTestId('attendance-confirm'))
        .toHaveTextContent('Confirm this attendance');
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

describe('check-in codes for sessions held in a room', () => {
  it('lets HR show the session’s code, and shows who checked in', async () => {
    const made = proposal({
      source: 'checkin',
      checkin: {
        code: 'K7PQ2M',
        validFrom: '2026-12-08T00:30:00.000Z',
        validUntil: '2026-12-08T03:30:00.000Z',
      },
      attendees: proposal().attendees.map((attendee, index) => ({
        ...attendee,
        attendedMinutes: 0,
        sharePercent: 0,
        proposedPresent: index === 0,
        checkedInAt: index === 0 ? new Date().toISOString() : null,
      })),
      notOnRoster: [],
    });
    const fake = fakeApi({
      'GET /api/training/sessions/:sessionId/attendance-proposal': { proposal: null },
      'POST /api/training/sessions/:sessionId/checkin-code': made,
    });
    const { screen } = await renderTab(<AttendanceProposalPanel api={fake.api} sessionId={SESSION} room />);
    await screen.getByTestId('checkin-show-code').click();
    await expect.element(screen.getByTestId('checkin-code')).toHaveTextContent('K7PQ2M');
    await expect
      .element(screen.getByTestId('checkin-code-box'))
      .toMatchTextContent(/2026\/12\/08 \(火\) 09:30 から 2026\/12\/08 \(火\) 12:30 まで有効です/);
    await expect
      .element(screen.getByTestId('attendance-person-a').getByTestId('attendance-checked-in'))
      .toHaveTextContent('チェックイン済み');
    await expect
      .element(screen.getByTestId('attendance-person-b').getByTestId('attendance-checked-in'))
      .toHaveTextContent('未チェックイン');
    expect(fake.received.map((request) => request.key)).toContain(
      'POST /api/training/sessions/:sessionId/checkin-code',
    );
  });

  it('lets an attendee check in with the code, and says so when the code is wrong (360 px, dark, axe)', async () => {
    await page.viewport(360, 780);
    try {
      const sent: string[] = [];
      const fake = fakeApi({
        'POST /api/training/checkins': ({ body }) => {
          sent.push(body.code);
          if (body.code !== 'K7PQ2M')
            throw Object.assign(new Error('This check-in code is not right (コードが違います).'), {
              status: 400,
              code: 'validation_failed',
            });
          return {
            sessionId: SESSION,
            courseTitle: { ja: '接遇研修', en: 'Customer service' },
            checkedInAt: new Date().toISOString(),
            onRoster: true,
            alreadyCheckedIn: sent.filter((code) => code === 'K7PQ2M').length > 1,
          };
        },
      });
      const { screen } = await renderTab(
        <FluentProvider theme={teamsDarkTheme}>
          <CheckInForm api={fake.api} />
        </FluentProvider>,
      );
      await screen.getByTestId('check-in-code').fill('WRONG1');
      await screen.getByTestId('check-in-submit').click();
      await expect.element(screen.getByTestId('check-in-error')).toBeVisible();
      await screen.getByTestId('check-in-code').fill('K7PQ2M');
      await screen.getByTestId('check-in-submit').click();
      await expect
        .element(screen.getByTestId('check-in-status'))
        .toHaveTextContent('「接遇研修」にチェックインしました。');
      expect(sent).toEqual(['WRONG1', 'K7PQ2M']);
      // Again: the same check-in, said as such.
      await screen.getByTestId('check-in-code').fill('K7PQ2M');
      await screen.getByTestId('check-in-submit').click();
      await expect
        .element(screen.getByTestId('check-in-status'))
        .toHaveTextContent('「接遇研修」にはもうチェックインしています。');
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
