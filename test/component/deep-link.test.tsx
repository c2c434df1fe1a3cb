// What a link from the bot meets: inside Teams the page its subEntityId names; outside Teams a page that
// says, Japanese first, to open the app in Teams.
import { afterEach, describe, expect, it } from 'vitest';
import { OutsideTeams } from '../../tab/src/shell/outside-teams.tsx';
import { openSubPage, pageHashOfSubPage } from '../../tab/src/shell/router.ts';
import { renderTab } from './support/render.tsx';

describe('a Teams deep link into the tab', () => {
  afterEach(() => {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  });

  it('reads the subEntityId as one of the tab’s pages, and nothing else', () => {
    expect(pageHashOfSubPage('training/mine')).toBe('#/training/mine');
    expect(pageHashOfSubPage('interviews/3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f')).toBe(
      '#/interviews/3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    );
    expect(pageHashOfSubPage('#/goals')).toBe('#/goals');
    expect(pageHashOfSubPage('')).toBeUndefined();
    expect(pageHashOfSubPage(undefined)).toBeUndefined();
    expect(pageHashOfSubPage('javascript:alert(1)')).toBeUndefined();
    expect(pageHashOfSubPage('https://example.com/training')).toBeUndefined();
  });

  it('opens that page when the tab starts without one, and leaves a page already open alone', () => {
    openSubPage('training/mine');
    expect(window.location.hash).toBe('#/training/mine');
    openSubPage('interviews');
    expect(window.location.hash).toBe('#/training/mine');
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    openSubPage('not-a-page');
    expect(window.location.hash).toBe('');
  });
});

describe('the tab outside Teams', () => {
  it('says to open it in Teams in Japanese first, then in English, whatever the language set', async () => {
    const { screen } = await renderTab(<OutsideTeams />, { language: 'en' });
    const headings = screen.container.querySelectorAll('h1, h2');
    expect([...headings].map((heading) => heading.textContent)).toEqual([
      'Microsoft Teams で開いてください',
      'Please open this in Microsoft Teams',
    ]);
    expect(headings[0]!.closest('[lang]')!.getAttribute('lang')).toBe('ja');
    expect(headings[1]!.closest('[lang]')!.getAttribute('lang')).toBe('en');
  });
});
