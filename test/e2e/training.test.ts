// Training end to end through the dev host (issue 7): HR creates a course and schedules a session from the
// tab, a supervisor recommends a direct report for it with a reason, the report sees the reason and applies
// to another course, HR confirms both on the rosters, and the sessions' Outlook events (the training
// mailbox's calendar, the emulator) list the report, who has a copy in their own calendar.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedPerson } from '../../src/dev/m365-emulator/seed-organisation.ts';
import type { CourseView, SessionView } from '../../src/training/training.contract.ts';
import { apiCaller } from '../support/api-caller.ts';
import {
  launchBrowser,
  openDevHost,
  screenshot,
  seriousAxeViolations,
  type DevHostTab,
  expectNoSidewaysScroll,
  openTabPage,
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { until } from '../support/waiting.ts';

const DAY = 24 * 60 * 60 * 1000;
/** A day (YYYY-MM-DD, Japan time) `offset` days from today. */
const jstDay = (offset: number) =>
  new Date(Date.now() + 9 * 60 * 60 * 1000 + offset * DAY).toISOString().slice(0, 10);

const COURSE_TITLE = 'E2E ファシリテーション研修';

describe('training in the tab', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let hr: SeedPerson;
  let supervisor: SeedPerson;
  let report: SeedPerson;
  let kenshu: SeedPerson;
  let otherCourse: CourseView;
  let otherSession: SessionView;
  let sessionId = '';
  const call = apiCaller(() => server);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const people = server.emulator.people;
    hr = people.find((person) => person.appRoles.includes('Hagukumi.HR'))!;
    // A 課長 or 係長 outside 職員課 (no HR role), recommending as a supervisor only.
    supervisor = people.find(
      (person) =>
        (person.levelId === 'kacho' || person.levelId === 'kakaricho') &&
        person.department !== '職員課' &&
        !person.appRoles.includes('Hagukumi.HR') &&
        people.some((other) => other.managerId === person.id && other.levelId !== null),
    )!;
    report = people.find((person) => person.managerId === supervisor.id && person.levelId !== null)!;
    kenshu = people.find((person) => person.userPrincipalName.startsWith('kenshu@'))!;
    expect([hr, supervisor, report, kenshu].every(Boolean)).toBe(true);

    // A seeded catalog course the report is eligible for; HR schedules a session of it to apply to.
    const fit = (await call(report, 'GET', '/api/training/courses?view=fit')).body as unknown as CourseView[];
    otherCourse = fit.find((course) => course.eligibility.eligible)!;
    expect(otherCourse).toBeDefined();
    const scheduled = await call(hr, 'POST', `/api/training/courses/${otherCourse.id}/sessions`, {
      date: jstDay(21),
      startTime: '13:30',
      endTime: '16:30',
      place: '小平市役所 第二会議室',
      online: false,
      capacity: 30,
      applicationDeadline: jstDay(10),
    });
    expect(scheduled.status).toBe(201);
    otherSession = scheduled.body as unknown as SessionView;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(
    person: SeedPerson,
    sub: string,
    options: { theme?: string; locale?: string; width?: number; viaNavigation?: boolean } = {},
  ): Promise<{ page: Page; tab: DevHostTab }> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1100, height: 900 } });
    // A step that cannot happen fails on its own locator, well inside the test's time.
    page.setDefaultTimeout(15_000);
    // Straight to the page through a deep link, as the bot's buttons open it (the home's loading is no part
    // of these tests); the first test walks there through the navigation.
    const tab = await openDevHost(page, server.url, {
      user: person.userPrincipalName,
      theme: options.theme,
      locale: options.locale,
      ...(options.viaNavigation ? {} : { subEntityId: 'training' }),
    });
    if (options.viaNavigation) {
      await openTabPage(tab.frame, 'training');
      await tab.frame.locator('[data-testid=training]').waitFor();
    }
    await tab.frame.locator(`[data-testid=training-tab-${sub}]`).click();
    return { page, tab };
  }

  async function expectAccessible(tab: DevHostTab) {
    expect(await seriousAxeViolations(await tab.contentFrame())).toEqual([]);
  }

  it('lets HR create a course and schedule a session of it from the tab (Japanese)', async () => {
    const { page, tab } = await open(hr, 'hr', { viaNavigation: true });
    const frame = tab.frame;
    await frame.locator('[data-testid=hr-course-list]').waitFor();
    await frame.locator('[data-testid=course-add]').click();
    const form = frame.locator('[data-testid=new-course] [data-testid=course-form]');
    await form.locator('[data-testid=course-category]').selectOption('specialist');
    await form.locator('[data-testid=course-title-ja]').fill(COURSE_TITLE);
    await form.locator('[data-testid=course-title-en]').fill('E2E Facilitation');
    await form
      .locator('[data-testid=course-description-ja]')
      .fill('会議を進め、合意をつくる力を身につけます。');
    await form.locator('[data-testid=course-provider]').fill('職員課（研修担当）');
    await form.locator('[data-testid=competencyIds-cooperation]').check();
    await form.locator('[data-testid=guidelineIds-link]').check();
    await expectAccessible(tab);
    await form.locator('[data-testid=course-save]').click();

    const course = frame.locator(`[data-testid^=hr-course-][data-title="${COURSE_TITLE}"]`);
    await course.locator('[data-testid=hr-sessions]').waitFor();
    await course.locator('[data-testid=session-add]').click();
    const sessionForm = course.locator('[data-testid=session-form]');
    await sessionForm.locator('[data-testid=session-date]').fill(jstDay(14));
    await sessionForm.locator('[data-testid=session-start]').fill('10:00');
    await sessionForm.locator('[data-testid=session-end]').fill('12:00');
    await sessionForm.locator('[data-testid=session-place]').fill('小平市役所 大会議室');
    await sessionForm.locator('[data-testid=session-capacity]').fill('12');
    await sessionForm.locator('[data-testid=session-deadline]').fill(jstDay(7));
    await sessionForm.locator('[data-testid=session-save]').click();

    const session = course.locator('[data-testid^=hr-session-]').first();
    await session.waitFor();
    sessionId = ((await session.getAttribute('data-testid')) ?? '').replace('hr-session-', '');
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(session.textContent()).resolves.toContain('10:00〜12:00');
    await expect(session.locator('[data-testid=outlook-state]').textContent()).resolves.toMatch(/Outlook/);
    await expectAccessible(tab);
    await screenshot(page, 'training-hr-ja');
    await page.close();
  });

  it('lets a supervisor recommend a direct report for the session with a reason', async () => {
    expect(sessionId).not.toBe('');
    const { page, tab } = await open(supervisor, 'team');
    const frame = tab.frame;
    await frame.locator('[data-testid=recommend-person]').selectOption(report.id);
    await frame.locator('[data-testid=recommend-session]').selectOption(sessionId);
    await frame
      .locator('[data-testid=recommend-reason]')
      .fill('来年度の係内会議の進行役をお願いしたいため。');
    await expectAccessible(tab);
    await frame.locator('[data-testid=recommend-submit]').click();
    await expect
      .poll(() => frame.locator('[data-testid=recommend-status]').textContent())
      .toContain(report.displayName);
    await expect(frame.locator('[data-testid=team-trainings]').textContent()).resolves.toContain(
      COURSE_TITLE,
    );
    await page.close();
  });

  it('shows the report the recommendation and its reason, and lets them apply to another course', async () => {
    const { page, tab } = await open(report, 'mine');
    const frame = tab.frame;
    const recommended = frame.locator('[data-testid=mine-upcoming] [data-status=recommended]');
    await recommended.waitFor();
    await expect(recommended.locator('[data-testid=enrolment-reason]').textContent()).resolves.toContain(
      '来年度の係内会議の進行役をお願いしたいため。',
    );
    await expect(
      recommended.locator('[data-testid=enrolment-requested-by]').textContent(),
    ).resolves.toContain(supervisor.displayName);
    await expectAccessible(tab);
    await screenshot(page, 'training-mine-ja');

    await frame.locator('[data-testid=training-tab-catalog]').click();
    const course = frame.locator(`[data-testid=course-${otherCourse.id}]`);
    await course.waitFor();
    await expect(course.getAttribute('data-eligible')).resolves.toBe('true');
    const session = course.locator(`[data-testid=session-${otherSession.id}]`);
    await session.locator('[data-testid=apply]').click();
    await session.locator('[data-testid=apply-note]').fill('窓口対応に活かしたいです。');
    await session.locator('[data-testid=apply-submit]').click();
    await session.locator('[data-testid=already-enrolled]').waitFor();
    await expect(frame.locator('[data-testid=catalog-status]').textContent()).resolves.toContain(
      '申し込みました',
    );
    // The catalog names the application's state in the words of わたしの研修 (issue 18).
    await expect(session.locator('[data-testid=already-enrolled]').textContent()).resolves.toBe('申込中');
    await expectAccessible(tab);
    await screenshot(page, 'training-catalog-ja');

    // All courses: the ones I do not fit say why, in Japanese.
    await frame.locator('[data-testid=catalog-view-all]').check();
    const reasons = frame.locator('[data-testid=ineligible-reasons]').first();
    await reasons.waitFor();
    await expect(reasons.textContent()).resolves.toMatch(/[ぁ-んァ-ン一-龥]/);
    await page.close();
  });

  it('lets HR confirm both on the rosters, and the events reach the training mailbox and the report', async () => {
    const { page, tab } = await open(hr, 'hr');
    const frame = tab.frame;
    for (const [courseTitle, id] of [
      [COURSE_TITLE, sessionId],
      [otherCourse.title.ja, otherSession.id],
    ] as const) {
      await frame.locator('[data-testid=training-tab-hr]').click();
      const course = frame.locator(`[data-testid^=hr-course-][data-title="${courseTitle}"]`);
      await course.locator('[data-testid=course-sessions]').click();
      await course.locator(`[data-testid=hr-session-${id}] [data-testid=open-roster]`).click();
      const row = frame.locator(`[data-testid=roster-${report.id}]`);
      await row.locator('[data-testid=roster-confirm]').click();
      await frame.locator(`[data-testid=roster-${report.id}][data-status=confirmed]`).waitFor();
      if (id === sessionId) {
        // The roster follows Outlook until the event is there.
        await expect
          .poll(
            () => frame.locator('[data-testid=training-roster] [data-testid=outlook-state]').textContent(),
            {
              timeout: 30_000,
            },
          )
          .toBe('Outlook に登録済み');
        await expectAccessible(tab);
        await screenshot(page, 'training-roster-ja');
      }
    }
    await page.close();

    for (const title of [COURSE_TITLE, otherCourse.title.ja]) {
      await expect
        .poll(
          () =>
            server.emulator
              .eventsOf(kenshu.id)
              .filter(
                (event) => event.subject === `【研修】${title}` && event.isOrganizer && !event.isCancelled,
              )
              .map((event) => event.attendees.map((attendee) => attendee.emailAddress.address.toLowerCase())),
          { timeout: 30_000 },
        )
        .toEqual([[report.mail.toLowerCase()]]);
      await expect
        .poll(
          () =>
            server.emulator
              .eventsOf(report.id)
              .filter((event) => event.subject === `【研修】${title}` && !event.isCancelled).length,
          { timeout: 30_000 },
        )
        .toBe(1);
    }
    const statuses = (await call(report, 'GET', '/api/training/enrolments?personId=me'))
      .body as unknown as Array<{
      status: string;
      inCalendar: boolean;
    }>;
    expect(statuses.map((entry) => [entry.status, entry.inCalendar])).toEqual([
      ['confirmed', true],
      ['confirmed', true],
    ]);
  });

  it('lets HR find someone by name and nominate them on the roster, overriding eligibility', async () => {
    const nominee = server.emulator.people.find(
      (person) =>
        person.department === report.department && person.levelId === 'shuji' && person.id !== report.id,
    )!;
    const { page, tab } = await open(hr, 'hr');
    const frame = tab.frame;
    await frame.locator('[data-testid=training-tab-hr]').click();
    const course = frame.locator(`[data-testid^=hr-course-][data-title="${COURSE_TITLE}"]`);
    await course.locator('[data-testid=course-sessions]').click();
    await course.locator(`[data-testid=hr-session-${sessionId}] [data-testid=open-roster]`).click();
    const form = frame.locator('[data-testid=nominate-form]');
    await form.locator('[data-testid=nominate-person-search]').fill(nominee.displayName);
    await form.locator(`[data-testid=person-option-${nominee.id}]`).click();
    await form.locator('[data-testid=nominate-person-chosen]').waitFor();
    await form.getByRole('checkbox').check();
    await form.locator('[data-testid=nominate-submit]').click();
    await frame.locator(`[data-testid=roster-${nominee.id}][data-status=nominated]`).waitFor();
    await expectAccessible(tab);
    await page.close();
  });

  it('tells HR when someone else changed the course first, keeping what they typed, and saves on the latest version', async () => {
    const courses = (await call(hr, 'GET', '/api/training/courses?view=all')).body as unknown as CourseView[];
    const course = courses.find((entry) => entry.title.ja === COURSE_TITLE)!;
    const { page, tab } = await open(hr, 'hr');
    const frame = tab.frame;
    const item = frame.locator(`[data-testid=hr-course-${course.id}]`);
    await item.locator('[data-testid=course-edit]').click();
    await item.locator('[data-testid=course-provider]').fill('東京都市町村職員研修所');
    // Meanwhile another HR person changes the course.
    const {
      id: _id,
      archived: _archived,
      eligibility: _eligibility,
      openSessions: _open,
      // What the course is and who may run it (workplace training) are the server's, not the change's.
      scope: _scope,
      ownerDepartment: _department,
      organiserId: _organiser,
      manageable: _manageable,
      selfStudy: _selfStudy,
      waiting: _waiting,
      ...rest
    } = course;
    const other = await call(hr, 'PUT', `/api/training/courses/${course.id}`, {
      ...rest,
      title: { ja: course.title.ja, en: course.title.en ?? undefined },
      description: { ja: course.description.ja, en: course.description.en ?? undefined },
      provider: '職員課',
    });
    expect(other.status).toBe(200);
    await item.locator('[data-testid=course-save]').click();
    await expect(item.locator('[data-testid=course-error]').textContent()).resolves.toContain(
      'ほかの人が先に変更しました',
    );
    await expect(item.locator('[data-testid=course-provider]').inputValue()).resolves.toBe(
      '東京都市町村職員研修所',
    );
    await item.locator('[data-testid=course-error] button').click();
    await item.locator('[data-testid=course-error]').waitFor({ state: 'detached' });
    await item.locator('[data-testid=course-save]').click();
    await expect.poll(() => frame.locator('[data-testid=hr-status]').textContent()).toBe('保存しました。');
    const saved = (await call(hr, 'GET', `/api/training/courses/${course.id}`)).body as unknown as CourseView;
    expect(saved.provider).toBe('東京都市町村職員研修所');
    expect(saved.version).toBe(course.version + 2);
    await page.close();
  });

  it('lets HR change a session (told of a crossing change, typed text kept) and cancel it with a reason; Outlook takes the event out', async () => {
    const courses = (await call(hr, 'GET', '/api/training/courses?view=all')).body as unknown as CourseView[];
    const course = courses.find((entry) => entry.title.ja === COURSE_TITLE)!;
    const created = await call(hr, 'POST', `/api/training/courses/${course.id}/sessions`, {
      date: jstDay(30),
      startTime: '14:00',
      endTime: '15:00',
      place: '',
      online: true,
      capacity: 5,
      applicationDeadline: jstDay(20),
    });
    expect(created.status).toBe(201);
    const extra = created.body as unknown as SessionView;
    const eventsAt = () =>
      server.emulator
        .eventsOf(kenshu.id)
        .filter(
          (event) =>
            event.subject === `【研修】${COURSE_TITLE}` &&
            event.isOrganizer &&
            !event.isCancelled &&
            Date.parse(event.startUtc) === Date.parse(extra.start),
        ).length;
    await expect.poll(eventsAt, { timeout: 30_000 }).toBe(1);

    const { page, tab } = await open(hr, 'hr');
    const item = tab.frame.locator(`[data-testid=hr-course-${course.id}]`);
    await item.locator('[data-testid=course-sessions]').click();
    const session = item.locator(`[data-testid=hr-session-${extra.id}]`);
    // A change that crosses another HR person's: told, typed capacity kept, saved on the latest version.
    await session.locator('[data-testid=session-edit]').click();
    await session.locator('[data-testid=session-capacity]').fill('8');
    const { date, startTime, endTime, place, online, applicationDeadline, version } = extra;
    const crossing = await call(hr, 'PUT', `/api/training/sessions/${extra.id}`, {
      date,
      startTime,
      endTime,
      place,
      online,
      applicationDeadline,
      capacity: 6,
      version,
    });
    expect(crossing.status).toBe(200);
    await session.locator('[data-testid=session-save]').click();
    await session.locator('[data-testid=session-error] button').click();
    await session.locator('[data-testid=session-error]').waitFor({ state: 'detached' });
    await expect(session.locator('[data-testid=session-capacity]').inputValue()).resolves.toBe('8');
    await session.locator('[data-testid=session-save]').click();
    await expect.poll(() => session.textContent()).toContain('定員 8');
    await session.locator('[data-testid=session-cancel]').click();
    await session.locator('[data-testid=session-cancel-reason]').fill('講師都合のため中止');
    await session.locator('[data-testid=session-cancel-submit]').click();
    await session.locator('[data-testid=session-cancelled]').waitFor();
    await expect(session.locator('[data-testid=session-cancel]').count()).resolves.toBe(0);
    await expect.poll(eventsAt, { timeout: 30_000 }).toBe(0);
    await page.close();
  });

  // The views as a whole in the dark theme, and at 360 px in English, are a component test
  // (test/component/training-page.test.tsx): they need no server.
  it('lets the supervisor open a report row, read the report and comment on it in the tab (360 px); the author sees the comment', async () => {
    // The report attended the other session and reported on it: the session is moved into the past,
    // HR marks attendance, and the report submits (as the bot's form would).
    await server.database.query(
      `UPDATE training_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [otherSession.id],
    );
    const mine = (await call(report, 'GET', '/api/training/enrolments?personId=me'))
      .body as unknown as Array<{
      id: string;
      sessionId: string;
      version: number;
    }>;
    const enrolment = mine.find((entry) => entry.sessionId === otherSession.id)!;
    const attended = await call(hr, 'POST', `/api/training/enrolments/${enrolment.id}/attendance`, {
      version: enrolment.version,
    });
    expect(attended.body.status).toBe('attended');
    const learned = '会議の冒頭で目的とゴールを共有すると、議論がまとまることを学んだ。';
    const submitted = await call(report, 'POST', `/api/reports/sessions/${otherSession.id}/submit`, {
      submissionId: 'e2e-report-0001',
      learned,
      application: '係の定例会議で、最初に目的を確認する。',
      competencyIds: [],
      guidelineIds: [],
      satisfaction: 4,
      wantedText: '',
      wantedCourseIds: [],
    });
    expect(submitted.status).toBe(200);

    const { page, tab } = await open(supervisor, 'team', { width: 360 });
    const frame = tab.frame;
    const row = frame.locator(`[data-testid=team-enrolment-${enrolment.id}]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('reported');
    await row.locator('[data-testid=team-report-toggle]').click();
    await expect(row.locator('[data-testid=team-report-learned]').textContent()).resolves.toBe(learned);
    const comment = '定例会議で試した結果を、次の面談で聞かせてください。';
    await row.locator('[data-testid=team-report-comment]').fill(comment);
    await expectNoSidewaysScroll(frame);
    await expectAccessible(tab);
    await row.locator('[data-testid=team-report-send]').click();
    await expect
      .poll(() => row.locator('[data-testid=team-report-status]').textContent())
      .toContain('コメントを送りました');
    await expect(row.locator('[data-testid=team-report-comment]').inputValue()).resolves.toBe('');
    await expect(row.locator('[data-testid=team-report-comments]').textContent()).resolves.toContain(comment);
    await expectNoSidewaysScroll(frame);
    await expectAccessible(tab);
    await screenshot(page, 'training-team-report-360');
    await page.close();

    // The author sees it under わたしの研修, as a comment from the bot's card would be.
    const reports = (await call(report, 'GET', '/api/reports/mine')).body as unknown as Array<{
      sessionId: string;
      comments: Array<{ text: string; authorId: string }>;
    }>;
    expect(reports.find((entry) => entry.sessionId === otherSession.id)?.comments).toEqual([
      expect.objectContaining({ text: comment, authorId: supervisor.id }),
    ]);
  });

  it('lets the author share that report 全庁に公開; a colleague of another 課 finds it in the library by course', async () => {
    const author = await open(report, 'mine');
    const share = author.tab.frame.locator('[data-testid=report-audience-switch]');
    // The switch turns on once the server has stored the choice (not before).
    await share.click();
    await expect
      .poll(() => author.tab.frame.locator('[data-testid=report-audience]').textContent())
      .toContain('公開範囲を変更しました');
    await expect(share.isChecked()).resolves.toBe(true);
    await author.page.close();

    const colleague = server.emulator.people.find(
      (person) =>
        person.department !== report.department && person.levelId === 'shuji' && person.appRoles.length === 0,
    )!;
    const { page, tab } = await open(colleague, 'library');
    await tab.frame.locator(`[data-testid=library-course-${otherCourse.id}]`).click();
    const entries = tab.frame.locator('[data-testid=library-entries]');
    await expect.poll(() => entries.textContent()).toContain('会議の冒頭で目的とゴールを共有すると');
    await expect(entries.textContent()).resolves.toContain(report.displayName);
    await expectAccessible(tab);
    await page.close();
  });

  it('lets HR announce a session (受講案内) and read its delivery report', async () => {
    // The roster page of the session HR scheduled, through a deep link, as the tab's own link would open it.
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.setDefaultTimeout(15_000);
    const tab = await openDevHost(page, server.url, {
      user: hr.userPrincipalName,
      subEntityId: `training/hr/roster/${sessionId}`,
    });
    const panel = tab.frame.locator('[data-testid=announcements]');
    await panel.locator('[data-testid=announce-eligible]').waitFor();
    await panel.locator('[data-testid=announce-submit]').click();
    // The notice, or (to say why it did not come) the error the panel shows instead.
    const outcome = async () => {
      const error = panel.locator('[data-testid=announce-error]');
      return (
        ((await error.count()) > 0 ? await error.first().textContent() : null) ??
        (await panel.locator('[data-testid=announce-notice]').textContent())
      );
    };
    await expect.poll(outcome).toContain('人に受講案内を送ります');
    const item = panel.locator('[data-testid=announcement-list] > li').first();
    await expect(item.locator('[data-testid=count-sent]').textContent()).resolves.toContain('送信済み');
    await item.locator('[data-testid=announcement-report]').click();
    await item.locator('[data-testid=announcement-failures], [data-testid=no-failures]').first().waitFor();
    await expectAccessible(tab);
    // The same report as the server has it: everyone the course is for was told once.
    const [announcement] = (await call(hr, 'GET', `/api/training/sessions/${sessionId}/announcements`))
      .body as unknown as Array<{ id: string; counts: { recipients: number } }>;
    expect(announcement!.counts.recipients).toBeGreaterThan(0);
    await page.close();
  });

  it('proposes attendance of an online session from its Teams attendance report; HR confirms it in one action', async () => {
    // An online session of the other course, held 3 to 1 hours ago, with one confirmed attendee.
    server.emulator.setOnlineMeetingProviders(kenshu.id, ['teamsForBusiness']);
    const attendee = server.emulator.people.find(
      (person) => person.levelId === 'shuji' && person.id !== report.id && person.appRoles.length === 0,
    )!;
    const online = (
      await call(hr, 'POST', `/api/training/courses/${otherCourse.id}/sessions`, {
        date: jstDay(28),
        startTime: '10:00',
        endTime: '12:00',
        place: '',
        online: true,
        capacity: 10,
        applicationDeadline: jstDay(20),
      })
    ).body as unknown as SessionView;
    const nominated = (
      await call(hr, 'POST', `/api/training/sessions/${online.id}/nominate`, {
        personId: attendee.id,
        note: '',
        overrideEligibility: true,
      })
    ).body as unknown as { id: string; version: number };
    await call(hr, 'POST', `/api/training/enrolments/${nominated.id}/confirm`, {
      version: nominated.version,
    });
    const joinUrl = await until('the session’s Teams meeting', async () => {
      const roster = await call(hr, 'GET', `/api/training/sessions/${online.id}/roster`);
      return (roster.body.session as SessionView).joinUrl ?? undefined;
    });
    const startsAt = new Date(Date.now() - 3 * 3600_000);
    await server.database.query(`UPDATE training_sessions SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
      online.id,
      startsAt,
      new Date(startsAt.getTime() + 2 * 3600_000),
    ]);
    // Teams made the report: the attendee was in the meeting for 100 of the 120 minutes.
    server.emulator.addAttendanceReport({
      organizer: kenshu.id,
      joinUrl,
      start: startsAt.toISOString(),
      end: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      records: [{ person: attendee.id, seconds: 6000 }],
    });
    expect(await server.attendanceJob()).toMatchObject({ proposed: 1 });

    const { page, tab } = await open(hr, 'hr');
    const frame = tab.frame;
    const course = frame.locator(`[data-testid^=hr-course-][data-title="${otherCourse.title.ja}"]`);
    await course.locator('[data-testid=course-sessions]').click();
    await course.locator(`[data-testid=hr-session-${online.id}] [data-testid=open-roster]`).click();
    const proposal = frame.locator('[data-testid=attendance-proposal-body][data-state=proposed]');
    await expect(
      proposal.locator(`[data-testid=attendance-${attendee.id}]`).getByRole('checkbox').isChecked(),
    ).resolves.toBe(true);
    await expectAccessible(tab);
    await proposal.locator('[data-testid=attendance-confirm]').click();
    await frame.locator('[data-testid=attendance-proposal-body][data-state=confirmed]').waitFor();
    await frame.locator(`[data-testid=roster-${attendee.id}][data-status=attended]`).waitFor();
    await page.close();
  });
});
