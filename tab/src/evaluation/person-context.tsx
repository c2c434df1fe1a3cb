// Beside the evaluation form: the person's latest submitted self-check, their goals of the year with
// reflections, and the notes of their interviews of the year, whoever held them (the 2次 reads those the 1次
// held), each from the existing read routes (each part loads on its own: a refusal of one leaves the others
// readable).
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import interviewMessages from '../interviews/messages.ts';
import { registerBundle } from '../i18n/i18n.ts';
import { formatInstantDay } from '../shell/date-time.ts';
import { OrEmpty, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import type { PersonYearProps } from './evaluation-queries.ts';
import { useEntryStyles } from './entry-styles.ts';

// The interview types' names.
registerBundle('interviews', interviewMessages);

/** A half's id (`2026-H2`) as the UI says it. */
function usePeriodLabel(): (period: string) => string {
  const { t } = useTranslation('evaluation');
  return (period) => {
    const [year, half] = period.split('-H');
    return t('periodLabel', { year, half: t(half === '1' ? 'firstHalf' : 'secondHalf') });
  };
}

export function PersonContext({
  api,
  personId,
  fiscalYear,
  framework,
}: {
  api: ApiClient;
  personId: string;
  fiscalYear: number;
  framework: Framework;
}) {
  const { t } = useTranslation('evaluation');
  const layout = useLayoutStyles();
  return (
    <aside className={layout.card} aria-labelledby="evaluation-context" data-testid="evaluation-context">
      <h2 className={layout.h2} id="evaluation-context">
        {t('context')}
      </h2>
      <p className={layout.muted} style={{ margin: 0 }}>
        {t('contextIntro')}
      </p>
      <LatestSelfCheck api={api} personId={personId} framework={framework} />
      <GoalsAndReflections api={api} personId={personId} fiscalYear={fiscalYear} />
      <InterviewNotes api={api} personId={personId} fiscalYear={fiscalYear} />
    </aside>
  );
}

function LatestSelfCheck({
  api,
  personId,
  framework,
}: {
  api: ApiClient;
  personId: string;
  framework: Framework;
}) {
  const { t } = useTranslation('evaluation');
  const layout = useLayoutStyles();
  const styles = useEntryStyles();
  const localized = useLocalized();
  const periodLabel = usePeriodLabel();
  const history = useQuery(
    routeQuery(api, queryKeys.personSelfChecks(personId), 'GET /api/people/:personId/self-checks', {
      params: { personId },
    }),
  );
  // The newest half they submitted (a draft is not theirs to be judged by yet).
  const latest = history.data?.periods
    .filter((entry) => entry.status !== 'draft')
    .map((entry) => entry.period)
    .sort()
    .at(-1);
  const selfCheck = useQuery({
    ...routeQuery(
      api,
      queryKeys.personSelfCheck(personId, latest ?? ''),
      'GET /api/people/:personId/self-checks/:period',
      { params: { personId, period: latest ?? '' } },
    ),
    enabled: latest !== undefined,
  });
  return (
    <section aria-labelledby="evaluation-self-check" data-testid="evaluation-self-check">
      <h3 className={layout.h3} id="evaluation-self-check">
        {latest ? t('selfCheck', { period: periodLabel(latest) }) : t('selfCheck', { period: '—' })}
      </h3>
      <QueryState query={history}>
        {() => (
          <OrEmpty empty={latest === undefined} text={t('selfCheckNone')}>
            <QueryState query={selfCheck}>
              {(value) => (
                <ul className={styles.list}>
                  {value.items
                    .filter((item) => item.mark === 'evaluated')
                    .map((item) => {
                      const rating = value.ratings[item.competencyId];
                      const competency = framework.competencies.find(
                        (entry) => entry.id === item.competencyId,
                      );
                      return (
                        <li key={item.competencyId} className={styles.entry}>
                          <p className={styles.title}>
                            {competency ? localized(competency.name) : item.competencyId}
                            {' — '}
                            {t('selfRating', { rating: rating?.rating ?? '—' })}
                          </p>
                          {rating?.evidence ? <p className={styles.text}>{rating.evidence}</p> : null}
                        </li>
                      );
                    })}
                </ul>
              )}
            </QueryState>
          </OrEmpty>
        )}
      </QueryState>
    </section>
  );
}

function GoalsAndReflections({ api, personId, fiscalYear }: PersonYearProps) {
  const { t } = useTranslation('evaluation');
  const layout = useLayoutStyles();
  const styles = useEntryStyles();
  const goals = useQuery(
    routeQuery(api, queryKeys.personGoals(personId, fiscalYear), 'GET /api/people/:personId/goals', {
      params: { personId },
      query: { fiscalYear },
    }),
  );
  return (
    <section aria-labelledby="evaluation-goals" data-testid="evaluation-goals">
      <h3 className={layout.h3} id="evaluation-goals">
        {t('goalsContext')}
      </h3>
      <QueryState query={goals} empty={<p className={layout.muted}>{t('goalsNone')}</p>}>
        {(list) => (
          <ul className={styles.list}>
            {list.map((goal) => (
              <li key={goal.id} className={styles.entry}>
                <p className={styles.title}>{goal.title}</p>
                {(['midReflection', 'yearEndReflection'] as const).map((field) =>
                  goal[field] ? (
                    <p key={field} className={styles.text}>
                      {t(field)}: {goal[field]}
                    </p>
                  ) : null,
                )}
                {!goal.midReflection && !goal.yearEndReflection ? (
                  <p className={`${styles.text} ${layout.muted}`}>{t('noReflection')}</p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function InterviewNotes({ api, personId, fiscalYear }: PersonYearProps) {
  const { t, i18n } = useTranslation('evaluation');
  const { t: typeText } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useEntryStyles();
  const query = useQuery(
    routeQuery(
      api,
      queryKeys.personInterviews(personId, fiscalYear),
      'GET /api/people/:personId/interviews',
      {
        params: { personId },
        query: { fiscalYear },
      },
    ),
  );
  const held = (query.data ?? []).filter((entry) => entry.status !== 'cancelled');
  const details = useQueries({
    queries: held.map((entry) =>
      routeQuery(api, queryKeys.interview(entry.id), 'GET /api/interviews/:interviewId', {
        params: { interviewId: entry.id },
      }),
    ),
  });
  return (
    <section aria-labelledby="evaluation-interviews" data-testid="evaluation-interviews">
      <h3 className={layout.h3} id="evaluation-interviews">
        {t('interviews')}
      </h3>
      <p className={layout.muted} style={{ margin: '0 0 4px' }}>
        {t('interviewsNote')}
      </p>
      <QueryState query={query}>
        {() => (
          <OrEmpty empty={held.length === 0} text={t('interviewsNone')}>
            <ul className={styles.list}>
              {held.map((entry, index) => {
                const notes = details[index]?.data?.sharedNotes;
                return (
                  <li key={entry.id} className={styles.entry}>
                    <p className={styles.title}>
                      {typeText(`types.${entry.type}`)} — {formatInstantDay(entry.start, i18n.language)}
                    </p>
                    <p className={`${styles.text} ${notes ? '' : layout.muted}`}>{notes || t('notesNone')}</p>
                  </li>
                );
              })}
            </ul>
          </OrEmpty>
        )}
      </QueryState>
    </section>
  );
}
