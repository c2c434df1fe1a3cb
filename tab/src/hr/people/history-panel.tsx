import { Badge } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api/client.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { Section, useLayoutStyles } from '../../shell/layout.tsx';
import { useLocalized } from '../../shell/localized.ts';
import { PersonPicker } from '../../shell/person-picker.tsx';
import type { HrBase } from '../section-props.ts';
import { ScrollTable, useTableStyles } from './people-tables.tsx';

/** One person's effective-dated records (newest first) and the level in force today. */
export function HistoryPanel({ api, base }: { api: ApiClient; base: HrBase }) {
  const { t } = useTranslation('hr-people');
  const layout = useLayoutStyles();
  const tables = useTableStyles();
  const localized = useLocalized();
  const [personId, setPersonId] = useState('');
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
    <Section title={t('history.title')} id="hr-people-history" testId="hr-people-history">
      <div className={layout.stack}>
        <p className={layout.muted} style={{ margin: 0 }}>
          {t('history.intro')}
        </p>
        <div role="group" aria-label={t('history.search')}>
          <PersonPicker api={api} onChange={setPersonId} testId="hr-people-picker" />
        </div>
        {personId ? (
          <QueryState query={query}>
            {(history) => (
              <div className={layout.stack} data-testid="hr-people-history-detail">
                <div>
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
                  <ScrollTable caption={t('history.title')} testId="hr-people-history-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('history.effectiveFrom')}</th>
                        <th scope="col">{t('history.level')}</th>
                        <th scope="col">{t('history.type')}</th>
                        <th scope="col">{t('history.where')}</th>
                        <th scope="col">{t('history.state')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {history.records.map((record) => {
                        const state = record.current ? 'current' : record.scheduled ? 'scheduled' : 'past';
                        return (
                          <tr key={record.effectiveFrom} data-testid={`hr-people-record-${state}`}>
                            <td className={tables.nowrap}>{record.effectiveFrom}</td>
                            <td>{levelName(record.levelId)}</td>
                            <td>{t(`employment.${record.employmentType}`)}</td>
                            <td>{[record.division, record.department].filter(Boolean).join(' ')}</td>
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
              </div>
            )}
          </QueryState>
        ) : null}
      </div>
    </Section>
  );
}
