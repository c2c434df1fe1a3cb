// The whole tab as Teams shows it (tab/src/main.tsx): the App shell with its navigation, on a page of the
// router, in a Teams theme that changes live as Teams changes it, against the fake API client. For the
// checks of a page as a whole (axe in each theme, Teams mobile's width, the English texts) that the e2e
// walks made through the dev host and the server: here they cost a render, not a server and a page load.
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, expect } from 'vitest';
import { page } from 'vitest/browser';
import { render, type RenderResult } from 'vitest-browser-react';
import type { Language } from '../../../tab/src/i18n/i18n.ts';
import { createQueryClient } from '../../../tab/src/data/query-client.ts';
import { App } from '../../../tab/src/shell/app.tsx';
import type { TeamsSession, TeamsTheme } from '../../../tab/src/teams/teams-host.ts';
import type { MeResponse } from '../../../src/people/people.contract.ts';
import { seriousViolations } from './axe.ts';
import { reviewScreenshot } from './screenshots.ts';
import { framework } from './fixtures.ts';
import { setLanguage, type Answers, type FakeApi } from './render.tsx';

export interface RenderedApp {
  screen: RenderResult;
  /**
   * Opens one of the tab's pages from its navigation: its tab, or, on a narrow screen where the tab went into
   * the その他 menu (tab/src/shell/navigation.tsx), the menu's item (in a popover, outside the render).
   */
  openPage(pageId: string): Promise<void>;
  /** Changes the Teams theme live, as Teams does (the host's themeChange), and waits until the tab shows it. */
  setTheme(theme: TeamsTheme): Promise<void>;
}

/**
 * Renders the tab on `hash` (`#/self-check`), signed in as whoever the fake's `GET /api/me` answers. The
 * hash is the router's, as a deep link or the navigation sets it.
 */
export async function renderApp(
  fake: FakeApi,
  options: { hash: string; language?: Language; theme?: TeamsTheme },
): Promise<RenderedApp> {
  await setLanguage(options.language ?? 'ja');
  // A tab opened afresh: nothing kept from an earlier render of this page (a booking held, settings).
  sessionStorage.clear();
  window.location.hash = options.hash;
  let themeChanged: (theme: TeamsTheme) => void = () => undefined;
  const session: TeamsSession = {
    userId: 'component-test',
    locale: options.language === 'en' ? 'en-US' : 'ja-JP',
    theme: options.theme ?? 'default',
    getAuthToken: () => Promise.resolve('component-test-token'),
    onThemeChange: (handler) => {
      themeChanged = handler;
    },
    notifySuccess: () => undefined,
    notifyFailure: () => undefined,
  };
  const screen = await render(
    <QueryClientProvider client={createQueryClient()}>
      <App session={session} api={fake.api} />
    </QueryClientProvider>,
  );
  return {
    screen,
    async openPage(pageId) {
      const tab = screen.getByTestId(`nav-${pageId}`);
      await expect.element(tab).toBeInTheDocument();
      // The overflow manager places the tabs on the next frames after they appear.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      if (tab.element().checkVisibility()) return tab.click();
      await screen.getByTestId('nav-more').click();
      await page.getByTestId(`nav-more-${pageId}`).click();
    },
    async setTheme(theme) {
      themeChanged(theme);
      await expect.poll(() => document.querySelector(`[data-theme=${theme}]`)).not.toBeNull();
    },
  };
}

/**
 * axe's serious and critical violations of the whole document (the tab and what Fluent puts beside it, such
 * as a popover; the document-level rules meet Vitest's page, not tab/index.html), after the page's finite animations and transitions end: colours in the middle of a theme's
 * transition are neither theme's.
 */
export async function pageViolations(): Promise<string[]> {
  await Promise.all(
    document
      .getAnimations()
      .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
      .map((animation) => animation.finished.catch(() => undefined)),
  );
  return seriousViolations(document);
}

/**
 * Each theme's serious and critical violations, the theme switched live (none expected: `{}` per theme),
 * with a review screenshot of each when asked for (./screenshots.ts).
 */
export async function violationsInEveryTheme(
  app: RenderedApp,
  themes: readonly TeamsTheme[] = ['default', 'dark', 'contrast'],
): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const theme of themes) {
    await app.setTheme(theme);
    found[theme] = await pageViolations();
    await reviewScreenshot(theme);
  }
  return found;
}

/**
 * What every page asks for first (who I am, the policy, and for the navigation whom I evaluate: nobody),
 * with the page's own answers.
 */
export function appAnswers(me: MeResponse, answers: Answers): Answers {
  return { 'GET /api/me': me, 'GET /api/framework': framework, 'GET /api/evaluations': [], ...answers };
}

/**
 * Puts the page back after each test of the calling file: scrolled to the top, at the viewport the setup
 * gives (test/component/support/setup.ts). Call it in the file's describe block.
 */
export function restoreViewportAfterEach(): void {
  afterEach(async () => {
    window.scrollTo(0, 0);
    await page.viewport(414, 896);
  });
}
