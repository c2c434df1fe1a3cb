import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../src/framework/framework.schema.ts';
import {
  launchBrowser,
  openDevHost,
  screenshot,
  seriousAxeViolations,
  expectNoSidewaysScroll,
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const SYMBOL: Record<string, string> = { evaluated: '●', maintain: '※', parttime: '○', none: '—' };

describe("the tab's home", () => {
  let server: TestServer;
  let browser: Browser;
  let framework: Framework;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    framework = server.framework;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // Each level in each language is covered by test/component/home.test.tsx; this case proves the whole
  // chain (SSO token, /api/me from the directory, the framework file, the dev host) for one of them.
  const cases = [{ levelId: 'shuji', locale: 'ja-JP' }];

  it.each(cases)(
    "shows a $levelId their own level's roles and matrix row ($locale)",
    async ({ levelId, locale }) => {
      const person = server.emulator.people.find((candidate) => candidate.levelId === levelId)!;
      const language = locale.startsWith('en') ? 'en' : 'ja';
      const level = framework.levels.find((candidate) => candidate.id === levelId)!;
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const tab = await openDevHost(page, server.url, { user: person.userPrincipalName, locale });
      const home = tab.frame.locator('[data-testid=home]');

      await expect(home.locator('[data-testid=level-name]').textContent()).resolves.toBe(
        level.name[language],
      );
      await expect(home.locator('[data-testid=level-title]').textContent()).resolves.toBe(
        level.title[language],
      );
      await expect(home.locator('[data-testid=level-roles] li').allTextContents()).resolves.toEqual(
        level.roles.map((role) => role[language]),
      );
      await expect(home.locator('[data-testid=target-statement]').textContent()).resolves.toBe(
        framework.targetImage.statement[language],
      );
      expect(await home.locator('[data-testid=guidelines] > li').count()).toBe(5);

      for (const competency of framework.competencies) {
        const expected = framework.expectations[levelId]![competency.id]!;
        const item = home.locator(`[data-testid=expectation-${competency.id}]`);
        await expect(item.getAttribute('data-mark')).resolves.toBe(expected);
        const text = (await item.textContent()) ?? '';
        expect(text).toContain(competency.name[language]);
        expect(text).toContain(SYMBOL[expected]!);
      }
      if (language === 'ja') await expect(home.textContent()).resolves.toContain('わたしに求められる能力');
      else await expect(home.textContent()).resolves.toContain('What is expected of me');
      await screenshot(page, `home-${levelId}-${language}`);
      await page.close();
    },
  );

  it('opens the whole matrix by keyboard alone, with my column highlighted and every cell right', async () => {
    const person = server.emulator.people.find((candidate) => candidate.levelId === 'kacho')!;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, { user: person.userPrincipalName });
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
    await page.keyboard.press('Shift+Tab');
    await matrix.locator('[data-testid=back-home]').click();
    await tab.frame.locator('[data-testid=home]').waitFor();
    await page.close();
  });

  it('has no serious or critical accessibility violations on the home and the matrix (default, dark and contrast themes)', async () => {
    const themes = ['default', 'dark', 'contrast'];
    const person = server.emulator.people.find((candidate) => candidate.levelId === 'shuji')!;
    const page: Page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    // One page load: the themes change live, as Teams changes them.
    const tab = await openDevHost(page, server.url, { user: person.userPrincipalName });
    for (const theme of themes) {
      await tab.setTheme(theme);
      expect({ theme, violations: await seriousAxeViolations(await tab.contentFrame()) }).toEqual({
        theme,
        violations: [],
      });
    }
    await tab.frame.locator('[data-testid=open-matrix]').click();
    await tab.frame.locator('[data-testid=matrix]').waitFor();
    for (const theme of themes) {
      await tab.setTheme(theme);
      expect({ theme, violations: await seriousAxeViolations(await tab.contentFrame()) }).toEqual({
        theme,
        violations: [],
      });
      await screenshot(page, `matrix-shuji-${theme}`);
    }
    await page.close();
  });

  it('fits the Teams mobile width without horizontal scrolling of the page', async () => {
    const person = server.emulator.people.find((candidate) => candidate.levelId === 'kaikeiNendo')!;
    const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
    const tab = await openDevHost(page, server.url, { user: person.userPrincipalName });
    await expectNoSidewaysScroll(tab.frame);
    await screenshot(page, 'home-kaikeiNendo-mobile');
    await page.close();
  });

  it('calls notifySuccess before the home has rendered its data', async () => {
    const person = server.emulator.people.find((candidate) => candidate.levelId === 'shuji')!;
    const page = await browser.newPage();
    const tab = await openDevHost(page, server.url, { user: person.userPrincipalName });
    const events = await tab.events();
    const success = events.find((event) => event.func === 'appInitialization.success');
    const firstToken = events.find((event) => event.func === 'authentication.getAuthToken');
    expect(success).toBeDefined();
    expect(firstToken).toBeDefined();
    // The shell reports success first; the data requests (which need the token) come after.
    expect(success!.at).toBeLessThanOrEqual(firstToken!.at);
    await page.close();
  });
});
