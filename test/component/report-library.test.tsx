// 研修報告ライブラリ in the training area: filters, keywords, the per-course view and paging, sent to the
// server as query parameters; the author's 全庁に公開 switch in わたしの研修, sent with the version read;
// 360 px, English, dark theme and axe.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { LibraryEntry, LibraryPage, MyReport } from '../../src/reports/report.contract.ts';
import type { EnrolmentView } from '../../src/training/training.contract.ts';
import { registerBundle, type Language } from '../../tab/src/i18n/i18n.ts';
import messages from '../../tab/src/training/messages.ts';
import { MyTraining } from '../../tab/src/training/my-training.tsx';
import { ReportLibrary } from '../../tab/src/training/report-library.tsx';
import { framework } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

registerBundle('training', messages);

const COURSE = '44444444-4444-4444-8444-444444444444';
const OTHER_COURSE = '55555555-5555-4555-8555-555555555555';
const entry = (overrides: Partial<LibraryEntry> = {}): LibraryEntry => ({
  reportId: '7d0e1f7a-3c1b-4d2e-9f00-000000000001',
  sessionId: '22222222-2222-4222-8222-222222222222',
  courseId: COURSE,
  courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
  start: '2026-09-01T01:00:00.000Z',
  end: '2026-09-01T03:00:00.000Z',
  personId: 'author-1',
  personName: '小平 花子',
  department: '市民課',
  learned: '会議の目的を最初に共有すると議論がまとまる。',
  application: '係の定例会議で試す。',
  competencyIds: [framework.competencies[0]!.id],
  guidelineIds: [framework.guidelines[0]!.id],
  submittedAt: '2026-09-02T00:00:00.000Z',
  ...overrides,
});
const libraryPage = (overrides: Partial<LibraryPage> = {}): LibraryPage => ({
  entries: [entry()],
  nextCursor: null,
  total: 1,
  courses: [
    { courseId: COURSE, courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' }, reports: 1 },
    { courseId: OTHER_COURSE, courseTitle: { ja: '文書事務研修', en: null }, reports: 3 },
  ],
  ...overrides,
});

async function mount(
  ui: (api: ReturnType<typeof fakeApi>['api']) => ReactNode,
  answers: Answers,
  options: { language?: Language; dark?: boolean } = {},
) {
  const fake = fakeApi(answers);
  const tree = ui(fake.api);
  const { screen } = await renderTab(
    options.dark ? <FluentProvider theme={teamsDarkTheme}>{tree}</FluentProvider> : tree,
    { language: options.language ?? 'ja' },
  );
  return { screen, received: fake.received };
}

async function seriousViolations(root: Element): Promise<string[]> {
  const results = await axe.run(root, { resultTypes: ['violations'] });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}

describe('the training report library', () => {
  it('shows who learned what, and sends the filters, keywords, course and page as query parameters', async () => {
    const { screen, received } = await mount((api) => <ReportLibrary api={api} framework={framework} />, {
      'GET /api/reports/library': ({ query }) =>
        query?.cursor
          ? libraryPage({
              entries: [entry({ reportId: '7d0e1f7a-3c1b-4d2e-9f00-000000000002', personName: '小平 次郎' })],
            })
          : libraryPage({ nextCursor: '1788000000000_7d0e1f7a-3c1b-4d2e-9f00-000000000001' }),
    });
    await expect.element(screen.getByRole('heading', { name: '研修報告ライブラリ' })).toBeVisible();
    await expect.element(screen.getByText('小平 花子（市民課）', { exact: false })).toBeVisible();
    await expect.element(screen.getByText('会議の目的を最初に共有すると議論がまとまる。')).toBeVisible();
    await expect.element(screen.getByTestId('library-total')).toHaveTextContent('1件の報告');
    // No satisfaction, no wishes: the page has nothing to show them with.
    expect(screen.container.textContent).not.toContain('満足度');

    await screen.getByTestId('library-search').fill('会議');
    await screen.getByTestId('library-department').fill('市民課');
    await screen.getByTestId('library-submit').click();
    await expect.poll(() => received.at(-1)?.query).toEqual({ q: '会議', department: '市民課' });

    await screen.getByTestId('library-competency').selectOptions(framework.competencies[1]!.id);
    await expect
      .poll(() => received.at(-1)?.query)
      .toEqual({ q: '会議', department: '市民課', competencyId: framework.competencies[1]!.id });

    // The per-course view: a course's button lists that course's shared reports.
    await screen.getByTestId(`library-course-${OTHER_COURSE}`).click();
    await expect.poll(() => received.at(-1)?.query.courseId).toBe(OTHER_COURSE);
    await expect
      .element(screen.getByTestId(`library-course-${OTHER_COURSE}`))
      .toHaveAttribute('aria-pressed', 'true');

    await screen.getByTestId('library-clear').click();
    // Back to the first search (answered from the cache): every filter is cleared.
    await expect.element(screen.getByTestId('library-search')).toHaveValue('');
    await expect.element(screen.getByTestId('library-competency')).toHaveValue('');
    await screen.getByTestId('library-more').click();
    await expect.element(screen.getByText('小平 次郎（市民課）', { exact: false })).toBeVisible();
    expect(received.at(-1)?.query.cursor).toBe('1788000000000_7d0e1f7a-3c1b-4d2e-9f00-000000000001');
  });

  it('says so when nothing matches', async () => {
    const { screen } = await mount((api) => <ReportLibrary api={api} framework={framework} />, {
      'GET /api/reports/library': libraryPage({ entries: [], total: 0, courses: [] }),
    });
    await expect
      .element(screen.getByTestId('library-empty'))
      .toHaveTextContent('条件に合う報告はありません。');
  });

  it('fits 360 px without sideways scrolling, in English, and passes axe in the dark theme', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mount(
        (api) => <ReportLibrary api={api} framework={framework} />,
        {
          'GET /api/reports/library': libraryPage({
            entries: [
              entry({ learned: 'A long lesson '.repeat(30) }),
              entry({ reportId: '7d0e1f7a-3c1b-4d2e-9f00-000000000003' }),
            ],
            total: 2,
            nextCursor: '1788000000000_7d0e1f7a-3c1b-4d2e-9f00-000000000003',
          }),
        },
        { language: 'en', dark: true },
      );
      await expect.element(screen.getByRole('heading', { name: 'Report library' })).toBeVisible();
      await expect.element(screen.getByText('Facilitation (1)')).toBeVisible();
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});

describe('the author’s 全庁に公開 switch in わたしの研修', () => {
  const attended: EnrolmentView = {
    id: '66666666-6666-4666-8666-666666666666',
    sessionId: '22222222-2222-4222-8222-222222222222',
    courseId: COURSE,
    courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
    start: '2026-09-01T01:00:00.000Z',
    end: '2026-09-01T03:00:00.000Z',
    category: 'specialist',
    sessionStatus: 'scheduled',
    personId: 'me',
    personName: '小平 花子',
    status: 'reported',
    origin: 'application',
    requestedById: null,
    requestedByName: null,
    reason: '',
    note: '',
  } as unknown as EnrolmentView;
  const mine = (overrides: Partial<MyReport> = {}): MyReport => ({
    reportId: '7d0e1f7a-3c1b-4d2e-9f00-000000000001',
    sessionId: attended.sessionId,
    courseId: COURSE,
    courseTitle: { ja: 'ファシリテーション研修', en: 'Facilitation' },
    start: attended.start,
    end: attended.end,
    status: 'submitted',
    submittedAt: '2026-09-02T00:00:00.000Z',
    sharing: { status: 'shared', reason: null, channelName: '市民課', supervisorNotified: true },
    comments: [],
    audience: 'department',
    version: 3,
    ...overrides,
  });

  it('shares a submitted report org-wide with the version read, and withdraws it again', async () => {
    const { screen, received } = await mount((api) => <MyTraining api={api} />, {
      'GET /api/training/enrolments': [attended],
      'GET /api/training/recommendations': [],
      'GET /api/training/self-study/enrolments': [],
      'GET /api/reports/mine': [mine()],
      'GET /api/reports/follow-ups': [],
      'PUT /api/reports/:reportId/audience': ({ params, body }) => ({
        reportId: params.reportId,
        audience: body.audience,
        version: body.version + 1,
      }),
    });
    const toggle = screen.getByRole('switch', { name: '全庁に公開', exact: false });
    await expect.element(toggle).not.toBeChecked();
    await toggle.click();
    await expect.element(toggle).toBeChecked();
    expect(received.find((call) => call.key === 'PUT /api/reports/:reportId/audience')).toMatchObject({
      params: { reportId: mine().reportId },
      body: { version: 3, audience: 'organisation' },
    });
    await toggle.click();
    await expect.element(toggle).not.toBeChecked();
    expect(
      received.filter((call) => call.key === 'PUT /api/reports/:reportId/audience').at(-1),
    ).toMatchObject({
      body: { version: 4, audience: 'department' },
    });
  });
});
