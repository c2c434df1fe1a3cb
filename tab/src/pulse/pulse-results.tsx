// HR's results of one pulse (docs/pulse.md): per 課 and question the mean and the count, only where the
// server gave them. A withheld 課 (fewer than the threshold answered) shows the word and no figure at
// all; free texts are listed exactly as the server returns them (pooled, without their 課).
import { Button } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DepartmentResult, PulseResults } from '../../../src/pulse/pulse.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { NumCell, RowHead, TitledTable, useAnalyticsStyles } from '../hr/dashboards/analytics-ui.tsx';
import { OrEmpty, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { useScoreFormat } from './pulse-trend.tsx';

export function PulseResultsPanel({
  api,
  pulseId,
  onClose,
}: {
  api: ApiClient;
  pulseId: string;
  onClose: () => void;
}) {
  const results = useQuery(
    routeQuery(api, queryKeys.hrPulseResults(pulseId), 'GET /api/hr/pulses/:pulseId/results', {
      params: { pulseId },
    }),
  );
  const { t } = useTranslation('pulse');
  return (
    <QueryState query={results}>
      {(data) => (
        <section data-testid="pulse-results" aria-label={t('resultsTitle', { quarter: data.pulse.quarter })}>
          <ResultsTable results={data} />
          <FreeTexts results={data} />
          <div>
            <Button onClick={onClose} data-testid="pulse-results-close">
              {t('close')}
            </Button>
          </div>
        </section>
      )}
    </QueryState>
  );
}

function ResultsTable({ results }: { results: PulseResults }) {
  const { t } = useTranslation('pulse');
  const layout = useLayoutStyles();
  const local = useLocalized();
  const questions = results.pulse.questions;
  const min = results.minGroupSize;
  return (
    <>
      <TitledTable
        title={t('resultsTitle', { quarter: results.pulse.quarter })}
        testId="pulse-results-table"
        columns={[
          { label: t('department') },
          { label: t('answeredCount'), num: true },
          ...questions.map((_, index) => ({ label: t('questionShort', { n: index + 1 }), num: true })),
          { label: t('score'), num: true },
        ]}
      >
        <tbody>
          <ResultRow
            label={t('overall')}
            result={results.overall}
            questions={questions.length}
            min={min}
            testId="pulse-result-overall"
          />
          {results.departments.map((department) => (
            <ResultRow
              key={department.department}
              label={department.department}
              result={department}
              questions={questions.length}
              min={min}
              testId={`pulse-result-${department.department}`}
            />
          ))}
        </tbody>
      </TitledTable>
      <p className={layout.muted}>{t('minGroup', { min })}</p>
      <ol data-testid="pulse-results-questions">
        {questions.map((question, index) => (
          <li key={index}>
            {t('questionShort', { n: index + 1 })}: {local(question)}
          </li>
        ))}
      </ol>
    </>
  );
}

function ResultRow({
  label,
  result,
  questions,
  min,
  testId,
}: {
  label: string;
  result: Omit<DepartmentResult, 'department'>;
  questions: number;
  min: number;
  testId: string;
}) {
  const { t } = useTranslation('pulse');
  const styles = useAnalyticsStyles();
  const score = useScoreFormat();
  const shown = !result.withheld && result.averages !== null && result.score !== null;
  return (
    <tr data-testid={testId}>
      <RowHead>{label}</RowHead>
      {shown ? (
        <>
          <NumCell>{result.answered}</NumCell>
          {(result.averages ?? []).map((average, index) => (
            <NumCell key={index}>{score(average)}</NumCell>
          ))}
          <NumCell>{score(result.score ?? 0)}</NumCell>
        </>
      ) : (
        <td className={styles.td} colSpan={questions + 2} data-testid={`${testId}-withheld`}>
          {t('withheld', { min })}
        </td>
      )}
    </tr>
  );
}

function FreeTexts({ results }: { results: PulseResults }) {
  const { t } = useTranslation('pulse');
  const layout = useLayoutStyles();
  const local = useLocalized();
  const question = results.pulse.freeTextQuestion;
  if (question === null) return null;
  return (
    <div data-testid="pulse-free-texts">
      <h4 className={layout.h3}>
        {t('freeTexts')}: {local(question)}
      </h4>
      <p className={layout.muted}>{t('freeTextsNote', { min: results.minGroupSize })}</p>
      <OrEmpty empty={results.freeTexts.length === 0} text={t('freeTextsNone')}>
        <ul>
          {results.freeTexts.map((text, index) => (
            <li key={index} className={layout.preLine}>
              {text}
            </li>
          ))}
        </ul>
      </OrEmpty>
    </div>
  );
}
