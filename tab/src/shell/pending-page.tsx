import { QueryState, type QueryLike } from '../data/query-state.tsx';
import { Page } from './layout.tsx';

/**
 * A page whose content waits on a query (the signed-in person and the framework, as a rule): its title
 * over the query's loading state, or its error with a retry.
 */
export function PendingPage({
  title,
  testId,
  query,
}: {
  title: string;
  testId: string;
  query: QueryLike<unknown>;
}) {
  return (
    <Page title={title} testId={testId}>
      <QueryState query={query}>{() => null}</QueryState>
    </Page>
  );
}
