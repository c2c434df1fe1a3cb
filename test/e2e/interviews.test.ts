// Interviews end to end through the dev host (issue 6): a 課長 books all direct reports in one action from
// the tab, Outlook (the emulator) gets the events in both calendars with Teams links, the page follows them
// to booked, the record is kept, and a report sees the interview in their own tab.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedPerson } from '../../src/dev/m365-emulator/seed-organisation.ts';
import { createGraphClient } from '../../src/graph/graph-client.ts';
import { createAppTokenProvider } from '../../src/graph/token-providers.ts';
import { INTERVIEW_TYPES, type InterviewSummary } from '../../src/interviews/interview.contract.ts';
import { seasonSettings } from '../../tab/src/interviews/schedule.ts';
import { apiCaller } from '../support/api-caller.ts';
import { weekdaysInFiscalYearOf } from '../support/fiscal-days.ts';
import {
  launchBrowser,
  openDevHost,
  screenshot,
  seriousAxeViolations,
  type DevHostTab,
  openTabPage,
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const BUFFER_MINUTES = 10;

describe('interviews in the tab', () => {
  let server: TestServer;
  let browser: Browser;
  let kacho: SeedPerson;
  let reports: SeedPerson[];
  const call = apiCaller(() => server);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const people = server.emulator.people;
    // A 課長 outside 職員課 (no HR role): they book as a supervisor, nothing more.
    kacho = people.find(
      (person) =>
        person.levelId === 'kacho' &&
        person.department !== '職員課' &&
        !person.appRoles.includes('Hagukumi.HR') &&
        people.filter((other) => other.managerId === person.id).length >= 3,
    )!;
    expect(kacho).toBeDefined();
    reports = people.filter((person) => person.managerId === kacho.id);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(
    person: SeedPerson,
    options: { theme?: string; locale?: string; width?: number; viaNavigation?: boolean } = {},
  ): Promise<{ page: Page; tab: DevHostTab }> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1100, height: 900 } });
    // Straight to the page through a deep link, as the bot's buttons open it (the home's loading is no part
    // of these tests); the first test walks there through the navigation.
    const tab = await openDevHost(page, server.url, {
      user: person.userPrincipalName,
      theme: options.theme,
      locale: options.locale,
      ...(options.viaNavigation ? {} : { subEntityId: 'interviews' }),
    });
    if (options.viaNavigation) {
      await openTabPage(tab.frame, 'interviews');
      await tab.frame.locator('[data-testid=interviews]').waitFor();
    }
    return { page, tab };
  }

  /** The whole page: the tab scrolls inside the dev host's frame, so the window grows to its height first. */
  async function shoot(page: Page, tab: DevHostTab, name: string): Promise<void> {
    const height = await (await tab.contentFrame()).evaluate(() => document.documentElement.scrollHeight);
    const width = page.viewportSize()?.width ?? 1100;
    await page.setViewportSize({ width, height: Math.min(height + 120, 8000) });
    await screenshot(page, name);
  }

  /** Selects every direct report, picks the type and asks for times; resolves when the plan shows. */
  async function planFor(tab: DevHostTab, type: string): Promise<void> {
    await tab.frame.locator('[data-testid=booking-select-all-1]').click();
    await tab.frame.locator('[data-testid=booking-type]').selectOption(type);
    await tab.frame.locator('[data-testid=booking-find]').click();
    await tab.frame.locator('[data-testid=plan]').waitFor({ timeout: 20_000 });
  }

  const slotOf = (value: string) => {
    const [start, end] = value.split('|');
    return { start: Date.parse(start!), end: Date.parse(end!) };
  };
  const touches = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start < b.end + BUFFER_MINUTES * 60_000 && b.start < a.end + BUFFER_MINUTES * 60_000;

  let swapped: { personId: string; start: string };
  let booked: InterviewSummary[];

  it('books all direct reports in one action: events with Teams links in both calendars, shown as booked', async () => {
    // The defaults follow HR's open season, and the dates and times read the Japanese way. The tab works
    // them out when it opens: as of before or after it did, should the day change meanwhile in Japan.
    const due = (await call(kacho, 'GET', '/api/cycles/due')).body as unknown as {
      open: Array<{ kind: string; closesOn: string }>;
    };
    const before = seasonSettings(due.open, new Date());
    const { page, tab } = await open(kacho, { viaNavigation: true });
    await tab.frame.locator('[data-testid=booking-panel]').waitFor();
    // The type and last day shown, the last day without its weekday, beside what the season says for then.
    const defaults = async () => {
      const lastDay = await tab.frame.locator('[data-testid=booking-last-day]').inputValue();
      const type = await tab.frame.locator('[data-testid=booking-type]').inputValue();
      return `${type} ${lastDay.replace(/ \([日月火水木金土]\)$/, '')}`;
    };
    const expected = (season: ReturnType<typeof seasonSettings>) =>
      `${season.type} ${season.lastDay.replaceAll('-', '/')}`;
    await expect
      .poll(async () => {
        const shown = await defaults();
        const after = seasonSettings(due.open, new Date());
        return [expected(before), expected(after)].includes(shown) ? expected(before) : shown;
      })
      .toBe(expected(before));
    await expect(tab.frame.locator('[data-testid=booking-last-day]').inputValue()).resolves.toMatch(
      /^\d{4}\/\d{2}\/\d{2} \([日月火水木金土]\)$/,
    );
    await expect(tab.frame.locator('[data-testid=booking-day-start]').inputValue()).resolves.toBe('08:30');
    await planFor(tab, 'goalSetting');
    const rows = tab.frame.locator('[data-testid^=plan-row-]');
    await expect(rows.count()).resolves.toBe(reports.length);
    // Spread over the window, not one after another on the first morning.
    const days = await tab.frame
      .locator('[data-testid^=plan-swap-]')
      .evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).value.slice(0, 10)));
    expect(new Set(days).size).toBeGreaterThanOrEqual(Math.min(reports.length, 2));
    await expect(tab.frame.locator('[data-testid=plan-unplaced]').count()).resolves.toBe(0);
    const planText = (await tab.frame.locator('[data-testid=plan]').textContent()) ?? '';
    expect(planText).toContain('期首面談（目標設定）');
    expect(planText).toMatch(/\d+月\d+日\(.\) \d{1,2}:\d{2}～\d{1,2}:\d{2}/);
    await shoot(page, tab, 'interviews-plan-ja');

    // Swap the first person's slot for an alternative.
    const first = reports.find((person) => planText.includes(person.displayName))!;
    const select = tab.frame.locator(`[data-testid=plan-swap-${first.id}]`);
    const current = await select.inputValue();
    const options = await select
      .locator('option')
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
    const alternative = options.find((value) => value !== current)!;
    expect(alternative).toBeDefined();
    await select.selectOption(alternative);
    await expect(
      tab.frame.locator(`[data-testid=plan-row-${first.id}]`).getAttribute('data-start'),
    ).resolves.toBe(alternative.split('|')[0]);
    swapped = { personId: first.id, start: alternative.split('|')[0]! };

    // No one else is offered a time that clashes with the swapped one, and no two chosen times clash.
    const chosen: Array<{ start: number; end: number }> = [];
    for (const person of reports) {
      const personSelect = tab.frame.locator(`[data-testid=plan-swap-${person.id}]`);
      chosen.push(slotOf(await personSelect.inputValue()));
      if (person.id === first.id) continue;
      const offered = await personSelect
        .locator('option')
        .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
      for (const value of offered) expect(touches(slotOf(value), slotOf(alternative))).toBe(false);
    }
    for (const [index, slot] of chosen.entries())
      for (const other of chosen.slice(index + 1)) expect(touches(slot, other)).toBe(false);

    await tab.frame.locator('[data-testid=booking-confirm]').click();
    await tab.frame.locator('[data-testid=booked]').waitFor({ timeout: 20_000 });
    // The page follows the Outlook worker until every interview is booked.
    await tab.frame.locator('[data-testid=booked-state][data-pending=false]').waitFor({ timeout: 60_000 });

    const organizerEvents = server.emulator
      .eventsOf(kacho.id)
      .filter((event) => event.subject.includes('期首面談') && !event.isCancelled);
    expect(organizerEvents).toHaveLength(reports.length);
    for (const event of organizerEvents) expect(event.onlineMeeting?.joinUrl).toMatch(/^https:\/\//);
    for (const report of reports) {
      const copies = server.emulator
        .eventsOf(report.id)
        .filter((event) => event.subject.includes('期首面談') && !event.isCancelled);
      expect(copies, `${report.displayName}'s calendar`).toHaveLength(1);
      expect(copies[0]!.onlineMeeting?.joinUrl).toMatch(/^https:\/\//);
      expect(organizerEvents.map((event) => event.iCalUId)).toContain(copies[0]!.iCalUId);
      const row = tab.frame.locator(`[data-testid=booked-${report.id}]`);
      await expect(row.getAttribute('data-status')).resolves.toBe('booked');
      await expect(row.locator('[data-testid=booked-join]').getAttribute('href')).resolves.toBe(
        copies[0]!.onlineMeeting!.joinUrl,
      );
    }
    const swappedEvent = server.emulator
      .eventsOf(swapped.personId)
      .find((event) => event.subject.includes('期首面談'))!;
    expect(Date.parse(swappedEvent.startUtc)).toBe(Date.parse(swapped.start));

    booked = (await call(kacho, 'GET', '/api/interviews?as=organizer')).body as unknown as InterviewSummary[];
    expect(booked.filter((entry) => entry.status === 'booked')).toHaveLength(reports.length);
    // The list of interviews I hold shows them too, with their join links.
    const held = tab.frame.locator('[data-testid=organizer-upcoming] > li');
    await expect(held.count()).resolves.toBe(reports.length);
    await expect(
      tab.frame.locator('[data-testid=organizer-upcoming] [data-testid=join-link]').count(),
    ).resolves.toBe(reports.length);
    await shoot(page, tab, 'interviews-booked-ja');
    await page.close();
  });

  it('keeps the record: the supervisor writes agenda, shared and private notes and action items', async () => {
    const target = booked.find((entry) => entry.personId === swapped.personId)!;
    const { page, tab } = await open(kacho);
    await tab.frame.locator(`[data-testid=organizer-${target.id}] [data-testid=open-record]`).click();
    const record = tab.frame.locator('[data-testid=interview-record]');
    await record.locator('[data-testid=record-facts]').waitFor();
    await expect(record.locator('[data-testid=agenda-0]').inputValue()).resolves.not.toBe('');
    await record.locator('[data-testid=shared-notes]').fill('目標の指標を月次で確認する');
    await record.locator('[data-testid=private-notes]').fill('次年度は係長候補として育成');
    await record.locator('[data-testid=add-action]').click();
    await record.locator('[data-testid=action-0]').fill('月次の待ち時間を集計する');
    await record.locator('[data-testid=record-save]').click();
    await expect
      .poll(() => record.locator('[data-testid=record-status]').textContent())
      .toBe('保存しました。');
    expect(await seriousAxeViolations(await tab.contentFrame())).toEqual([]);
    await shoot(page, tab, 'interviews-record-ja');
    await page.close();
  });

  it('shows a report their upcoming interview with the join link and shared notes, never the private ones', async () => {
    const report = reports.find((person) => person.id === swapped.personId)!;
    const target = booked.find((entry) => entry.personId === report.id)!;
    const { page, tab } = await open(report);
    const item = tab.frame.locator(`[data-testid=attendee-${target.id}]`);
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('期首面談（目標設定）');
    expect(text).toContain(kacho.displayName);
    await expect(item.locator('[data-testid=join-link]').getAttribute('href')).resolves.toBe(target.joinUrl);
    await expect
      .poll(() => item.locator('[data-testid=attendee-notes]').textContent())
      .toContain('目標の指標を月次で確認する');
    // The supervisor's booking tools are not there for someone without reports.
    await expect(tab.frame.locator('[data-testid=interviews-book]').count()).resolves.toBe(0);

    await item.locator('[data-testid=open-record]').click();
    const record = tab.frame.locator('[data-testid=interview-record]');
    await record.locator('[data-testid=record-actions]').waitFor();
    const recordText = (await record.textContent()) ?? '';
    expect(recordText).toContain('目標の指標を月次で確認する');
    expect(recordText).not.toContain('次年度は係長候補として育成');
    await expect(record.locator('[data-testid=shared-notes]').count()).resolves.toBe(0);
    await record.locator('[data-testid^=action-done-]').first().click();
    await expect
      .poll(() => record.locator('[data-testid=record-status]').textContent())
      .toBe('完了の状態を保存しました。');
    const detail = (await call(report, 'GET', `/api/interviews/${target.id}`)).body as unknown as {
      actionItems: Array<{ done: boolean }>;
    };
    expect(detail.actionItems[0]!.done).toBe(true);
    await page.close();
  });

  it('keeps what the supervisor typed when someone else saved the record first', async () => {
    const target = booked.find((entry) => entry.personId === swapped.personId)!;
    const { page, tab } = await open(kacho);
    await tab.frame.locator(`[data-testid=organizer-${target.id}] [data-testid=open-record]`).click();
    const record = tab.frame.locator('[data-testid=interview-record]');
    await record.locator('[data-testid=shared-notes]').waitFor();
    await record.locator('[data-testid=shared-notes]').fill('面談で話したこと（タブで入力中）');
    // Another member of the chain saves in the meantime.
    const current = (await call(kacho, 'GET', `/api/interviews/${target.id}`)).body as unknown as {
      version: number;
      agenda: unknown[];
      actionItems: unknown[];
    };
    const other = await call(kacho, 'PUT', `/api/interviews/${target.id}/record`, {
      version: current.version,
      agenda: current.agenda,
      sharedNotes: '別の画面で保存したメモ',
      privateNotes: '次年度は係長候補として育成',
      actionItems: current.actionItems,
    });
    expect(other.status).toBe(200);
    await record.locator('[data-testid=record-save]').click();
    await record.locator('[data-testid=record-conflict]').waitFor();
    await expect(record.locator('[data-testid=shared-notes]').inputValue()).resolves.toBe(
      '面談で話したこと（タブで入力中）',
    );
    await record.locator('[data-testid=record-reload]').click();
    await expect
      .poll(() => record.locator('[data-testid=shared-notes]').inputValue())
      .toBe('別の画面で保存したメモ');
    await page.close();
  });

  it('names the person whose time was taken meanwhile and plans again with the settings kept', async () => {
    const { page, tab } = await open(kacho);
    await tab.frame.locator('[data-testid=booking-panel]').waitFor();
    await tab.frame.locator('[data-testid=booking-duration]').fill('45');
    await planFor(tab, 'midYear');
    const person = reports[0]!;
    const chosen = slotOf(await tab.frame.locator(`[data-testid=plan-swap-${person.id}]`).inputValue());
    // Someone fills that time in the person's Outlook after the plan was made.
    const microsoft = server.local!.microsoft;
    const graph = createGraphClient({
      baseUrl: microsoft.graphBaseUrl,
      getToken: createAppTokenProvider({ ...microsoft, caCertPem: server.local!.caCertPem }),
      caCertPem: server.local!.caCertPem,
    });
    await graph.post(`/users/${person.id}/events`, {
      subject: '窓口応援',
      start: { dateTime: new Date(chosen.start).toISOString().slice(0, 19), timeZone: 'UTC' },
      end: { dateTime: new Date(chosen.end).toISOString().slice(0, 19), timeZone: 'UTC' },
      showAs: 'busy',
    });
    await tab.frame.locator('[data-testid=booking-confirm]').click();
    const conflict = tab.frame.locator('[data-testid=booking-conflict]');
    await conflict.waitFor();
    await expect(conflict.locator('[data-testid=booking-conflict-people]').textContent()).resolves.toContain(
      person.displayName,
    );
    await conflict.locator('[data-testid=booking-replan]').click();
    await tab.frame.locator('[data-testid=booking-conflict]').waitFor({ state: 'detached' });
    await tab.frame.locator('[data-testid=plan]').waitFor();
    await expect(tab.frame.locator('[data-testid=booking-duration]').inputValue()).resolves.toBe('45');
    await expect(tab.frame.locator('[data-testid=booking-type]').inputValue()).resolves.toBe('midYear');
    const again = slotOf(await tab.frame.locator(`[data-testid=plan-swap-${person.id}]`).inputValue());
    expect(touches(again, chosen) && again.start < chosen.end && chosen.start < again.end).toBe(false);
    expect(again.end - again.start).toBe(45 * 60_000);
    await page.close();
  });

  it('books once when a confirmation is retried after its answer was lost, and remembers the settings', async () => {
    const person = reports[1]!;
    const { page, tab } = await open(kacho);
    await tab.frame.locator(`[data-testid=booking-person-${person.id}]`).click();
    await tab.frame.locator('[data-testid=booking-type]').selectOption('career');
    await tab.frame.locator('[data-testid=booking-find]').click();
    await tab.frame.locator(`[data-testid=plan-row-${person.id}]`).waitFor();
    // The first confirmation reaches the server, but its answer is lost on the way back.
    const keys: string[] = [];
    await page.route('**/api/interviews/bookings', async (route) => {
      keys.push((route.request().postDataJSON() as { idempotencyKey: string }).idempotencyKey);
      if (keys.length === 1) {
        await route.fetch();
        await route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'unavailable', message: '通信が途切れました' } }),
        });
      } else {
        await route.continue();
      }
    });
    await tab.frame.locator('[data-testid=booking-confirm]').click();
    const failure = tab.frame.locator('[data-testid=booking-panel] [data-testid=error-panel]');
    await failure.waitFor();
    await failure.locator('button').click();
    await tab.frame.locator('[data-testid=booked-state][data-pending=false]').waitFor({ timeout: 60_000 });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const careerEvents = server.emulator
      .eventsOf(kacho.id)
      .filter((event) => event.subject.includes('キャリア面談') && !event.isCancelled);
    expect(careerEvents).toHaveLength(1);

    // The settings survive a reload of the tab.
    await page.reload();
    await tab.frame.locator('[data-testid=home]').waitFor();
    await tab.frame.locator('[data-testid=nav-interviews]').click();
    await tab.frame.locator('[data-testid=booking-panel]').waitFor();
    await expect(tab.frame.locator('[data-testid=booking-type]').inputValue()).resolves.toBe('career');
    await page.close();
  });

  it('reschedules and cancels from the list, and Outlook follows', async () => {
    const target = booked.find((entry) => entry.personId !== swapped.personId)!;
    const { page, tab } = await open(kacho);
    const item = tab.frame.locator(`[data-testid=organizer-${target.id}]`);
    await item.locator('[data-testid=reschedule]').click();
    // A weekday a few weeks out at 16:00 Japan time, where neither calendar has anything (the emulator's
    // seeded days differ by date), and in the interview's fiscal year: late in March, a few weeks out is
    // the next year, where a second goal-setting interview of the person may not go.
    const minutes = (Date.parse(target.end) - Date.parse(target.start)) / 60_000;
    const busyAt = (personId: string, day: string) => {
      const start = Date.parse(`${day}T16:00:00+09:00`);
      return server.emulator
        .eventsOf(personId)
        .some(
          (event) =>
            !event.isCancelled &&
            Date.parse(event.startUtc) < start + minutes * 60_000 &&
            start < Date.parse(event.endUtc),
        );
    };
    const date = weekdaysInFiscalYearOf(target.start, 21).find(
      (day) => !busyAt(kacho.id, day) && !busyAt(target.personId, day),
    )!;
    expect(date, 'a free weekday at 16:00 in the fiscal year').toBeDefined();
    await tab.frame.locator('[data-testid=reschedule-day]').fill(date);
    await tab.frame.locator('[data-testid=reschedule-time]').fill('16:00');
    await tab.frame.locator('[data-testid=reschedule-submit]').click();
    await tab.frame.locator('[data-testid=reschedule-submit]').waitFor({ state: 'detached' });
    const expectedStart = Date.parse(`${date}T16:00:00+09:00`);
    await expect
      .poll(
        () =>
          server.emulator
            .eventsOf(target.personId)
            .filter((event) => event.subject.includes('期首面談'))
            .map((event) => Date.parse(event.startUtc)),
        { timeout: 30_000 },
      )
      .toContain(expectedStart);

    await item.locator('[data-testid=cancel]').click();
    await tab.frame.locator('[data-testid=cancel-reason]').fill('日程再調整のため');
    await tab.frame.locator('[data-testid=cancel-submit]').click();
    await tab.frame.locator('[data-testid=cancel-submit]').waitFor({ state: 'detached' });
    await expect
      .poll(
        () =>
          server.emulator
            .eventsOf(target.personId)
            .filter((event) => event.subject.includes('期首面談'))
            .map((event) => event.isCancelled),
        { timeout: 30_000 },
      )
      .toSatisfy((cancelled: boolean[]) => cancelled.length > 0 && cancelled.every(Boolean));
    await expect(
      tab.frame
        .locator(`[data-testid=organizer-past] [data-testid=organizer-${target.id}]`)
        .getAttribute('data-status'),
    ).resolves.toBe('cancelled');
    await page.close();
  });

  // The page as a whole in the default and dark themes, at 360 px and in English is a component test
  // (test/component/interviews-page.test.tsx): it needs no server.

  it('plans, swaps and books by keyboard alone', async () => {
    const { page, tab } = await open(kacho);
    await tab.frame.locator('[data-testid=booking-panel]').waitFor();
    const content = await tab.contentFrame();
    const focused = () => content.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    const tabTo = async (testId: string) => {
      for (let presses = 0; presses < 80; presses += 1) {
        if ((await focused()) === testId) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${testId}`);
    };
    await content.focus('h1');
    await tabTo('booking-select-all-1');
    await page.keyboard.press('Space');
    await tabTo('booking-type');
    // The default follows HR's open season (career when none is open): up to the first, goalSetting,
    // then goalSetting → midYear → yearEnd.
    for (let press = 0; press < INTERVIEW_TYPES.length; press += 1) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(tab.frame.locator('[data-testid=booking-type]').inputValue()).resolves.toBe('yearEnd');
    await tabTo('booking-find');
    await page.keyboard.press('Enter');
    await tab.frame.locator('[data-testid=plan]').waitFor({ timeout: 20_000 });
    // The new proposal takes the focus, so the next Tab lands on the first person's time.
    await expect.poll(() => content.evaluate(() => document.activeElement?.id)).toBe('interviews-plan');
    await page.keyboard.press('Tab');
    const first = await focused();
    expect(first).toMatch(/^plan-swap-/);
    const before = await tab.frame.locator(`[data-testid=${first}]`).inputValue();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => tab.frame.locator(`[data-testid=${first}]`).inputValue()).not.toBe(before);
    await tabTo('booking-confirm');
    await page.keyboard.press('Enter');
    await tab.frame.locator('[data-testid=booked-state][data-pending=false]').waitFor({ timeout: 60_000 });
    const yearEnd = server.emulator
      .eventsOf(kacho.id)
      .filter((event) => event.subject.includes('期末面談') && !event.isCancelled);
    expect(yearEnd).toHaveLength(reports.length);
    await page.close();
  });

  it('books the 1:1 a 主事 asked their 係長 for as a series: request, accept, book every 2 weeks', async () => {
    // Issue 19 asks for this pair: a 主事 and the 係長 they report to (outside 職員課, no HR role).
    const people = server.emulator.people;
    const kakaricho = people.find(
      (person) =>
        person.levelId === 'kakaricho' &&
        person.department !== '職員課' &&
        person.appRoles.length === 0 &&
        people.some((other) => other.managerId === person.id && other.levelId === 'shuji'),
    )!;
    expect(kakaricho).toBeDefined();
    const report = people.find((person) => person.managerId === kakaricho.id && person.levelId === 'shuji')!;
    expect(report.levelId).toBe('shuji');
    const asking = await open(report);
    await asking.tab.frame.locator('[data-testid=request-topic]').fill('研修の希望を相談したい');
    await asking.tab.frame.locator('[data-testid=request-send]').click();
    await asking.tab.frame.locator('[data-testid=request-open-note]').waitFor();
    await asking.page.close();
    const [request] = (await call(report, 'GET', '/api/interview-requests?as=requester'))
      .body as unknown as Array<{
      id: string;
    }>;

    const { page, tab } = await open(kakaricho);
    await tab.frame.locator(`[data-testid=request-accept-${request!.id}]`).click();
    await tab.frame.locator('[data-testid=booking-accepting]').waitFor();
    await expect(tab.frame.locator('[data-testid=booking-type]').inputValue()).resolves.toBe('oneOnOne');
    await tab.frame.locator('[data-testid=booking-find]').click();
    await tab.frame.locator('[data-testid=plan]').waitFor({ timeout: 20_000 });
    // Booked as a recurring series: every 2 weeks, 3 times, one Outlook recurring meeting.
    await tab.frame.locator('[data-testid=booking-series-interval]').selectOption('2');
    await tab.frame.locator('[data-testid=booking-series-occurrences]').fill('3');
    await tab.frame.locator('[data-testid=booking-confirm]').click();
    await tab.frame.locator('[data-testid=booked-state][data-pending=false]').waitFor({ timeout: 60_000 });
    const subject = `【面談】1on1 ${report.displayName} さん`;
    const inCalendar = (mailbox: string) =>
      server.emulator.eventsOf(mailbox).filter((event) => event.subject === subject && !event.isCancelled);
    const masters = inCalendar(kakaricho.id).filter((event) => event.type === 'seriesMaster');
    expect(masters).toHaveLength(1);
    expect(masters[0]!.recurrence).toMatchObject({ pattern: { type: 'weekly', interval: 2 } });
    for (const mailbox of [kakaricho.id, report.id]) {
      const starts = inCalendar(mailbox)
        .filter((event) => event.type === 'occurrence')
        .map((event) => Date.parse(event.startUtc))
        .sort((a, b) => a - b);
      expect(starts).toHaveLength(3);
      expect(starts[1]! - starts[0]!).toBe(14 * 24 * 60 * 60 * 1000);
    }
    const [answered] = (await call(report, 'GET', '/api/interview-requests?as=requester'))
      .body as unknown as Array<{
      status: string;
      interviewId: string | null;
    }>;
    expect(answered?.status).toBe('booked');
    expect(answered?.interviewId).toMatch(/^[0-9a-f-]{36}$/);
    await page.close();
  });
});
