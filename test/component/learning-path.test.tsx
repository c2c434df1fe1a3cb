// 学習パス (docs/training.md, "Learning paths and self-study"): the person's steps, done and next, and a
// self-study course's enrol, progress and completion.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { PathProgress, SelfStudyEnrolment } from '../../src/training/learning.contract.ts';
import type { Language } from '../../tab/src/i18n/i18n.ts';
import { LearningPaths } from '../../tab/src/learning/learning-path.tsx';
import { seriousViolations } from './support/axe.ts';
import { framework } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const COURSE = '11111111-1111-4111-8111-111111111111';
const DATED = '22222222-2222-4222-8222-222222222222';
const PATH = '33333333-3333-4333-8333-333333333333';

const enrolment = (changes: Partial<SelfStudyEnrolment> = {}): SelfStudyEnrolment => ({
  id: '44444444-4444-4444-8444-444444444444',
  courseId: COURSE,
  courseTitle: { ja: '通信教育 地方自治法', en: 'Local Autonomy Act (correspondence)' },
  externalUrl: 'https://elearning.example/jichi',
  personId: 'me-id',
  personName: '吉田 花子',
  enrolledOn: '2026-12-01',
  enrolledByHr: false,
  progressPercent: 0,
  completedOn: null,
  report: '',
  version: 1,
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...changes,
});

const progress = (self: SelfStudyEnrolment | null): PathProgress => ({
  personId: 'me-id',
  levelId: 'shuji',
  yearsOfService: 2,
  paths: [
    {
      id: PATH,
      title: { ja: '一般事務職の育成ステップ', en: 'General administration steps' },
      description: { ja: '採用から主任まで', en: null },
      steps: [
        {
          title: { ja: '基礎を固める', en: 'Foundations' },
          levelIds: ['shuji'],
          minYearsOfService: 0,
          maxYearsOfService: 3,
          done: Boolean(self?.completedOn),
          fitsNow: true,
          courses: [
            {
              id: COURSE,
              title: { ja: '通信教育 地方自治法', en: 'Local Autonomy Act (correspondence)' },
              selfStudy: { externalUrl: 'https://elearning.example/jichi' },
              completedOn: self?.completedOn ?? null,
              enrolment: self,
            },
          ],
        },
        {
          title: { ja: '説明力を伸ばす', en: 'Explaining well' },
          levelIds: ['shuji', 'shunin'],
          minYearsOfService: null,
          maxYearsOfService: null,
          done: false,
          fitsNow: true,
          courses: [
            {
              id: DATED,
              title: { ja: 'ファシリテーション研修', en: 'Facilitation' },
              selfStudy: null,
              completedOn: null,
              enrolment: null,
            },
          ],
        },
      ],
      nextStep: self?.completedOn ? 1 : 0,
    },
  ],
});

async function mount(
  api: Parameters<typeof LearningPaths>[0]['api'],
  language: Language = 'ja',
  dark = false,
) {
  const ui = <LearningPaths api={api} framework={framework} />;
  return renderTab(dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui, { language });
}

describe('learning path page', () => {
  it('shows the steps, the next one, and walks a self-study course from enrolment to completion', async () => {
    let state: SelfStudyEnrolment | null = null;
    const bodies: unknown[] = [];
    const fake = fakeApi({
      'GET /api/training/path-progress': () => progress(state),
      'POST /api/training/courses/:courseId/self-study/enrol': ({ params }) => {
        expect(params.courseId).toBe(COURSE);
        state = enrolment();
        return state;
      },
      'POST /api/training/courses/:courseId/self-study/progress': ({ body }) => {
        bodies.push(body);
        state = enrolment({ progressPercent: 40, version: 2 });
        return state;
      },
      'POST /api/training/courses/:courseId/self-study/complete': ({ body }) => {
        bodies.push(body);
        state = enrolment({ progressPercent: 100, completedOn: '2026-12-05', version: 3 });
        return state;
      },
    });
    const { screen } = await mount(fake.api);
    await expect.element(screen.getByTestId('path-next')).toHaveTextContent('次のステップ: 基礎を固める');
    await expect.element(screen.getByTestId('learning-you')).toHaveTextContent('職層: 主事級 ／ 在職2年');
    await expect.element(screen.getByTestId('path-step-0')).toHaveAttribute('data-done', 'false');
    await expect.element(screen.getByText('対象: 主事級 ／ 在職0〜3年')).toBeVisible();
    await expect
      .element(screen.getByRole('link', { name: /教材を開く/ }))
      .toHaveAttribute('href', 'https://elearning.example/jichi');
    await expect.element(screen.getByText('集合研修（研修カタログから申し込み）')).toBeVisible();

    await screen.getByTestId('self-study-enrol').click();
    await expect.element(screen.getByTestId('self-study-progress')).toHaveTextContent('進捗 0%');
    await screen.getByTestId('self-study-percent').fill('40');
    await screen.getByTestId('self-study-record').click();
    await expect.element(screen.getByTestId('self-study-progress')).toHaveTextContent('進捗 40%');
    await screen.getByTestId('self-study-report').fill('窓口での説明に生かしている');
    await screen.getByTestId('self-study-complete').click();
    await expect.element(screen.getByTestId('path-step-0')).toHaveAttribute('data-done', 'true');
    await expect.element(screen.getByTestId('path-next')).toHaveTextContent('次のステップ: 説明力を伸ばす');
    await expect.element(screen.getByTestId('learning-status')).toHaveTextContent('修了を記録しました。');
    expect(bodies[0]).toEqual({ version: 1, progressPercent: 40 });
    expect(bodies[1]).toMatchObject({ version: 2, report: '窓口での説明に生かしている' });
    expect((bodies[1] as { completedOn: string }).completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('says so when no path fits the person', async () => {
    const fake = fakeApi({
      'GET /api/training/path-progress': {
        personId: 'me-id',
        levelId: null,
        yearsOfService: null,
        paths: [],
      },
    });
    const { screen } = await mount(fake.api);
    await expect
      .element(screen.getByTestId('learning-none'))
      .toHaveTextContent('あなたの職層・在職年数に合う学習パスはまだ設定されていません。');
  });

  it('fits 360 px in English and passes axe in the dark theme, with a course in progress', async () => {
    await page.viewport(360, 780);
    try {
      const fake = fakeApi({
        'GET /api/training/path-progress': progress(enrolment({ progressPercent: 40, version: 2 })),
      });
      const { screen } = await mount(fake.api, 'en', true);
      await expect.element(screen.getByTestId('path-next')).toHaveTextContent('Next step: Foundations');
      await expect.element(screen.getByTestId('self-study-progress')).toHaveTextContent('Progress 40%');
      await expect.element(screen.getByTestId('self-study-complete')).toHaveTextContent('Record completion');
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
