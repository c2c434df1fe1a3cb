// A self-study course (通信教育 / e-learning) in the staff catalog (docs/training.md, "Learning paths and
// self-study"): marked, with its material's link; the person starts it and records progress there, with
// the version the server answered. A course of dated sessions keeps its sessions. わたしの研修 lists the
// self-study courses started.
import { describe, expect, it, vi } from 'vitest';
import type { SelfStudyEnrolment } from '../../src/training/learning.contract.ts';
import { queryKeys } from '../../tab/src/data/queries.ts';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import { Catalog } from '../../tab/src/training/catalog.tsx';
import messages from '../../tab/src/training/messages.ts';
import { MyTraining } from '../../tab/src/training/my-training.tsx';
import { seriousViolations } from './support/axe.ts';
import { courseView, framework } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';

// As training-view.tsx does when the page loads.
registerBundle('training', messages);

const SELF = '33333333-3333-4333-8333-333333333333';
const DATED = '44444444-4444-4444-8444-444444444444';
const UNFIT = '77777777-7777-4777-8777-777777777777';
const ON_PATH = '88888888-8888-4888-8888-888888888888';
const LINK = 'https://elearning.example/jichi';

function enrolmentAt(version: number, progressPercent: number): SelfStudyEnrolment {
  return {
    id: '55555555-5555-4555-8555-555555555555',
    courseId: SELF,
    courseTitle: { ja: '通信教育 地方自治法', en: null },
    externalUrl: LINK,
    personId: 'person-shuji',
    personName: '小平 花子',
    enrolledOn: '2026-12-01',
    enrolledByHr: false,
    progressPercent,
    completedOn: null,
    report: '',
    version,
    updatedAt: '2026-12-01T00:00:00.000Z',
  };
}

describe('a self-study course in the catalog', () => {
  it('is marked with its link; the person starts it and records progress with the version answered', async () => {
    let mine: SelfStudyEnrolment[] = [];
    const { api, received } = fakeApi({
      'GET /api/training/courses': [
        courseView(SELF, {
          category: 'selfStudy',
          title: { ja: '通信教育 地方自治法', en: null },
          selfStudy: { externalUrl: LINK, onMyPath: false },
        }),
        courseView(DATED),
        courseView(UNFIT, {
          category: 'selfStudy',
          selfStudy: { externalUrl: null, onMyPath: false },
          eligibility: {
            eligible: false,
            reasons: [{ code: 'level_not_targeted', ja: '対象の職層ではありません', en: 'Not your level' }],
          },
        }),
        courseView(ON_PATH, {
          category: 'selfStudy',
          selfStudy: { externalUrl: null, onMyPath: true },
          eligibility: {
            eligible: false,
            reasons: [{ code: 'level_not_targeted', ja: '対象の職層ではありません', en: 'Not your level' }],
          },
        }),
      ],
      'GET /api/training/sessions': [],
      'GET /api/training/enrolments': [],
      'GET /api/training/self-study/enrolments': () => mine,
      'POST /api/training/courses/:courseId/self-study/enrol': () => {
        mine = [enrolmentAt(1, 0)];
        return mine[0]!;
      },
      'POST /api/training/courses/:courseId/self-study/progress': ({ body }) => {
        mine = [enrolmentAt(body.version + 1, body.progressPercent)];
        return mine[0]!;
      },
    });
    const { screen } = await renderTab(<Catalog api={api} framework={framework} />);
    const self = screen.getByTestId(`course-${SELF}`);
    await expect
      .element(self.getByTestId('course-self-study'))
      .toHaveTextContent('通信教育・e-ラーニング（日程なし）');
    await expect.element(self.getByRole('link', { name: /教材を開く/ })).toHaveAttribute('href', LINK);
    // No sessions to apply to: the course is started here instead.
    expect(self.getByText('日程', { exact: true }).query()).toBeNull();
    await self.getByTestId('self-study-enrol').click();
    await expect.element(screen.getByTestId('catalog-status')).toHaveTextContent('受講を開始しました。');
    await expect.element(self.getByTestId('self-study-progress')).toHaveTextContent('進捗 0%');
    await self.getByTestId('self-study-percent').fill('40');
    await self.getByTestId('self-study-record').click();
    await expect.element(self.getByTestId('self-study-progress')).toHaveTextContent('進捗 40%');
    const sent = received.filter((request) => request.key.startsWith('POST '));
    expect(sent.map((request) => [request.key, request.params, request.body])).toEqual([
      ['POST /api/training/courses/:courseId/self-study/enrol', { courseId: SELF }, {}],
      [
        'POST /api/training/courses/:courseId/self-study/progress',
        { courseId: SELF },
        { version: 1, progressPercent: 40 },
      ],
    ]);
    // A self-study course the person does not fit is marked, and not offered to start (as a session is not).
    const unfit = screen.getByTestId(`course-${UNFIT}`);
    await expect.element(unfit.getByTestId('course-self-study')).toBeVisible();
    await expect.element(unfit.getByTestId('not-eligible')).toHaveTextContent('この研修の対象外です');
    await expect
      .element(unfit.getByTestId('ineligible-reasons'))
      .toHaveTextContent('対象の職層ではありません');
    expect(unfit.getByTestId('self-study-enrol').query()).toBeNull();
    // One the person's learning path names may be started, as the path page offers it: no 対象外 there.
    const onPath = screen.getByTestId(`course-${ON_PATH}`);
    await expect.element(onPath.getByTestId('on-my-path')).toHaveTextContent('あなたの学習パスの研修');
    expect(onPath.getByTestId('not-eligible').query()).toBeNull();
    expect(onPath.getByTestId('ineligible-reasons').query()).toBeNull();
    await expect.element(onPath.getByTestId('self-study-enrol')).toBeVisible();
    // The course of dated sessions keeps its sessions and has no self-study actions.
    const dated = screen.getByTestId(`course-${DATED}`);
    await expect.element(dated.getByText('日程', { exact: true })).toBeVisible();
    expect(dated.getByTestId('catalog-self-study').query()).toBeNull();
  });

  it('is listed in わたしの研修 once started, completed or not; with none started there is no such list', async () => {
    const answers = {
      'GET /api/training/enrolments': [],
      'GET /api/training/recommendations': [],
      'GET /api/reports/mine': [],
      'GET /api/reports/follow-ups': [],
    };
    const started = { ...enrolmentAt(3, 60), courseTitle: { ja: '通信教育 地方自治法', en: null } };
    const done = {
      ...enrolmentAt(5, 100),
      id: '66666666-6666-4666-8666-666666666666',
      courseId: DATED,
      courseTitle: { ja: 'e-ラーニング 個人情報保護', en: null },
      completedOn: '2026-11-20',
    };
    const mine = fakeApi({ ...answers, 'GET /api/training/self-study/enrolments': [started, done] });
    const { screen } = await renderTab(<MyTraining api={mine.api} />);
    const list = screen.getByTestId('mine-self-study');
    await expect.element(list).toBeVisible();
    const first = list.getByTestId(`mine-self-study-${SELF}`);
    await expect.element(first.getByRole('heading', { name: '通信教育 地方自治法' })).toBeVisible();
    await expect.element(first.getByTestId('self-study-progress')).toHaveTextContent('進捗 60%');
    await expect.element(first.getByTestId('self-study-record')).toBeVisible();
    const second = list.getByTestId(`mine-self-study-${DATED}`);
    await expect
      .element(second.getByTestId('self-study-completed'))
      .toHaveTextContent('2026/11/20 (金) 修了');
    expect(second.getByTestId('self-study-record').query()).toBeNull();
    expect(await seriousViolations(list.element())).toEqual([]);
    await screen.unmount();

    const none = fakeApi({ ...answers, 'GET /api/training/self-study/enrolments': [] });
    const empty = await renderTab(<MyTraining api={none.api} />);
    await expect.element(empty.screen.getByTestId('mine-history')).toBeVisible();
    // Read once the empty answer is in and drawn.
    await vi.waitFor(() =>
      expect(empty.queryClient.getQueryState(queryKeys.selfStudyEnrolments('me'))?.status).toBe('success'),
    );
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(empty.screen.getByTestId('mine-self-study').query()).toBeNull();
  });
});
