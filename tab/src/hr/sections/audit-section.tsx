import { Button, Checkbox, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditEntryView } from '../../../../src/auth/audit.contract.ts';
import type { ApiClient } from '../../api/client.ts';
import { useFormFields } from '../../data/form-fields.ts';
import { queryKeys } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { registerBundle } from '../../i18n/i18n.ts';
import { ErrorPanel } from '../../shell/error-panel.tsx';
import { Section, useLayoutStyles } from '../../shell/layout.tsx';
import { useAuditText } from '../audit/audit-text.ts';
import messages from '../audit/messages.ts';
import { CsvButton, ScrollingTable, TableHead, useAnalyticsStyles } from '../dashboards/analytics-ui.tsx';
import { LabelledPersonPicker } from '../labelled-person-picker.tsx';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';
import { DateInput } from '../../shell/date-input.tsx';
import { Options } from '../../shell/options.tsx';
import { StackForm } from '../../shell/stack-form.tsx';

registerBundle('hr-audit', messages);

const ACTIONS: readonly AuditAction[] = ['read', 'write', 'export', 'delete'];
/** The filters that name a person: who acted, and whose data it was. */
const PERSON_FILTERS = ['actor', 'subject'] as const;
const PAGE_SIZE = 50;
/** The log's columns after the time: keys of their headers under `log.`. */
const LOG_COLUMNS = ['colActor', 'colSubject', 'colAction', 'colResource', 'colDetails'] as const;

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    gap: '8px 16px',
    alignItems: 'end',
  },
  details: { margin: 0, padding: 0, listStyle: 'none', fontSize: tokens.fontSizeBase200 },
  raw: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase100,
    overflowWrap: 'anywhere',
    margin: '4px 0 0',
    whiteSpace: 'pre-wrap',
  },
  nowrap: { whiteSpace: 'nowrap' },
  // Names, actions and data stay on one line each; only the details wrap. Below this width the table
  // scrolls sideways in its frame instead of squeezing cells into a column of single characters.
  wideTable: { minWidth: '860px', tableLayout: 'auto' },
  detailsCell: { minWidth: '16em' },
});

interface Filters {
  actorId: string;
  subjectId: string;
  action: '' | AuditAction;
  from: string;
  to: string;
  /** Page views outnumber changes many times over: hidden unless HR asks for them. */
  views: 'include' | 'exclude';
}
const NO_FILTERS: Filters = { actorId: '', subjectId: '', action: '', from: '', to: '', views: 'exclude' };

const queryOf = (filters: Filters) => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as Array<[string, string]>)
    if (value) query.set(key, value);
  return query;
};

/** The filters as the log's query for api.call: an empty field is left out. */
const filterQuery = ({ actorId, subjectId, action, from, to, views }: Filters) => ({
  actorId: actorId || undefined,
  subjectId: subjectId || undefined,
  action: action || undefined,
  from: from || undefined,
  to: to || undefined,
  views,
});

/** 監査ログ: the audit log, which HR reads and exports (erasing a leaver's data has its own section). */
export default function AuditSection({ api }: HrSectionProps) {
  return (
    <SectionFrame section="audit">
      <AuditLogPanel api={api} />
    </SectionFrame>
  );
}

function AuditLogPanel({ api }: { api: ApiClient }) {
  const { t } = useTranslation('hr-audit');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const headingId = useId();
  const { fields: draft, setFields: setDraft, set, text } = useFormFields<Filters>(NO_FILTERS);
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

  return (
    <Section title={t('log.title')} id="hr-audit-log" testId="hr-audit-log">
      <p className={layout.muted}>{t('log.intro')}</p>
      <StackForm className={styles.filters} testId="hr-audit-filters" onSubmit={() => setFilters(draft)}>
        {PERSON_FILTERS.map((role) => (
          <LabelledPersonPicker
            key={`${role}-${pickerKey}`}
            label={t(`log.${role}`)}
            api={api}
            onChange={(personId) => set(`${role}Id`, personId)}
            testId={`hr-audit-${role}`}
          />
        ))}
        <Field label={t('log.action')}>
          <Select
            value={draft.action}
            onChange={(_, data) => set('action', data.value as Filters['action'])}
            data-testid="hr-audit-action"
          >
            <option value="">{t('log.anyAction')}</option>
            <Options values={ACTIONS} labelOf={(action) => t(`actions.${action}`)} />
          </Select>
        </Field>
        <Field label={t('log.from')}>
          <DateInput {...text('from')} data-testid="hr-audit-from" />
        </Field>
        <Field label={t('log.to')}>
          <DateInput {...text('to')} data-testid="hr-audit-to" />
        </Field>
        <Checkbox
          checked={draft.views === 'include'}
          onChange={(_, data) => set('views', data.checked === true ? 'include' : 'exclude')}
          label={t('log.includeViews')}
          data-testid="hr-audit-include-views"
        />
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
      </StackForm>

      {filters.views === 'exclude' && filters.action === '' ? (
        <p className={layout.muted} data-testid="hr-audit-views-hidden">
          {t('log.viewsHidden')}
        </p>
      ) : null}
      <TableHead id={headingId} title={t('log.tableTitle')}>
        <CsvButton
          api={api}
          path={`/api/hr/audit/export?${queryOf(filters).toString()}`}
          fileName="audit-log.csv"
          table={t('log.csvTable')}
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
            <LogTable entries={page.entries} labelledBy={headingId} />
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

/** The log's entries in words, with each entry's recorded fields one click away. */
function LogTable({ entries, labelledBy }: { entries: AuditEntryView[]; labelledBy: string }) {
  const { t } = useTranslation('hr-audit');
  const styles = useStyles();
  const tables = useAnalyticsStyles();
  const format = useAuditText();
  return (
    <ScrollingTable
      labelledBy={labelledBy}
      className={styles.wideTable}
      testId="hr-audit-table"
      columns={[
        { label: t('log.colAt'), className: styles.nowrap },
        ...LOG_COLUMNS.map((key) => ({ label: t(`log.${key}`) })),
      ]}
    >
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} data-testid="hr-audit-row">
            <td className={`${tables.td} ${styles.nowrap}`}>{format.when(entry.occurredAt)}</td>
            <td className={`${tables.td} ${styles.nowrap}`}>{format.person(entry.actor)}</td>
            <td className={`${tables.td} ${styles.nowrap}`}>{format.person(entry.subject)}</td>
            <td className={`${tables.td} ${styles.nowrap}`}>{t(`actions.${entry.action}`)}</td>
            <td className={tables.td}>{format.resource(entry.resource)}</td>
            <td className={`${tables.td} ${styles.detailsCell}`}>
              {format.hasDetails(entry) ? (
                <>
                  <ul className={styles.details}>
                    {format.details(entry).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                  <details>
                    <summary>{t('log.allFields')}</summary>
                    <pre className={styles.raw}>{JSON.stringify(entry.details, null, 1)}</pre>
                  </details>
                </>
              ) : (
                t('log.none')
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}
