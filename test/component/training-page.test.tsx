// The 研修 page as a whole, as the tab shows it in Teams (the App shell with its navigation): each of HR's
// views (catalog, my training, HR's courses) and the supervisor's team trainings pass axe in the dark
// theme; the catalog and my training fit Teams mobile's 360 px in English, saying where each enrolment
// stands in My training's words. The e2e walk (test/e2e/training.test.ts) keeps what needs the server and
// Outlook: creating courses and sessions, applying, recommending, rosters, cancelling.
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { MeResponse } from '../../src/people/people.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { appAnswers, pageViolations, renderApp, restoreViewportAfterEach } from './support/app.tsx';
import {
  courseView,
  cyclesOf,
  enrolmentView,
  HR,
  meAt,
  sessionView,
  SUPERVISOR,
  teamMember,
} from './support/fixtures.ts';
import { expectNoSidewaysScroll } from './support/layout.ts';
import { fakeApi, type Answers } from './support/render.tsx';

const now = halfPeriodAt(new Date());
const REPORT = meAt('shuji', {
  id: 'p-shuji',
  displayName: '吉田 花子',
  department: '市民課',
  managerId: SUPERVISOR.id,
});

const COURSE = 'c-facilitation';
const OTHER = 'c-policy-law';
const course = courseView(COURSE, {
  title: { ja: 'ファシリテーション研修', en: 'Facilitation' },
  description: { ja: '会議を進める技術を学ぶ。', en: 'Running meetings.' },
  openSessions: 1,
  competencyIds: ['cooperation'],
});
const other = courseView(OTHER, {
  category: 'specialist',
  title: { ja: '政策法務研修', en: 'Policy law' },
  openSessions: 1,
});
const session = sessionView(COURSE, { id: 's-1', confirmed: 1 });
const otherSession = sessionView(OTHER, { id: 's-2', courseTitle: other.title, confirmed: 1 });

const enrolment = (sessionId: string, courseId: string, courseTitle: { ja: string; en: string | null }) =>
  enrolmentView({
    id: `e-${sessionId}`,
    sessionId,
    courseId,
    courseTitle,
    start: session.start,
    end: session.end,
    personId: REPORT.id,
    personName: REPORT.displayName,
    updatedAt: new Date().toISOString(),
  });
const enrolments = [enrolment('s-1', COURSE, course.title), enrolment('s-2', OTHER, other.title)];

const member = teamMember(REPORT.id, SUPERVISOR.id, { displayName: REPORT.displayName });

function answers(me: MeResponse): Answers {
  const hr = me.roles.includes('hr');
  return appAnswers(me, {
    'GET /api/training/courses': [
      { ...course, manageable: hr },
      { ...other, manageable: hr },
    ],
    'GET /api/training/sessions': [session, otherSession],
    // The supervisor's own enrolments are not the point of their page.
    'GET /api/training/enrolments': me.id === SUPERVISOR.id ? [] : enrolments,
    'GET /api/training/self-study/enrolments': [],
    'GET /api/training/recommendations': [],
    'GET /api/reports/mine': [],
    'GET /api/reports/follow-ups': [],
    'GET /api/qualifications/applications': { applications: [] },
    'GET /api/qualifications/approvals': { applications: [] },
    'GET /api/team': {
      period: now.id,
      fiscalYear: now.fiscalYear,
      members: me.id === SUPERVISOR.id ? [member] : [],
    },
    'GET /api/training/team': me.id === SUPERVISOR.id ? enrolments : [],
    'GET /api/cycles': cyclesOf(now.fiscalYear),
    'GET /api/ojt/suggestions': [],
  });
}

describe('the 研修 page in the tab', () => {
  restoreViewportAfterEach();

  it("passes axe in the dark theme on each of HR's views", async () => {
    await page.viewport(1100, 900);
    const fake = fakeApi(answers(HR));
    await renderApp(fake, { hash: '#/training/catalog', theme: 'dark' });
    const found: Record<string, string[]> = {};
    for (const view of ['catalog', 'mine', 'hr']) {
      await page.getByTestId(`training-tab-${view}`).click();
      await expect.element(page.getByTestId(`training-${view}`)).toBeVisible();
      await expect.poll(() => document.querySelector('[role=progressbar]')).toBeNull();
      // Each view shows the courses, none empty, in the dark theme.
      await expect.element(page.getByTestId(`training-${view}`)).toMatchTextContent(/ファシリテーション研修/);
      expect(document.querySelector('[data-theme=dark]')).not.toBeNull();
      found[view] = await pageViolations();
    }
    expect(found).toEqual({ catalog: [], mine: [], hr: [] });
    expect(fake.missing).toEqual([]);
  });

  it("passes axe in the dark theme on the supervisor's team trainings", async () => {
    await page.viewport(1100, 900);
    const team = fakeApi(answers(SUPERVISOR));
    await renderApp(team, { hash: '#/training/team', theme: 'dark' });
    await expect
      .element(page.getByTestId('team-trainings'))
      .toMatchTextContent(new RegExp(REPORT.displayName));
    expect(await pageViolations()).toEqual([]);
    expect(team.missing).toEqual([]);
  });

  it('fits 360 px in English: the catalog says where each enrolment stands, and my training', async () => {
    await page.viewport(360, 780);
    const fake = fakeApi(answers(REPORT));
    await renderApp(fake, { hash: '#/training/catalog', language: 'en' });
    await expect.element(page.getByTestId(`course-${OTHER}`)).toBeVisible();
    await expect.element(page.getByTestId('training-tab-catalog')).toMatchTextContent(/^Catalog$/);
    // The catalog says where an enrolment stands in the words of My training (not a generic "Applied").
    const enrolled = page.getByTestId('already-enrolled').first();
    await expect.element(enrolled).toHaveAttribute('data-status', 'confirmed');
    await expect.element(enrolled).toMatchTextContent(/^Confirmed$/);
    await expectNoSidewaysScroll();
    expect(await pageViolations()).toEqual([]);
    await page.getByTestId('training-tab-mine').click();
    await expect.element(page.getByTestId('training-mine')).toBeVisible();
    await expectNoSidewaysScroll();
    expect(fake.missing).toEqual([]);
  });
});
