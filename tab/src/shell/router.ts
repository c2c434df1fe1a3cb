import { useEffect, useState } from 'react';
import { confirmLeave, hasUnsavedChanges } from './unsaved-changes.tsx';

/** The tab's pages. The hash keeps the page across a reload (and Teams' app caching). */
export type PageId =
  | 'home'
  | 'self-check'
  | 'goals'
  | 'career'
  | 'declaration'
  | 'team'
  | 'interviews'
  | 'training'
  | 'hr'
  | 'policy'
  | 'org-policy'
  | 'evaluation'
  | 'evaluation-calibration';

export interface Route {
  page: PageId;
  /** Further path segments, e.g. a person id on `team/<id>`. */
  rest: string[];
}

const PAGES: readonly PageId[] = [
  'home',
  'self-check',
  'goals',
  'career',
  'declaration',
  'team',
  'interviews',
  'training',
  'hr',
  'policy',
  'org-policy',
  'evaluation',
  'evaluation-calibration',
];

export function parseRoute(hash: string): Route {
  const [first, ...rest] = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const page = PAGES.find((candidate) => candidate === first);
  return page ? { page, rest: rest.map(decodeURIComponent) } : { page: 'home', rest: [] };
}

/**
 * The page a Teams deep link names: its `context.subEntityId` (teams-js `app.getContext()` →
 * `page.subPageId`) is a route such as `training/mine` or `interviews/<id>` (src/shared/tab-links.ts). Undefined
 * for anything that is not one of our pages, so a stray value never moves the tab.
 */
export function pageHashOfSubPage(subPageId: string | undefined): string | undefined {
  const path = (subPageId ?? '').trim().replace(/^#?\/?/, '');
  if (path === '' || path.length > 512) return undefined;
  const first = path.split('/')[0];
  return PAGES.some((page) => page === first) ? `#/${path}` : undefined;
}

/** Opens the page of a deep link when the tab starts without a page of its own (a fresh load). */
export function openSubPage(subPageId: string | undefined): void {
  const hash = pageHashOfSubPage(subPageId);
  const current = window.location.hash;
  if (hash && (current === '' || current === '#' || current === '#/')) window.location.hash = hash;
}

export function hrefOf(page: PageId, ...rest: string[]): string {
  return `#/${[page, ...rest.map(encodeURIComponent)].join('/')}`;
}

/** Moves inside the tab, after asking when a form holds unsaved changes (unsaved-changes.tsx). */
export function navigate(page: PageId, ...rest: string[]): void {
  const target = hrefOf(page, ...rest);
  void confirmLeave().then((leave) => {
    if (leave) window.location.hash = target;
  });
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    let shown = window.location.hash;
    const update = () => {
      const next = window.location.hash;
      if (next === shown) return;
      if (hasUnsavedChanges()) {
        // A link or the back button moved past navigate(): stay where the form is and ask first.
        window.history.replaceState(window.history.state, '', shown || '#');
        void confirmLeave().then((leave) => {
          if (leave) window.location.hash = next;
        });
        return;
      }
      shown = next;
      setRoute(parseRoute(next));
    };
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
