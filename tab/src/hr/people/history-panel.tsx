import { Badge } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api/client.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { useLayoutStyles } from '../../shell/layout.tsx';
import { useLocalized } from '../../shell/localized.ts';
import { PersonPicker } from '../../shell/person-picker.tsx';
import type { HrBase } from '../section-props.ts';
import { PeoplePanel } from './people-panel.tsx';
import { ScrollTable, useDay, useTableStyles } from './people-tables.tsx';

/** The table's columns: keys of their headers under `history.`. */
const COLUMNS = ['effectiveFrom', 'level', 'type', 'where', 'supervisor', 'changed', 'state'] as const;

/**
 * One person's effective-dated records (newest first) and the level in force today: what each 発令 changed
 * (level, 課, the supervisor a transfer brings) and supervisors an import gave them. The person is picked
 * here or opened from the staff list (`personId`, with `pickerKey` clearing the picker's own text).
 */
export function HistoryPanel({
  api,
  base,
  personId,
  onPick,
  pickerKey,
}: {
  api: ApiClient;
  base: HrBase;
  personId: string;
  onPick: (personId: string) => void;
  pickerKey: number;
}) {
  const { t } = useTranslation('hr-people');
  const layout = useLayoutStyles();
  const tables = useTableStyles();
  const localized = useLocalized();
  const day = useDay();
  // Keyed by the person picked (a late answer for the previous pick cannot replace it); an import
  // invalidates it, so the history shows what a file changed.
  const query = useQuery({
    ...routeQuery(api, queryKeys.levelHistory(personId), 'GET /api/hr/people/:personId/levels', {
      params: { personId },
    }),
    enabled: personId !== '',
  });

  const levelName = (levelId: string | null) => {
    const level = base.framework.levels.find((candidate) => candidate.id === levelId);
    return level ? localized(level.name) : t('history.noLevel');
  };

  return (
    <PeoplePanel part="history" intro>
      <div role="group" aria-label={t('history.search')}>
        <PersonPicker key={pickerKey} api={api} onChange={onPick} testId="hr-people-picker" />
      </div>
      {personId ? (
        <QueryState query={query}>
          {(history) => (
            <div className={layout.stack} data-testid="hr-people-history-detail">
              <div>
                <h3 className={layout.h3} style={{ marginTop: 0 }} data-testid="hr-people-history-name">
                  {history.person.displayName}
                  {history.person.employeeId ? (
                    <span className={layout.muted}> （{history.person.employeeId}）</span>
                  ) : null}
                </h3>
                <p style={{ margin: 0 }} data-testid="hr-people-current-level">
                  <strong>
                    {t('history.current', {
                      level: levelName(history.person.levelId),
                      type: t(`employment.${history.person.employmentType}`),
                    })}
                  </strong>{' '}
                  <span className={layout.muted}>{t(`history.source_${history.levelSource}`)}</span>
                </p>
                <p className={layout.muted} style={{ margin: 0 }}>
                  {t('history.department', {
                    division: history.person.division ?? '',
                    department: history.person.department ?? '',
                  })}
                  {history.person.managerName
                    ? ` ・ ${t('history.manager', { name: history.person.managerName })}`
                    : ''}
                  {history.person.hireDate
                    ? ` ・ ${t('history.hireDate', { date: history.person.hireDate })}`
                    : ''}
                </p>
              </div>
              {history.records.length === 0 ? (
                <p style={{ margin: 0 }}>{t('history.none')}</p>
              ) : (
                <ScrollTable
                  caption={t('history.title')}
                  columns={COLUMNS.map((key) => t(`history.${key}`))}
                  testId="hr-people-history-table"
                  minWidth="760px"
                >
                  <tbody>
                    {history.records.map((record, index) => {
                      const state = record.current ? 'current' : record.scheduled ? 'scheduled' : 'past';
                      // Newest first: the record before this one in time is the next in the list.
                      const previous = history.records[index + 1];
                      const changed = previous
                        ? [
                            previous.levelId !== record.levelId
                              ? t('history.levelChange', {
                                  from: levelName(previous.levelId),
                                  to: levelName(record.levelId),
                                })
                              : '',
                            previous.department !== record.department || previous.division !== record.division
                              ? t('history.moved', {
                                  from: [previous.division, previous.department].filter(Boolean).join(' '),
                                  to: [record.division, record.department].filter(Boolean).join(' '),
                                })
                              : '',
                            previous.employmentType !== record.employmentType
                              ? t(`employment.${record.employmentType}`)
                              : '',
                          ].filter(Boolean)
                        : [t('history.first')];
                      return (
                        <tr key={record.effectiveFrom} data-testid={`hr-people-record-${state}`}>
                          <td className={tables.nowrap}>{day(record.effectiveFrom)}</td>
                          <td className={tables.nowrap}>{levelName(record.levelId)}</td>
                          <td className={tables.nowrap}>{t(`employment.${record.employmentType}`)}</td>
                          <td>{[record.division, record.department].filter(Boolean).join(' ')}</td>
                          <td className={tables.nowrap}>
                            {record.supervisorId
                              ? (record.supervisorName ?? t('history.unknownPerson'))
                              : t('history.directoryManager')}
                          </td>
                          <td>{changed.length > 0 ? changed.join('・') : t('history.noChange')}</td>
                          <td>
                            <Badge
                              appearance={state === 'current' ? 'filled' : 'outline'}
                              color={
                                state === 'scheduled'
                                  ? 'informative'
                                  : state === 'current'
                                    ? 'brand'
                                    : 'subtle'
                              }
                            >
                              {t(`history.state_${state}`)}
                            </Badge>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </ScrollTable>
              )}
              {history.supervisorChanges.length > 0 ? (
                <div>
                  <h4 className={layout.h3}>{t('history.lineChanges')}</h4>
                  <ul style={{ margin: 0 }} data-testid="hr-people-line-changes">
                    {history.supervisorChanges.map((change) => (
                      <li key={change.effectiveFrom}>
                        {t(change.scheduled ? 'history.lineChangeScheduled' : 'history.lineChange', {
                          date: day(change.effectiveFrom),
                          name: change.supervisorName ?? t('history.unknownPerson'),
                        })}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <p className={layout.muted} style={{ margin: 0 }}>
                {t('history.sources')}
              </p>
            </div>
          )}
        </QueryState>
      ) : null}
    </PeoplePanel>
  );
}
