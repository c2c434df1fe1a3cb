import type { ReactNode } from 'react';
import { ErrorPanel } from '../shell/error-panel.tsx';
import { Loading } from '../shell/loading.tsx';

/** What <QueryState> needs of a query (a `useQuery` result, or several joined with `allOf`). */
export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  refetch: () => unknown;
}

/** Several queries as one: ready when all are, failed when one failed; retry asks again for the failed. */
export function allOf<A, B>(a: QueryLike<A>, b: QueryLike<B>): QueryLike<[A, B]> {
  const failed = [a, b].filter((query) => query.isError);
  return {
    data: a.data !== undefined && b.data !== undefined ? [a.data, b.data] : undefined,
    error: failed[0]?.error ?? null,
    isPending: a.isPending || b.isPending,
    isError: failed.length > 0,
    isFetching: a.isFetching || b.isFetching,
    refetch: () => failed.forEach((query) => void query.refetch()),
  };
}

/**
 * The tab's one loading/error/empty convention: Fluent's spinner while the first answer is on its way, the
 * localized error (with the request id) and a retry button when it failed, `empty` when the answer has
 * nothing to show, and otherwise what `children` makes of the data.
 */
export function QueryState<T>({
  query,
  empty,
  isEmpty = (data) => Array.isArray(data) && data.length === 0,
  children,
}: {
  query: QueryLike<T>;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.data === undefined) {
    // Retrying: the spinner replaces the error until the new answer is in.
    if (query.isError && !query.isFetching)
      return <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />;
    return <Loading />;
  }
  // A failed refresh keeps what is on screen (and what is typed in it): the write that asked for the
  // refresh reports the failure itself.
  if (empty !== undefined && isEmpty(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
