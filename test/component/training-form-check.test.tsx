// HR's course and session forms check what is sent with the server's own schema first (docs/tab-data.md,
// "Checking a form before it is sent"): a refused field is named under the form's label, in the UI
// language, and nothing is sent until it is fixed.
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../src/training/training.contract.ts';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import { CourseForm } from '../../tab/src/training/course-form.tsx';
import messages from '../../tab/src/training/messages.ts';
import { SessionForm } from '../../tab/src/training/session-form.tsx';
import { courseView, framework } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';

registerBundle('training', messages);

const COURSE = '22222222-2222-4222-8222-222222222222';

describe("HR's training forms", () => {
  // What the browser's own checks pass (required fields, number ranges) but the contract refuses: a NUL
  // character pasted from another program, which PostgreSQL cannot store.
  it('name a session whose place cannot be stored before sending, and add it once fixed', async () => {
    const fake = fakeApi({
      // Only whether it was saved matters here.
      'POST /api/training/courses/:courseId/sessions': ({ body }) =>
        ({ ...body, id: 'new' }) as unknown as SessionView,
    });
    let saved = false;
    const { screen } = await renderTab(
      <SessionForm api={fake.api} courseId={COURSE} onCancel={() => {}} onSaved={() => (saved = true)} />,
      { language: 'ja' },
    );
    await screen.getByTestId('session-date').fill('2027/01/15');
    await screen.getByTestId('session-deadline').fill('2027/01/08');
    await screen.getByTestId('session-place').fill('第一会議室\u0000');
    await screen.getByTestId('session-save').click();

    const refusal = screen.getByTestId('session-error');
    await expect.element(refusal).toMatchTextContent(/入力内容に誤りがあります。/);
    await expect.element(refusal.getByRole('listitem')).toMatchTextContent(/^会場: 保存できない文字/);
    expect(fake.received).toEqual([]);

    await screen.getByTestId('session-place').fill('第一会議室');
    await screen.getByTestId('session-save').click();
    await expect.poll(() => saved).toBe(true);
    expect(fake.received.map((request) => request.body)).toMatchObject([
      { place: '第一会議室', date: '2027-01-15', capacity: 20 },
    ]);
    await expect.element(screen.getByTestId('session-error')).not.toBeInTheDocument();
  });

  it('name a course title that cannot be stored, under the form’s label', async () => {
    const fake = fakeApi({ 'POST /api/training/courses': () => courseView(COURSE) });
    const { screen } = await renderTab(
      <CourseForm api={fake.api} framework={framework} onCancel={() => {}} onSaved={() => {}} />,
      { language: 'ja' },
    );
    await screen.getByTestId('course-title-ja').fill('窓口応対研修\u0000');
    await screen.getByTestId('course-save').click();
    await expect
      .element(screen.getByTestId('course-error').getByRole('listitem'))
      .toMatchTextContent(/^タイトル（日本語）: 保存できない文字/);
    expect(fake.received).toEqual([]);
  });
});
