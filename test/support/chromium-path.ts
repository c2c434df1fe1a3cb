import { existsSync } from 'node:fs';

const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const FULL_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set, else Debian's old headless shell
 * (`apt-get install chromium-headless-shell`, the build Playwright itself runs headless tests in), else
 * Debian's full Chromium. The shell has no browser UI to run: on two e2e files it used about a fifth less
 * CPU than the full browser in its headless mode. The shell is started as itself: the package's
 * `/usr/bin/chromium-headless-shell` is a script that runs it as a child, which a kill would orphan.
 */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM);
}

/**
 * The full browser, for measurements (`npm run bench -- tab`): Teams runs the tab in a full Chrome or Edge
 * WebView2, and the bench's earlier figures were taken in it. `CHROMIUM_FULL_PATH` overrides it.
 */
export function fullChromiumPath(): string {
  return process.env.CHROMIUM_FULL_PATH ?? FULL_CHROMIUM;
}
