// The booking panel names what is wrong with its settings before asking the server for a plan.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RenderResult } from 'vitest-browser-react';
import { PROBLEM_LIMITS, jstDayOf } from '../../tab/src/interviews/schedule.ts';
import { BookingPanel } from '../../tab/src/interviews/booking-panel.tsx';
import messages from '../../tab/src/interviews/messages.ts';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { fakeApi, renderTab } from './support/render.tsx';

// What the interviews page does when its module loads (tab/src/interviews/interviews-view.tsx).
registerBundle('interviews', messages);

/** `days` after today in Japan, as YYYY-MM-DD. */
function dayFromToday(days: number): string {
  const day = new Date(`${jstDayOf(new Date())}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

type OpenWindows = Array<{ kind: 'midYear' | 'goalSetting' | 'selfCheckH2'; closesOn: string }>;

async function openPanel(language: Language, open: OpenWindows = []) {
  const fake = fakeApi({
    'GET /api/cycles/due': {
      today: jstDayOf(new Date()),
      open: open.map((window) => ({ ...window, windowId: `w-${window.kind}`, fiscalYear: 2026 })),
      mine: [],
      team: null,
    },
    'GET /api/team': {
      period: '2026-H1',
      fiscalYear: 2026,
      members: [
        {
          id: 'member-1',
          displayName: '小平 太郎',
          jobTitle: '主事',
          levelId: 'shuji',
          department: '人事課',
          managerId: 'person-kacho',
          depth: 1,
          selfCheck: 'submitted',
          goals: 2,
          interview: null,
        },
      ],
    },
  });
  const { screen } = await renderTab(
    <BookingPanel api={fake.api} organizerInterviews={[]} onBooked={() => {}} />,
    { language },
  );
  await expect.element(screen.getByTestId('booking-panel')).toBeVisible();
  return { screen, fake };
}

/** The lines of the problems' message bar. */
function problemsShown(screen: RenderResult): string[] {
  const bar = screen.getByTestId('booking-problems').element();
  return Array.from(bar.querySelectorAll('div'))
    .filter((line) => line.children.length === 0)
    .map((line) => line.textContent ?? '');
}

describe("the booking panel's settings", () => {
  // The panel remembers its settings for the session: each test starts from the defaults.
  beforeEach(() => sessionStorage.clear());

  it("defaults to the season HR has open, ending with its window, in the UI language's dates", async () => {
    const closesOn = dayFromToday(5);
    const { screen } = await openPanel('ja', [
      { kind: 'selfCheckH2', closesOn: dayFromToday(30) },
      { kind: 'midYear', closesOn },
    ]);
    await expect.element(screen.getByTestId('booking-type')).toHaveValue('midYear');
    const [year, month, day] = closesOn.split('-');
    await expect
      .poll(() => (screen.getByTestId('booking-last-day').element() as HTMLInputElement).value)
      .toMatch(new RegExp(`^${year}/${month}/${day} \\(.\\)$`));
    await expect.element(screen.getByTestId('booking-day-start')).toHaveValue('08:30');
  });

  it('offers a career interview when no interview season is open', async () => {
    const { screen } = await openPanel('en', [{ kind: 'selfCheckH2', closesOn: dayFromToday(30) }]);
    await expect.element(screen.getByTestId('booking-type')).toHaveValue('career');
    await expect.element(screen.getByTestId('booking-day-start')).toHaveValue('8:30 AM');
  });

  it('names every problem at once and asks the server nothing', async () => {
    const { screen, fake } = await openPanel('ja');
    await screen.getByTestId('booking-first-day').fill(dayFromToday(10));
    await screen.getByTestId('booking-last-day').fill(dayFromToday(5));
    await screen.getByTestId('booking-duration').fill('3');
    await screen.getByTestId('booking-find').click();

    await expect.element(screen.getByTestId('booking-problems')).toBeVisible();
    expect(problemsShown(screen)).toEqual([
      '面談する職員を 1 人以上選んでください。',
      '終了日は開始日以降にしてください。',
      `所要時間は ${PROBLEM_LIMITS.durationMin}〜${PROBLEM_LIMITS.durationMax} 分の整数で入力してください。`,
    ]);
    expect(fake.received.map((request) => request.key).sort()).toEqual([
      'GET /api/cycles/due',
      'GET /api/team',
    ]);
  });

  it("names the contract's limits in English, for a window too long and hours in the wrong order", async () => {
    const { screen, fake } = await openPanel('en');
    await screen.getByTestId('booking-person-member-1').click();
    await screen.getByTestId('booking-first-day').fill(dayFromToday(1));
    await screen.getByTestId('booking-last-day').fill(dayFromToday(1 + PROBLEM_LIMITS.maxDays + 5));
    await screen.getByTestId('booking-day-start').fill('17:00');
    await screen.getByTestId('booking-day-end').fill('09:00');
    await screen.getByTestId('booking-find').click();

    await expect.element(screen.getByTestId('booking-problems')).toBeVisible();
    expect(problemsShown(screen)).toEqual([
      `The period can be at most ${PROBLEM_LIMITS.maxDays} days.`,
      'The end time must be after the start time.',
    ]);
    expect(fake.received.map((request) => request.key).sort()).toEqual([
      'GET /api/cycles/due',
      'GET /api/team',
    ]);
  });
});
