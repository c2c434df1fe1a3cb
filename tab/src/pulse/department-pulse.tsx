// A 課's やりがい pulse for its 課長 and 係長 (docs/pulse.md): the 課's trend over the quarters (the same
// table-chart HR reads) and the 課's action for a quarter, written and edited with the version read. A
// stale version keeps what was typed. The server decides who may read (403 otherwise) and write
// (`canWriteAction`); the link shows only to a 課長 or 係長 with a 課 in the directory (`ledDepartmentOf`),
// who also get the team page for it when nobody reports to them.
import { Button, Field, Link, Select } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PULSE_ACTION_MAX,
  type DepartmentPulse,
  type PulseAction,
} from '../../../src/pulse/pulse.contract.ts';
import { ledDepartmentOf } from '../../../src/shared/department-leads.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery, useMe } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { OrEmpty, Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { Options } from '../shell/options.tsx';
import { hrefOf } from '../shell/router.ts';
import { KeptInputError } from '../shell/save-error-bar.tsx';
import { StackForm } from '../shell/stack-form.tsx';
import { TextareaField } from '../shell/textarea-field.tsx';
import { PulseConflict } from './pulse-conflict.tsx';
import { PulseTrend } from './pulse-trend.tsx';

/** The team page's link to the caller's 課's pulse, for a 課長 or 係長 with a 課. */
export function DepartmentPulseLink({ api }: { api: ApiClient }) {
  const { t } = useTranslation('pulse');
  const me = useMe(api).data;
  if (!me || ledDepartmentOf(me) === null) return null;
  return (
    <p>
      <Link href={hrefOf('team', 'pulse')} data-testid="department-pulse-link">
        {t('link')}
      </Link>
    </p>
  );
}

export function DepartmentPulseView({ api, back }: { api: ApiClient; back: string }) {
  const { t } = useTranslation('pulse');
  const layout = useLayoutStyles();
  const me = useMe(api);
  return (
    <Page
      title={t('departmentTitle')}
      testId="department-pulse"
      actions={
        <Link href={back} data-testid="department-pulse-back">
          {t('back')}
        </Link>
      }
    >
      <QueryState query={me}>
        {({ department }) =>
          department ? (
            <DepartmentPulseContent api={api} department={department} />
          ) : (
            <p className={layout.muted} data-testid="department-pulse-no-department">
              {t('noDepartment')}
            </p>
          )
        }
      </QueryState>
    </Page>
  );
}

function DepartmentPulseContent({ api, department }: { api: ApiClient; department: string }) {
  const { t } = useTranslation('pulse');
  const layout = useLayoutStyles();
  const query = useQuery(
    routeQuery(api, queryKeys.departmentPulse(department), 'GET /api/pulses/departments/:department', {
      params: { department },
    }),
  );
  return (
    <QueryState query={query}>
      {(data) => (
        <>
          <p className={layout.muted}>
            {t('departmentIntro', { department: data.department, min: data.minGroupSize })}
          </p>
          <Section title={t('trendTitle')} id="department-pulse-trend-section">
            <PulseTrend
              title={t('trendOf', { unit: data.department })}
              points={data.points}
              minGroupSize={data.minGroupSize}
              testId="department-pulse-trend"
            />
          </Section>
          <Actions api={api} data={data} />
        </>
      )}
    </QueryState>
  );
}

/** The 課's actions so far, and the editor of one quarter's for its 課長/係長. */
function Actions({ api, data }: { api: ApiClient; data: DepartmentPulse }) {
  const { t } = useTranslation('pulse');
  const layout = useLayoutStyles();
  // Newest first: the quarter just closed is the one an action is usually written for.
  const quarters = data.points.map((point) => point.quarter).reverse();
  const [quarter, setQuarter] = useState(quarters[0] ?? '');
  const written = [...data.actions].reverse();
  return (
    <Section title={t('actionTitle')} id="department-pulse-actions" testId="department-pulse-actions">
      {data.canWriteAction && quarters.length > 0 ? (
        <>
          <Field label={t('actionQuarter')}>
            <Select
              value={quarter}
              onChange={(_, change) => setQuarter(change.value)}
              data-testid="pulse-action-quarter"
            >
              <Options values={quarters} labelOf={(value) => value} />
            </Select>
          </Field>
          <ActionForm
            key={quarter}
            api={api}
            department={data.department}
            quarter={quarter}
            saved={data.actions.find((action) => action.quarter === quarter)}
          />
        </>
      ) : (
        <p className={layout.muted} data-testid="pulse-action-read-only">
          {t('actionReadOnly')}
        </p>
      )}
      <h3 className={layout.h3}>{t('actionsWritten')}</h3>
      <OrEmpty empty={written.length === 0} text={t('actionNone')}>
        <dl data-testid="pulse-actions-written">
          {written.map((action) => (
            <div key={action.quarter}>
              <dt>{action.quarter}</dt>
              <dd className={layout.preLine}>{action.text}</dd>
            </div>
          ))}
        </dl>
      </OrEmpty>
    </Section>
  );
}

function ActionForm({
  api,
  department,
  quarter,
  saved,
}: {
  api: ApiClient;
  department: string;
  quarter: string;
  saved: PulseAction | undefined;
}) {
  const { t } = useTranslation('pulse');
  const queryClient = useQueryClient();
  const queryKey = queryKeys.departmentPulse(department);
  const [text, setText] = useState(saved?.text ?? '');
  const [version, setVersion] = useState(saved?.version ?? 0);
  const [notice, setNotice] = useState('');
  const mutation = useMutation({
    mutationFn: () =>
      api.call('PUT /api/pulses/departments/:department/actions/:quarter', {
        params: { department, quarter },
        body: { version, text },
      }),
    onMutate: () => setNotice(''),
    onSuccess: async (action) => {
      setVersion(action.version);
      setNotice(t('actionSaved'));
      await queryClient.invalidateQueries({ queryKey });
    },
  });
  const conflict = mutation.error instanceof ApiError && mutation.error.status === 409;
  return (
    <StackForm onSubmit={() => mutation.mutate()} noValidate testId="pulse-action-form">
      <TextareaField
        label={t('actionField', { quarter })}
        value={text}
        maxLength={PULSE_ACTION_MAX}
        resize="vertical"
        required
        onChange={setText}
        testId="pulse-action-text"
      />
      {conflict ? (
        <PulseConflict testId="pulse-action" onReload={() => void queryClient.resetQueries({ queryKey })} />
      ) : mutation.error ? (
        <KeptInputError error={mutation.error} testId="pulse-action-error" />
      ) : null}
      <div>
        <Button
          appearance="primary"
          type="submit"
          disabled={mutation.isPending}
          data-testid="pulse-action-save"
        >
          {mutation.isPending ? t('saving') : t('save')}
        </Button>
      </div>
      <span role="status" data-testid="pulse-action-status">
        {notice}
      </span>
    </StackForm>
  );
}
