import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../api/client.ts';
import { routeQuery } from '../data/queries.ts';

/** An answer younger than this is shown as it is when the home mounts (the shell's prefetch for the home). */
const JUST_FETCHED_MS = 2_000;

/**
 * The home's summary (GET /api/home). What it says changes with writes made on other pages (a goal set, a
 * self-check sent), so the home asks again each time it shows, keeping the last answer on screen
 * meanwhile — unless the answer was fetched a moment ago: the shell starts the request at once when the
 * tab opens on the home, while the home's code still loads (app.tsx), and the home takes that answer.
 */
export const homeQuery = (api: ApiClient) =>
  queryOptions({
    ...routeQuery(api, ['home'], 'GET /api/home'),
    staleTime: 0,
    refetchOnMount: (query) => Date.now() - query.state.dataUpdatedAt > JUST_FETCHED_MS,
  });
