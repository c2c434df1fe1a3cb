import { Button } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api/client.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { useLayoutStyles } from '../../shell/layout.tsx';
import { PeoplePanel } from './people-panel.tsx';
import { ScrollTable, useTableStyles } from './people-tables.tsx';

/** The table's columns: keys of their headers under `disagreements.`. */
const COLUMNS = ['person', 'inForce', 'directory', 'since'] as const;

/**
 * Where HR's 課/部 in force and the directory's disagree (docs/people.md, "Which source wins"): HR's
 * record wins until HR's next file, so HR sees here what Entra ID still says otherwise.
 */
export function DisagreementsPanel({ api }: { api: ApiClient }) {
  const { t } = useTranslation('hr-people');
  const layout = useLayoutStyles();
  const table = useTableStyles();
  // An import invalidates the list: it is asked for again, the last one staying on screen meanwhile.
  const disagreements = useQuery(
    routeQuery(api, queryKeys.disagreements, 'GET /api/hr/people/disagreements'),
  );

  const place = (department: string | null, division: string | null) =>
    [division, department].filter(Boolean).join(' ') || t('disagreements.unset');

  return (
    <PeoplePanel part="disagreements" intro>
      <QueryState
        query={disagreements}
        isEmpty={(data) => data.people.length === 0}
        empty={
          <p style={{ margin: 0 }} data-testid="hr-people-disagreements-none">
            {t('disagreements.none')}
          </p>
        }
      >
        {(data) => (
          <ScrollTable
            caption={t('disagreements.title')}
            columns={COLUMNS.map((key) => t(`disagreements.${key}`))}
            testId="hr-people-disagreements-table"
          >
            <tbody>
              {data.people.map((row) => (
                <tr key={row.id} data-testid={`hr-people-disagreement-${row.id}`}>
                  <td>
                    {row.displayName}
                    {row.employeeId ? <span className={layout.muted}> ({row.employeeId})</span> : null}
                  </td>
                  <td>{place(row.department, row.division)}</td>
                  <td>{place(row.directoryDepartment, row.directoryDivision)}</td>
                  <td className={table.nowrap}>{row.effectiveFrom}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </QueryState>
      <div className={layout.row}>
        <Button onClick={() => void disagreements.refetch()} data-testid="hr-people-disagreements-reload">
          {t('disagreements.reload')}
        </Button>
      </div>
    </PeoplePanel>
  );
}
