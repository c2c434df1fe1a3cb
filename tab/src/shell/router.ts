import { useEffect, useState } from 'react';

/** The tab's pages. The hash keeps the page across a reload (and Teams' app caching). */
export type PageId =
  'home' | 'self-check' | 'goals' | 'career' | 'declaration' | 'team' | 'interviews' | 'training' | 'hr';

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
];

export function parseRoute(hash: string): Route {
  const [first, ...rest] = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const page = PAGES.find((candidate) => candidate === first);
  return page ? { page, rest: rest.map(decodeURIComponent) } : { page: 'home', rest: [] };
}

export function hrefOf(page: PageId, ...rest: string[]): string {
  return `#/${[page, ...rest.map(encodeURIComponent)].join('/')}`;
}

export function navigate(page: PageId, ...rest: string[]): void {
  window.location.hash = hrefOf(page, ...rest);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
