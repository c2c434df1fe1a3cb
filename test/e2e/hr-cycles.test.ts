import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { jstDayOf, jstMidnight } from '../../src/shared/japan-time.ts';
import {
  launchBrowser,
  openDevHost,
  screenshot,
  seriousAxeViolations,
  expectNoSidewaysScroll,
  openTabPage,
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Person = {
  id: string;
  userPrincipalName: string;
  managerId: string | null;
  department: string | null;
  levelId: string | null;
  appRoles: string[];
};

const japanDay = (offset: number) =>
  new Date(Date.now() + 9 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

// HR opens a cycle window in the HR console; then an employee sees it as due on the home, and their
// supervisor sees how the team stands. Japanese first, the supervisor's in English at 360 px, axe; HR's
// section in English at 360 px and dark is a component test (test/component/hr-sections-page.test.tsx).
describe('HR cycles in the tab', () => {
  let server: TestServer;
  let browser: Browser;
  let hr: Person;
  let employee: Person;
  let supervisor: Person;
  const { fiscalYear } = halfPeriodAt(new Date());
  const yearEnd = `${fiscalYear + 1}-03-31`;
  const lastDay = japanDay(20) < yearEnd ? japanDay(20) : yearEnd;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const people = server.emulator.people as Person[];
    hr = people.find((person) => person.appRoles.length > 0)!;
    employee = people.find((person) => person.levelId === 'shuji' && person.department !== '職員課')!;
    supervisor = people.find((person) => person.id === employee.managerId)!;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openCycles = async (page: Page, locale = 'ja-JP'): Promise<FrameLocator> => {
    const tab = await openDevHost(page, server.url, { user: hr.userPrincipalName, locale });
    await openTabPage(tab.frame, 'hr');
    await tab.frame.locator('[data-testid=hr-tab-cycles]').click();
    await tab.frame.locator('[data-testid=cycle-goalSetting]').waitFor();
    return tab.frame;
  };
  const contentOf = async (page: Page) => {
    const content = await (
      await page.locator('[data-testid=dev-host-frame]').elementHandle()
    )?.contentFrame();
    if (!content) throw new Error('the tab frame is not there');
    return content;
  };

  it('lets HR plan and open the goal-setting window, showing refusals with their reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const frame = await openCycles(page);
    const row = frame.locator('[data-testid=cycle-goalSetting]');
    await expect(row.getAttribute('data-state')).resolves.toBe('none');
    await expect(frame.locator('[data-testid=cycles-year]').inputValue()).resolves.toBe(String(fiscalYear));

    // A last day before the first day is refused, and the reason is shown on the row. (The day before
    // the last one, not today: on 31 March the last day is today.)
    const midYear = frame.locator('[data-testid=cycle-midYear]');
    await midYear.locator('[data-testid=cycle-midYear-opens]').fill(lastDay);
    await midYear
      .locator('[data-testid=cycle-midYear-closes]')
      .fill(jstDayOf(jstMidnight(lastDay) - 86_400_000));
    await midYear.locator('[data-testid=cycle-midYear-plan]').click();
    await midYear.locator('[data-testid=cycle-midYear-error]').waitFor();
    await expect(midYear.textContent()).resolves.toContain('開始日以降の日付にしてください');
    await expect(midYear.getAttribute('data-state')).resolves.toBe('none');

    await row.locator('[data-testid=cycle-goalSetting-opens]').fill(japanDay(0));
    await row.locator('[data-testid=cycle-goalSetting-closes]').fill(lastDay);
    await row.locator('[data-testid=cycle-goalSetting-plan]').click();
    await frame.locator('[data-testid=cycle-goalSetting][data-state=scheduled]').waitFor();
    await frame.locator('[data-testid=cycle-goalSetting-open]').click();
    const open = frame.locator('[data-testid=cycle-goalSetting][data-state=open]');
    await open.waitFor();
    await expect(open.locator('[data-testid=cycle-goalSetting-state]').textContent()).resolves.toBe('受付中');
    await expect(open.textContent()).resolves.toContain('開始：');
    await open.locator('summary').click();
    await expect(open.locator('[data-testid=cycle-goalSetting-history] li').count()).resolves.toBe(2);

    expect(await seriousAxeViolations(await contentOf(page))).toEqual([]);
    await screenshot(page, 'hr-cycles-ja');
    await page.close();
  });

  it('shows the employee the open window as due on the home, linking to the goals page', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, { user: employee.userPrincipalName });
    // The home's 今やること card (docs/home.md).
    const card = tab.frame.locator('[data-testid=home][data-state=ready] [data-testid=home-todo]');
    await card.waitFor();
    const item = card.locator('[data-testid=home-todo-goalSetting]');
    await expect(item.textContent()).resolves.toContain('今年度の目標を設定する');
    await expect(item.textContent()).resolves.toContain('締切');
    expect(await seriousAxeViolations(await tab.contentFrame())).toEqual([]);
    await screenshot(page, 'home-due-ja');
    await item.locator('a').click();
    await tab.frame.locator('[data-testid=goals]').waitFor();
    await page.close();
  });

  it('shows the supervisor how many of the team still owe it, in English at 360 px', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
    const tab = await openDevHost(page, server.url, { user: supervisor.userPrincipalName, locale: 'en-US' });
    const team = tab.frame.locator(
      '[data-testid=home][data-state=ready] [data-testid=home-team-progress-goalSetting]',
    );
    await team.waitFor();
    await expect(team.textContent()).resolves.toMatch(
      /Set your goals for this fiscal year\d+ of \d+ still to do/,
    );
    await expectNoSidewaysScroll(tab.frame);
    expect(await seriousAxeViolations(await tab.contentFrame())).toEqual([]);
    await screenshot(page, 'home-due-supervisor-en-mobile');
    await page.close();
  });

  // The cycles section at 360 px in English and in the dark theme is a component test
  // (test/component/hr-sections-page.test.tsx): it needs no server.
});
