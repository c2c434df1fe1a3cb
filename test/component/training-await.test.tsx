// 開講されたら知らせてほしい (docs/training.md, "Waiting for a session"): with no session open, the staff
// catalog offers to tell the person when one is scheduled, and to stop waiting; a course with a session
// open, or not for them, offers nothing of the kind. HR's course list says how many wait.
import { describe, expect, it } from 'vitest';
import type { CourseView } from '../../src/training/training.contract.ts';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import { Catalog } from '../../tab/src/training/catalog.tsx';
import { HrCourses } from '../../tab/src/training/hr-courses.tsx';
import messages from '../../tab/src/training/messages.ts';
import { seriousViolations } from './support/axe.ts';
import { courseView, framework, sessionView } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';

// As training-view.tsx does when the page loads.
registerBundle('training', messages);

const WAITED = '11111111-1111-4111-8111-111111111111';
const UNFIT = '22222222-2222-4222-8222-222222222222';

describe('waiting for a session in the catalog', () => {
  it('asks to be told, then stops waiting, with what the server answers; an unfit course offers neither', async () => {
    let mine = false;
    const waited = (): CourseView => courseView(WAITED, { waiting: { mine, offered: !mine, count: null } });
    const { api, received } = fakeApi({
      'GET /api/training/courses': () => [
        waited(),
        courseView(UNFIT, {
          eligibility: {
            eligible: false,
            reasons: [{ code: 'level_not_targeted', ja: '対象の職層ではありません', en: 'Not your level' }],
          },
        }),
      ],
      'GET /api/training/sessions': [],
      'GET /api/training/enrolments': [],
      'GET /api/training/self-study/enrolments': [],
      'PUT /api/training/courses/:courseId/interest': () => {
        mine = true;
        return waited();
      },
      'DELETE /api/training/courses/:courseId/interest': () => {
        mine = false;
        return waited();
      },
    });
    const { screen } = await renderTab(<Catalog api={api} framework={framework} />);
    const item = screen.getByTestId(`course-${WAITED}`);
    await item.getByTestId('course-await-start').click();
    await expect
      .element(item.getByTestId('course-awaiting'))
      .toHaveTextContent('日程が決まったら、Teams のボットでお知らせします。');
    expect(await seriousViolations(item.element())).toEqual([]);
    await item.getByTestId('course-await-stop').click();
    await expect
      .element(item.getByTestId('course-await-start'))
      .toHaveTextContent('開講されたら知らせてほしい');
    expect(
      received
        .filter((request) => !request.key.startsWith('GET '))
        .map((request) => [request.key, request.params]),
    ).toEqual([
      ['PUT /api/training/courses/:courseId/interest', { courseId: WAITED }],
      ['DELETE /api/training/courses/:courseId/interest', { courseId: WAITED }],
    ]);
    const unfit = screen.getByTestId(`course-${UNFIT}`);
    await expect.element(unfit.getByTestId('not-eligible')).toBeVisible();
    expect(unfit.getByTestId('course-await').query()).toBeNull();
  });

  it('offers nothing to wait for while a session is open', async () => {
    const { api } = fakeApi({
      'GET /api/training/courses': [courseView(WAITED, { openSessions: 1 })],
      'GET /api/training/sessions': [sessionView(WAITED)],
      'GET /api/training/enrolments': [],
      'GET /api/training/self-study/enrolments': [],
    });
    const { screen } = await renderTab(<Catalog api={api} framework={framework} />);
    const item = screen.getByTestId(`course-${WAITED}`);
    await expect.element(item.getByRole('button', { name: /申し込む/ })).toBeVisible();
    expect(item.getByTestId('course-await').query()).toBeNull();
  });
});

describe("HR's course list", () => {
  it('says how many wait for a course, and nothing where nobody does', async () => {
    const { api } = fakeApi({
      'GET /api/training/courses': [
        courseView(WAITED, { manageable: true, waiting: { mine: false, offered: false, count: 3 } }),
        courseView(UNFIT, { manageable: true, waiting: { mine: false, offered: false, count: 0 } }),
      ],
    });
    const { screen } = await renderTab(<HrCourses api={api} framework={framework} />);
    await expect
      .element(screen.getByTestId(`hr-course-${WAITED}`).getByTestId('course-waiting'))
      .toHaveTextContent('開講を待っている人: 3 人（日程を追加すると Teams のボットで知らせます）');
    await expect.element(screen.getByTestId(`hr-course-${UNFIT}`)).toBeVisible();
    expect(screen.getByTestId(`hr-course-${UNFIT}`).getByTestId('course-waiting').query()).toBeNull();
  });
});
