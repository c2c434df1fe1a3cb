import { Badge, Button, Field, Input } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ApplicationView,
  TrainingBudgetView,
} from '../../../../src/qualifications/qualification.contract.ts';
import type { ApiClient } from '../../api/client.ts';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { QueryState } from '../../data/query-state.tsx';
import { registerBundle } from '../../i18n/i18n.ts';
import { ErrorBar } from '../../shell/error-panel.tsx';
import { OrEmpty, Section, useLayoutStyles } from '../../shell/layout.tsx';
import trainingMessages from '../../training/messages.ts';
import {
  DecisionForm,
  qualificationMessages,
  StatusBadge,
  yen,
} from '../../training/qualification-format.tsx';
import {
  currentFiscalYear,
  FiscalYearSelect,
  NumCell,
  RowHead,
  ScrollingTable,
  TableHead,
} from '../dashboards/analytics-ui.tsx';
import { SectionFrame } from '../section-frame.tsx';
import type { HrSectionProps } from '../section-props.ts';

registerBundle('training', trainingMessages);
registerBundle('qualifications', qualificationMessages);
registerBundle('hr-budget', {
  ja: {
    title: '研修予算（{{year}}年度）',
    intro:
      '年度の研修予算に対して、受講決定した研修の費用（研修ごとの1人あたり費用 × 受講決定・受講済みの人数）と承認した資格取得支援の費用を、区分ごとに示します（方針 7(2)③ 予算調整）。',
    amount: '年度の研修予算（円）',
    save: '予算を保存',
    unset: '予算はまだ設定されていません。',
    table: '区分ごとの執行予定額',
    category: '区分',
    courses: '研修',
    applications: '資格取得支援',
    committed: '執行予定額の合計',
    remaining: '残額',
    over: '予算を超えています',
    withoutCost: '費用が未設定の研修の受講決定者：{{count}}人（上の額に含まれません）',
    applicationsTitle: '資格取得支援の申請（{{year}}年度）',
    none: 'この年度の申請はありません。',
    comment: '人事のコメント（却下するときは必須）',
    approve: '承認する',
    refuse: '却下する',
  },
  en: {
    title: 'Training budget (FY{{year}})',
    intro:
      'The fiscal year’s training budget against what is committed: each course’s cost per attendee times its confirmed and attended people, and the approved qualification support, by category (policy 7(2)③).',
    amount: 'Training budget of the year (yen)',
    save: 'Save the budget',
    unset: 'No budget set yet.',
    table: 'Committed by category',
    category: 'Category',
    courses: 'Courses',
    applications: 'Qualification support',
    committed: 'Committed in total',
    remaining: 'Remaining',
    over: 'Over budget',
    withoutCost: 'Confirmed attendees of courses without a cost: {{count}} (not counted above)',
    applicationsTitle: 'Qualification support applications (FY{{year}})',
    none: 'No applications this year.',
    comment: 'HR’s comment (required to refuse)',
    approve: 'Approve',
    refuse: 'Refuse',
  },
});

function BudgetForm({ api, budget }: { api: ApiClient; budget: TrainingBudgetView }) {
  const { t } = useTranslation('hr-budget');
  const client = useQueryClient();
  const [amount, setAmount] = useState(budget.amountYen === null ? '' : String(budget.amountYen));
  const save = useMutation({
    mutationFn: () =>
      api.call('PUT /api/hr/training-budget/:fiscalYear', {
        params: { fiscalYear: String(budget.fiscalYear) },
        body: { version: budget.version, amountYen: Number(amount) },
      }),
    onSuccess: (saved) => client.setQueryData(queryKeys.trainingBudget(saved.fiscalYear), saved),
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Field label={t('amount')}>
        <Input
          type="number"
          min={0}
          step={1}
          value={amount}
          onChange={(_, data) => setAmount(data.value)}
          data-testid="budget-amount"
        />
      </Field>
      <ErrorBar error={save.error} testId="budget-error" />
      <Button type="submit" appearance="primary" disabled={amount === '' || save.isPending}>
        {t('save')}
      </Button>
    </form>
  );
}

function BudgetTable({ budget }: { budget: TrainingBudgetView }) {
  const { t, i18n } = useTranslation('hr-budget');
  const layout = useLayoutStyles();
  const money = (value: number) => yen(value, i18n.language);
  return (
    <>
      <TableHead id="budget-table" title={t('table')}>
        {null}
      </TableHead>
      <ScrollingTable
        labelledBy="budget-table"
        testId="budget-table"
        columns={[
          { label: t('category') },
          { label: t('courses'), num: true },
          { label: t('applications'), num: true },
        ]}
      >
        <tbody>
          {budget.categories.map((row) => (
            <tr key={row.category}>
              <RowHead>{t(`training:category.${row.category}`)}</RowHead>
              <NumCell>{money(row.coursesYen)}</NumCell>
              <NumCell>{money(row.applicationsYen)}</NumCell>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
      <p data-testid="budget-committed">
        {t('committed')}：{money(budget.committedYen)}
        {budget.remainingYen === null ? null : (
          <>
            {' / '}
            {t('remaining')}：{money(budget.remainingYen)}{' '}
            {budget.remainingYen < 0 ? <Badge color="danger">{t('over')}</Badge> : null}
          </>
        )}
      </p>
      {budget.amountYen === null ? <p className={layout.muted}>{t('unset')}</p> : null}
      {budget.attendeesWithoutCost > 0 ? (
        <p className={layout.muted}>{t('withoutCost', { count: budget.attendeesWithoutCost })}</p>
      ) : null}
    </>
  );
}

function HrDecision({ api, application }: { api: ApiClient; application: ApplicationView }) {
  const { t } = useTranslation('hr-budget');
  const client = useQueryClient();
  return (
    <DecisionForm
      commentLabel={t('comment')}
      choices={[
        { decision: 'approve', label: t('approve') },
        { decision: 'refuse', label: t('refuse') },
      ]}
      decide={async (decision, comment) => {
        await api.call('POST /api/qualifications/applications/:applicationId/hr-decision', {
          params: { applicationId: application.id },
          body: { version: application.version, decision, comment },
        });
        await client.invalidateQueries({ queryKey: ['qualifications'] });
        await client.invalidateQueries({ queryKey: ['training-budget'] });
      }}
    />
  );
}

export default function BudgetSection({ api }: HrSectionProps) {
  const { t, i18n } = useTranslation('hr-budget');
  const [year, setYear] = useState(currentFiscalYear());
  const budget = useQuery(
    routeQuery(api, queryKeys.trainingBudget(year), 'GET /api/hr/training-budget/:fiscalYear', {
      params: { fiscalYear: String(year) },
    }),
  );
  const applications = useQuery(
    routeQuery(api, queryKeys.qualifications('hr', year), 'GET /api/hr/qualifications', {
      query: { fiscalYear: year },
    }),
  );
  return (
    <SectionFrame section="budget">
      <Section title={t('title', { year })} id="budget-title" testId="budget-section">
        <p>{t('intro')}</p>
        <FiscalYearSelect value={year} onChange={setYear} />
        <QueryState query={budget}>
          {(data) => (
            <>
              <BudgetForm key={`${data.fiscalYear}-${data.version}`} api={api} budget={data} />
              <BudgetTable budget={data} />
            </>
          )}
        </QueryState>
      </Section>
      <Section title={t('applicationsTitle', { year })} id="budget-applications" testId="hr-qualifications">
        <QueryState query={applications}>
          {(data) => (
            <OrEmpty empty={data.applications.length === 0} text={t('none')}>
              <ul>
                {data.applications.map((application) => (
                  <li key={application.id} data-testid="hr-qualification">
                    <strong>{application.personName ?? '—'}</strong>（{application.department ?? '—'}）
                    {application.qualificationName}・{application.examDate}・
                    {yen(application.costYen, i18n.language)} <StatusBadge status={application.status} />
                    <div>{application.reason}</div>
                    {application.status === 'awaitingHr' ? (
                      <HrDecision api={api} application={application} />
                    ) : null}
                  </li>
                ))}
              </ul>
            </OrEmpty>
          )}
        </QueryState>
      </Section>
    </SectionFrame>
  );
}
