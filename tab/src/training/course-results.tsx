// HR's 研修効果 of one course (docs/analytics.md, "One course's results"): satisfaction, the follow-up
// answers and the self-ratings before and after, for a fiscal year. Each block withheld below three people
// says so in words; the examples carry no names, the supervisors' observations are only counted.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CourseResults } from '../../../src/analytics/course-results.contract.ts';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import {
  CsvButton,
  FiscalYearSelect,
  TableScroll,
  currentFiscalYear,
  useAnalyticsStyles,
  useCsvLanguage,
} from '../hr/dashboards/analytics-ui.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import { OrEmpty, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import messages from './course-results-messages.ts';

registerBundle('training-results', messages);

const useStyles = makeStyles({
  panel: {
    marginTop: '12px',
    paddingTop: '8px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    display: 'grid',
    gap: '8px',
    minWidth: 0,
  },
  h4: { fontSize: tokens.fontSizeBase400, margin: '8px 0 0' },
  h5: { fontSize: tokens.fontSizeBase300, margin: '8px 0 0' },
  examples: { margin: '4px 0 0', paddingLeft: '20px', overflowWrap: 'anywhere' },
  withheld: { color: tokens.colorNeutralForeground3, margin: '4px 0 0' },
});

type Withheld = { state: 'none' } | { state: 'hidden' };

/** What a withheld block says: nobody, or fewer than the minimum — never more. */
function WithheldText({ block, min, testId }: { block: Withheld; min: number; testId?: string }) {
  const { t } = useTranslation('training-results');
  const styles = useStyles();
  return (
    <p className={styles.withheld} data-testid={testId} data-state={block.state}>
      {block.state === 'hidden' ? t('hidden', { min }) : t('none')}
    </p>
  );
}

/** A small table named by the heading above it, scrolling in its frame on a narrow screen. */
function Table({
  labelledBy,
  head,
  children,
  testId,
}: {
  labelledBy: string;
  head: string[];
  children: ReactNode;
  testId: string;
}) {
  const analytics = useAnalyticsStyles();
  return (
    <TableScroll labelledBy={labelledBy}>
      <table className={analytics.table} aria-labelledby={labelledBy} data-testid={testId}>
        <thead>
          <tr>
            {head.map((label, index) => (
              <th key={label} scope="col" className={`${analytics.th} ${index > 0 ? analytics.num : ''}`}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}

export function CourseResultsPanel({
  api,
  framework,
  courseId,
}: {
  api: ApiClient;
  framework: Framework;
  courseId: string;
}) {
  const { t } = useTranslation('training-results');
  const styles = useStyles();
  const id = useId();
  const [fiscalYear, setFiscalYear] = useState(currentFiscalYear());
  const lang = useCsvLanguage();
  const analytics = useAnalyticsStyles();
  const query = useQuery(
    routeQuery(
      api,
      queryKeys.courseResults(courseId, fiscalYear),
      'GET /api/hr/training/courses/:courseId/results',
      { params: { courseId }, query: { fiscalYear } },
    ),
  );
  return (
    <section className={styles.panel} aria-labelledby={id} data-testid="course-results">
      <h4 className={styles.h4} id={id}>
        {t('title')}
      </h4>
      <div className={analytics.toolbar}>
        <FiscalYearSelect value={fiscalYear} onChange={setFiscalYear} />
        <CsvButton
          api={api}
          path={`/api/hr/training/courses/${courseId}/results.csv?fiscalYear=${fiscalYear}&lang=${lang}`}
          fileName={`course-results-${fiscalYear}.csv`}
          table={t('title')}
          testId="course-results-csv"
        />
      </div>
      <QueryState query={query} isEmpty={() => false}>
        {(results) => <Results results={results} framework={framework} />}
      </QueryState>
    </section>
  );
}

function Results({ results, framework }: { results: CourseResults; framework: Framework }) {
  const { t, i18n } = useTranslation('training-results');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const analytics = useAnalyticsStyles();
  const localized = useLocalized();
  const ids = { satisfaction: useId(), followUps: useId(), beforeAfter: useId() };
  const min = results.minGroupSize;
  const numbers = useMemo(() => {
    const locale = i18n.language === 'en' ? 'en-US' : 'ja-JP';
    return {
      mean: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      change: new Intl.NumberFormat(locale, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        signDisplay: 'exceptZero',
      }),
    };
  }, [i18n.language]);
  const competencyName = (competencyId: string) => {
    const competency = framework.competencies.find((entry) => entry.id === competencyId);
    return competency ? localized(competency.name) : competencyId;
  };
  const { satisfaction, followUps, beforeAfter } = results;
  const answers = followUps.answers;
  const num = `${analytics.td} ${analytics.num}`;

  return (
    <>
      <p className={layout.muted}>{t('intro', { year: results.fiscalYear, min })}</p>
      <p data-testid="course-results-counts">
        {t('counts', { sessions: results.sessions, attendees: results.attendees })}
      </p>

      <h5 className={styles.h5} id={ids.satisfaction}>
        {t('satisfaction.title')}
      </h5>
      {satisfaction.state === 'shown' ? (
        <>
          <p data-testid="course-results-satisfaction-mean">
            {t('satisfaction.mean', {
              mean: numbers.mean.format(satisfaction.mean),
              raters: satisfaction.raters,
            })}
          </p>
          <Table
            labelledBy={ids.satisfaction}
            head={[t('satisfaction.rating'), t('satisfaction.people')]}
            testId="course-results-satisfaction"
          >
            {[...satisfaction.distribution].reverse().map((entry) => (
              <tr key={entry.rating}>
                <th scope="row" className={`${analytics.td} ${analytics.rowHead}`}>
                  {t(`satisfaction.labels.${entry.rating}`)}
                </th>
                <td className={num}>{entry.people}</td>
              </tr>
            ))}
          </Table>
        </>
      ) : (
        <WithheldText block={satisfaction} min={min} testId="course-results-satisfaction-withheld" />
      )}

      <h5 className={styles.h5} id={ids.followUps}>
        {t('followUps.title')}
      </h5>
      <p>{t('followUps.asked', { count: followUps.asked })}</p>
      {answers.state === 'shown' ? (
        <>
          <Table
            labelledBy={ids.followUps}
            head={[t('followUps.answer'), t('followUps.people')]}
            testId="course-results-follow-ups"
          >
            {(['applied', 'partly', 'notYet'] as const).map((answer) => (
              <tr key={answer}>
                <th scope="row" className={`${analytics.td} ${analytics.rowHead}`}>
                  {t(`followUps.answers.${answer}`)}
                </th>
                <td className={num}>{answers.counts[answer]}</td>
              </tr>
            ))}
          </Table>
          <p>{t('followUps.examples')}</p>
          {answers.examples.length > 0 ? (
            <ul className={styles.examples} data-testid="course-results-examples">
              {answers.examples.map((example, index) => (
                <li key={index}>
                  {t(`followUps.answers.${example.answer}`)}：{example.text}
                </li>
              ))}
            </ul>
          ) : (
            <p className={layout.muted}>{t('followUps.noExamples')}</p>
          )}
        </>
      ) : (
        <WithheldText block={answers} min={min} testId="course-results-follow-ups-withheld" />
      )}
      <p className={layout.muted}>{t('followUps.observations', { count: followUps.observations })}</p>

      <h5 className={styles.h5} id={ids.beforeAfter}>
        {t('beforeAfter.title')}
      </h5>
      <OrEmpty empty={beforeAfter.length === 0} text={t('beforeAfter.noCompetencies')}>
        <>
          <p className={layout.muted}>{t('beforeAfter.intro')}</p>
          <Table
            labelledBy={ids.beforeAfter}
            head={[
              t('beforeAfter.competency'),
              t('beforeAfter.before'),
              t('beforeAfter.after'),
              t('beforeAfter.change'),
              t('beforeAfter.people'),
            ]}
            testId="course-results-before-after"
          >
            {beforeAfter.map(({ competencyId, result }) => (
              <tr
                key={competencyId}
                data-testid={`course-results-competency-${competencyId}`}
                data-state={result.state}
              >
                <th scope="row" className={`${analytics.td} ${analytics.rowHead}`}>
                  {competencyName(competencyId)}
                </th>
                {result.state === 'shown' ? (
                  <>
                    <td className={num}>{numbers.mean.format(result.before)}</td>
                    <td className={num}>{numbers.mean.format(result.after)}</td>
                    <td className={num}>{numbers.change.format(result.change)}</td>
                    <td className={num}>{result.people}</td>
                  </>
                ) : (
                  <td className={analytics.td} colSpan={4}>
                    {result.state === 'hidden' ? t('hidden', { min }) : t('none')}
                  </td>
                )}
              </tr>
            ))}
          </Table>
        </>
      </OrEmpty>
    </>
  );
}

/** The button that opens and closes a course's 研修効果 in HR's course list. */
export function CourseResultsToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation('training-results');
  return (
    <Button onClick={onToggle} aria-expanded={open} data-testid="course-results-toggle">
      {open ? t('hide') : t('show')}
    </Button>
  );
}
