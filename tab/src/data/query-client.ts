import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';

/** Network failures and server errors may pass; a 4xx answer will be the same the next time. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (error instanceof ApiError) return error.status >= 500;
  // An aborted request was cancelled on purpose; anything else thrown by fetch is a network failure.
  return !(error instanceof DOMException && error.name === 'AbortError');
}

/**
 * The tab's one query cache. A Teams tab is focused and blurred all the time (switching chats, opening
 * the app bar): refetching on focus would send a storm of requests for data that rarely changes, so views
 * ask again only when their key changes, after a write invalidates them, or when the user retries.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        staleTime: 30_000,
        retry: shouldRetry,
      },
      // A write is never repeated behind the user's back: the form shows the error and its retry button.
      mutations: { retry: false },
    },
  });
}
