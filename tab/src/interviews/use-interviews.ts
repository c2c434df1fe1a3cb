import { useCallback, useEffect, useRef, useState } from 'react';
import type { InterviewSummary } from '../../../src/interviews/interview.contract.ts';
import type { ApiClient } from '../api/client.ts';

export type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; interviews: InterviewSummary[] };

/** Waits between looks while something is still going into Outlook: quick at first, then calmer. */
const POLL_MS = [1000, 1500, 2000, 3000, 5000, 10_000];

/**
 * The interviews I hold or attend. While any is pending (the Outlook worker has not finished), the list
 * asks again on its own, so statuses and Teams links appear without a reload.
 */
export function useInterviews(api: ApiClient, as: 'organizer' | 'attendee', enabled = true) {
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const generation = useRef(0);
  const polls = useRef(0);

  const fetchList = useCallback(
    (quiet: boolean) => {
      const mine = ++generation.current;
      if (!quiet) setState({ status: 'loading' });
      api.request<InterviewSummary[]>('GET', `/api/interviews?as=${as}`).then(
        (interviews) => {
          if (mine === generation.current) setState({ status: 'ready', interviews });
        },
        (error: unknown) => {
          // A failed background refresh keeps what is on screen; only a requested load shows the error.
          if (mine === generation.current && !quiet) setState({ status: 'error', error });
        },
      );
    },
    [api, as],
  );

  const reload = useCallback(() => {
    polls.current = 0;
    fetchList(false);
  }, [fetchList]);
  /** Asks again without blanking the list (after a booking, a reschedule, a cancellation). */
  const refresh = useCallback(() => {
    polls.current = 0;
    fetchList(true);
  }, [fetchList]);

  useEffect(() => {
    if (enabled) fetchList(false);
  }, [enabled, fetchList]);

  const pending = state.status === 'ready' && state.interviews.some((entry) => entry.status === 'pending');
  useEffect(() => {
    if (!pending) {
      polls.current = 0;
      return;
    }
    const wait = POLL_MS[Math.min(polls.current, POLL_MS.length - 1)]!;
    const timer = setTimeout(() => {
      polls.current += 1;
      fetchList(true);
    }, wait);
    return () => clearTimeout(timer);
  }, [pending, state, fetchList]);

  return { state, reload, refresh };
}
