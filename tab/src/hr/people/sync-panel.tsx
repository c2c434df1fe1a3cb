import { Button, Spinner } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api/client.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { ErrorBar } from '../../shell/error-panel.tsx';
import { useLayoutStyles } from '../../shell/layout.tsx';
import { PeoplePanel } from './people-panel.tsx';
import { useDateTime } from './people-tables.tsx';

const POLL_MS = 2000;

/** Last directory sync and what it changed; "sync now" queues one and follows it until it has run. */
export function SyncPanel({ api }: { api: ApiClient }) {
  const { t } = useTranslation('hr-people');
  const layout = useLayoutStyles();
  const dateTime = useDateTime();
  const queryClient = useQueryClient();
  const sync = useQuery({
    ...routeQuery(api, queryKeys.directorySync, 'GET /api/hr/people/sync'),
    // While a requested sync waits or runs, ask again now and then.
    refetchInterval: (query) => (query.state.data?.pending ? POLL_MS : false),
  });
  const status = sync.data;
  // The answer to "sync now" is the new status: it replaces the cached one (and starts the polling).
  const request = useMutation({
    mutationFn: () => api.call('POST /api/hr/people/sync'),
    onSuccess: (next) => queryClient.setQueryData(queryKeys.directorySync, next),
  });
  const requesting = request.isPending;
  const requestError = request.error;

  return (
    <PeoplePanel part="sync" intro>
      <QueryState query={sync}>
        {(status) => (
          <div role="status" aria-live="polite" data-testid="hr-people-sync-status">
            {status.lastSync ? (
              <>
                <p style={{ margin: 0 }}>{t('sync.last', { at: dateTime(status.lastSync.completedAt) })}</p>
                <p className={layout.muted} style={{ margin: 0 }}>
                  {t('sync.counts', { ...status.lastSync })}
                </p>
              </>
            ) : (
              <p style={{ margin: 0 }}>{t('sync.never')}</p>
            )}
            {status.pending && status.requestedAt ? (
              <p style={{ margin: 0 }} data-testid="hr-people-sync-pending">
                <Spinner size="extra-tiny" style={{ display: 'inline-flex', marginInlineEnd: 6 }} />
                {t('sync.pending', { at: dateTime(status.requestedAt) })}
              </p>
            ) : null}
          </div>
        )}
      </QueryState>
      <ErrorBar error={requestError} />
      <div className={layout.row}>
        <Button
          appearance="primary"
          onClick={() => request.mutate()}
          disabled={requesting || !!status?.pending}
          data-testid="hr-people-sync-now"
        >
          {requesting ? t('sync.requesting') : t('sync.now')}
        </Button>
      </div>
    </PeoplePanel>
  );
}
