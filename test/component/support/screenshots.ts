// Review screenshots of the component tests, as the e2e walks take theirs (test/support/browser.ts): only
// when asked (`npm run screenshots` sets SCREENSHOTS=1; vitest.config.ts then provides the page the folder
// test-results/screenshots/component/). No assertion reads one. They are taken where a test checks a look:
// each theme of `violationsInEveryTheme` and each width that `expectNoSidewaysScroll` checks.
import { expect, inject } from 'vitest';
import { page } from 'vitest/browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where review screenshots go (an absolute folder), or null when none are wanted. */
    screenshotDir: string | null;
  }
}

/** How many screenshots each test took so far, so that a test's screenshots do not overwrite each other. */
const taken = new Map<string, number>();

/** A file name's part made of a test file's and test's names: lower case, letters and digits. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/**
 * A screenshot of the page, named by the test file, the test, a count and `what` it shows (a theme,
 * a width), when screenshots are wanted.
 */
export async function reviewScreenshot(what: string): Promise<void> {
  const folder = inject('screenshotDir');
  if (!folder) return;
  const { testPath = '', currentTestName = '' } = expect.getState();
  const file =
    testPath
      .split('/')
      .pop()
      ?.replace(/\.test\.tsx$/, '') ?? '';
  const test = `${slug(file)}--${slug(currentTestName.split(' > ').pop() ?? '')}`;
  const count = (taken.get(test) ?? 0) + 1;
  taken.set(test, count);
  // The app's own area: below it Vitest's page keeps a white body whatever the theme. A popover or dialog
  // over that area shows in it (their portals' nodes carry the provider's class too, so they are passed
  // over). An absolute path is kept as it is (a relative one would be the test file's).
  const app = document.querySelector<HTMLElement>('.fui-FluentProvider:not([data-portal-node])');
  await page.screenshot({
    path: `${folder}/${test}-${count}-${what}.png`,
    ...(app ? { element: app } : {}),
  });
}
