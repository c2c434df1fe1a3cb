// Issue 18.7: a course with no open session says when the next one is expected (the course's
// nextSessionMonth, set by HR). Staff's catalog says 「次回は…ごろ」 and nothing when no month is set; HR's
// course list shows the month too, and whether staff see it.
import { describe, expect, it } from 'vitest';
import { registerBundle } from '../../tab/src/i18n/i18n.ts';
import { Catalog } from '../../tab/src/training/catalog.tsx';
import { monthsFrom } from '../../tab/src/training/format.ts';
import { HrCourses } from '../../tab/src/training/hr-courses.tsx';
import messages from '../../tab/src/training/messages.ts';
import { courseView, framework, sessionView } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';

// As training-view.tsx does when the page loads.
registerBundle('training', messages);

const [thisMonth, , , nextQuarter] = monthsFrom(new Date(), 4) as [string, string, string, string];
const lastMonth = (() => {
  const [year, month] = thisMonth.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
})();
/** 「2027年5月」 as the tab writes a month in Japanese. */
const japaneseMonth = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`;

const course = courseView;

const openSession = (courseId: string) =>
  sessionView(courseId, {
    date: `${nextQuarter}-10`,
    applicationDeadline: `${nextQuarter}-01`,
    start: `${nextQuarter}-10T00:00:00.000Z`,
    end: `${nextQuarter}-10T03:00:00.000Z`,
  });

describe("the staff catalog's expected month", () => {
  it('says 「次回は…ごろ」 for a course with no open session and a month set, and nothing for the others', async () => {
    const courses = [
      course('expected', { nextSessionMonth: nextQuarter }),
      course('unset'),
      course('open', { nextSessionMonth: nextQuarter, openSessions: 1 }),
      course('past', { nextSessionMonth: lastMonth }),
    ];
    const { api } = fakeApi({
      'GET /api/training/courses': courses,
      'GET /api/training/sessions': [openSession('open')],
      'GET /api/training/enrolments': [],
      'GET /api/training/self-study/enrolments': [],
    });
    const { screen } = await renderTab(<Catalog api={api} framework={framework} />);
    const expected = screen.getByTestId('course-expected');
    await expect.element(expected).toBeVisible();
    await expect
      .element(expected.getByTestId('course-next-month'))
      .toHaveTextContent(`次回は${japaneseMonth(nextQuarter)}ごろの開講を予定しています。`);
    // No month set: no guess, only that there is no session yet.
    const unset = screen.getByTestId('course-unset').element();
    expect(unset.querySelector('[data-testid=course-next-month]')).toBeNull();
    expect(unset.textContent).not.toMatch(/次回|ごろ/);
    // An open session is what staff apply to; a month already past would mislead.
    for (const id of ['open', 'past'])
      expect(
        screen.getByTestId(`course-${id}`).element().querySelector('[data-testid=course-next-month]'),
      ).toBeNull();
  });

  it('says it in English as "around <month>"', async () => {
    const { api } = fakeApi({
      'GET /api/training/courses': [course('expected', { nextSessionMonth: nextQuarter })],
      'GET /api/training/sessions': [],
      'GET /api/training/enrolments': [],
      'GET /api/training/self-study/enrolments': [],
    });
    const { screen } = await renderTab(<Catalog api={api} framework={framework} />, { language: 'en' });
    await expect
      .element(screen.getByTestId('course-next-month'))
      .toMatchTextContent(/^The next session is expected around [A-Z][a-z]+ \d{4}\.$/);
  });
});

describe("HR's course list", () => {
  const courses = [
    course('expected', { nextSessionMonth: nextQuarter }),
    course('open', { nextSessionMonth: nextQuarter, openSessions: 1 }),
    course('past', { nextSessionMonth: lastMonth }),
    course('unset'),
  ];
  const answers = { 'GET /api/training/courses': courses };

  it('shows each course’s expected month and whether staff see it, in Japanese', async () => {
    const { api } = fakeApi(answers);
    const { screen } = await renderTab(<HrCourses api={api} framework={framework} />);
    const line = (id: string) => screen.getByTestId(`hr-course-${id}`).getByTestId('hr-course-next-month');
    await expect
      .element(line('expected'))
      .toHaveTextContent(`次回は${japaneseMonth(nextQuarter)}ごろの開講予定（研修カタログに表示中）`);
    await expect.element(line('expected')).toHaveAttribute('data-state', 'shown');
    await expect
      .element(line('open'))
      .toHaveTextContent(
        `次回は${japaneseMonth(nextQuarter)}ごろの開講予定（申込受付中の日程があるため、カタログには表示していません）`,
      );
    await expect
      .element(line('past'))
      .toHaveTextContent(
        `次回の開講予定（${japaneseMonth(lastMonth)}）が過ぎています。カタログには表示していません。`,
      );
    await expect.element(line('unset')).toHaveTextContent('次回の開講予定は未設定です');
  });

  it('shows it in English', async () => {
    const { api } = fakeApi(answers);
    const { screen } = await renderTab(<HrCourses api={api} framework={framework} />, { language: 'en' });
    await expect
      .element(screen.getByTestId('hr-course-expected').getByTestId('hr-course-next-month'))
      .toMatchTextContent(/^Next session expected around [A-Z][a-z]+ \d{4} \(shown in the catalog\)$/);
    await expect
      .element(screen.getByTestId('hr-course-unset').getByTestId('hr-course-next-month'))
      .toHaveTextContent('No month set for the next session');
  });
});
