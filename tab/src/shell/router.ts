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
  | 'policy';

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
];

export function parseRoute(hash: string): Route {
  const [first, ...rest] = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const page = PAGES.find((candidate) => candidate === first);
  return page ? { page, rest: rest.map(decodeURIComponent) } : { page: 'home', rest: [] };
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
