// Checks of how the HR console's tables lay out: that they fit their frame on a desktop (no inner
// sideways scroll at 1,280 px) and that, on a phone, no cell is squeezed to a column of single characters.
import type { FrameLocator } from 'playwright-core';
import { expect } from 'vitest';

/** Tables under `root` wider than the box they sit in (their frame would scroll sideways). */
export async function overflowingTables(frame: FrameLocator, root: string): Promise<string[]> {
  return frame.locator(root).evaluate((element) =>
    [...element.querySelectorAll('table')]
      .filter((table) => {
        const box = table.parentElement;
        return box !== null && table.getBoundingClientRect().width > box.clientWidth + 1;
      })
      .map((table) => table.getAttribute('data-testid') ?? table.getAttribute('aria-labelledby') ?? 'table'),
  );
}

/**
 * Cells under `element` narrower than two characters of their own font while holding three or more
 * characters: text wrapped one character per line. Self-contained, so that the e2e walks can run it in a
 * page (`evaluate`) and the component tests call it where they run.
 */
export function squeezedCellsIn(element: Element): string[] {
  return [...element.querySelectorAll('th, td')]
    .filter((cell) => {
      const text = (cell.textContent ?? '').trim();
      if ([...text].length < 3) return false;
      const style = getComputedStyle(cell);
      const content =
        cell.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return content < 2 * parseFloat(style.fontSize);
    })
    .map((cell) => (cell.textContent ?? '').trim().slice(0, 30));
}

/** `squeezedCellsIn` the element `root` selects in the frame. */
export async function squeezedCells(frame: FrameLocator, root: string): Promise<string[]> {
  return frame.locator(root).evaluate(squeezedCellsIn);
}

export async function expectTablesFit(frame: FrameLocator, root: string): Promise<void> {
  await expect.poll(() => overflowingTables(frame, root)).toEqual([]);
}

export async function expectNoSqueezedCells(frame: FrameLocator, root: string): Promise<void> {
  await expect.poll(() => squeezedCells(frame, root)).toEqual([]);
}
