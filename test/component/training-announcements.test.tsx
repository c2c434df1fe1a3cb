// HR's 受講案内 panel of one session: announce to the course's audience or a chosen one, read each
// announcement's counts and its delivery report (who was not reached, and why, in the UI language).
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { Announcement, DeliveryReport } from '../../src/training/announcement.contract.ts';
import type { CourseDetail, Roster } from '../../src/training/training.contract.ts';
import type { ApiClient } from '../../tab/src/api/client.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { AnnouncementsPanel } from '../../tab/src/training/announcements-panel.tsx';
import { courseView, framework, sessionView } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const SESSION_ID = '5b0e1f7a-3c1b-4d2e-9f00-000000000001';

const roster: Roster = {
  session: sessionView('course-1', {
    id: SESSION_ID,
    courseTitle: { ja: '説明力向上研修', en: 'Explaining well' },
    date: '2026-12-20',
    startTime: '10:00',
    place: '大会議室',
    applicationDeadline: '2026-12-15',
    start: '2026-12-20T01:00:00.000Z',
    end: '2026-12-20T03:00:00.000Z',
    version: 3,
  }),
  enrolments: [],
};

/** The session's course as HR's console reads it: of HR's catalog unless said otherwise. */
const courseDetail = (overrides: Partial<CourseDetail> = {}): CourseDetail => ({
  ...courseView('course-1'),
  sessions: [roster.session],
  ...overrides,
});

function announcement(overrides: Partial<Announcement> = {}): Announcement {
  return {
    id: 'a1',
    sessionId: SESSION_ID,
    courseTitle: roster.session.courseTitle,
    audience: { kind: 'eligible' },
    announcedById: 'hr-1',
    announcedByName: '職員課 研修担当',
    announcedAt: '2026-12-07T00:30:00.000Z',
    fannedOut: true,
    counts: { recipients: 12, pending: 2, sent: 8, failed: 2, opened: 5, applied: 3 },
    ...overrides,
  };
}

const report: DeliveryReport = {
  ...announcement(),
  failures: [
    {
      personId: 'p1',
      personName: '小平 花子',
      department: '市民課',
      reason: 'appNotInstalled',
      reasonText: { ja: 'アプリをインストールできませんでした。', en: 'The app could not be installed.' },
      error: 'Teams refused to install the app for this person: Forbidden',
    },
  ],
  failuresTruncated: false,
};

async function mount(
  answers: Answers,
  language: Language = 'ja',
  dark = false,
  area: 'hr' | 'workplace' = 'hr',
) {
  const fake = fakeApi({ 'GET /api/training/courses/:courseId': courseDetail(), ...answers });
  const build = (api: ApiClient): ReactNode => (
    <AnnouncementsPanel api={api} sessionId={SESSION_ID} area={area} />
  );
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

describe('the 受講案内 panel', () => {
  beforeEach(() => sessionStorage.clear());

  it('announces to a chosen audience with the session’s version, and lists the counts', async () => {
    const listed: Announcement[] = [];
    const { screen, received } = await mount({
      'GET /api/training/sessions/:sessionId/roster': roster,
      'GET /api/framework': framework,
      'GET /api/training/sessions/:sessionId/announcements': () => listed,
      'POST /api/training/sessions/:sessionId/announcements': ({ body }) => {
        const created = announcement({ audience: body.audience as Announcement['audience'] });
        listed.unshift(created);
        return created;
      },
    });
    const text = () => screen.container.textContent ?? '';
    await expect.poll(text).toContain('この日程の受講案内はまだありません。');
    await screen.getByTestId('announce-chosen').click();
    await screen.getByTestId('announce-level-shuji').click();
    await screen.getByTestId('announce-departments').fill('市民課、保育課');
    await screen.getByTestId('announce-submit').click();
    await expect.poll(text).toContain('12 人に受講案内を送ります。');
    await expect.poll(text).toContain('送信済み 8');
    expect(text()).toContain('失敗 2');
    expect(text()).toContain('開封 5');
    const sent = received.find(
      (entry) => entry.key === 'POST /api/training/sessions/:sessionId/announcements',
    );
    expect(sent?.body).toEqual({
      version: 3,
      audience: {
        kind: 'chosen',
        levelIds: ['shuji'],
        departments: ['市民課', '保育課'],
        minYearsOfService: null,
        maxYearsOfService: null,
      },
    });
  });

  it('in a 課’s workplace training, says it reaches that 課 only and asks for no 課', async () => {
    const { screen, received } = await mount(
      {
        'GET /api/training/sessions/:sessionId/roster': roster,
        'GET /api/framework': framework,
        'GET /api/training/sessions/:sessionId/announcements': [],
        'POST /api/training/sessions/:sessionId/announcements': ({ body }) =>
          announcement({ audience: body.audience as Announcement['audience'] }),
      },
      'ja',
      false,
      'workplace',
    );
    await expect
      .element(screen.getByTestId('announce-workplace'))
      .toHaveTextContent('職場研修の案内は、この課の職員にだけ届きます。');
    await screen.getByTestId('announce-chosen').click();
    await screen.getByTestId('announce-level-shuji').click();
    expect(screen.getByTestId('announce-departments').query()).toBeNull();
    await screen.getByTestId('announce-submit').click();
    await expect.poll(() => screen.container.textContent ?? '').toContain('12 人に受講案内を送ります。');
    const sent = received.find(
      (entry) => entry.key === 'POST /api/training/sessions/:sessionId/announcements',
    );
    expect(sent?.body).toMatchObject({ audience: { kind: 'chosen', levelIds: ['shuji'], departments: [] } });
  });

  it('in HR’s console, treats a workplace course’s session as the workplace page does', async () => {
    const { screen } = await mount({
      'GET /api/training/sessions/:sessionId/roster': roster,
      'GET /api/framework': framework,
      'GET /api/training/sessions/:sessionId/announcements': [],
      'GET /api/training/courses/:courseId': courseDetail({ scope: 'workplace', ownerDepartment: '市民課' }),
    });
    await expect.element(screen.getByTestId('announce-workplace')).toBeVisible();
    await screen.getByTestId('announce-chosen').click();
    await expect.element(screen.getByTestId('announce-level-shuji')).toBeVisible();
    expect(screen.getByTestId('announce-departments').query()).toBeNull();
  });

  it('shows who was not reached and why', async () => {
    const { screen } = await mount({
      'GET /api/training/sessions/:sessionId/roster': roster,
      'GET /api/framework': framework,
      'GET /api/training/sessions/:sessionId/announcements': [announcement()],
      'GET /api/training/announcements/:announcementId': report,
    });
    await screen.getByTestId('announcement-report').click();
    await expect.element(screen.getByTestId('announcement-failures')).toBeVisible();
    expect(screen.getByTestId('announcement-failures').element().textContent).toContain(
      '小平 花子（市民課）：アプリをインストールできませんでした。',
    );
  });

  it('fits 360 px without sideways scrolling, in English, and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mount(
        {
          'GET /api/training/sessions/:sessionId/roster': roster,
          'GET /api/framework': framework,
          'GET /api/training/sessions/:sessionId/announcements': [announcement()],
          'GET /api/training/announcements/:announcementId': report,
        },
        'en',
        true,
      );
      await screen.getByTestId('announce-chosen').click();
      await screen.getByTestId('announcement-report').click();
      await expect
        .element(screen.getByText('The app could not be installed.', { exact: false }))
        .toBeVisible();
      expect(screen.container.textContent).toContain('Sent 8');
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
