import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoalInput, GoalView } from '../../../src/growth/goal.contract.ts';
import { submissionKeys } from '../api/idempotency-key.ts';
import { queryKeys, routeQuery, useFramework, useMe } from '../data/queries.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { PendingPage } from '../shell/pending-page.tsx';
import { GoalCard } from './goal-card.tsx';
import { GoalForm, type GoalFields } from './goal-form.tsx';
import { GoalStageNotice } from './goal-stage-notice.tsx';
import { useGoalStage } from './goal-stage.ts';
import messages from './messages.ts';
import { WorkplaceGoals } from './workplace-goals.tsx';
import { useDepartmentPolicy } from './department-goals.ts';
import { GoalYearField } from './goal-year-field.tsx';
import { useGoalYears } from './goal-years.ts';
import { EvaluationResultPanel } from '../evaluation/evaluation-result.tsx';

registerBundle('goals', messages);

export default function GoalsView({ api }: PageProps) {
  const { t } = useTranslation('goals');
  const layout = useLayoutStyles();
  // Goals for the next year may be set before it starts (in March); earlier years are read-only.
  const choice = useGoalYears(t);
  const { current, year } = choice;
  const base = allOf(useMe(api), useFramework(api));
  // The list is cached per year: a late answer for another year lands in that year's entry, never here.
  const goalsKey = queryKeys.myGoals(year);
  const goals = useQuery(
    routeQuery(api, goalsKey, 'GET /api/people/:personId/goals', {
      params: { personId: 'me' },
      query: { fiscalYear: year },
    }),
  );
  const queryClient = useQueryClient();
  // The year a new goal is being written for; the form stays mounted while another year is shown.
  const [adding, setAdding] = useState<number | null>(null);
  // My 課's goals for the year a new goal is written for (部・課の方針), for the goal to name one.
  const department = base.data?.[0].department ?? null;
  const policyYear = adding ?? year;
  const policy = useDepartmentPolicy(api, policyYear, department, adding !== null);
  const [notice, setNotice] = useState('');
  // One key per submission: the same goal sent twice (a double click, a retry) is made once.
  const goalKeys = useRef(submissionKeys());
  const editable = year >= current;
  // Which stage (期首・中間・期末) is open comes from HR's windows for the year shown.
  const stages = useGoalStage(api, year);

  /** Refreshes the list in place: cards stay mounted, so what is typed in them stays. */
  const refreshGoals = () => queryClient.invalidateQueries({ queryKey: goalsKey }, { throwOnError: true });

  // A saved goal comes back from the server: it replaces its entry in that year's list.
  const replace = (goal: GoalView) =>
    queryClient.setQueryData<GoalView[]>(queryKeys.myGoals(goal.fiscalYear), (previous) =>
      previous?.map((entry) => (entry.id === goal.id ? goal : entry)),
    );

  const create = async (fiscalYear: number, fields: GoalFields) => {
    const content = { fiscalYear, ...fields };
    const input: GoalInput = { ...content, idempotencyKey: goalKeys.current.keyFor(content) };
    const created = await api.call('POST /api/people/:personId/goals', {
      params: { personId: 'me' },
      body: input,
    });
    goalKeys.current.reset();
    setAdding(null);
    setNotice(t('created'));
    queryClient.setQueryData<GoalView[]>(queryKeys.myGoals(fiscalYear), (previous) =>
      previous ? [...previous, created] : previous,
    );
  };

  if (base.data === undefined) return <PendingPage title={t('title')} testId="goals" query={base} />;
  const [me, framework] = base.data;

  return (
    <Page title={t('title')} testId="goals">
      <p className={layout.muted}>{t('intro')}</p>
      <div className={layout.row} style={{ alignItems: 'end', justifyContent: 'space-between' }}>
        <GoalYearField
          label={t('year')}
          choice={choice}
          onChosen={() => setNotice('')}
          testId="year-picker"
        />
        {editable && adding === null ? (
          <Button appearance="primary" onClick={() => setAdding(year)} data-testid="goal-add">
            {t('add')}
          </Button>
        ) : null}
      </div>
      {editable ? <GoalStageNotice query={stages.query} /> : null}
      {!editable ? (
        <MessageBar intent="info" data-testid="read-only">
          <MessageBarBody>{t('readOnlyPast')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <span role="status" data-testid="goals-status">
        {notice}
      </span>

      {adding !== null ? (
        <div hidden={adding !== year}>
          <Section title={t('newGoal')} id="new-goal">
            <GoalForm
              framework={framework}
              levelId={me.levelId}
              fiscalYear={adding}
              departmentGoals={policy.data?.goals ?? []}
              onSubmit={(fields) => create(adding, fields)}
              onCancel={() => setAdding(null)}
              testId="goal-new-form"
            />
          </Section>
        </div>
      ) : null}

      <QueryState
        query={goals}
        // While a new goal is being written for this year, its form is what the year shows.
        empty={
          adding !== year ? (
            <p data-testid="goals-empty">{editable ? t('emptyEditable') : t('empty')}</p>
          ) : null
        }
      >
        {(list) =>
          list.map((goal) => (
            <GoalCard
              key={goal.id}
              api={api}
              framework={framework}
              levelId={me.levelId}
              goal={goal}
              department={me.department}
              editable={editable}
              isStageWritable={stages.stage?.isWritable}
              onChange={replace}
              onReload={refreshGoals}
            />
          ))
        }
      </QueryState>

      {/* 人事評価: the confirmed result of the year shown, else where it stands (no evaluation of a year not begun). */}
      {year <= current ? <EvaluationResultPanel api={api} personId={me.id} fiscalYear={year} /> : null}
      <WorkplaceGoals api={api} fiscalYear={year} />
    </Page>
  );
}
