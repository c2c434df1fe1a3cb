import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  Textarea,
  makeStyles,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ERASURE_REASON_MAX,
  type ErasureCounts,
  type ErasurePreview,
  type ErasureRecordView,
} from '../../../../src/privacy/erasure.contract.ts';
import type { ApiClient } from '../../api/client.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { DialogFrame } from '../../shell/dialog-frame.tsx';
import { useErrorText } from '../../shell/error-text.ts';
import { Section, useLayoutStyles } from '../../shell/layout.tsx';
import { LabelledPersonPicker } from '../labelled-person-picker.tsx';
import { ScrollingTable, TableHead, useAnalyticsStyles } from '../dashboards/analytics-ui.tsx';
import { useAuditText } from './audit-text.ts';

const useStyles = makeStyles({
  id: { fontSize: '0.85em', overflowWrap: 'anywhere' },
  nowrap: { whiteSpace: 'nowrap' },
  // Wide enough for its columns: on a phone the table scrolls sideways in its frame instead of
  // squeezing every cell into a tall column of single characters.
  recordsTable: { minWidth: '640px' },
  counts: { margin: '4px 0 0', paddingLeft: '1.2em' },
  warning: { marginTop: '8px' },
});

/** What an erasure removes or detaches, per table, in words. */
function useTableName() {
  const { t } = useTranslation('hr-audit');
  return (key: string) => {
    const [table = key] = key.split('.');
    return t(`columns.${key}`, { defaultValue: t(`tables.${table}`, { defaultValue: key }) });
  };
}

function CountList({ counts, testId }: { counts: ErasureCounts; testId: string }) {
  const { t } = useTranslation('hr-audit');
  const styles = useStyles();
  const tableName = useTableName();
  return (
    <ul className={styles.counts} data-testid={testId}>
      {Object.entries(counts).map(([key, count]) => (
        <li key={key}>
          {tableName(key)}: {t('erase.rows', { count })}
        </li>
      ))}
    </ul>
  );
}

/** The records table's columns: keys of their headers under `erase.`. */
const RECORD_COLUMNS = ['colAt', 'colPerson', 'colBy', 'colForced', 'colCounts'] as const;

const total = (counts: ErasureCounts) => Object.values(counts).reduce((sum, count) => sum + count, 0);

/** 退職者のデータ削除: erasing a leaver's data after a confirmation that says what goes, and its records. */
export function ErasurePanel({ api }: { api: ApiClient }) {
  const { t } = useTranslation('hr-audit');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const errorText = useErrorText();
  const [personId, setPersonId] = useState('');
  const [pickerKey, setPickerKey] = useState(0);
  const [force, setForce] = useState(false);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  // What the dialog asks about, fixed when it opens: it keeps its text while it closes after the erasure.
  const [target, setTarget] = useState<{ preview: ErasurePreview; reason: string; forced: boolean }>();
  const [done, setDone] = useState<ErasureRecordView | undefined>();
  const queryClient = useQueryClient();
  const preview = useQuery({
    ...routeQuery(api, queryKeys.erasurePreview(personId), 'GET /api/hr/people/:personId/erasure-preview', {
      params: { personId },
    }),
    enabled: personId !== '',
    // What would be erased is read fresh each time a person is picked.
    staleTime: 0,
  });

  const ready = personId ? preview.data : undefined;
  const needsForce = ready?.activeInDirectory ?? false;
  const canStart = ready !== undefined && (!needsForce || (force && reason.trim().length > 0));

  const erasure = useMutation({
    mutationFn: (what: NonNullable<typeof target>) =>
      api.call('POST /api/hr/people/:personId/erase', {
        params: { personId: what.preview.personId },
        body: { confirmPersonId: what.preview.personId, force: what.forced, reason: what.reason },
      }),
    onSuccess: (record) => {
      setDone(record);
      setConfirming(false);
      setPersonId('');
      setForce(false);
      setReason('');
      setPickerKey((key) => key + 1);
      // The erasure is a new record and new audit entries; the person's preview no longer holds.
      queryClient.removeQueries({ queryKey: queryKeys.erasurePreview(record.personId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.erasures });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit });
    },
    // On failure the dialog stays open with the reason kept, so HR can read the failure and try again.
  });
  const erasing = erasure.isPending;
  const failure = erasure.isError ? erasure.error : undefined;
  const erase = () => {
    if (target) erasure.mutate(target);
  };

  const name = target ? (target.preview.displayName ?? target.preview.personId) : '';

  return (
    <Section title={t('erase.title')} id="hr-erase" testId="hr-erase">
      <p className={layout.muted}>{t('erase.intro')}</p>
      {done ? (
        <MessageBar intent="success" data-testid="hr-erase-done">
          <MessageBarBody>
            {t('erase.done', { name: done.displayName ?? done.personId })}{' '}
            {t('erase.counts', { deleted: total(done.deletes), detached: total(done.detaches) })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <LabelledPersonPicker
        key={pickerKey}
        label={t('erase.search')}
        api={api}
        onChange={(id) => {
          setPersonId(id);
          setForce(false);
          setReason('');
          if (id) setDone(undefined);
        }}
        testId="hr-erase-picker"
      />
      {personId && ready === undefined ? <QueryState query={preview}>{() => null}</QueryState> : null}
      {ready ? (
        <div className={layout.stack} data-testid="hr-erase-preview">
          <MessageBar intent={ready.activeInDirectory ? 'warning' : 'info'} className={styles.warning}>
            <MessageBarBody>{ready.activeInDirectory ? t('erase.active') : t('erase.gone')}</MessageBarBody>
          </MessageBar>
          <div>
            <strong>{t('erase.deletes')}</strong>
            {total(ready.deletes) === 0 ? (
              <p className={layout.muted}>{t('erase.nothing')}</p>
            ) : (
              <CountList counts={ready.deletes} testId="hr-erase-deletes" />
            )}
          </div>
          {total(ready.detaches) > 0 ? (
            <div>
              <strong>{t('erase.detaches')}</strong>
              <CountList counts={ready.detaches} testId="hr-erase-detaches" />
            </div>
          ) : null}
          {ready.activeInDirectory ? (
            <>
              <Checkbox
                checked={force}
                onChange={(_, data) => setForce(data.checked === true)}
                label={t('erase.force')}
                data-testid="hr-erase-force"
              />
              <Field label={t('erase.reason')} required={force}>
                <Textarea
                  value={reason}
                  onChange={(_, data) => setReason(data.value)}
                  maxLength={ERASURE_REASON_MAX}
                  data-testid="hr-erase-reason"
                />
              </Field>
            </>
          ) : null}
          <div>
            <Button
              appearance="primary"
              disabled={!canStart}
              onClick={() => {
                if (!ready) return;
                erasure.reset();
                setTarget({ preview: ready, reason: reason.trim(), forced: needsForce && force });
                setConfirming(true);
              }}
              data-testid="hr-erase-start"
            >
              {t('erase.start')}
            </Button>
          </div>
        </div>
      ) : null}

      <DialogFrame
        open={confirming}
        onOpenChange={setConfirming}
        title={t('erase.confirmTitle', { name })}
        testId="hr-erase-dialog"
        actions={
          <>
            <Button appearance="secondary" onClick={() => setConfirming(false)} disabled={erasing}>
              {t('erase.cancel')}
            </Button>
            <Button appearance="primary" onClick={erase} disabled={erasing} data-testid="hr-erase-confirm">
              {t('erase.confirm')}
            </Button>
          </>
        }
      >
        <p>{t('erase.confirmBody')}</p>
        {target ? (
          <>
            <strong>{t('erase.deletes')}</strong>
            <CountList counts={target.preview.deletes} testId="hr-erase-dialog-deletes" />
            {total(target.preview.detaches) > 0 ? (
              <>
                <strong>{t('erase.detaches')}</strong>
                <CountList counts={target.preview.detaches} testId="hr-erase-dialog-detaches" />
              </>
            ) : null}
            {target.forced ? <p>{t('erase.forced', { reason: target.reason })}</p> : null}
          </>
        ) : null}
        {failure !== undefined ? (
          <MessageBar intent="error" role="alert" data-testid="hr-erase-failed">
            <MessageBarBody>
              {t('erase.failed')} {errorText(failure)}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </DialogFrame>

      <ErasureRecords api={api} />
    </Section>
  );
}

/** The erasures done so far: when, whose data, by whom, whether forced, and how much went. */
function ErasureRecords({ api }: { api: ApiClient }) {
  const { t } = useTranslation('hr-audit');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const tables = useAnalyticsStyles();
  const format = useAuditText();
  const recordsHeading = useId();
  const records = useQuery(routeQuery(api, queryKeys.erasures, 'GET /api/hr/erasures'));
  return (
    <>
      <TableHead id={recordsHeading} title={t('erase.records')}>
        {null}
      </TableHead>
      <QueryState query={records} empty={<p className={layout.muted}>{t('erase.recordsEmpty')}</p>}>
        {(records) => (
          <ScrollingTable
            labelledBy={recordsHeading}
            className={styles.recordsTable}
            testId="hr-erase-records"
            columns={RECORD_COLUMNS.map((key) => ({ label: t(`erase.${key}`) }))}
          >
            <tbody>
              {records.map((record) => (
                <tr key={record.id} data-testid="hr-erase-record">
                  <td className={`${tables.td} ${styles.nowrap}`}>{format.when(record.erasedAt)}</td>
                  <td className={tables.td}>
                    {record.displayName ?? t('log.unknownPerson')}
                    <br />
                    <span className={styles.id}>{record.personId}</span>
                  </td>
                  <td className={tables.td}>{format.person(record.erasedBy)}</td>
                  <td className={tables.td}>
                    {record.forced
                      ? t('erase.forced', { reason: record.reason ?? '' })
                      : t('erase.notForced')}
                  </td>
                  <td className={tables.td}>
                    {t('erase.counts', {
                      deleted: total(record.deletes),
                      detached: total(record.detaches),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        )}
      </QueryState>
    </>
  );
}
