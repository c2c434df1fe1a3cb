import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../src/people/people-admin.contract.ts';
import type { ApiClient } from '../../api/client.ts';
import { ErrorPanel } from '../../shell/error-panel.tsx';
import { Section, useLayoutStyles } from '../../shell/layout.tsx';
import { Loading } from '../../shell/loading.tsx';
import { useErrorText } from '../../shell/error-text.ts';
import { useDateTime } from './people-tables.tsx';

const POLL_MS = 2000;

/** Last directory sync and what it changed; "sync now" queues one and follows it until it has run. */
export function SyncPanel({ api }: { api: ApiClient }) {
  const { t } = useTranslation('hr-people');
  const layout = useLayoutStyles();
  const dateTime = useDateTime();
  const errorText = useErrorText();
  const [status, setStatus] = useState<SyncStatus | undefined>();
  const [loadError, setLoadError] = useState<unknown>();
  const [requesting, setRequesting] = useState(false);
  const [requestError, setRequestError] = useState<unknown>();

  const load = useCallback(() => {
    setLoadError(undefined);
    api.request<SyncStatus>('GET', '/api/hr/people/sync').then(setStatus, setLoadError);
  }, [api]);
  useEffect(load, [load]);

  // While a requested sync waits or runs, ask again now and then.
  useEffect(() => {
    if (!status?.pending) return;
    const timer = setTimeout(load, POLL_MS);
    return () => clearTimeout(timer);
  }, [status, load]);

  const syncNow = () => {
    setRequesting(true);
    setRequestError(undefined);
    api
      .request<SyncStatus>('POST', '/api/hr/people/sync')
      .then(setStatus, setRequestError)
      .finally(() => setRequesting(false));
  };

  return (
    <Section title={t('sync.title')} id="hr-people-sync" testId="hr-people-sync">
      <div className={layout.stack}>
        <p className={layout.muted} style={{ margin: 0 }}>
          {t('sync.intro')}
        </p>
        {loadError ? <ErrorPanel error={loadError} onRetry={load} /> : null}
        {!status && !loadError ? <Loading /> : null}
        {status ? (
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
        ) : null}
        {requestError ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{errorText(requestError)}</MessageBarBody>
          </MessageBar>
        ) : null}
        <div className={layout.row}>
          <Button
            appearance="primary"
            onClick={syncNow}
            disabled={requesting || !!status?.pending}
            data-testid="hr-people-sync-now"
          >
            {requesting ? t('sync.requesting') : t('sync.now')}
          </Button>
        </div>
      </div>
    </Section>
  );
}
