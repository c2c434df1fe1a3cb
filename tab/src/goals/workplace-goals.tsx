import { makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { plainList } from '../shell/style-fragments.ts';

const useStyles = makeStyles({
  people: { ...plainList, gap: '12px' },
  person: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: '8px' },
  goals: {
    listStyle: 'none',
    padding: 0,
    margin: '4px 0 0',
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
  },
  goal: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(80px, 160px) 3.5em',
    gap: '8px',
    alignItems: 'center',
  },
  title: { overflowWrap: 'anywhere' },
  percent: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
});

/**
 * My 課's goals (policy 7(3)①): everyone sees what colleagues aim for and how far they are — titles, due
 * dates and progress only; reflections and comments stay with the person, their supervisors and HR.
 */
export function WorkplaceGoals({ api, fiscalYear }: { api: ApiClient; fiscalYear: number }) {
  const { t } = useTranslation('goals');
  const styles = useStyles();
  const layout = useLayoutStyles();
  const query = useQuery(
    routeQuery(api, queryKeys.workplaceGoals(fiscalYear), 'GET /api/workplace/goals', {
      query: { fiscalYear },
    }),
  );

  const title = query.data?.department
    ? t('workplaceTitleOf', { department: query.data.department })
    : t('workplaceTitle');
  return (
    <Section title={title} id="workplace-goals" testId="workplace-goals">
      <p className={layout.muted}>{t('workplaceIntro')}</p>
      <QueryState
        query={query}
        empty={<p data-testid="workplace-empty">{t('workplaceEmpty')}</p>}
        isEmpty={(value) => value.people.length === 0}
      >
        {(value) => (
          <ul className={styles.people}>
            {value.people.map((person) => (
              <li key={person.id} className={styles.person} data-testid={`workplace-person-${person.id}`}>
                <strong>{person.displayName}</strong>
                {person.jobTitle ? <span className={layout.muted}>（{person.jobTitle}）</span> : null}
                <ul className={styles.goals}>
                  {person.goals.map((goal) => {
                    const percent = goal.progress.at(-1)?.percent ?? 0;
                    return (
                      <li key={goal.id} className={styles.goal}>
                        <span className={styles.title}>
                          {goal.title}
                          <span className={layout.muted}> {t('dueDate', { date: goal.dueDate })}</span>
                        </span>
                        <ProgressBar
                          value={percent / 100}
                          thickness="large"
                          aria-label={t('workplaceProgress', { title: goal.title, percent })}
                        />
                        <span className={styles.percent}>{percent}%</span>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Section>
  );
}
