import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmploymentType } from '../../../../src/people/people.contract.ts';
import {
  NO_LEVEL_FILTER,
  STAFF_QUERY_MAX,
  type StaffListQuery,
  type StaffMember,
} from '../../../../src/people/people-admin.contract.ts';
import type { ApiClient } from '../../api/client.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { useLayoutStyles } from '../../shell/layout.tsx';
import { useLocalized } from '../../shell/localized.ts';
import { RecordOptions } from '../../shell/options.tsx';
import type { HrBase } from '../section-props.ts';
import { PeoplePanel } from './people-panel.tsx';
import { ScrollTable, useDay, useTableStyles } from './people-tables.tsx';

/** The table's columns: keys of their headers under `list.`. */
const COLUMNS = ['name', 'employeeId', 'department', 'level', 'type', 'manager', 'next'] as const;

export const STAFF_PAGE_SIZE = 50;

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 180px), 1fr))',
    gap: '8px 16px',
    alignItems: 'end',
    // A long option (e.g. "Director-General level (Bucho)") must not widen the grid past a phone's width.
    '& > *': { minWidth: 0 },
  },
  select: { minWidth: 0, width: '100%', '& select': { minWidth: 0, textOverflow: 'ellipsis' } },
  name: {
    // A name is a button that opens the person's history; it reads as a link.
    minWidth: 0,
    padding: 0,
    textAlign: 'start',
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
  },
  pager: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  dim: { color: tokens.colorNeutralForeground3 },
});

interface Filters {
  q: string;
  department: string;
  levelId: string;
  employmentType: '' | EmploymentType;
}
const NO_FILTERS: Filters = { q: '', department: '', levelId: '', employmentType: '' };
/** The filters chosen from a list: each one's name in the messages (`list.<name>`) and in its test id. */
const SELECT_FILTERS = { department: 'department', levelId: 'level', employmentType: 'type' } as const;
type SelectFilter = keyof typeof SELECT_FILTERS;

/** The text box waits for a pause in typing: one request (and one audit entry) per search, not per key. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** One of the list's choice filters: "all" (an empty value) first, then `children`, its options. */
function FilterSelect({
  label,
  value,
  onChange,
  testId,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation('hr-people');
  const styles = useStyles();
  return (
    <Field label={label}>
      <Select
        className={styles.select}
        value={value}
        onChange={(_, data) => onChange(data.value)}
        data-testid={testId}
      >
        <option value="">{t('list.all')}</option>
        {children}
      </Select>
    </Field>
  );
}

/**
 * 職員一覧: everyone as in force today, 50 to a page, filtered by name or 職員番号, 課, level and
 * employment type on the server; a name opens that person's history below.
 */
export function StaffListPanel({
  api,
  base,
  onOpen,
}: {
  api: ApiClient;
  base: HrBase;
  onOpen: (person: StaffMember) => void;
}) {
  const { t } = useTranslation('hr-people');
  const layout = useLayoutStyles();
  const tables = useTableStyles();
  const styles = useStyles();
  const localized = useLocalized();
  const day = useDay();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const q = useDebounced(filters.q.trim(), 300);
  const query: StaffListQuery = {
    ...(q ? { q } : {}),
    ...(filters.department ? { department: filters.department } : {}),
    ...(filters.levelId ? { levelId: filters.levelId } : {}),
    ...(filters.employmentType ? { employmentType: filters.employmentType } : {}),
    page,
    pageSize: STAFF_PAGE_SIZE,
  };
  const list = useQuery({
    ...routeQuery(api, queryKeys.staffList(query), 'GET /api/hr/people', { query }),
    // The page on screen stays while the next one loads: paging does not flash an empty table.
    placeholderData: keepPreviousData,
  });
  const change = (next: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...next }));
    setPage(1);
  };

  const levelName = (levelId: string | null) => {
    const level = base.framework.levels.find((candidate) => candidate.id === levelId);
    return level ? localized(level.name) : t('list.noLevel');
  };
  const place = (division: string | null, department: string | null) =>
    [division, department].filter(Boolean).join(' ') || t('list.noDepartment');
  const filterSelect = (key: SelectFilter, options: ReactNode) => (
    <FilterSelect
      label={t(`list.${SELECT_FILTERS[key]}`)}
      value={filters[key]}
      // Each select offers only values of its own filter.
      onChange={(value) => change({ [key]: value })}
      testId={`hr-people-list-${SELECT_FILTERS[key]}`}
    >
      {options}
    </FilterSelect>
  );

  return (
    <PeoplePanel part="list">
      <div className={styles.filters} role="search" aria-label={t('list.filters')}>
        <Field label={t('list.search')}>
          <Input
            type="search"
            value={filters.q}
            maxLength={STAFF_QUERY_MAX}
            placeholder={t('list.searchHint')}
            onChange={(_, data) => change({ q: data.value })}
            data-testid="hr-people-list-search"
          />
        </Field>
        {filterSelect(
          'department',
          <RecordOptions
            records={list.data?.departments ?? []}
            idOf={(entry) => entry.department}
            labelOf={(entry) =>
              t('list.departmentOption', {
                name: place(entry.division, entry.department),
                count: entry.staff,
              })
            }
          />,
        )}
        {filterSelect(
          'levelId',
          <>
            <RecordOptions records={base.framework.levels} labelOf={(level) => localized(level.name)} />
            <option value={NO_LEVEL_FILTER}>{t('list.noLevel')}</option>
          </>,
        )}
        {filterSelect(
          'employmentType',
          <>
            <option value="regular">{t('employment.regular')}</option>
            <option value="fiscalYear">{t('employment.fiscalYear')}</option>
          </>,
        )}
      </div>
      <QueryState query={list}>
        {(data) => (
          <div className={layout.stack}>
            <div>
              <p style={{ margin: 0 }} data-testid="hr-people-headcount">
                <strong>{t('list.headcount', { count: data.headcount.staff, date: day(data.today) })}</strong>
              </p>
              <p className={layout.muted} style={{ margin: 0 }}>
                {t('list.headcountRule')}
                {data.headcount.notCounted > 0
                  ? ` ${t('list.notCounted', { count: data.headcount.notCounted })}`
                  : ''}
              </p>
            </div>
            {data.people.length === 0 ? (
              <p className={layout.muted} style={{ margin: 0 }} data-testid="hr-people-list-empty">
                {t('list.empty')}
              </p>
            ) : (
              <ScrollTable
                caption={t('list.title')}
                columns={COLUMNS.map((key) => t(`list.${key}`))}
                testId="hr-people-list-table"
                minWidth="760px"
              >
                <tbody>
                  {data.people.map((person) => (
                    <tr key={person.id} data-testid={`hr-people-row-${person.id}`}>
                      <th scope="row" style={{ fontWeight: 'normal' }}>
                        <Button
                          appearance="transparent"
                          className={styles.name}
                          onClick={() => onOpen(person)}
                          data-testid="hr-people-open"
                        >
                          {person.displayName}
                        </Button>
                      </th>
                      <td className={tables.nowrap}>{person.employeeId ?? '—'}</td>
                      <td>{place(person.division, person.department)}</td>
                      <td className={tables.nowrap}>
                        {person.counted ? (
                          levelName(person.levelId)
                        ) : (
                          <span className={styles.dim}>{t('list.noLevelNotCounted')}</span>
                        )}
                      </td>
                      <td className={tables.nowrap}>{t(`employment.${person.employmentType}`)}</td>
                      <td className={tables.nowrap}>{person.managerName ?? '—'}</td>
                      <td>
                        {person.nextChange
                          ? t('list.nextChange', {
                              date: day(person.nextChange.effectiveFrom),
                              level: levelName(person.nextChange.levelId),
                              place: place(person.nextChange.division, person.nextChange.department),
                            })
                          : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            )}
            <div className={styles.pager}>
              <span role="status" data-testid="hr-people-list-range">
                {data.total === 0
                  ? t('list.none')
                  : t('list.range', {
                      from: (data.page - 1) * data.pageSize + 1,
                      to: (data.page - 1) * data.pageSize + data.people.length,
                      total: data.total,
                    })}
              </span>
              <Button
                disabled={page <= 1 || list.isFetching}
                onClick={() => setPage((current) => Math.max(1, current - 1))}
                data-testid="hr-people-list-previous"
              >
                {t('list.previous')}
              </Button>
              <Button
                disabled={data.page * data.pageSize >= data.total || list.isFetching}
                onClick={() => setPage((current) => current + 1)}
                data-testid="hr-people-list-next"
              >
                {t('list.nextPage')}
              </Button>
            </div>
          </div>
        )}
      </QueryState>
    </PeoplePanel>
  );
}
