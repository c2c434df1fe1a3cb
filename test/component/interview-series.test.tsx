// A 1:1 with one person booked as a recurring series from the booking panel: how often and how many
// times go with the booking, and the occurrences that collide are listed once it is booked.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { InterviewRequest } from '../../src/interviews/interview.contract.ts';
import { registerBundle, type Language } from '../../tab/src/i18n/i18n.ts';
import { BookingPanel } from '../../tab/src/interviews/booking-panel.tsx';
import { CancelDialog } from '../../tab/src/interviews/interview-lists.tsx';
import messages from '../../tab/src/interviews/messages.ts';
import { jstDayOf } from '../../tab/src/interviews/schedule.ts';
import type { ApiClient } from '../../tab/src/api/client.ts';
import { interviewDetail } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';

registerBundle('interviews', messages);

const accepting: InterviewRequest = {
  id: '7d0e1f7a-3c1b-4d2e-9f00-000000000002',
  personId: 'member-1',
  personName: '小平 太郎',
  supervisorId: 'person-kacho',
  supervisorName: '小平 一郎',
  topic: '定期的に相談したい',
  preferredWeek: null,
  status: 'open',
  declineReason: null,
  interviewId: null,
  createdAt: new Date().toISOString(),
  version: 1,
};

function answers(): Answers {
  const day = jstDayOf(new Date(Date.now() + 3 * 86_400_000));
  const start = new Date(`${day}T10:00:00+09:00`).toISOString();
  const end = new Date(`${day}T10:30:00+09:00`).toISOString();
  const later = (weeks: number, offset: string) =>
    new Date(Date.parse(offset) + weeks * 7 * 86_400_000).toISOString();
  return {
    'GET /api/cycles/due': { today: jstDayOf(new Date()), open: [], mine: [], team: null },
    'GET /api/team': {
      period: '2026-H2',
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
    'POST /api/interviews/plan': {
      slots: [{ personId: 'member-1', displayName: '小平 太郎', start, end, alternatives: [] }],
      unplaced: [],
    },
    'POST /api/interviews/bookings': {
      bookingId: 'b-1',
      interviews: [],
      collisions: [
        {
          seriesIndex: 2,
          start: later(4, start),
          end: later(4, end),
          organizerBusy: true,
          attendeeBusy: false,
        },
      ],
    },
  };
}

async function mount(language: Language = 'ja', dark = false) {
  const fake = fakeApi(answers());
  const ui = (api: ApiClient): ReactNode => (
    <BookingPanel api={api} organizerInterviews={[]} onBooked={() => {}} accepting={accepting} />
  );
  const { screen } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{ui(fake.api)}</FluentProvider> : ui(fake.api),
    { language },
  );
  return { screen, received: fake.received };
}

describe('a recurring 1:1 series in the booking panel', () => {
  it('sends how often and how many times with the booking, and lists the collisions', async () => {
    const { screen, received } = await mount();
    await screen.getByTestId('booking-find').click();
    await expect.element(screen.getByTestId('booking-series')).toBeVisible();
    await screen.getByTestId('booking-series-interval').selectOptions('2');
    await screen.getByTestId('booking-series-occurrences').fill('8');
    await screen.getByTestId('booking-confirm').click();
    await expect
      .poll(() => received.find((entry) => entry.key === 'POST /api/interviews/bookings')?.body)
      .toMatchObject({ type: 'oneOnOne', series: { intervalWeeks: 2, occurrences: 8 } });
    await expect.element(screen.getByTestId('booked-collisions')).toBeVisible();
    expect(screen.getByTestId('booked-collisions').element().textContent).toContain('あなたの予定と重複');
  });

  it('books a single 1:1 when it does not repeat', async () => {
    const { screen, received } = await mount();
    await screen.getByTestId('booking-find').click();
    await expect.element(screen.getByTestId('booking-series-interval')).toHaveValue('0');
    await screen.getByTestId('booking-confirm').click();
    await expect
      .poll(() => received.some((entry) => entry.key === 'POST /api/interviews/bookings'))
      .toBe(true);
    const body = received.find((entry) => entry.key === 'POST /api/interviews/bookings')?.body as Record<
      string,
      unknown
    >;
    expect(body.series).toBeUndefined();
  });

  it('fits 360 px in English and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mount('en', true);
      await screen.getByTestId('booking-find').click();
      await screen.getByTestId('booking-series-interval').selectOptions('4');
      await expect.element(screen.getByText('Times')).toBeVisible();
      // The series fields and the booked list fit (the plan settings above are the panel's own).
      const root = document.documentElement;
      const series = screen.getByTestId('booking-series').element();
      const wide = [series, ...series.querySelectorAll('*')].filter(
        (element) => element.getBoundingClientRect().right > root.clientWidth + 1,
      );
      expect(wide.map((element) => element.outerHTML.slice(0, 80))).toEqual([]);
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

describe('cancelling what is left of a series', () => {
  it('sends the occurrence’s version and the reason to cancel-series', async () => {
    const start = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const entry = interviewDetail({
      personId: 'member-1',
      personName: '小平 太郎',
      start,
      end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
      response: 'none',
      seriesId: 'series-1',
      seriesIndex: 0,
      version: 3,
    });
    const fake = fakeApi({
      'POST /api/interviews/:interviewId/cancel-series': () => ({
        ...entry,
        status: 'cancelled' as const,
        version: 4,
      }),
    });
    const { screen } = await renderTab(
      <CancelDialog api={fake.api} entry={entry} onDone={() => {}} series />,
      {
        language: 'ja',
      },
    );
    await screen.getByTestId('cancelSeries').click();
    await expect.element(screen.getByText('繰り返しの以降の回をすべて中止しますか？')).toBeVisible();
    await screen.getByTestId('cancelSeries-reason').fill('異動のため');
    await screen.getByTestId('cancelSeries-submit').click();
    await expect
      .poll(() =>
        fake.received.find((entry) => entry.key === 'POST /api/interviews/:interviewId/cancel-series'),
      )
      .toMatchObject({ params: { interviewId: 'iv-1' }, body: { version: 3, reason: '異動のため' } });
  });
});
