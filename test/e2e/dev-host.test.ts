import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openDevHost, screenshot } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('the Teams dev host', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the tab signed in as the chosen seeded person, through the teams-js host protocol', async () => {
    const person = server.emulator.people.find((candidate) => candidate.levelId === 'shunin')!;
    const page = await browser.newPage();
    const tab = await openDevHost(page, server.url, { user: person.userPrincipalName });
    // The home greets the person by name once /api/me has answered (it shows ホーム until then).
    await expect.poll(() => tab.frame.locator('h1').first().textContent()).toContain(person.displayName);
    const funcs = (await tab.events()).map((event) => event.func);
    expect(funcs).toEqual(
      expect.arrayContaining([
        'initialize',
        'getContext',
        'authentication.getAuthToken',
        'appInitialization.success',
      ]),
    );
    expect(funcs.indexOf('appInitialization.success')).toBeGreaterThan(funcs.indexOf('initialize'));
    await screenshot(page, 'dev-host-shunin');
    await page.close();
  });

  it("switching person reloads the tab as that person (the tab's /api/me changes)", async () => {
    const [first, second] = server.emulator.people.filter((candidate) => candidate.levelId === 'shuji');
    const page = await browser.newPage();
    const meCalls: string[] = [];
    page.on('response', async (response) => {
      if (response.url().endsWith('/api/me') && response.ok())
        meCalls.push(((await response.json()) as { id: string }).id);
    });
    const tab = await openDevHost(page, server.url, { user: first!.userPrincipalName });
    await expect.poll(() => tab.frame.locator('h1').first().textContent()).toContain(first!.displayName);
    await page.locator('[data-testid=dev-host-user]').selectOption(second!.userPrincipalName);
    await tab.frame.locator('h1', { hasText: second!.displayName }).waitFor({ timeout: 20_000 });
    // The response listener reads bodies asynchronously: wait for it rather than racing it.
    await expect.poll(() => meCalls, { timeout: 5000 }).toEqual([first!.id, second!.id]);
    await page.close();
  });

  it('changes the theme live without reloading the tab', async () => {
    const person = server.emulator.people.find((candidate) => candidate.levelId === 'kacho')!;
    const page = await browser.newPage();
    const tab = await openDevHost(page, server.url, { user: person.userPrincipalName });
    const themed = tab.frame.locator('[data-theme]');
    await expect(themed.getAttribute('data-theme')).resolves.toBe('default');
    await page.locator('[data-testid=dev-host-theme]').selectOption('dark');
    await tab.frame.locator('[data-theme=dark]').waitFor();
    const loads = (await tab.events()).filter((event) => event.func === 'initialize').length;
    expect(loads).toBe(1);
    await page.close();
  });
});
