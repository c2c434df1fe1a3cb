import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditEntryView, AuditPerson } from '../../../../src/auth/audit.contract.ts';
import type {
  ErasureCounts,
  ErasurePreview,
  ErasureRecordView,
} from '../../../../src/privacy/erasure.contract.ts';
import type { ApiClient } from '../../api/client.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { registerBundle } from '../../i18n/i18n.ts';
import { ErrorPanel } from '../../shell/error-panel.tsx';
import { useErrorText } from '../../shell/error-text.ts';
import { Section, useLayoutStyles } from '../../shell/layout.tsx';
import { PersonPicker } from '../../shell/person-picker.tsx';
import messages from '../audit/messages.ts';
import { CsvButton, TableHead, TableScroll, useAnalyticsStyles } from '../dashboards/analytics-ui.tsx';
import type { HrSectionProps } from '../section-props.ts';
import { DateInput } from '../../shell/date-input.tsx';

registerBundle('hr-audit', messages);

const ACTIONS: readonly AuditAction[] = ['read', 'write', 'export', 'delete'];
const PAGE_SIZE = 50;

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    gap: '8px 16px',
    alignItems: 'end',
  },
  details: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    maxWidth: '24em',
  },
  nowrap: { whiteSpace: 'nowrap' },
  // Wide enough for its columns: on a phone the table scrolls sideways in its frame instead of
  // squeezing every cell into a tall column of single characters.
  wideTable: { minWidth: '760px' },
  recordsTable: { minWidth: '640px' },
  counts: { margin: '4px 0 0', paddingLeft: '1.2em' },
  warning: { marginTop: '8px' },
});

interface Filters {
  actorId: string;
  subjectId: string;
  action: '' | AuditAction;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { actorId: '', subjectId: '', action: '', from: '', to: '' };

const queryOf = (filters: Filters) => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as Array<[string, string]>)
    if (value) query.set(key, value);
  return query;
};

/** The filters as the log's query for api.call: an empty field is left out. */
const filterQuery = ({ actorId, subjectId, action, from, to }: Filters) => ({
  actorId: actorId || undefined,
  subjectId: subjectId || undefined,
  action: action || undefined,
  from: from || undefined,
  to: to || undefined,
});

/** 監査ログと退職者のデータ削除: the audit log (HR reads and exports it) and erasing a leaver's data. */
export default function AuditSection({ api }: HrSectionProps) {
  const layout = useLayoutStyles();
  return (
    <div className={layout.stack} data-testid="hr-section-audit">
      <AuditLogPanel api={api} />
      <ErasurePanel api={api} />
    </div>
  );
}

function useFormatters() {
  const { t, i18n } = useTranslation('hr-audit');
  const when = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', {
        timeZone: 'Asia/Tokyo',
        dateStyle: 'medium',
        timeStyle: 'short',
      }),
    [i18n.language],
  );
  return {
    when: (iso: string) => when.format(new Date(iso)),
    person: (person: AuditPerson | null) =>
      person ? `${person.displayName ?? t('log.unknownPerson')}` : t('log.none'),
    table: (key: string) => {
      const [table = key] = key.split('.');
      return t(`columns.${key}`, { defaultValue: t(`tables.${table}`, { defaultValue: key }) });
    },
  };
}

function AuditLogPanel({ api }: { api: ApiClient }) {
  const { t } = useTranslation('hr-audit');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const tables = useAnalyticsStyles();
  const format = useFormatters();
  const headingId = useId();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The pickers keep their own text: a new key clears them when the filters are cleared.
  const [pickerKey, setPickerKey] = useState(0);
  // One query per set of filters, its pages fetched one after another by cursor ("older entries").
  const log = useInfiniteQuery({
    queryKey: queryKeys.auditLog(filters),
    queryFn: ({ pageParam, signal }) =>
      api.call('GET /api/hr/audit', {
        query: { ...filterQuery(filters), limit: PAGE_SIZE, cursor: pageParam || undefined },
        signal,
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const page = useMemo(
    () =>
      log.data
        ? { entries: log.data.pages.flatMap((each) => each.entries), more: log.hasNextPage }
        : undefined,
    [log.data, log.hasNextPage],
  );
  const loadOlder = () => void log.fetchNextPage();

  const details = (entry: AuditEntryView) => {
    const text = JSON.stringify(entry.details);
    return text === '{}' ? t('log.none') : text;
  };

  return (
    <Section title={t('log.title')} id="hr-audit-log" testId="hr-audit-log">
      <p className={layout.muted}>{t('log.intro')}</p>
      <form
        className={styles.filters}
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
        data-testid="hr-audit-filters"
      >
        <div role="group" aria-label={t('log.actor')}>
          <span>{t('log.actor')}</span>
          <PersonPicker
            key={`actor-${pickerKey}`}
            api={api}
            onChange={(actorId) => setDraft((current) => ({ ...current, actorId }))}
            testId="hr-audit-actor"
          />
        </div>
        <div role="group" aria-label={t('log.subject')}>
          <span>{t('log.subject')}</span>
          <PersonPicker
            key={`subject-${pickerKey}`}
            api={api}
            onChange={(subjectId) => setDraft((current) => ({ ...current, subjectId }))}
            testId="hr-audit-subject"
          />
        </div>
        <Field label={t('log.action')}>
          <Select
            value={draft.action}
            onChange={(_, data) =>
              setDraft((current) => ({ ...current, action: data.value as Filters['action'] }))
            }
            data-testid="hr-audit-action"
          >
            <option value="">{t('log.anyAction')}</option>
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`actions.${action}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('log.from')}>
          <DateInput
            value={draft.from}
            onChange={(_, data) => setDraft((current) => ({ ...current, from: data.value }))}
            data-testid="hr-audit-from"
          />
        </Field>
        <Field label={t('log.to')}>
          <DateInput
            value={draft.to}
            onChange={(_, data) => setDraft((current) => ({ ...current, to: data.value }))}
            data-testid="hr-audit-to"
          />
        </Field>
        <div className={layout.row}>
          <Button appearance="primary" type="submit" data-testid="hr-audit-apply">
            {t('log.apply')}
          </Button>
          <Button
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
              setPickerKey((key) => key + 1);
            }}
          >
            {t('log.clear')}
          </Button>
        </div>
      </form>

      <TableHead id={headingId} title={t('log.tableTitle')}>
        <CsvButton
          api={api}
          path={`/api/hr/audit/export?${queryOf(filters).toString()}`}
          fileName="audit-log.csv"
          label={t('log.csv')}
          table={t('log.csvTable')}
          failed={t('log.csvFailed')}
          testId="hr-audit-csv"
        />
      </TableHead>
      <QueryState
        query={{
          data: page,
          error: log.error,
          isPending: log.isPending,
          isError: log.isError,
          isFetching: log.isFetching,
          refetch: log.refetch,
        }}
        isEmpty={(value) => value.entries.length === 0}
        empty={
          <p className={layout.muted} data-testid="hr-audit-empty">
            {t('log.empty')}
          </p>
        }
      >
        {(page) => (
          <>
            <TableScroll labelledBy={headingId}>
              <table
                className={`${tables.table} ${styles.wideTable}`}
                aria-labelledby={headingId}
                data-testid="hr-audit-table"
              >
                <thead>
                  <tr>
                    <th className={tables.th}>{t('log.colAt')}</th>
                    <th className={tables.th}>{t('log.colActor')}</th>
                    <th className={tables.th}>{t('log.colSubject')}</th>
                    <th className={tables.th}>{t('log.colAction')}</th>
                    <th className={tables.th}>{t('log.colResource')}</th>
                    <th className={tables.th}>{t('log.colDetails')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.entries.map((entry) => (
                    <tr key={entry.id} data-testid="hr-audit-row">
                      <td className={`${tables.td} ${styles.nowrap}`}>{format.when(entry.occurredAt)}</td>
                      <td className={tables.td}>{format.person(entry.actor)}</td>
                      <td className={tables.td}>{format.person(entry.subject)}</td>
                      <td className={tables.td}>{t(`actions.${entry.action}`)}</td>
                      <td className={tables.td}>
                        {t(`resources.${entry.resource}`, { defaultValue: entry.resource })}
                      </td>
                      <td className={tables.td}>
                        <span className={styles.details}>{details(entry)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <div className={layout.row}>
              <span className={layout.muted} role="status">
                {t('log.shown', { count: page.entries.length })}
              </span>
              {page.more ? (
                <Button onClick={loadOlder} disabled={log.isFetchingNextPage} data-testid="hr-audit-more">
                  {t('log.more')}
                </Button>
              ) : null}
            </div>
            {log.isFetchNextPageError ? <ErrorPanel error={log.error} onRetry={loadOlder} /> : null}
          </>
        )}
      </QueryState>
    </Section>
  );
}

function CountList({ counts, testId }: { counts: ErasureCounts; testId: string }) {
  const { t } = useTranslation('hr-audit');
  const styles = useStyles();
  const format = useFormatters();
  return (
    <ul className={styles.counts} data-testid={testId}>
      {Object.entries(counts).map(([key, count]) => (
        <li key={key}>
          {format.table(key)}: {t('erase.rows', { count })}
        </li>
      ))}
    </ul>
  );
}

const total = (counts: ErasureCounts) => Object.values(counts).reduce((sum, count) => sum + count, 0);

function ErasurePanel({ api }: { api: ApiClient }) {
  const { t } = useTranslation('hr-audit');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const tables = useAnalyticsStyles();
  const format = useFormatters();
  const errorText = useErrorText();
  const recordsHeading = useId();
  const [personId, setPersonId] = useState('');
  const [pickerKey, setPickerKey] = useState(0);
  const [force, setForce] = useState(false);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  // What the dialog asks about, fixed when it opens: it keeps its text while it closes after the erasure.
  const [target, setTarget] = useState<{ preview: ErasurePreview; reason: string; forced: boolean }>();
  const [done, setDone] = useState<ErasureRecordView | undefined>();
  const queryClient = useQueryClient();
  const records = useQuery(routeQuery(api, queryKeys.erasures, 'GET /api/hr/erasures'));
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
      <div role="group" aria-label={t('erase.search')}>
        <span>{t('erase.search')}</span>
        <PersonPicker
          key={pickerKey}
          api={api}
          onChange={(id) => {
            setPersonId(id);
            setForce(false);
            setReason('');
            if (id) setDone(undefined);
          }}
          testId="hr-erase-picker"
        />
      </div>
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
                  maxLength={500}
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

      <Dialog open={confirming} onOpenChange={(_, data) => setConfirming(data.open)}>
        <DialogSurface data-testid="hr-erase-dialog">
          <DialogBody>
            <DialogTitle>{t('erase.confirmTitle', { name })}</DialogTitle>
            <DialogContent>
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
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setConfirming(false)} disabled={erasing}>
                {t('erase.cancel')}
              </Button>
              <Button appearance="primary" onClick={erase} disabled={erasing} data-testid="hr-erase-confirm">
                {t('erase.confirm')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>

      <TableHead id={recordsHeading} title={t('erase.records')}>
        {null}
      </TableHead>
      <QueryState query={records} empty={<p className={layout.muted}>{t('erase.recordsEmpty')}</p>}>
        {(records) => (
          <TableScroll labelledBy={recordsHeading}>
            <table
              className={`${tables.table} ${styles.recordsTable}`}
              aria-labelledby={recordsHeading}
              data-testid="hr-erase-records"
            >
              <thead>
                <tr>
                  <th className={tables.th}>{t('erase.colAt')}</th>
                  <th className={tables.th}>{t('erase.colPerson')}</th>
                  <th className={tables.th}>{t('erase.colBy')}</th>
                  <th className={tables.th}>{t('erase.colForced')}</th>
                  <th className={tables.th}>{t('erase.colCounts')}</th>
                </tr>
              </thead>
              <tbody>
                {records.map((record) => (
                  <tr key={record.id} data-testid="hr-erase-record">
                    <td className={`${tables.td} ${styles.nowrap}`}>{format.when(record.erasedAt)}</td>
                    <td className={tables.td}>
                      {record.displayName ?? t('log.unknownPerson')}
                      <br />
                      <span className={styles.details}>{record.personId}</span>
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
            </table>
          </TableScroll>
        )}
      </QueryState>
    </Section>
  );
}
