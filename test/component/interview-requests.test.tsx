// 1:1 requests in the interviews page: the person asks their supervisor; the supervisor declines with a
// reason or accepts, which opens the booking panel with the person and type 1on1 and links the booking.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { InterviewRequest } from '../../src/interviews/interview.contract.ts';
import { registerBundle, type Language } from '../../tab/src/i18n/i18n.ts';
import { BookingPanel } from '../../tab/src/interviews/booking-panel.tsx';
import messages from '../../tab/src/interviews/messages.ts';
import { MyRequests, RequestsToMe } from '../../tab/src/interviews/request-panels.tsx';
import { mondayOf } from '../../src/shared/japan-time.ts';
import { addDays, jstDayOf } from '../../tab/src/interviews/schedule.ts';
import type { ApiClient } from '../../tab/src/api/client.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

registerBundle('interviews', messages);

function request(overrides: Partial<InterviewRequest> = {}): InterviewRequest {
  return {
    id: '7d0e1f7a-3c1b-4d2e-9f00-000000000001',
    personId: 'member-1',
    personName: '小平 太郎',
    supervisorId: 'person-kacho',
    supervisorName: '小平 一郎',
    topic: '係内の業務分担について相談したい',
    preferredWeek: null,
    status: 'open',
    declineReason: null,
    interviewId: null,
    createdAt: new Date().toISOString(),
    version: 1,
    ...overrides,
  };
}

async function mount(
  build: (api: ApiClient) => ReactNode,
  answers: Answers,
  language: Language = 'ja',
  dark = false,
) {
  const fake = fakeApi(answers);
  const ui = build(fake.api);
  const { screen } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui,
    {
      language,
    },
  );
  return { screen, received: fake.received };
}

async function seriousViolations(root: Element): Promise<string[]> {
  const results = await axe.run(root, { resultTypes: ['violations'] });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}

describe('1:1 requests', () => {
  beforeEach(() => sessionStorage.clear());

  it('are sent by the person to their supervisor with a topic, and listed with their state', async () => {
    const mine: InterviewRequest[] = [
      request({ id: 'old', status: 'declined', declineReason: '来週の係会議で' }),
    ];
    const { screen, received } = await mount((api) => <MyRequests api={api} supervisorId="person-kacho" />, {
      'GET /api/interview-requests': () => mine,
      'POST /api/interview-requests': ({ body }) => {
        const created = request({
          id: 'new',
          topic: body.topic,
          preferredWeek: body.preferredWeek ?? null,
        });
        mine.unshift(created);
        return created;
      },
    });
    const text = () => screen.container.textContent ?? '';
    await expect.poll(text).toContain('お断りの理由: 来週の係会議で');
    await expect.element(screen.getByTestId('request-send')).toBeDisabled();
    await screen.getByTestId('request-topic').fill('  研修の希望を相談したい ');
    await screen.getByTestId('request-send').click();
    await expect.element(screen.getByTestId('request-open-note')).toBeVisible();
    await expect.poll(text).toContain('返事待ち');
    const sent = received.find((entry) => entry.key === 'POST /api/interview-requests');
    expect(sent?.body).toEqual({
      supervisorId: 'person-kacho',
      topic: '研修の希望を相談したい',
      preferredWeek: null,
    });
  });

  it('are declined by the supervisor with a reason, required', async () => {
    let open = [request()];
    const answers: Answers = {
      'GET /api/interview-requests': () => open,
      'POST /api/interview-requests/:requestId/decline': ({ body }) => {
        const declined = request({ status: 'declined', declineReason: body.reason, version: 2 });
        open = [];
        return declined;
      },
    };
    const { screen, received } = await mount(
      (api) => <RequestsToMe api={api} onAccept={() => {}} />,
      answers,
    );
    const id = request().id;
    await screen.getByTestId(`request-decline-${id}`).click();
    await expect.element(screen.getByTestId(`request-decline-send-${id}`)).toBeDisabled();
    await screen.getByTestId(`request-reason-${id}`).fill('来週の係会議で取り上げます');
    await screen.getByTestId(`request-decline-send-${id}`).click();
    await expect.element(screen.getByText('返事を待っている依頼はありません。')).toBeVisible();
    expect(received.find((entry) => entry.key.endsWith('/decline'))).toMatchObject({
      params: { requestId: id },
      body: { version: 1, reason: '来週の係会議で取り上げます' },
    });
  });

  it('are accepted by booking a 1on1 for the person, linked to the request', async () => {
    const day = jstDayOf(new Date(Date.now() + 3 * 86_400_000));
    const start = new Date(`${day}T10:00:00+09:00`).toISOString();
    const end = new Date(`${day}T10:30:00+09:00`).toISOString();
    const answers: Answers = {
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
      'POST /api/interviews/bookings': { bookingId: 'b-1', interviews: [] },
    };
    // The person asked for the week two weeks on: the plan looks in that week, Monday to Friday.
    const monday = mondayOf(jstDayOf(new Date(Date.now() + 14 * 86_400_000)));
    const accepting = request({ preferredWeek: monday });
    const { screen, received } = await mount(
      (api) => <BookingPanel api={api} organizerInterviews={[]} onBooked={() => {}} accepting={accepting} />,
      answers,
    );
    await expect
      .poll(() => screen.container.querySelector('[data-testid="booking-accepting"]')?.textContent)
      .toContain('小平 太郎 さんの 1on1 の依頼に応えて予約します');
    await expect.element(screen.getByTestId('booking-type')).toHaveValue('oneOnOne');
    await screen.getByTestId('booking-find').click();
    await screen.getByTestId('booking-confirm').click();
    await expect
      .poll(() => received.some((entry) => entry.key === 'POST /api/interviews/bookings'))
      .toBe(true);
    expect(received.find((entry) => entry.key === 'POST /api/interviews/plan')?.body).toMatchObject({
      personIds: ['member-1'],
      type: 'oneOnOne',
      firstDay: monday,
      lastDay: addDays(monday, 4),
    });
    expect(received.find((entry) => entry.key === 'POST /api/interviews/bookings')?.body).toMatchObject({
      requestId: request().id,
      type: 'oneOnOne',
      slots: [{ personId: 'member-1', start, end }],
    });
  });

  it('fit 360 px without sideways scrolling, in English, and pass axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const long = request({ topic: 'A long topic '.repeat(30), preferredWeek: jstDayOf(new Date()) });
      const answers: Answers = { 'GET /api/interview-requests': [long] };
      const { screen } = await mount(
        (api) => (
          <>
            <MyRequests api={api} supervisorId="person-kacho" />
            <RequestsToMe api={api} onAccept={() => {}} />
          </>
        ),
        answers,
        'en',
        true,
      );
      await expect.element(screen.getByTestId('requests-to-me')).toBeVisible();
      await expect.element(screen.getByText('From 小平 太郎')).toBeVisible();
      await screen.getByTestId(`request-decline-${long.id}`).click();
      await expect.element(screen.getByTestId(`request-reason-${long.id}`)).toBeVisible();
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
