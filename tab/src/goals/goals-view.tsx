import { Button, Field, makeStyles, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import {
  FIRST_FISCAL_YEAR,
  halfPeriodAt,
  type GoalInput,
  type GoalView,
} from '../../../src/growth/goal.contract.ts';
import type { MeResponse } from '../../../src/people/people.contract.ts';
import { submissionKeys } from '../api/idempotency-key.ts';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { ErrorPanel } from '../shell/error-panel.tsx';
import { Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { Loading } from '../shell/loading.tsx';
import { GoalCard } from './goal-card.tsx';
import { GoalForm, type GoalFields } from './goal-form.tsx';
import messages from './messages.ts';
import { WorkplaceGoals } from './workplace-goals.tsx';

registerBundle('goals', messages);

const useStyles = makeStyles({
  // A native select is as wide as its longest option; on a phone it must shrink to the screen.
  yearField: { minWidth: 0, flexGrow: 1, maxWidth: '420px' },
  picker: { width: '100%', minWidth: 0 },
  pickerSelect: { width: '100%', minWidth: 0 },
});

type Loaded<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; value: T };

export default function GoalsView({ api }: PageProps) {
  const { t } = useTranslation('goals');
  const styles = useStyles();
  const layout = useLayoutStyles();
  const current = useMemo(() => halfPeriodAt(new Date()).fiscalYear, []);
  // Goals for the next year may be set before it starts (in March); earlier years are read-only.
  const years = useMemo(
    () => Array.from({ length: current + 2 - FIRST_FISCAL_YEAR }, (_, index) => current + 1 - index),
    [current],
  );
  const [year, setYear] = useState(current);
  const [base, setBase] = useState<Loaded<{ me: MeResponse; framework: Framework }>>({ status: 'loading' });
  const [goals, setGoals] = useState<Loaded<GoalView[]>>({ status: 'loading' });
  // The year a new goal is being written for; the form stays mounted while another year is shown.
  const [adding, setAdding] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  // One key per submission: the same goal sent twice (a double click, a retry) is made once.
  const goalKeys = useRef(submissionKeys());
  const editable = year >= current;

  const loadBase = useCallback(() => {
    setBase({ status: 'loading' });
    Promise.all([api.me(), api.framework()]).then(
      ([me, framework]) => setBase({ status: 'ready', value: { me, framework } }),
      (error: unknown) => setBase({ status: 'error', error }),
    );
  }, [api]);
  const fetchGoals = useCallback(
    () => api.request<GoalView[]>('GET', `/api/people/me/goals?fiscalYear=${year}`),
    [api, year],
  );
  const loadGoals = useCallback(() => {
    setGoals({ status: 'loading' });
    fetchGoals().then(
      (value) => setGoals({ status: 'ready', value }),
      (error: unknown) => setGoals({ status: 'error', error }),
    );
  }, [fetchGoals]);
  /** Refreshes the list in place: cards stay mounted, so what is typed in them stays. */
  const refreshGoals = useCallback(async () => {
    const value = await fetchGoals();
    setGoals({ status: 'ready', value });
  }, [fetchGoals]);
  useEffect(loadBase, [loadBase]);
  useEffect(loadGoals, [loadGoals]);

  const replace = (goal: GoalView) =>
    setGoals((previous) =>
      previous.status === 'ready'
        ? { status: 'ready', value: previous.value.map((entry) => (entry.id === goal.id ? goal : entry)) }
        : previous,
    );

  const create = async (fiscalYear: number, fields: GoalFields) => {
    const content = { fiscalYear, ...fields };
    const input: GoalInput = { ...content, idempotencyKey: goalKeys.current.keyFor(content) };
    const created = await api.request<GoalView>('POST', '/api/people/me/goals', input);
    goalKeys.current.reset();
    setAdding(null);
    setNotice(t('created'));
    if (fiscalYear === year)
      setGoals((previous) =>
        previous.status === 'ready' ? { status: 'ready', value: [...previous.value, created] } : previous,
      );
  };

  const labelOf = (value: number) => {
    const suffix = value === current ? t('currentYear') : value === current + 1 ? t('nextYear') : '';
    return `${t('yearLabel', { year: value, next: value + 1 })}${suffix ? ` — ${suffix}` : ''}`;
  };

  if (base.status !== 'ready') {
    return (
      <Page title={t('title')} testId="goals">
        {base.status === 'loading' ? <Loading /> : <ErrorPanel error={base.error} onRetry={loadBase} />}
      </Page>
    );
  }
  const { me, framework } = base.value;

  return (
    <Page title={t('title')} testId="goals">
      <p className={layout.muted}>{t('intro')}</p>
      <div className={layout.row} style={{ alignItems: 'end', justifyContent: 'space-between' }}>
        <Field label={t('year')} className={styles.yearField}>
          <Select
            className={styles.picker}
            select={{ className: styles.pickerSelect }}
            value={String(year)}
            onChange={(_, data) => {
              setNotice('');
              setYear(Number(data.value));
            }}
            data-testid="year-picker"
          >
            {years.map((value) => (
              <option key={value} value={value}>
                {labelOf(value)}
              </option>
            ))}
          </Select>
        </Field>
        {editable && adding === null ? (
          <Button appearance="primary" onClick={() => setAdding(year)} data-testid="goal-add">
            {t('add')}
          </Button>
        ) : null}
      </div>
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
              onSubmit={(fields) => create(adding, fields)}
              onCancel={() => setAdding(null)}
              testId="goal-new-form"
            />
          </Section>
        </div>
      ) : null}

      {goals.status === 'loading' ? <Loading /> : null}
      {goals.status === 'error' ? <ErrorPanel error={goals.error} onRetry={loadGoals} /> : null}
      {goals.status === 'ready' && goals.value.length === 0 && adding !== year ? (
        <p data-testid="goals-empty">{editable ? t('emptyEditable') : t('empty')}</p>
      ) : null}
      {goals.status === 'ready'
        ? goals.value.map((goal) => (
            <GoalCard
              key={goal.id}
              api={api}
              framework={framework}
              levelId={me.levelId}
              goal={goal}
              editable={editable}
              onChange={replace}
              onReload={refreshGoals}
            />
          ))
        : null}

      <WorkplaceGoals api={api} fiscalYear={year} />
    </Page>
  );
}
