import { useQuery } from '@tanstack/react-query';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { PeriodSelfCheckForm } from './period-self-check-form.tsx';

/** One half's self-check, cached per period: the form below starts from the answer and keeps it current. */
export function PeriodSelfCheck({
  api,
  framework,
  period,
}: {
  api: ApiClient;
  framework: Framework;
  period: string;
}) {
  const selfCheck = useQuery(
    routeQuery(api, queryKeys.mySelfCheck(period), 'GET /api/people/:personId/self-checks/:period', {
      params: { personId: 'me', period },
    }),
  );
  return (
    <QueryState query={selfCheck}>
      {(initial) => <PeriodSelfCheckForm api={api} framework={framework} period={period} initial={initial} />}
    </QueryState>
  );
}
