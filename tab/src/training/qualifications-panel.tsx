import { Button, Field, Input, Textarea } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '../../../src/qualifications/qualification.contract.ts';
import { jstDayOf } from '../../../src/shared/japan-time.ts';
import type { ApiClient } from '../api/client.ts';
import { useFormFields } from '../data/form-fields.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import { DateInput } from '../shell/date-input.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { OrEmpty, Section, useLayoutStyles } from '../shell/layout.tsx';
import { DecisionForm, qualificationMessages, StatusBadge, yen } from './qualification-format.tsx';

registerBundle('qualifications', {
  ja: {
    ...qualificationMessages.ja,
    title: '資格取得支援の申請',
    intro:
      '業務に役立つ資格の取得に、費用の支援を申請できます。上司が承認したあと、人事が承認します。上司には申請が届いたときに、あなたには承認・差し戻し・不承認のたびに、Teams のチャットでお知らせします。結果を記録すると、合格した資格はキャリアデザインの「取得済みの資格」に加わります。',
    name: '資格・免許の名称',
    examDate: '受験日',
    cost: '費用（円）',
    reason: '申請の理由（業務にどう活かすか）',
    apply: '申請する',
    resend: '直して再申請する',
    mine: 'わたしの申請',
    none: 'まだ申請はありません。',
    supervisorSaid: '上司のコメント：{{comment}}',
    hrSaid: '人事のコメント：{{comment}}',
    result: '結果',
    resultDate: '結果の日',
    passed: '合格を記録',
    failed: '不合格を記録',
    approvals: '承認を待っている申請（部下）',
    noApprovals: '承認を待っている申請はありません。',
    comment: 'コメント（差し戻すときは必須）',
    approve: '承認する',
    return: '差し戻す',
  },
  en: {
    ...qualificationMessages.en,
    title: 'Qualification support',
    intro:
      'Apply for support with the cost of a qualification that serves your work. Your supervisor approves it, then HR. Your supervisor is told in a Teams chat when it reaches them, and you at each approval, return or refusal. Once you record a pass, the qualification joins "Qualifications held" in your career design.',
    name: 'Qualification or licence',
    examDate: 'Exam date',
    cost: 'Cost (yen)',
    reason: 'Why (how it serves your work)',
    apply: 'Apply',
    resend: 'Change and send again',
    mine: 'My applications',
    none: 'No applications yet.',
    supervisorSaid: 'Supervisor’s comment: {{comment}}',
    hrSaid: 'HR’s comment: {{comment}}',
    result: 'Result',
    resultDate: 'Result date',
    passed: 'Record a pass',
    failed: 'Record a fail',
    approvals: 'Applications awaiting your approval (your staff)',
    noApprovals: 'Nothing awaits your approval.',
    comment: 'Comment (required to return it)',
    approve: 'Approve',
    return: 'Return',
  },
});

const invalidate = (client: ReturnType<typeof useQueryClient>) =>
  client.invalidateQueries({ queryKey: ['qualifications'] });

/** The application form: a new one, or a returned one changed and sent again. */
function ApplicationForm({ api, returned }: { api: ApiClient; returned?: ApplicationView }) {
  const { t } = useTranslation('qualifications');
  const client = useQueryClient();
  const { fields, setFields, text } = useFormFields({
    qualificationName: returned?.qualificationName ?? '',
    examDate: returned?.examDate ?? '',
    costYen: returned ? String(returned.costYen) : '',
    reason: returned?.reason ?? '',
  });
  const send = useMutation({
    mutationFn: () => {
      const body = { ...fields, costYen: Number(fields.costYen) };
      return returned
        ? api.call('PUT /api/qualifications/applications/:applicationId', {
            params: { applicationId: returned.id },
            body: { ...body, version: returned.version },
          })
        : api.call('POST /api/qualifications/applications', { body });
    },
    onSuccess: () => {
      if (!returned) setFields({ qualificationName: '', examDate: '', costYen: '', reason: '' });
      return invalidate(client);
    },
  });
  return (
    <form
      data-testid={returned ? 'qualification-resend' : 'qualification-form'}
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate();
      }}
    >
      <Field label={t('name')} required>
        <Input {...text('qualificationName')} data-testid="qualification-name" />
      </Field>
      <Field label={t('examDate')} required>
        <DateInput {...text('examDate')} data-testid="qualification-exam-date" />
      </Field>
      <Field label={t('cost')} required>
        <Input type="number" min={0} step={1} {...text('costYen')} data-testid="qualification-cost" />
      </Field>
      <Field label={t('reason')} required>
        <Textarea {...text('reason')} data-testid="qualification-reason" />
      </Field>
      <ErrorBar error={send.error} testId="qualification-error" />
      <Button type="submit" appearance="primary" disabled={send.isPending} data-testid="qualification-submit">
        {returned ? t('resend') : t('apply')}
      </Button>
    </form>
  );
}

function ResultButtons({ api, application }: { api: ApiClient; application: ApplicationView }) {
  const { t } = useTranslation('qualifications');
  const client = useQueryClient();
  const [day, setDay] = useState(() => jstDayOf(Date.now()));
  const record = useMutation({
    mutationFn: (result: 'passed' | 'failed') =>
      api.call('POST /api/qualifications/applications/:applicationId/result', {
        params: { applicationId: application.id },
        body: { version: application.version, result, resultDate: day },
      }),
    // A pass joins the career design: read it again.
    onSuccess: () =>
      Promise.all([
        invalidate(client),
        client.invalidateQueries({ predicate: (query) => query.queryKey[2] === 'career' }),
      ]),
  });
  return (
    <div>
      <Field label={t('resultDate')}>
        <DateInput value={day} onChange={(_, data) => setDay(data.value)} />
      </Field>
      <ErrorBar error={record.error} />
      <Button appearance="primary" onClick={() => record.mutate('passed')} data-testid="qualification-passed">
        {t('passed')}
      </Button>{' '}
      <Button onClick={() => record.mutate('failed')}>{t('failed')}</Button>
    </div>
  );
}

function ApplicationLine({ application }: { application: ApplicationView }) {
  const { t, i18n } = useTranslation('qualifications');
  return (
    <>
      <strong>{application.qualificationName}</strong>・{application.examDate}・
      {yen(application.costYen, i18n.language)} <StatusBadge status={application.status} />
      {application.supervisorDecision?.comment ? (
        <div>{t('supervisorSaid', { comment: application.supervisorDecision.comment })}</div>
      ) : null}
      {application.hrDecision?.comment ? (
        <div>{t('hrSaid', { comment: application.hrDecision.comment })}</div>
      ) : null}
    </>
  );
}

function SupervisorDecision({ api, application }: { api: ApiClient; application: ApplicationView }) {
  const { t } = useTranslation('qualifications');
  const client = useQueryClient();
  return (
    <DecisionForm
      commentLabel={t('comment')}
      choices={[
        { decision: 'approve', label: t('approve'), testId: 'qualification-approve' },
        { decision: 'return', label: t('return'), testId: 'qualification-return' },
      ]}
      decide={async (decision, comment) => {
        await api.call('POST /api/qualifications/applications/:applicationId/supervisor-decision', {
          params: { applicationId: application.id },
          body: { version: application.version, decision, comment },
        });
        await invalidate(client);
      }}
    />
  );
}

/**
 * 資格取得 support in career design: the caller's form and applications (with the result once HR
 * approved), and the applications of their direct reports awaiting them as supervisor.
 */
export function QualificationsPanel({ api }: { api: ApiClient }) {
  const { t } = useTranslation('qualifications');
  const layout = useLayoutStyles();
  const mine = useQuery(
    routeQuery(api, queryKeys.qualifications('mine'), 'GET /api/qualifications/applications'),
  );
  const approvals = useQuery(
    routeQuery(api, queryKeys.qualifications('approvals'), 'GET /api/qualifications/approvals'),
  );
  return (
    <Section title={t('title')} id="qualification-support" testId="qualification-support">
      <p className={layout.muted}>{t('intro')}</p>
      <ApplicationForm api={api} />
      <h3>{t('mine')}</h3>
      <QueryState query={mine}>
        {(data) => (
          <OrEmpty empty={data.applications.length === 0} text={t('none')}>
            <ul data-testid="qualification-list">
              {data.applications.map((application) => (
                <li key={application.id}>
                  <ApplicationLine application={application} />
                  {application.status === 'returned' ? (
                    <ApplicationForm key={application.version} api={api} returned={application} />
                  ) : null}
                  {application.status === 'approved' ? (
                    <ResultButtons api={api} application={application} />
                  ) : null}
                </li>
              ))}
            </ul>
          </OrEmpty>
        )}
      </QueryState>
      <QueryState query={approvals}>
        {(data) =>
          data.applications.length === 0 ? null : (
            <>
              <h3>{t('approvals')}</h3>
              <ul data-testid="qualification-approvals">
                {data.applications.map((application) => (
                  <li key={application.id}>
                    {application.personName}：<ApplicationLine application={application} />
                    <div>{application.reason}</div>
                    <SupervisorDecision api={api} application={application} />
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </QueryState>
    </Section>
  );
}
