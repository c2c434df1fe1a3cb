// The 面談 page as a whole, as the tab shows it in Teams (the App shell with its navigation): with a plan and
// the lists shown it passes axe in the default and dark themes (switched live), fits Teams mobile's 360 px
// with nothing sticking out of its cards, and is complete in English. The e2e walk
// (test/e2e/interviews.test.ts) keeps what needs the server and Outlook: planning against free/busy,
// booking, rescheduling, cancelling, the record.
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { InterviewSummary, PlanResponse } from '../../src/interviews/interview.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { jstDayOf } from '../../tab/src/interviews/schedule.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import {
  appAnswers,
  pageViolations,
  renderApp,
  restoreViewportAfterEach,
  type RenderedApp,
} from './support/app.tsx';
import { interviewDetail, interviewSummary, meAt, teamMember } from './support/fixtures.ts';
import { expectNoSidewaysScroll } from './support/layout.ts';
import { fakeApi, type Answers, type FakeApi } from './support/render.tsx';

const now = halfPeriodAt(new Date());
const KACHO = meAt('kacho', {
  id: 'p-kacho',
  displayName: '小平 一郎',
  department: '市民課',
  roles: ['employee', 'supervisor'],
});
const REPORT = meAt('kakaricho', {
  id: 'p-kakaricho',
  displayName: '吉田 花子',
  department: '市民課',
  managerId: KACHO.id,
});

const member = (id: string, displayName: string) =>
  teamMember(id, KACHO.id, { displayName, jobTitle: '係長', levelId: 'kakaricho', goals: 2 });

/** A day `days` ahead in Japan at `time`. */
const at = (days: number, time: string) =>
  new Date(`${jstDayOf(new Date(Date.now() + days * 86_400_000))}T${time}:00+09:00`).toISOString();

const booked: InterviewSummary = interviewSummary({
  type: 'goalSetting',
  fiscalYear: now.fiscalYear,
  organizerId: KACHO.id,
  organizerName: KACHO.displayName,
  personId: REPORT.id,
  personName: REPORT.displayName,
  start: at(3, '10:00'),
  end: at(3, '10:30'),
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
});

const plan: PlanResponse = {
  slots: [
    {
      personId: REPORT.id,
      displayName: REPORT.displayName,
      start: at(4, '09:00'),
      end: at(4, '09:30'),
      alternatives: [{ start: at(4, '13:00'), end: at(4, '13:30') }],
    },
    {
      personId: 'p-second',
      displayName: '小平 次郎',
      start: at(4, '10:00'),
      end: at(4, '10:30'),
      alternatives: [],
    },
  ],
  unplaced: [{ personId: 'p-third', displayName: '小平 三郎', reason: 'no_common_time' }],
};

function answers(me: typeof KACHO): Answers {
  const mine = me.id === KACHO.id;
  return appAnswers(me, {
    'GET /api/cycles/due': { today: jstDayOf(new Date()), open: [], mine: [], team: mine ? [] : null },
    'GET /api/team': {
      period: now.id,
      fiscalYear: now.fiscalYear,
      members: mine
        ? [
            member(REPORT.id, REPORT.displayName),
            member('p-second', '小平 次郎'),
            member('p-third', '小平 三郎'),
          ]
        : [],
    },
    'GET /api/interview-requests': [],
    'GET /api/interviews': ({ query }) => ((query?.as === 'organizer') === mine ? [booked] : []),
    'GET /api/interviews/:interviewId': interviewDetail(booked),
    'POST /api/interviews/plan': plan,
  });
}

async function open(
  me: typeof KACHO,
  language: Language = 'ja',
): Promise<{ fake: FakeApi; app: RenderedApp }> {
  const fake = fakeApi(answers(me));
  const app = await renderApp(fake, { hash: '#/interviews', language });
  const list = me.id === KACHO.id ? 'interviews-organizer' : 'interviews-attendee';
  await expect.element(app.screen.getByTestId(list).getByRole('listitem').first()).toBeVisible();
  return { fake, app };
}

/** Selects every direct report, picks the type and asks for times; resolves when the plan shows. */
async function planFor(type: string): Promise<void> {
  await page.getByTestId('booking-select-all-1').click();
  await page.getByTestId('booking-type').selectOptions(type);
  await page.getByTestId('booking-find').click();
  await expect.element(page.getByTestId('plan')).toBeVisible();
}

describe('the 面談 page in the tab', () => {
  restoreViewportAfterEach();

  it('passes axe with a plan and the lists shown, in the default and dark themes (the date picker drawn dark)', async () => {
    await page.viewport(1100, 900);
    const { fake, app } = await open(KACHO);
    await planFor('career');
    expect(await pageViolations()).toEqual([]);
    await app.setTheme('dark');
    expect(await pageViolations()).toEqual([]);
    // The date's calendar popup is the native picker's (DateInput): it is drawn dark on the dark theme.
    const dateInput = document
      .querySelector('[data-testid=booking-first-day]')!
      .closest('[data-date-input]')!
      .querySelector('input[type=date]')!;
    expect(getComputedStyle(dateInput).colorScheme).toBe('dark');
    expect(fake.missing).toEqual([]);
  });

  it("passes axe on a report's page with their upcoming interview, in the default and dark themes", async () => {
    await page.viewport(1100, 900);
    const { fake, app } = await open(REPORT);
    expect(await pageViolations()).toEqual([]);
    await app.setTheme('dark');
    expect(await pageViolations()).toEqual([]);
    expect(fake.missing).toEqual([]);
  });

  it('fits 360 px without sideways scrolling: the その他 menu, the plan, the lists and the record', async () => {
    await page.viewport(360, 780);
    const { fake } = await open(KACHO);
    // The pages that do not fit are in the その他 menu; 面談, the current page, stays in view.
    await expect.element(page.getByTestId('nav-interviews')).toBeVisible();
    await page.getByTestId('nav-more').click();
    await expect.element(page.getByTestId('nav-more-menu')).toBeVisible();
    expect(page.getByTestId('nav-more-interviews').elements()).toHaveLength(0);
    expect(page.getByRole('menuitemradio').elements().length).toBeGreaterThan(0);
    expect(await pageViolations()).toEqual([]);
    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByTestId('nav-more-menu')).not.toBeInTheDocument();
    await planFor('yearEnd');
    await expectNoSidewaysScroll();
    // Nothing sticks out of its card either (a long option would widen a select past the border).
    const sticking = [...document.querySelectorAll('main section')].flatMap((section) => {
      const edge = section.getBoundingClientRect().right;
      return [...section.querySelectorAll('*')]
        .filter((element) => element.getBoundingClientRect().right > edge + 1)
        .map((element) => element.outerHTML.slice(0, 80));
    });
    expect(sticking).toEqual([]);
    await page.getByTestId('open-record').first().click();
    await expect.element(page.getByTestId('record-facts')).toBeVisible();
    await expectNoSidewaysScroll();
    expect(fake.missing).toEqual([]);
  });

  it('is complete in English', async () => {
    await page.viewport(1100, 900);
    const { fake } = await open(KACHO, 'en');
    await expect
      .poll(() => (page.getByTestId('booking-first-day').element() as HTMLInputElement).value)
      .toMatch(/^(Sun|Mon|Tue|Wed|Thu|Fri|Sat), [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    await expect.element(page.getByTestId('booking-day-start')).toHaveValue('8:30 AM');
    await planFor('career');
    const text = document.querySelector('main')?.textContent ?? '';
    for (const expected of [
      'Book interviews',
      'Interviews I hold',
      'My upcoming interviews',
      'Career interview',
    ])
      expect(text).toContain(expected);
    // Staff names stay Japanese; none of the page's own Japanese texts may show through.
    for (const japanese of ['候補を探す', '面談を予約する', 'あなたが行う面談', '予約済み', 'キャリア面談'])
      expect(text).not.toContain(japanese);
    expect(fake.missing).toEqual([]);
  });
});
