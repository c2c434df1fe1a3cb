// Workplace training (職場研修, docs/training.md): a 係長's panel lists their 課's courses (not HR's catalog),
// creates one as a workplace course, and enrols their own staff (指名, then confirmed) on an open session.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { CourseView, EnrolmentView, SessionView } from '../../src/training/training.contract.ts';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import messages from '../../tab/src/training/messages.ts';
import { WorkplaceTraining } from '../../tab/src/training/workplace-training.tsx';
import { courseView, enrolmentView, framework, sessionView } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

registerBundle('training', messages);

const DAY = 24 * 3600_000;
const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** A workplace course of 市民課 its 係長 manages (the shared fixture, with one open session). */
const course = (id: string, overrides: Partial<CourseView> = {}): CourseView =>
  courseView(id, {
    openSessions: 1,
    scope: 'workplace',
    ownerDepartment: '市民課',
    organiserId: 'kakaricho',
    manageable: true,
    ...overrides,
  });

const session = (courseId: string): SessionView =>
  sessionView(courseId, {
    courseTitle: { ja: '転入者研修', en: 'Induction' },
    date: later(14).slice(0, 10),
    startTime: '10:00',
    capacity: 10,
    applicationDeadline: later(7).slice(0, 10),
    start: later(14),
    end: later(14.1),
  });

function enrolment(status: EnrolmentView['status'], version: number): EnrolmentView {
  return enrolmentView({
    id: 'enrolment-1',
    sessionId: 'session-induction',
    courseId: 'induction',
    courseTitle: { ja: '転入者研修', en: 'Induction' },
    start: later(14),
    end: later(14.1),
    personId: 'shuji-1',
    personName: '小平 一花',
    status,
    origin: 'nomination',
    requestedById: 'kakaricho',
    requestedByName: '小平 係長',
    inCalendar: false,
    version,
    updatedAt: new Date().toISOString(),
  });
}

const answers = (): Answers => ({
  'GET /api/training/courses': [
    course('induction', { title: { ja: '転入者研修', en: 'Induction' } }),
    course('catalog', { scope: 'catalog', ownerDepartment: null, manageable: false }),
    course('other', { ownerDepartment: '保育課', manageable: false }),
  ],
  'GET /api/training/sessions': [session('induction'), session('catalog')],
  'GET /api/team': {
    period: '2026-H2',
    fiscalYear: 2026,
    members: [
      {
        id: 'shuji-1',
        displayName: '小平 一花',
        department: '市民課',
        jobTitle: '主事',
        levelId: 'shuji',
        managerId: 'kakaricho',
        depth: 1,
        selfCheck: 'none',
        goals: 0,
        interview: null,
      },
    ],
  },
  'POST /api/training/sessions/:sessionId/nominate': enrolment('nominated', 1),
  'POST /api/training/enrolments/:enrolmentId/confirm': enrolment('confirmed', 2),
  'POST /api/training/courses': (input) => course('new', { title: { ja: input.body.title.ja, en: null } }),
});

async function mount(language: Language = 'ja', dark = false) {
  const fake = fakeApi(answers());
  const ui = <WorkplaceTraining api={fake.api} framework={framework} rest={[]} />;
  const { screen } = await renderTab(
    dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui,
    {
      language,
    },
  );
  return { screen, received: fake.received };
}

describe('the workplace training panel', () => {
  it('lists only the 課’s courses it manages, and enrols a member of the 課 in one action', async () => {
    const { screen, received } = await mount();
    await expect.element(screen.getByTestId('workplace-course-induction')).toMatchTextContent(/職場研修/);
    await expect.element(screen.getByTestId('workplace-course-induction')).toMatchTextContent(/市民課/);
    expect(screen.getByTestId('workplace-course-catalog').query()).toBeNull();
    expect(screen.getByTestId('workplace-course-other').query()).toBeNull();

    await screen.getByTestId('workplace-person').selectOptions('shuji-1');
    await screen.getByTestId('workplace-session').selectOptions('session-induction');
    await screen.getByTestId('workplace-enrol-submit').click();
    await expect
      .element(screen.getByTestId('workplace-enrol-status'))
      .toHaveTextContent('小平 一花さんを受講決定にしました。');
    const nominate = received.find((request) => request.key.endsWith('/nominate'))!;
    expect(nominate.params).toEqual({ sessionId: 'session-induction' });
    expect(nominate.body).toEqual({ personId: 'shuji-1', note: '', overrideEligibility: false });
    const confirm = received.find((request) => request.key.endsWith('/confirm'))!;
    expect(confirm.body).toEqual({ version: 1 });
  });

  it('creates a course as a workplace course of the caller’s 課', async () => {
    const { screen, received } = await mount();
    await screen.getByTestId('workplace-add').click();
    await screen.getByTestId('course-title-ja').fill('事務研');
    await screen.getByTestId('new-workplace-course').getByRole('button', { name: '追加' }).click();
    await expect.element(screen.getByTestId('workplace-status')).toMatchTextContent(/職場研修を作りました/);
    const created = received.find((request) => request.key === 'POST /api/training/courses')!;
    expect(created.body).toMatchObject({ scope: 'workplace', title: { ja: '事務研' } });
  });

  it('fits 360 px, in English, and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mount('en', true);
      await expect
        .element(screen.getByTestId('workplace-course-induction'))
        .toMatchTextContent(/Workplace training/);
      await expect
        .element(screen.getByTestId('workplace-enrol-submit'))
        .toHaveTextContent('Enrol and confirm');
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
