import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { InterviewSummary } from '../../../src/interviews/interview.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';

/** Waits between looks while something is still going into Outlook: quick at first, then calmer. */
const POLL_MS = [1000, 1500, 2000, 3000, 5000, 10_000];

const anyPending = (interviews: InterviewSummary[] | undefined) =>
  interviews?.some((entry) => entry.status === 'pending') ?? false;

/**
 * The interviews I hold or attend, as a query. While any is pending (the Outlook worker has not finished),
 * the list asks again on its own, so statuses and Teams links appear without a reload. `refresh` asks again
 * without blanking the list (after a booking, a reschedule, a cancellation) and starts the polling quick.
 */
export function useInterviews(api: ApiClient, as: 'organizer' | 'attendee', enabled = true) {
  const queryClient = useQueryClient();
  // How many looks in a row found something pending: the next wait grows with it.
  const polls = useRef(0);
  const query = useQuery({
    ...routeQuery(api, queryKeys.interviews(as), 'GET /api/interviews', { query: { as } }),
    enabled,
    refetchInterval: (current) => {
      if (!anyPending(current.state.data)) {
        polls.current = 0;
        return false;
      }
      const wait = POLL_MS[Math.min(polls.current, POLL_MS.length - 1)]!;
      polls.current += 1;
      return wait;
    },
  });
  const refresh = () => {
    polls.current = 0;
    void queryClient.invalidateQueries({ queryKey: queryKeys.interviews(as) });
  };
  return { query, refresh };
}
