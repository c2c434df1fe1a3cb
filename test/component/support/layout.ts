// Layout checks of the tab's views, as Teams mobile shows them.
import { expect } from 'vitest';
import { reviewScreenshot } from './screenshots.ts';

/**
 * The page fits its width: nothing scrolls sideways. Polled, since some Fluent components lay out again a
 * frame after a resize observer reports their width (a MessageBar wraps its text then): a check made at
 * once could read the layout before that, or after it, depending on how fast the test got there. A review
 * screenshot follows, when asked for (./screenshots.ts).
 */
export async function expectNoSidewaysScroll(): Promise<void> {
  const root = document.documentElement;
  await expect.poll(() => root.scrollWidth - root.clientWidth).toBeLessThanOrEqual(0);
  await reviewScreenshot(`${root.clientWidth}px`);
}
