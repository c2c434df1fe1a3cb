// Whether the browser tests take their review screenshots, and where they go: read by the e2e walks'
// helpers (./browser.ts) and by vitest.config.ts, which hands the component tests their folder.
import path from 'node:path';

export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

/**
 * Screenshots are a review artefact, taken only on request (`SCREENSHOTS=1`, see the README): a full-page
 * capture costs up to a second of the two cores, and no assertion reads one.
 */
export const screenshotsWanted = process.env.SCREENSHOTS === '1';
