// HR's 学習パス editor (docs/training.md, "Learning paths and self-study"): a path with a step for a level
// and the courses that complete it, and a course made self-study.
import { FluentProvider, teamsDarkTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { LearningPath, SelfStudyCourse } from '../../src/training/learning.contract.ts';
import { ApiError } from '../../tab/src/api/client.ts';
import LearningPathsSection from '../../tab/src/hr/sections/learning-paths-section.tsx';
import { seriousViolations } from './support/axe.ts';
import { courseView, framework } from './support/fixtures.ts';
import { fakeApi, renderTab, type Answers } from './support/render.tsx';
import { expectNoSidewaysScroll } from './support/layout.ts';

const COURSE = '11111111-1111-4111-8111-111111111111';

const course = courseView(COURSE, {
  category: 'selfStudy',
  title: { ja: '通信教育 地方自治法', en: 'Local Autonomy Act' },
  format: 'online',
  manageable: true,
});

const saved: LearningPath = {
  id: '22222222-2222-4222-8222-222222222222',
  title: { ja: '主事の育成ステップ', en: null },
  description: { ja: '', en: null },
  steps: [
    {
      title: { ja: '基礎を固める', en: null },
      levelIds: ['shuji'],
      minYearsOfService: 0,
      maxYearsOfService: 3,
      courses: [{ id: COURSE, title: course.title, selfStudy: null }],
    },
  ],
  archived: false,
  version: 1,
  updatedAt: '2026-12-06T00:00:00.000Z',
};

async function mount(answers: Answers, language: 'ja' | 'en' = 'ja', dark = false) {
  const fake = fakeApi({
    'GET /api/training/courses': [course],
    'GET /api/training/self-study/courses': [],
    ...answers,
  });
  const ui = <LearningPathsSection api={fake.api} base={{ me: {} as never, framework }} rest={[]} />;
  const rendered = await renderTab(dark ? <FluentProvider theme={teamsDarkTheme}>{ui}</FluentProvider> : ui, {
    language,
  });
  return { ...rendered, fake };
}

describe('HR learning paths', () => {
  it('creates a path with a step for 主事 in their first years and a course, and makes a course self-study', async () => {
    let paths: LearningPath[] = [];
    const { screen, fake } = await mount({
      'GET /api/training/learning-paths': () => paths,
      'POST /api/training/learning-paths': () => {
        paths = [saved];
        return saved;
      },
      'PUT /api/training/courses/:courseId/self-study': ({ params, body }) => ({
        courseId: params.courseId,
        externalUrl: body.externalUrl ?? null,
        version: 1,
        updatedAt: '2026-12-06T00:00:00.000Z',
      }),
    });
    await expect.element(screen.getByText('学習パスはまだありません。')).toBeVisible();
    await screen.getByTestId('hr-path-add').click();
    await screen.getByTestId('hr-path-title').fill('主事の育成ステップ');
    await screen.getByTestId('hr-step-title').fill('基礎を固める');
    await screen.getByTestId('hr-step-level-shuji').click();
    await screen.getByRole('spinbutton', { name: '在職年数（から）' }).fill('0');
    await screen.getByRole('spinbutton', { name: '在職年数（まで）' }).fill('3');
    await screen.getByTestId(`hr-step-course-${COURSE}`).click();
    await screen.getByTestId('hr-path-save').click();
    await expect.element(screen.getByTestId(`hr-path-${saved.id}`)).toBeVisible();
    const created = fake.received.find((request) => request.key === 'POST /api/training/learning-paths');
    expect(created?.body).toEqual({
      title: { ja: '主事の育成ステップ' },
      description: { ja: '' },
      steps: [
        {
          title: { ja: '基礎を固める' },
          levelIds: ['shuji'],
          minYearsOfService: 0,
          maxYearsOfService: 3,
          courseIds: [COURSE],
        },
      ],
    });

    await screen.getByTestId('hr-self-study-course').selectOptions(COURSE);
    await screen.getByTestId('hr-self-study-link').fill('https://elearning.example/jichi');
    await screen.getByTestId('hr-self-study-save').click();
    await expect.element(screen.getByText('通信教育として設定しました。')).toBeVisible();
    const made = fake.received.find(
      (request) => request.key === 'PUT /api/training/courses/:courseId/self-study',
    );
    expect(made?.body).toEqual({ version: 0, externalUrl: 'https://elearning.example/jichi' });
  });

  it('changes the link of a course that is self-study already: marked, its link filled in, its version sent', async () => {
    const settingsAt = (version: number, externalUrl: string | null): SelfStudyCourse => ({
      courseId: COURSE,
      externalUrl,
      version,
      updatedAt: '2026-12-06T00:00:00.000Z',
    });
    // Another HR user changed the link after this page read it: the first save is refused.
    let settings = [settingsAt(1, 'https://elearning.example/jichi')];
    let changedMeanwhile = true;
    const { screen, fake } = await mount({
      'GET /api/training/learning-paths': [],
      'GET /api/training/self-study/courses': () => settings,
      'PUT /api/training/courses/:courseId/self-study': ({ body }) => {
        if (changedMeanwhile) {
          changedMeanwhile = false;
          settings = [settingsAt(2, 'https://elearning.example/other')];
          throw new ApiError(409, 'version_conflict', 'stale', 'req-1');
        }
        settings = [settingsAt(body.version + 1, body.externalUrl)];
        return settings[0]!;
      },
    });
    const select = screen.getByTestId('hr-self-study-course');
    await expect
      .element(select.getByRole('option', { name: '通信教育 地方自治法（通信教育）' }))
      .toBeInTheDocument();
    await select.selectOptions(COURSE);
    await expect
      .element(screen.getByTestId('hr-self-study-link'))
      .toHaveValue('https://elearning.example/jichi');
    await expect.element(screen.getByTestId('hr-self-study-save')).toHaveTextContent('リンクを保存');
    await screen.getByTestId('hr-self-study-link').fill('https://elearning.example/jichi-2027');
    await screen.getByTestId('hr-self-study-save').click();
    await expect.element(screen.getByRole('alert')).toBeVisible();
    // Shown at once with the refusal: the link saved meanwhile, never the one first read.
    expect(screen.getByTestId('hr-self-study-conflict').element().textContent).toContain(
      'https://elearning.example/other',
    );
    await expect
      .element(screen.getByTestId('hr-self-study-conflict'))
      .toHaveTextContent(
        'ほかの人が先にリンクを変更しました。いまのリンク：https://elearning.example/other。もう一度保存すると、入力したリンクで上書きします。',
      );
    // The typed link stays; saving again sends the version read after the refusal.
    await expect
      .element(screen.getByTestId('hr-self-study-link'))
      .toHaveValue('https://elearning.example/jichi-2027');
    await expect
      .poll(
        () =>
          fake.received.filter((request) => request.key === 'GET /api/training/self-study/courses').length,
      )
      .toBe(2);
    await screen.getByTestId('hr-self-study-save').click();
    await expect.element(screen.getByText('教材のリンクを保存しました。')).toBeVisible();
    const sent = fake.received
      .filter((request) => request.key === 'PUT /api/training/courses/:courseId/self-study')
      .map((request) => request.body);
    expect(sent).toEqual([
      { version: 1, externalUrl: 'https://elearning.example/jichi-2027' },
      { version: 2, externalUrl: 'https://elearning.example/jichi-2027' },
    ]);
  });

  it('fits 360 px in English and passes axe in the dark theme, with the form open', async () => {
    await page.viewport(360, 780);
    try {
      const { screen } = await mount({ 'GET /api/training/learning-paths': [saved] }, 'en', true);
      await expect.element(screen.getByTestId(`hr-path-${saved.id}`)).toBeVisible();
      await screen.getByRole('button', { name: 'Edit' }).click();
      await expect.element(screen.getByTestId('hr-path-title')).toHaveValue('主事の育成ステップ');
      await expectNoSidewaysScroll();
      expect(await seriousViolations(screen.container)).toEqual([]);
    } finally {
      await page.viewport(414, 896);
    }
  });
});
