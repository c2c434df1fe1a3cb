import { randomUUID } from 'node:crypto';
import type { Browser, FrameLocator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { apiCaller } from '../support/api-caller.ts';
import { launchBrowser, openDevHost } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// Issue 17: switching years quickly must never let the older answer overwrite the newer one on screen.
// The first year's answer is held back in the browser until the user has switched to another year and that
// year is shown; then it is let go, and the page must still show the year the user picked.

type Person = TestServer['emulator']['people'][number];

/** A request held until `release` answers it with what `answer` makes of the server's real response. */
interface Held {
  arrived: Promise<void>;
  release(answer: (body: unknown) => unknown): Promise<void>;
}

async function holdFirst(page: Page, matches: (url: URL) => boolean): Promise<Held> {
  let arrive: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  let held: Route | undefined;
  await page.route(
    (url) => matches(url),
    async (route) => {
      if (held || route.request().method() !== 'GET') return route.continue();
      held = route;
      arrive();
    },
  );
  return {
    arrived,
    async release(answer) {
      const route = held!;
      try {
        const response = await route.fetch();
        await route.fulfill({ response, json: answer(await response.json()) });
      } catch {
        // The tab cancelled the request it no longer wants: nothing is left to answer.
      }
    },
  };
}

/** Lets the tab run what a late answer would make it do (its promise callbacks and React's render). */
async function settle(page: Page): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    for (const frame of page.frames())
      await frame.evaluate(
        () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
      );
  }
}

describe('switching years quickly', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  const call = apiCaller(() => server);
  const now = halfPeriodAt(new Date());

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (page: Page, person: Person, nav: string, testId: string): Promise<FrameLocator> => {
    const tab = await openDevHost(page, server.url, { user: person.userPrincipalName });
    await tab.frame.locator(`[data-testid=nav-${nav}]`).click();
    await tab.frame.locator(`[data-testid=${testId}]`).waitFor();
    return tab.frame;
  };

  it("keeps the goals of the year picked last when the previous year's answer arrives late", async () => {
    const person = server.emulator.people.find(
      (candidate) => candidate.levelId === 'shunin' && candidate.managerId,
    )!;
    const created = await call(person, 'POST', '/api/people/me/goals', {
      fiscalYear: now.fiscalYear,
      title: '今年度の目標',
      successCriteria: '窓口の待ち時間を短くする',
      dueDate: `${now.fiscalYear + 1}-03-01`,
      competencyIds: [],
      guidelineIds: [],
      idempotencyKey: randomUUID(),
    });
    expect(created.status).toBe(201);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const frame = await open(page, person, 'goals', 'goals');
    const cards = frame.locator('article[data-testid^=goal-]');
    await expect(cards.first().textContent()).resolves.toContain('今年度の目標');

    const previous = now.fiscalYear - 1;
    const held = await holdFirst(
      page,
      (url) =>
        url.pathname === '/api/people/me/goals' && url.searchParams.get('fiscalYear') === String(previous),
    );
    await frame.locator('[data-testid=year-picker]').selectOption(String(previous));
    await held.arrived;
    await frame.locator('[data-testid=year-picker]').selectOption(String(now.fiscalYear));
    await expect(cards.first().textContent()).resolves.toContain('今年度の目標');

    // The previous year's answer comes last, with a goal of its own.
    await held.release(() => [
      { ...created.body, id: randomUUID(), fiscalYear: previous, title: '前年度の目標' },
    ]);
    await settle(page);
    await expect(frame.locator('[data-testid=year-picker]').inputValue()).resolves.toBe(
      String(now.fiscalYear),
    );
    await expect(cards.allTextContents()).resolves.toEqual([expect.stringContaining('今年度の目標')]);
    await expect(frame.locator('[data-testid=goals-empty]').count()).resolves.toBe(0);
    await page.close();
  });

  it("keeps HR's report of the year picked last when the previous year's answer arrives late", async () => {
    const hr = server.emulator.people.find(
      (person) => person.appRoles.length > 0 && person.levelId === 'kacho',
    )!;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const frame = await open(page, hr, 'hr', 'hr');
    await frame.locator('[data-testid=hr-tab-dashboards]').click();
    const section = frame.locator('[data-testid=hr-section-dashboards]');
    const table = section.locator('[data-testid=hr-completion-table]');
    await table.waitFor();
    const year = section.locator('select').first();
    const shown = String(now.fiscalYear);
    await expect(year.inputValue()).resolves.toBe(shown);
    const before = await table.textContent();

    const previous = now.fiscalYear - 1;
    const held = await holdFirst(
      page,
      (url) =>
        url.pathname === '/api/hr/dashboards/completion' &&
        url.searchParams.get('fiscalYear') === String(previous),
    );
    await year.selectOption(String(previous));
    await held.arrived;
    await year.selectOption(shown);
    await expect(table.textContent()).resolves.toBe(before);

    // The previous year's answer comes last, with a group name of its own in every row.
    await held.release((body) => {
      const report = body as { rows: Array<{ group: string }> };
      return { ...report, rows: report.rows.map((row) => ({ ...row, group: '前年度の課' })) };
    });
    await settle(page);
    await expect(year.inputValue()).resolves.toBe(shown);
    await expect(table.textContent()).resolves.toBe(before);
    await expect(section.textContent()).resolves.not.toContain('前年度の課');
    await page.close();
  });
});
