import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openDevHost } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// One guard for every form (tab/src/shell/unsaved-changes.tsx), shown here on the career design page:
// the navigation bar, a link or the back button, and closing or reloading the tab all ask first.
describe('leaving a form with unsaved changes', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks before the tab moves away or unloads, keeps the text when told to stay, and lets go when saved or discarded', async () => {
    const person = server.emulator.people.find((entry) => entry.levelId === 'shunin')!;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const tab = await openDevHost(page, server.url, { user: person.userPrincipalName });
    const frame = tab.frame;
    const content = await tab.contentFrame();
    const dialog = frame.locator('[data-testid=unsaved-dialog]');
    const mid = frame.locator('[data-testid=vision-mid]');
    const unloadIsHeld = () =>
      content.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });

    await frame.locator('[data-testid=nav-career]').click();
    await mid.waitFor();
    expect(await unloadIsHeld()).toBe(false);
    await mid.fill('窓口で頼られる職員になる');
    expect(await unloadIsHeld()).toBe(true);

    // The navigation bar: asked, and staying keeps the page and the text.
    await frame.locator('[data-testid=nav-home]').click();
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('保存していない変更があります');
    await frame.locator('[data-testid=unsaved-stay]').click();
    await dialog.waitFor({ state: 'detached' });
    await expect(mid.inputValue()).resolves.toBe('窓口で頼られる職員になる');

    // A link or the back button changes the hash directly: the guard puts it back and asks.
    await content.evaluate(() => {
      window.location.hash = '#/goals';
    });
    await dialog.waitFor();
    await expect(content.evaluate(() => window.location.hash)).resolves.toBe('#/career');
    await frame.locator('[data-testid=unsaved-stay]').click();
    await expect(mid.inputValue()).resolves.toBe('窓口で頼られる職員になる');

    // Saved: nothing to lose, nothing asked.
    await frame.locator('[data-testid=career-save]').click();
    await expect
      .poll(() => frame.locator('[data-testid=career-status]').textContent(), { timeout: 15_000 })
      .toContain('保存しました');
    expect(await unloadIsHeld()).toBe(false);
    await frame.locator('[data-testid=nav-goals]').click();
    await frame.locator('[data-testid=nav-career]').click();
    await expect(mid.inputValue()).resolves.toBe('窓口で頼られる職員になる');

    // Changed again and discarded: asked once, then the home, and the stored text is the saved one.
    await mid.fill('変えたけれど保存しない');
    await frame.locator('[data-testid=nav-home]').click();
    await dialog.waitFor();
    await frame.locator('[data-testid=unsaved-leave]').click();
    await frame.locator('[data-testid=home]').waitFor();
    expect(await unloadIsHeld()).toBe(false);
    await frame.locator('[data-testid=nav-career]').click();
    await expect(mid.inputValue()).resolves.toBe('窓口で頼られる職員になる');
    expect(await dialog.count()).toBe(0);
    await page.close();
  });
});
