// Review screenshots of the component tests, as the e2e walks take theirs (test/support/browser.ts): only
// when asked (`npm run screenshots` sets SCREENSHOTS=1, which vitest.config.ts provides to the page), into
// test-results/screenshots/component/. No assertion reads one. They are taken where a test checks a look:
// each theme of `violationsInEveryTheme` and each narrow page that `expectNoSidewaysScroll` checks.
import { expect, inject } from 'vitest';
import { page } from 'vitest/browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Whether review screenshots are wanted (SCREENSHOTS=1). */
    screenshots: boolean;
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
 * `narrow`), when screenshots are wanted.
 */
export async function reviewScreenshot(what: string): Promise<void> {
  if (!inject('screenshots')) return;
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
  // over that area shows in it. The path is relative to the test file (test/component/).
  const app = document.querySelector<HTMLElement>('.fui-FluentProvider');
  await page.screenshot({
    path: `../../test-results/screenshots/component/${test}-${count}-${what}.png`,
    ...(app ? { element: app } : {}),
  });
}
