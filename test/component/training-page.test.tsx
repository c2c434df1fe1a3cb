// The 研修 page as a whole, as the tab shows it in Teams (the App shell with its navigation): each of HR's
// views (catalog, my training, HR's courses) and the supervisor's team trainings pass axe in the dark
// theme; the catalog and my training fit Teams mobile's 360 px in English, saying where each enrolment
// stands in My training's words. The e2e walk (test/e2e/training.test.ts) keeps what needs the server and
// Outlook: creating courses and sessions, applying, recommending, rosters, cancelling.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { EnrolmentView } from '../../src/training/training.contract.ts';
import type { TeamMember } from '../../src/growth/team.contract.ts';
import type { MeResponse } from '../../src/people/people.contract.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { pageViolations, renderApp } from './support/app.tsx';
import { courseView, framework, meAt, sessionView } from './support/fixtures.ts';
import { expectNoSidewaysScroll } from './support/layout.ts';
import { fakeApi, type Answers } from './support/render.tsx';

const now = halfPeriodAt(new Date());
const HR = meAt('kacho', {
  id: 'p-hr',
  displayName: '人事 一郎',
  department: '職員課',
  roles: ['employee', 'hr'],
});
const SUPERVISOR = meAt('kakaricho', {
  id: 'p-kakaricho',
  displayName: '上司 太郎',
  department: '市民課',
  roles: ['employee', 'supervisor'],
});
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

const enrolment = (
  sessionId: string,
  courseId: string,
  title: EnrolmentView['courseTitle'],
): EnrolmentView => ({
  id: `e-${sessionId}`,
  sessionId,
  courseId,
  courseTitle: title,
  category: 'basic',
  start: session.start,
  end: session.end,
  sessionStatus: 'scheduled',
  personId: REPORT.id,
  personName: REPORT.displayName,
  status: 'confirmed',
  origin: 'application',
  requestedById: null,
  requestedByName: null,
  reason: '',
  note: '',
  eligibilityOverridden: false,
  waitlistPosition: null,
  closingReason: null,
  inCalendar: true,
  outlookResponse: null,
  version: 2,
  updatedAt: new Date().toISOString(),
});
const enrolments = [enrolment('s-1', COURSE, course.title), enrolment('s-2', OTHER, other.title)];

const member: TeamMember = {
  id: REPORT.id,
  displayName: REPORT.displayName,
  department: REPORT.department,
  jobTitle: '主事',
  levelId: 'shuji',
  managerId: SUPERVISOR.id,
  depth: 1,
  selfCheck: 'submitted',
  goals: 1,
  interview: null,
};

function answers(me: MeResponse): Answers {
  const hr = me.roles.includes('hr');
  return {
    'GET /api/me': me,
    'GET /api/framework': framework,
    'GET /api/evaluations': [],
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
    'GET /api/cycles': {
      fiscalYear: now.fiscalYear,
      currentFiscalYear: now.fiscalYear,
      today: `${now.fiscalYear}-12-05`,
      windows: [],
    },
    'GET /api/ojt/suggestions': [],
  };
}

describe('the 研修 page in the tab', () => {
  afterEach(async () => {
    window.scrollTo(0, 0);
    await page.viewport(414, 896);
  });

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
