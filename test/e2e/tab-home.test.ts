import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../src/framework/framework.schema.ts';
import { halfPeriodAt } from '../../src/shared/fiscal-period.ts';
import { apiCaller } from '../support/api-caller.ts';
import {
  launchBrowser,
  openDevHost,
  screenshot,
  seriousAxeViolations,
  expectNoSidewaysScroll,
  openTabPage,
  type DevHostTab,
} from '../support/browser.ts';
import { bookInterview, homeCast, openCycleWindow, submitSelfCheck } from '../support/home-fixture.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const SYMBOL: Record<string, string> = { evaluated: '●', maintain: '※', parttime: '○', none: '—' };
const THEMES = ['default', 'dark', 'contrast'];
const DAY = 86_400_000;

type Person = TestServer['emulator']['people'][number];

// Three people walk through the home (issue 18): a 主事 whose only news is an interview booked for next
// week, their 係長 with a self-check to give feedback on and interviews to book, and HR's 課長. Each
// walk is one page load: themes change live and the viewport is resized in place.
describe("the tab's home and the policy page", () => {
  let server: TestServer;
  let browser: Browser;
  let framework: Framework;
  let shuji: Person;
  let kakaricho: Person;
  let hrKacho: Person;
  const { fiscalYear, id: period } = halfPeriodAt(new Date());
  const call = apiCaller(() => server);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    framework = server.framework;
    ({ kakaricho, shuji } = homeCast(server));
    hrKacho = server.emulator.people.find(
      (person) => person.appRoles.length > 0 && person.levelId === 'kacho',
    )!;
    expect(hrKacho).toBeDefined();

    // The 主事 has sent this half's self-check; HR has opened the mid-year window; the 係長 has booked
    // the 主事's mid-year interview for next week.
    await submitSelfCheck(call, server, shuji, period);
    await openCycleWindow(call, hrKacho, fiscalYear, 'midYear');
    await bookInterview(server, {
      organizer: kakaricho,
      person: shuji,
      type: 'midYear',
      fiscalYear,
      start: new Date(Date.now() + 7 * DAY),
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/e2e-home',
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Axe in each theme, switched live; a screenshot in each. */
  const expectAccessibleInEveryTheme = async (page: Page, tab: DevHostTab, name: string) => {
    for (const theme of THEMES) {
      await tab.setTheme(theme);
      expect({ theme, violations: await seriousAxeViolations(await tab.contentFrame()) }).toEqual({
        theme,
        violations: [],
      });
      await screenshot(page, `${name}-${theme}`);
    }
    await tab.setTheme('default');
  };

  it('shows a 主事 the booked interview as coming up (never "nothing to do"), and the policy one link away', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, { user: shuji.userPrincipalName });
    // The shell reports success first; the data requests (which need the token) come after.
    const events = await tab.events();
    const success = events.find((event) => event.func === 'appInitialization.success');
    const firstToken = events.find((event) => event.func === 'authentication.getAuthToken');
    expect(success).toBeDefined();
    expect(firstToken).toBeDefined();
    expect(success!.at).toBeLessThanOrEqual(firstToken!.at);

    const home = tab.frame.locator('[data-testid=home][data-state=ready]');
    await home.waitFor();
    await expect(home.locator('[data-testid=home-todo-none]').textContent()).resolves.toBe(
      '今すぐやることはありません。予定は「これからの予定」をご覧ください。',
    );
    const interview = home.locator('[data-testid=home-upcoming-interview]');
    await expect(interview.textContent()).resolves.toContain(`中間面談（${kakaricho.displayName} さんと）`);
    await expect(interview.locator('[data-testid=home-join]').getAttribute('href')).resolves.toBe(
      'https://teams.microsoft.com/l/meetup-join/e2e-home',
    );
    expect(await home.locator('[data-testid=home-team]').count()).toBe(0);
    await expectAccessibleInEveryTheme(page, tab, 'home-shuji');

    // Teams mobile width, dark.
    await tab.setTheme('dark');
    await page.setViewportSize({ width: 360, height: 780 });
    await expectNoSidewaysScroll(tab.frame);
    await screenshot(page, 'home-shuji-mobile-dark');
    await tab.setTheme('default');
    await page.setViewportSize({ width: 1100, height: 900 });

    // The policy: めざす職員像, my level's roles and matrix row, DRILL.
    await home.locator('[data-testid=open-policy]').click();
    const policy = tab.frame.locator('[data-testid=policy]');
    await policy.waitFor();
    const level = framework.levels.find((candidate) => candidate.id === 'shuji')!;
    await expect(policy.locator('[data-testid=level-name]').textContent()).resolves.toBe(level.name.ja);
    await expect(policy.locator('[data-testid=level-title]').textContent()).resolves.toBe(level.title.ja);
    await expect(policy.locator('[data-testid=level-roles] li').allTextContents()).resolves.toEqual(
      level.roles.map((role) => role.ja),
    );
    await expect(policy.locator('[data-testid=target-statement]').textContent()).resolves.toBe(
      framework.targetImage.statement.ja,
    );
    expect(await policy.locator('[data-testid=guidelines] > li').count()).toBe(5);
    for (const competency of framework.competencies) {
      const expected = framework.expectations.shuji![competency.id]!;
      const item = policy.locator(`[data-testid=expectation-${competency.id}]`);
      await expect(item.getAttribute('data-mark')).resolves.toBe(expected);
      const text = (await item.textContent()) ?? '';
      expect(text).toContain(competency.name.ja);
      expect(text).toContain(SYMBOL[expected]!);
    }
    await expect(policy.textContent()).resolves.toContain('わたしに求められる能力');
    await expectAccessibleInEveryTheme(page, tab, 'policy-shuji');
    await page.setViewportSize({ width: 360, height: 780 });
    await expectNoSidewaysScroll(tab.frame);
    await screenshot(page, 'policy-shuji-mobile');
    await page.setViewportSize({ width: 1100, height: 900 });

    // The whole matrix, in every theme, and back.
    await policy.locator('[data-testid=open-matrix]').click();
    await tab.frame.locator('[data-testid=matrix]').waitFor();
    await expectAccessibleInEveryTheme(page, tab, 'matrix-shuji');
    await tab.frame.locator('[data-testid=back-home]').click();
    await policy.waitFor();
    await policy.locator('[data-testid=policy-back]').click();
    await home.waitFor();
    await page.close();
  });

  it('shows a 係長 what waits on them, in English, each linked to where they act', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, { user: kakaricho.userPrincipalName, locale: 'en-US' });
    const home = tab.frame.locator('[data-testid=home][data-state=ready]');
    await home.waitFor();
    const team = home.locator('[data-testid=home-team]');
    await expect(team.locator('h2').textContent()).resolves.toBe('Waiting on you from your team');
    const selfCheck = team.locator('[data-testid=home-team-self-check]');
    await expect(selfCheck.textContent()).resolves.toContain(
      `Give feedback on ${shuji.displayName}'s self-check`,
    );
    // In the team list's words (tab/src/team/self-check-badge.tsx): no comment yet.
    await expect(selfCheck.locator('[data-testid=self-check-state]').textContent()).resolves.toBe(
      'Submitted (awaiting feedback)',
    );
    // Every direct report but the 主事 (booked) still needs their mid-year interview; nobody further down.
    const direct = server.emulator.people.filter(
      (person) =>
        person.managerId === kakaricho.id &&
        person.employeeType !== '会計年度任用職員' &&
        person.id !== shuji.id,
    );
    const toBook = await team.locator('[data-testid=home-team-interview] a').allTextContents();
    expect(toBook.sort()).toEqual(
      direct.map((person) => `Book ${person.displayName}'s mid-year interview`).sort(),
    );
    await expect(home.locator('[data-testid=home-upcoming-interview] a').first().textContent()).resolves.toBe(
      `${shuji.displayName}: mid-year interview`,
    );
    await tab.setTheme('dark');
    expect(await seriousAxeViolations(await tab.contentFrame())).toEqual([]);
    await screenshot(page, 'home-kakaricho-en-dark');
    await page.setViewportSize({ width: 360, height: 780 });
    await expectNoSidewaysScroll(tab.frame);
    await screenshot(page, 'home-kakaricho-en-mobile-dark');

    // The entry links to the person's page on the team view, where the feedback is given.
    await expect(selfCheck.locator('a').getAttribute('href')).resolves.toBe(`#/team/${shuji.id}`);

    // Still at 360 px, the 係長's own self-check (not submitted): scrolled to the middle of the items,
    // the save and submit actions are inside the viewport of the dev host's frame and of the window.
    await openTabPage(tab.frame, 'self-check');
    const form = tab.frame.locator(`[data-testid=self-check-${period}]`);
    const actions = form.locator('[data-testid=self-check-actions]');
    await actions.waitFor();
    const items = form.locator('[data-testid^=item-]');
    await items.nth(Math.floor((await items.count()) / 2)).evaluate((item) => {
      window.scrollTo(0, window.scrollY + item.getBoundingClientRect().top - window.innerHeight / 2);
    });
    const inFrame = await actions.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight + 0.5;
    });
    expect(inFrame).toBe(true);
    const box = (await actions.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(780 + 0.5);
    await expectNoSidewaysScroll(tab.frame);
    await screenshot(page, 'self-check-kakaricho-mobile-actions');
    await page.close();
  });

  it('walks HR’s 課長 through the home, and opens the matrix from the policy by keyboard alone with my column highlighted', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, { user: hrKacho.userPrincipalName });
    const home = tab.frame.locator('[data-testid=home][data-state=ready]');
    await home.waitFor();
    await expect(home.locator('[data-testid=home-todo]').isVisible()).resolves.toBe(true);
    await expect(home.locator('[data-testid=home-team] h2').textContent()).resolves.toBe('部下への対応');
    // Nothing of the 市民課 主事 reaches HR's home: HR is not their supervisor.
    await expect(home.textContent()).resolves.not.toContain(shuji.displayName);
    await tab.setTheme('dark');
    expect(await seriousAxeViolations(await tab.contentFrame())).toEqual([]);
    await screenshot(page, 'home-hr-kacho-dark');
    await page.setViewportSize({ width: 360, height: 780 });
    await expectNoSidewaysScroll(tab.frame);
    await screenshot(page, 'home-hr-kacho-mobile-dark');
    await tab.setTheme('default');
    await page.setViewportSize({ width: 1100, height: 900 });

    await home.locator('[data-testid=open-policy]').click();
    await tab.frame.locator('[data-testid=policy]').waitFor();
    const content = await tab.contentFrame();
    // Tab through the page until the matrix button has focus, then press Enter.
    await content.focus('body');
    let reached = false;
    for (let presses = 0; presses < 60 && !reached; presses += 1) {
      await page.keyboard.press('Tab');
      reached = await content.evaluate(
        () => document.activeElement?.getAttribute('data-testid') === 'open-matrix',
      );
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    const matrix = tab.frame.locator('[data-testid=matrix]');
    await matrix.waitFor();
    await expect(matrix.locator('[aria-current=true]').getAttribute('data-testid')).resolves.toBe(
      'matrix-level-kacho',
    );
    for (const level of framework.levels) {
      for (const competency of framework.competencies) {
        await expect(
          matrix.locator(`[data-testid=cell-${level.id}-${competency.id}]`).getAttribute('data-mark'),
        ).resolves.toBe(framework.expectations[level.id]![competency.id]);
      }
    }
    await screenshot(page, 'matrix-kacho-ja');
    await matrix.locator('[data-testid=back-home]').click();
    await tab.frame.locator('[data-testid=policy]').waitFor();
    await page.close();
  });
});
