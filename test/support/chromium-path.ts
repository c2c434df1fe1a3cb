import { existsSync } from 'node:fs';

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set, else Debian's old headless shell
 * (`apt-get install chromium-headless-shell`, the build Playwright itself runs headless tests in), else
 * Debian's full Chromium. The shell has no browser UI to run: on two e2e files it used about a fifth less
 * CPU than the full browser in its headless mode. The shell is started as itself: the package's
 * `/usr/bin/chromium-headless-shell` is a script that runs it as a child, which a kill would orphan.
 */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return (
    ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'].find((file) => existsSync(file)) ??
    '/usr/bin/chromium'
  );
}
