// A self-study course (通信教育 / e-learning) in the staff catalog (docs/training.md, "Learning paths and
// self-study"): marked, with its material's link; the person starts it and records progress there, with
// the version the server answered. A course of dated sessions keeps its sessions.
import { describe, expect, it } from 'vitest';
import type { SelfStudyEnrolment } from '../../src/training/learning.contract.ts';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import { Catalog } from '../../tab/src/training/catalog.tsx';
import messages from '../../tab/src/training/messages.ts';
import { courseView, framework } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';

// As training-view.tsx does when the page loads.
registerBundle('training', messages);

const SELF = '33333333-3333-4333-8333-333333333333';
const DATED = '44444444-4444-4444-8444-444444444444';
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
          selfStudy: { externalUrl: LINK },
        }),
        courseView(DATED),
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
    // The course of dated sessions keeps its sessions and has no self-study actions.
    const dated = screen.getByTestId(`course-${DATED}`);
    await expect.element(dated.getByText('日程', { exact: true })).toBeVisible();
    expect(dated.getByTestId('catalog-self-study').query()).toBeNull();
  });
});
