// 人事評価 (docs/evaluation.md, "In the tab"): `#/evaluation` lists the people the signed-in person
// evaluates in a fiscal year, as 1次 or 2次, with where each evaluation stands; `#/evaluation/<id>/<year>`
// is one person's form with their self-check, goals and interview notes beside it.
import { Link, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  EvaluateeRow,
  EvaluationView as Evaluation,
} from '../../../src/evaluation/evaluation.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, useFramework } from '../data/queries.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import { GoalYearField } from '../goals/goal-year-field.tsx';
import { useGoalYears } from '../goals/goal-years.ts';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { hrefOf } from '../shell/router.ts';
import { plainList } from '../shell/style-fragments.ts';
import { EvaluationForm } from './evaluation-form.tsx';
import {
  useEvaluatees,
  useEvaluation,
  useEvaluationConfig,
  useItemLabel,
  type PersonYearProps,
} from './evaluation-queries.ts';
import messages from './messages.ts';
import { PersonContext } from './person-context.tsx';

registerBundle('evaluation', messages);

const useStyles = makeStyles({
  rows: { ...plainList, gap: '8px' },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '4px 16px',
    alignItems: 'baseline',
    padding: '8px 0',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
  },
  name: { fontWeight: tokens.fontWeightSemibold, flexGrow: 1, flexBasis: '160px', minWidth: 0 },
  // The form and the person's context side by side at desktop width, one under the other on a phone.
  columns: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    gap: '16px',
    alignItems: 'start',
    '@media (max-width: 799px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
});

export default function EvaluationPage({ api, rest }: PageProps) {
  const [personId, year] = rest;
  if (personId !== undefined && /^20\d{2}$/.test(year ?? ''))
    return <EvaluationFormPage api={api} personId={personId} fiscalYear={Number(year)} />;
  return <EvaluateeList api={api} />;
}

function EvaluateeList({ api }: { api: ApiClient }) {
  const { t } = useTranslation('evaluation');
  const styles = useStyles();
  const layout = useLayoutStyles();
  const choice = useGoalYears(t);
  const fiscalYear = choice.year;
  const evaluatees = useEvaluatees(api, fiscalYear);
  return (
    <Page title={t('title')} testId="evaluation">
      <p className={layout.muted}>{t('intro')}</p>
      <GoalYearField label={t('year')} choice={choice} testId="evaluation-year" />
      <Section title={t('listTitle')} id="evaluatees" testId="evaluatees">
        <QueryState
          query={evaluatees}
          empty={
            <p className={layout.muted} data-testid="evaluatees-empty">
              {t('listEmpty')}
            </p>
          }
        >
          {(rows) => (
            <ul className={styles.rows}>
              {rows.map((row) => (
                <EvaluateeItem key={`${row.person.id}:${row.stage}`} row={row} />
              ))}
            </ul>
          )}
        </QueryState>
      </Section>
    </Page>
  );
}

function EvaluateeItem({ row }: { row: EvaluateeRow }) {
  const { t } = useTranslation('evaluation');
  const styles = useStyles();
  const layout = useLayoutStyles();
  const name = row.person.displayName ?? row.person.id;
  return (
    <li className={styles.row} data-testid={`evaluatee-${row.person.id}`} data-status={row.status}>
      <Link
        className={styles.name}
        href={hrefOf('evaluation', row.person.id, String(row.fiscalYear))}
        aria-label={t('openLabel', { name })}
        data-testid="evaluatee-link"
      >
        {name}
      </Link>
      <span className={layout.muted}>{row.department ?? ''}</span>
      <span>{t(row.stage === 'first' ? 'stageFirst' : 'stageSecond')}</span>
      <span data-testid="evaluatee-status">{t(`statuses.${row.status}`)}</span>
    </li>
  );
}

function EvaluationFormPage({ api, personId, fiscalYear }: PersonYearProps) {
  const { t } = useTranslation('evaluation');
  const styles = useStyles();
  const queryClient = useQueryClient();
  const key = queryKeys.evaluation(personId, fiscalYear);
  const evaluation = useEvaluation(api, personId, fiscalYear);
  const framework = useFramework(api);
  const config = useEvaluationConfig(api);
  const name = evaluation.data?.person.displayName ?? '';
  return (
    <Page
      title={evaluation.data ? t('formTitle', { name, year: fiscalYear }) : t('title')}
      testId="evaluation"
      actions={
        <Link href={hrefOf('evaluation')} data-testid="evaluation-back">
          {t('back')}
        </Link>
      }
    >
      <QueryState query={allOf(allOf(evaluation, framework), config)}>
        {([[view, policy], scale]) => (
          <>
            <Evaluators view={view} />
            <div className={styles.columns}>
              <FormSection
                api={api}
                view={view}
                scale={scale}
                competencies={policy.competencies}
                // After a conflict the evaluation is read afresh from nothing: the form remounts with it.
                onReload={() => void queryClient.resetQueries({ queryKey: key })}
              />
              <PersonContext api={api} personId={personId} fiscalYear={fiscalYear} framework={policy} />
            </div>
          </>
        )}
      </QueryState>
    </Page>
  );
}

function FormSection({
  api,
  view,
  scale,
  competencies,
  onReload,
}: {
  api: ApiClient;
  view: Evaluation;
  scale: Parameters<typeof EvaluationForm>[0]['config'];
  competencies: ReadonlyArray<{ id: string; name: { ja: string; en: string } }>;
  onReload: () => void;
}) {
  const { t } = useTranslation('evaluation');
  const itemLabel = useItemLabel(competencies, t('goalGone'));
  const stageName = t(
    view.role === 'second' ? 'stageSecond' : view.role === 'first' ? 'stageFirst' : 'title',
  );
  return (
    <Section title={stageName} id="evaluation-form-title" testId="evaluation-form-section">
      <EvaluationForm api={api} initial={view} config={scale} itemLabel={itemLabel} onReload={onReload} />
    </Section>
  );
}

/** Who evaluates, with a warning beside an evaluator who has not completed this year's 評価者研修. */
function Evaluators({ view }: { view: Evaluation }) {
  const { t } = useTranslation('evaluation');
  const layout = useLayoutStyles();
  const nameOf = (evaluator: Evaluation['firstEvaluator']) =>
    evaluator ? (evaluator.displayName ?? evaluator.id) : t('nobody');
  const untrained = [view.firstEvaluator, view.secondEvaluator].filter(
    (evaluator) => evaluator !== null && !evaluator.trained,
  );
  return (
    <>
      <p className={layout.muted} style={{ margin: 0 }} data-testid="evaluation-evaluators">
        {[
          view.person.department,
          t('evaluators', {
            first: nameOf(view.firstEvaluator),
            second: nameOf(view.secondEvaluator),
          }),
        ]
          .filter(Boolean)
          .join(' ／ ')}
      </p>
      {untrained.map((evaluator) => (
        <MessageBar key={evaluator!.id} intent="warning" data-testid="evaluation-untrained">
          <MessageBarBody>{t('untrained', { name: nameOf(evaluator) })}</MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}
