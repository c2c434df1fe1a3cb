// Debian's Chromium driven by playwright-core (no browser download here), plus axe and screenshots.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Frame,
  type FrameLocator,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { chromiumPath } from './chromium-path.ts';
import { SCREENSHOT_DIR, screenshotsWanted } from './screenshot-settings.ts';

export { SCREENSHOT_DIR, screenshotsWanted };

/**
 * Chromium for one test file (`chromiumPath`, or the one given: the bench passes the full browser), on a
 * Chromium process shared by the worker's files. The e2e project runs with `isolate: false`, so this
 * module, and the process it launched, outlive a file: a launch and close of the headless shell cost about
 * 0.17 s of CPU time and 0.3 s of wall time (10 launches against 10 contexts of one browser, on a loaded
 * machine), paid by 12 of the 14 e2e files before. What a file gets is a handle of its own: its pages
 * live in contexts of its own (`withFileContexts`), and its `close()` closes those contexts, not the
 * process, so no file sees another's pages, storage or routes. A Chromium that crashed or was closed is
 * launched again for the next file. The process ends with the worker: Playwright closes the browsers it
 * launched when its process gets SIGTERM (how Vitest stops a worker) or exits, and Chromium also ends by
 * itself when the pipe to that process closes.
 */
export async function launchBrowser(executablePath = chromiumPath()): Promise<Browser> {
  return withFileContexts(await workerBrowser(executablePath));
}

/** The Chromium processes this worker launched, by executable. */
const workerBrowsers = new Map<string, Promise<Browser>>();

async function workerBrowser(executablePath: string): Promise<Browser> {
  const running = await workerBrowsers.get(executablePath)?.catch(() => undefined);
  if (running?.isConnected()) return running;
  const launching = launchChromium(executablePath);
  workerBrowsers.set(executablePath, launching);
  const forget = () => {
    if (workerBrowsers.get(executablePath) === launching) workerBrowsers.delete(executablePath);
  };
  launching.then((browser) => browser.once('disconnected', forget), forget);
  return launching;
}

async function launchChromium(executablePath: string): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install Debian's package (apt-get install chromium-headless-shell, or chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/**
 * One test file's handle on the worker's Chromium. `newPage()` opens every page of the file in one
 * browser context, with the viewport asked for: a new context per page starts with an empty cache, so
 * each page parsed and compiled the tab's bundle again (about a third of a page load). Pages keep what
 * isolates them from each other: their own sessionStorage, routes and dialogs; the tab keeps no cookies or
 * localStorage. A page asked for with any other option gets a context of its own, closed with the page,
 * as Playwright's `browser.newPage` does. `close()` closes every context the file opened; the rest of
 * the browser's API is the browser's own.
 */
function withFileContexts(browser: Browser): Browser {
  const contexts = new Set<BrowserContext>();
  const newContext = async (options?: BrowserContextOptions): Promise<BrowserContext> => {
    const context = await browser.newContext(options);
    contexts.add(context);
    context.once('close', () => contexts.delete(context));
    return context;
  };
  let shared: Promise<BrowserContext> | undefined;
  const newPage = async (options: BrowserContextOptions = {}): Promise<Page> => {
    if (Object.keys(options).some((key) => key !== 'viewport') || options.viewport === null) {
      const context = await newContext(options);
      const page = await context.newPage();
      page.once('close', () => void context.close().catch(() => undefined));
      return page;
    }
    shared ??= newContext().then((context) => {
      // Waits for an element end when it appears; the limit only catches a page that never gets there.
      context.setDefaultTimeout(60_000);
      return context;
    });
    const page = await (await shared).newPage();
    await page.setViewportSize(options.viewport ?? { width: 1280, height: 720 });
    return page;
  };
  // As `browser.close()` did, closing after a crash is quiet: the crash already failed the file's tests.
  const close = async (): Promise<void> => {
    shared = undefined;
    await Promise.all(
      [...contexts].map((context) =>
        context.close().catch((error: unknown) => {
          if (browser.isConnected()) throw error;
        }),
      ),
    );
  };
  const own: Partial<Browser> = { newContext, newPage, close };
  return new Proxy(browser, {
    get(target, property) {
      if (Object.hasOwn(own, property)) return own[property as keyof Browser];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A full-page screenshot `test-results/screenshots/<name>.png`, when screenshots are wanted. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  if (!screenshotsWanted) return;
  await page.screenshot({ path: screenshotFile(name), fullPage });
}

/** A screenshot of one element, when screenshots are wanted. */
export async function elementScreenshot(element: Locator, name: string): Promise<void> {
  if (!screenshotsWanted) return;
  await element.screenshot({ path: screenshotFile(name) });
}

function screenshotFile(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/**
 * Runs axe-core inside a frame and returns the serious and critical violations. axe (about 0.5 MB of
 * script, seconds to evaluate on a busy machine) is injected once per document: a theme change or a move
 * inside the tab keeps the document. Only violations are gathered (`resultTypes`, as axe's API
 * documentation advises under Performance): the other groups were never read here.
 */
export async function seriousAxeViolations(frame: Frame): Promise<AxeViolation[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axe.source);
  // Colours in the middle of a transition (a theme switched live, a hover) are neither theme's: wait for
  // the page's finite animations and transitions to end first. (Injecting axe each time used to give
  // them the time by chance.)
  await frame.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const results = await frame.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: { resultTypes: string[] },
          ): Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ html: string }>;
            }>;
          }>;
        };
      }
    ).axe;
    const outcome = await run.run(document, { resultTypes: ['violations'] });
    return outcome.violations
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        // Fluent UI's focus manager (tabster) adds aria-hidden focus sentinels on purpose: they pass focus
        // on at once and would be noise to screen readers. A known false positive of this one rule
        // (Fluent v9 known issues; microsoft/tabster#288), so only those nodes are set aside.
        nodes: violation.nodes.filter(
          (node) =>
            !(violation.id === 'aria-hidden-focus' && /^<[^>]*\bdata-tabster-dummy\b/.test(node.html)),
        ).length,
      }))
      .filter((violation) => violation.nodes > 0);
  });
  return results.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

export interface DevHostTab {
  frame: FrameLocator;
  contentFrame(): Promise<Frame>;
  /** setDevHostTheme on this tab: cheaper than opening the page again in another theme. */
  setTheme(theme: string): Promise<void>;
  events(): Promise<Array<{ func: string; at: number }>>;
}

/**
 * Changes the Teams theme of an open dev host live, as a user does in Teams (the host sends
 * themeChange; the tab does not reload), and waits until the tab shows it.
 */
export async function setDevHostTheme(page: Page, theme: string): Promise<void> {
  await page.locator('[data-testid=dev-host-theme]').selectOption(theme);
  await page.frameLocator('[data-testid=dev-host-frame]').locator(`[data-theme=${theme}]`).waitFor();
}

/**
 * Opens the dev host as a user, theme and locale, and waits for the tab's home. With `subEntityId` (a
 * page of the tab, e.g. `self-check` or `training/mine`) the tab opens through a deep link instead, as the
 * bot's buttons open it (Teams hands the link's subEntityId to the tab in its context), and the wait is for
 * that page: the home is then never rendered, which saves its loading (seconds on a busy machine) where a
 * test is about another page.
 */
export async function openDevHost(
  page: Page,
  baseUrl: string,
  options: { user: string; theme?: string; locale?: string; subEntityId?: string },
): Promise<DevHostTab> {
  const query = new URLSearchParams({
    user: options.user,
    theme: options.theme ?? 'default',
    locale: options.locale ?? 'ja-JP',
    ...(options.subEntityId ? { subEntityId: options.subEntityId } : {}),
  });
  const landing = options.subEntityId?.split('/')[0] ?? 'home';
  await page.goto(`${baseUrl}/dev/?${query.toString()}`);
  const frame = page.frameLocator('[data-testid=dev-host-frame]');
  await frame.locator(`[data-testid=${landing}]`).waitFor({ timeout: 60_000 });
  return {
    frame,
    async contentFrame() {
      const handle = await page.locator('[data-testid=dev-host-frame]').elementHandle();
      const content = await handle?.contentFrame();
      if (!content) throw new Error('the tab frame is not there');
      return content;
    },
    setTheme: (theme) => setDevHostTheme(page, theme),
    events: () =>
      page.evaluate(
        () =>
          (window as unknown as { __devHost: { events: Array<{ func: string; at: number }> } }).__devHost
            .events,
      ),
  };
}

/**
 * Opens one of the tab's pages from its navigation: its tab, or, on a narrow screen where the tab went
 * into the その他 menu (tab/src/shell/navigation.tsx), the menu's item.
 */
export async function openTabPage(frame: FrameLocator, pageId: string): Promise<void> {
  const tab = frame.locator(`[data-testid=nav-${pageId}]`);
  await tab.waitFor({ state: 'attached' });
  // The overflow manager places the tabs on the next frames after they appear.
  await tab.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  if (await tab.isVisible()) return tab.click();
  await frame.locator('[data-testid=nav-more]').click();
  await frame.locator(`[data-testid=nav-more-${pageId}]`).click();
}

/**
 * How far the tab's page scrolls sideways, and (to say why when it does) the outermost elements that
 * stick out on the right, outside any container of their own that scrolls or clips.
 */
export function sidewaysScroll(frame: FrameLocator): Promise<{ overflow: number; offenders: string[] }> {
  return frame.locator('html').evaluate((html) => {
    const width = html.clientWidth;
    const clipped = (element: Element | null): boolean => {
      for (let node = element; node && node !== html; node = node.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(node).overflowX)) return true;
      }
      return false;
    };
    const overflow = Math.max(0, html.scrollWidth - width);
    if (overflow === 0) return { overflow, offenders: [] };
    const offenders = [...html.querySelectorAll('body *')]
      .filter(
        (element) => element.getBoundingClientRect().right > width + 0.5 && !clipped(element.parentElement),
      )
      .filter(
        (element) =>
          !(element.parentElement && element.parentElement.getBoundingClientRect().right > width + 0.5),
      )
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${String(element.className)} ${element.textContent?.slice(0, 40) ?? ''}`,
      );
    return { overflow, offenders };
  });
}

/**
 * Expects the tab's page not to scroll sideways. Polled: after a resize or a navigation the page lays
 * itself out again asynchronously, and a busy machine (CI) measures before that more often than not.
 */
export async function expectNoSidewaysScroll(frame: FrameLocator): Promise<void> {
  await expect.poll(() => sidewaysScroll(frame), { timeout: 10_000 }).toEqual({ overflow: 0, offenders: [] });
}
