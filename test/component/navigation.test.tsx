// The page tabs at Teams mobile's 360 px: the tabs that do not fit move into a その他 menu instead of
// scrolling off-screen, and the current page always stays in view.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { MeResponse } from '../../src/people/people.contract.ts';
import type { ApiClient } from '../../tab/src/api/client.ts';
import { useMe } from '../../tab/src/data/queries.ts';
import { Navigation } from '../../tab/src/shell/navigation.tsx';
import type { PageId } from '../../tab/src/shell/router.ts';
import { meAt } from './support/fixtures.ts';
import { fakeApi, renderTab } from './support/render.tsx';

const ALL: PageId[] = [
  'home',
  'self-check',
  'goals',
  'org-policy',
  'career',
  'declaration',
  'team',
  'interviews',
  'training',
  'evaluation-calibration',
  'hr',
];

async function renderNavigation(width: number, current: PageId, language: 'ja' | 'en' = 'ja') {
  const { api } = fakeApi({ 'GET /api/me': meAt('kacho', { roles: ['employee', 'supervisor', 'hr'] }) });
  const { screen } = await renderTab(
    <div style={{ width }}>
      <Navigation api={api} current={current} />
    </div>,
    { language },
  );
  // /api/me adds 部下 and 人事 once it answers.
  await expect.element(screen.getByTestId('nav-hr')).toBeInTheDocument();
  const isShown = (page: PageId) => {
    const tab = screen.getByTestId(`nav-${page}`).element() as HTMLElement;
    return tab.offsetParent !== null && !tab.hasAttribute('data-overflowing');
  };
  // Fluent's overflow manager places the tabs over the next frames (a microtask after each resize it is
  // told of): wait until the その他 button, where there is one, counts the tabs it hides.
  await vi.waitFor(() => {
    const label = screen.getByTestId('nav-more').query()?.getAttribute('aria-label');
    expect(label?.match(/\d+/)?.[0] ?? '0').toBe(String(ALL.filter((page) => !isShown(page)).length));
  }, 10_000);
  return { screen, isShown };
}

/** Drawn once /api/me has answered, beside the navigation that reads the same query. */
function MeDrawn({ api }: { api: ApiClient }) {
  return useMe(api).data ? <span data-testid="me-drawn" /> : null;
}

describe('the page navigation', () => {
  afterEach(() => {
    window.location.hash = '';
  });

  it('gives the team page to a 課長 or 係長 of a 課 with nobody below them (their 課’s pulse is there), not to a 主任', async () => {
    const expectTeamTab = async (me: MeResponse, shown: boolean) => {
      const { api } = fakeApi({ 'GET /api/me': me });
      const { screen } = await renderTab(
        <div style={{ width: 1200 }}>
          <MeDrawn api={api} />
          <Navigation api={api} current="home" />
        </div>,
      );
      // Read once a render has drawn /api/me's answer: the navigation reads it from the same query, so it
      // is drawn in that same render.
      await expect.element(screen.getByTestId('me-drawn')).toBeInTheDocument();
      expect({ levelId: me.levelId, shown: screen.getByTestId('nav-team').query() !== null }).toEqual({
        levelId: me.levelId,
        shown,
      });
      await screen.unmount();
    };
    await expectTeamTab(meAt('kakaricho'), true);
    await expectTeamTab(meAt('kacho'), true);
    await expectTeamTab(meAt('kakaricho', { department: null }), false);
    await expectTeamTab(meAt('shunin'), false);
    await expectTeamTab(meAt('shunin', { roles: ['employee', 'supervisor'] }), true);
  });

  it('shows every page as a tab when they fit, with no menu', async () => {
    const { screen, isShown } = await renderNavigation(1200, 'home');
    await expect.poll(() => ALL.every(isShown)).toBe(true);
    expect(screen.getByTestId('nav-more').query()).toBeNull();
  });

  it('moves the pages that do not fit at 360 px into a menu, keeping the current page in view', async () => {
    const { screen, isShown } = await renderNavigation(360, 'hr');
    await expect.element(screen.getByTestId('nav-more')).toBeVisible();
    const hidden = ALL.filter((page) => !isShown(page));
    expect(hidden.length).toBeGreaterThan(0);
    // The current page (the last one) is pinned; the first pages stay longest.
    expect(isShown('hr')).toBe(true);
    expect(isShown('home')).toBe(true);
    // Nothing sticks out of the 360 px: no sideways scrolling, no tab cut off.
    const list = screen.getByRole('tablist').element();
    expect(list.scrollWidth).toBeLessThanOrEqual(list.clientWidth + 1);
    expect(screen.getByTestId('nav-more').element().getAttribute('aria-label')).toBe(
      `その他のページ (${hidden.length} 件)`,
    );

    await screen.getByTestId('nav-more').click();
    const menu = screen.getByTestId('nav-more-menu');
    await expect.element(menu).toBeVisible();
    const items = Array.from(menu.element().querySelectorAll('[role=menuitemradio]'), (item) =>
      item.getAttribute('data-testid'),
    );
    expect(items).toEqual(hidden.map((page) => `nav-more-${page}`));
    await screen.getByTestId(`nav-more-${hidden[0]!}`).click();
    await expect.poll(() => window.location.hash).toBe(`#/${hidden[0]!}`);
  });

  it('reaches the menu with the keyboard and opens a page from it', async () => {
    const { screen, isShown } = await renderNavigation(360, 'home', 'en');
    await expect.element(screen.getByTestId('nav-more')).toBeVisible();
    const hidden = ALL.filter((page) => !isShown(page));
    // Tab into the list, then the arrow keys move across the tabs to the menu button.
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByTestId('nav-home').element());
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByTestId('nav-more').element());
    expect(document.activeElement?.getAttribute('aria-label')).toBe(`More pages (${hidden.length})`);
    await userEvent.keyboard('{Enter}');
    await expect.element(screen.getByTestId('nav-more-menu')).toBeVisible();
    const last = hidden.at(-1)!;
    await userEvent.keyboard('{End}{Enter}');
    await expect.poll(() => window.location.hash).toBe(`#/${last}`);
  });
});
