// How a 課's people's goals serve its goals (docs/growth.md, coverage): for the chain above the 課's
// people and HR. Each 課 goal with the people linked to it, and the goals that serve none highlighted,
// so a supervisor sees whom to talk to.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DepartmentCoverage } from '../../../src/growth/org-policy.contract.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { plainList } from '../shell/style-fragments.ts';

const useStyles = makeStyles({
  goals: { ...plainList, gap: '12px' },
  goal: {
    borderLeft: `4px solid ${tokens.colorBrandStroke1}`,
    paddingLeft: '12px',
    overflowWrap: 'anywhere',
  },
  goalHead: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'baseline' },
  goalTitle: { fontWeight: tokens.fontWeightSemibold, margin: 0 },
  people: { margin: '4px 0 0', paddingLeft: '20px' },
  unlinked: {
    border: `1px solid ${tokens.colorStatusWarningBorder1}`,
    backgroundColor: tokens.colorStatusWarningBackground1,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 12px',
    overflowWrap: 'anywhere',
  },
});

export function CoveragePanel({
  api,
  fiscalYear,
  department,
}: {
  api: ApiClient;
  fiscalYear: number;
  department: string;
}) {
  const { t } = useTranslation('orgPolicy');
  const layout = useLayoutStyles();
  const query = useQuery(
    routeQuery(
      api,
      queryKeys.departmentCoverage(fiscalYear, department),
      'GET /api/policies/:fiscalYear/departments/:department/coverage',
      { params: { fiscalYear: String(fiscalYear), department } },
    ),
  );
  const forbidden = query.error instanceof ApiError && query.error.status === 403;
  return (
    <Section title={t('coverageTitle')} id="goal-coverage" testId="goal-coverage">
      {/* Staff write and link goals all year: the chain asks for the newest state when it wants it. */}
      {query.data !== undefined ? (
        <Button
          onClick={() => void query.refetch()}
          disabled={query.isFetching}
          style={{ marginBottom: 8 }}
          data-testid="coverage-refresh"
        >
          {t('refresh')}
        </Button>
      ) : null}
      {forbidden ? (
        <p className={layout.muted} data-testid="coverage-forbidden">
          {t('coverageForbidden')}
        </p>
      ) : (
        <QueryState query={query}>{(coverage) => <Coverage coverage={coverage} />}</QueryState>
      )}
    </Section>
  );
}

function Coverage({ coverage }: { coverage: DepartmentCoverage }) {
  const { t } = useTranslation('orgPolicy');
  const layout = useLayoutStyles();
  const styles = useStyles();
  return (
    <div className={layout.stack}>
      <p className={layout.muted} style={{ margin: 0 }}>
        {t('coverageIntro')}
      </p>
      {coverage.goals.length === 0 ? (
        <p className={layout.muted} style={{ margin: 0 }} data-testid="coverage-no-goals">
          {t('coverageNoGoals')}
        </p>
      ) : (
        <ul className={styles.goals} data-testid="coverage-goals">
          {coverage.goals.map((goal) => (
            <li key={goal.id} className={styles.goal} data-testid="coverage-goal">
              <div className={styles.goalHead}>
                <p className={styles.goalTitle}>{goal.title}</p>
                <span className={layout.muted} data-testid="coverage-count">
                  {t('coverageCount', { count: goal.people.length })}
                </span>
              </div>
              {goal.people.length === 0 ? (
                <p className={layout.muted} style={{ margin: 0 }}>
                  {t('coverageNobody')}
                </p>
              ) : (
                <PeopleGoals people={goal.people} testId="coverage-person" />
              )}
            </li>
          ))}
        </ul>
      )}
      <div className={styles.unlinked} data-testid="coverage-unlinked">
        <h3 className={layout.h3} style={{ marginTop: 0 }}>
          {t('unlinkedTitle')}
        </h3>
        {coverage.unlinked.length === 0 ? (
          <p style={{ margin: 0 }} data-testid="coverage-unlinked-none">
            {t('unlinkedNone')}
          </p>
        ) : (
          <>
            <p style={{ margin: 0 }}>{t('unlinkedIntro')}</p>
            <PeopleGoals people={coverage.unlinked} testId="unlinked-person" />
          </>
        )}
      </div>
    </div>
  );
}

/** People by name, each with the titles of their goals concerned. */
function PeopleGoals({ people, testId }: { people: DepartmentCoverage['unlinked']; testId: string }) {
  const { t } = useTranslation('orgPolicy');
  const styles = useStyles();
  return (
    <ul className={styles.people}>
      {people.map((person) => (
        <li key={person.id} data-testid={testId}>
          <strong>{person.displayName}</strong>
          {t('nameSeparator')}
          {person.goals.map((goal) => goal.title).join(t('listSeparator'))}
        </li>
      ))}
    </ul>
  );
}
