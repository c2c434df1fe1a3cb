// One 部's or 課's policy for a fiscal year (docs/growth.md, 部・課の方針): read by everyone, written by
// the unit's 部長 / 課長 and HR while the year is open. The save is versioned: a stale version keeps
// what was typed and offers the newest one.
import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ORG_GOAL_DESCRIPTION_MAX,
  ORG_GOAL_TITLE_MAX,
  ORG_GOALS_MAX,
  ORG_POLICY_MAX,
  orgPolicyInputSchema,
  type OrgGoal,
  type OrgGoalInput,
  type OrgPolicyKind,
  type OrgPolicyView,
} from '../../../src/growth/org-policy.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { useVersionedEditor } from '../data/versioned-editor.ts';
import { formatInstant } from '../shell/date-time.ts';
import { EditableList } from '../shell/editable-list.tsx';
import { RecordOptions } from '../shell/options.tsx';
import { ConflictBar } from '../shell/conflict-bar.tsx';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { ErrorDetails, SaveErrorBar } from '../shell/save-error-bar.tsx';
import { brandStripe, plainList } from '../shell/style-fragments.ts';
import { TextareaField } from '../shell/textarea-field.tsx';

const useStyles = makeStyles({
  text: { margin: 0, whiteSpace: 'pre-line', overflowWrap: 'anywhere' },
  goals: { ...plainList, gap: '8px' },
  goal: {
    ...brandStripe,
    overflowWrap: 'anywhere',
  },
  goalTitle: { fontWeight: tokens.fontWeightSemibold, margin: 0 },
  goalFields: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: '8px',
    flexGrow: 1,
    minWidth: 0,
  },
  full: { width: '100%', minWidth: 0 },
});

type Form = { policy: string; goals: OrgGoalInput[] };

const formOf = (saved: OrgPolicyView): Form => ({
  policy: saved.policy,
  goals: saved.goals.map(({ id, title, description, divisionGoalId }) => ({
    id,
    title,
    description,
    divisionGoalId,
  })),
});

const isSent = (goal: OrgGoalInput) => Boolean(goal.id || goal.title.trim() || goal.description.trim());

/** Goals added and left wholly blank are not sent. */
const cleaned = (form: Form): Form => ({ policy: form.policy, goals: form.goals.filter(isSent) });

const GOAL_FIELDS: Record<string, string> = {
  title: 'goalTitle',
  description: 'goalDescription',
  divisionGoalId: 'goalDivisionGoal',
};

/**
 * A refused field under the form's label for it: `body.goals.1.title` → 「目標 3 目標」 when a blank row
 * (not sent) stands before it in the form.
 */
function detailLabelOf(form: Form, t: (key: string, options?: Record<string, unknown>) => string) {
  const rows = form.goals.flatMap((goal, index) => (isSent(goal) ? [index] : []));
  return (path: string): string => {
    const [, list, index, field] = path.split('.');
    if (list === 'policy') return t('policyField');
    const row = list === 'goals' && index !== undefined ? rows[Number(index)] : undefined;
    if (row === undefined) return list === 'goals' ? t('goals') : path;
    const fieldKey = field ? GOAL_FIELDS[field] : undefined;
    return fieldKey ? `${t('goalRow', { n: row + 1 })} ${t(fieldKey)}` : t('goalRow', { n: row + 1 });
  };
}

const ROUTES = {
  division: {
    get: 'GET /api/policies/:fiscalYear/divisions/:division',
    put: 'PUT /api/policies/:fiscalYear/divisions/:division',
    key: queryKeys.divisionPolicy,
  },
  department: {
    get: 'GET /api/policies/:fiscalYear/departments/:department',
    put: 'PUT /api/policies/:fiscalYear/departments/:department',
    key: queryKeys.departmentPolicy,
  },
} as const;

/** The unit's policy query (also what a 課's editor reads the 部's goals from). */
export function usePolicy(api: ApiClient, kind: OrgPolicyKind, fiscalYear: number, unit: string) {
  const params = { fiscalYear: String(fiscalYear), [kind]: unit };
  return useQuery(
    kind === 'division'
      ? routeQuery(api, ROUTES.division.key(fiscalYear, unit), ROUTES.division.get, {
          params: params as { fiscalYear: string; division: string },
        })
      : routeQuery(api, ROUTES.department.key(fiscalYear, unit), ROUTES.department.get, {
          params: params as { fiscalYear: string; department: string },
        }),
  );
}

export function PolicyPanel({
  api,
  kind,
  fiscalYear,
  unit,
  divisionGoals = [],
}: {
  api: ApiClient;
  kind: OrgPolicyKind;
  fiscalYear: number;
  unit: string;
  /** A 課's editor: the goals of its 部 for the year, for a 課 goal to name the one it serves. */
  divisionGoals?: readonly OrgGoal[];
}) {
  const { t } = useTranslation('orgPolicy');
  const query = usePolicy(api, kind, fiscalYear, unit);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const queryKey = ROUTES[kind].key(fiscalYear, unit);
  return (
    <Section
      title={t(kind === 'division' ? 'divisionTitle' : 'departmentTitle', { unit })}
      id={`${kind}-policy`}
      testId={`${kind}-policy`}
    >
      <QueryState query={query}>
        {(policy) =>
          editing && policy.canEdit ? (
            <PolicyEditor
              api={api}
              initial={policy}
              queryKey={queryKey}
              divisionGoals={divisionGoals}
              onSaved={() => {
                // The 課's goals changed: so did the list the coverage shows under them.
                if (kind === 'department')
                  void queryClient.invalidateQueries({
                    queryKey: queryKeys.departmentCoverage(fiscalYear, unit),
                  });
                setEditing(false);
                setNotice(t('saved'));
              }}
              onCancel={() => setEditing(false)}
              onReload={() => void queryClient.resetQueries({ queryKey })}
            />
          ) : (
            <PolicyRead
              policy={policy}
              divisionGoals={divisionGoals}
              onEdit={() => {
                setNotice('');
                setEditing(true);
              }}
            />
          )
        }
      </QueryState>
      <span role="status" data-testid={`${kind}-policy-status`}>
        {notice}
      </span>
    </Section>
  );
}

function PolicyRead({
  policy,
  divisionGoals,
  onEdit,
}: {
  policy: OrgPolicyView;
  divisionGoals: readonly OrgGoal[];
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation('orgPolicy');
  const layout = useLayoutStyles();
  const styles = useStyles();
  return (
    <div className={layout.stack}>
      <div>
        <h3 className={layout.h3}>{t('policy')}</h3>
        <p className={styles.text} data-testid="policy-text">
          {policy.policy || <span className={layout.muted}>{t('policyEmpty')}</span>}
        </p>
      </div>
      <div>
        <h3 className={layout.h3}>{t('goals')}</h3>
        {policy.goals.length === 0 ? (
          <p className={layout.muted} style={{ margin: 0 }} data-testid="policy-goals-empty">
            {t('goalsEmpty')}
          </p>
        ) : (
          <ul className={styles.goals} data-testid="policy-goals">
            {policy.goals.map((goal) => {
              const serves = divisionGoals.find((entry) => entry.id === goal.divisionGoalId);
              return (
                <li key={goal.id} className={styles.goal} data-testid="policy-goal">
                  <p className={styles.goalTitle}>{goal.title}</p>
                  {goal.description ? <p className={styles.text}>{goal.description}</p> : null}
                  {serves ? (
                    <p className={layout.muted} style={{ margin: 0 }}>
                      {t('servesDivisionGoal', { title: serves.title })}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {policy.updatedAt ? (
        <p className={layout.muted} style={{ margin: 0 }}>
          {t('lastSaved', { at: formatInstant(policy.updatedAt, i18n.language) })}
        </p>
      ) : null}
      {policy.canEdit ? (
        <div>
          <Button appearance="primary" onClick={onEdit} data-testid="policy-edit">
            {t('edit')}
          </Button>
        </div>
      ) : (
        <p className={layout.muted} style={{ margin: 0 }} data-testid="policy-read-only">
          {t('readOnly')}
        </p>
      )}
    </div>
  );
}

function PolicyEditor({
  api,
  initial,
  queryKey,
  divisionGoals,
  onSaved,
  onCancel,
  onReload,
}: {
  api: ApiClient;
  initial: OrgPolicyView;
  queryKey: readonly unknown[];
  divisionGoals: readonly OrgGoal[];
  onSaved: () => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation('orgPolicy');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const { form, update, notice, mutation, save } = useVersionedEditor({
    initial,
    formOf,
    cleaned,
    queryKey,
    put: (body, saved) => {
      const fiscalYear = String(saved.fiscalYear);
      return saved.kind === 'division'
        ? api.call(ROUTES.division.put, { params: { fiscalYear, division: saved.unit }, body })
        : api.call(ROUTES.department.put, { params: { fiscalYear, department: saved.unit }, body });
    },
    onSaved,
    schema: orgPolicyInputSchema,
  });
  const changeGoal = (index: number, patch: Partial<OrgGoalInput>) =>
    update(
      'goals',
      form.goals.map((goal, at) => (at === index ? { ...goal, ...patch } : goal)),
    );
  return (
    <form
      className={layout.stack}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      data-testid="policy-form"
    >
      <TextareaField
        label={t('policyField')}
        hint={t('policyHint', { count: form.policy.length, max: ORG_POLICY_MAX })}
        inputClassName={styles.full}
        value={form.policy}
        maxLength={ORG_POLICY_MAX}
        resize="vertical"
        onChange={(value) => update('policy', value)}
        testId="policy-field"
      />
      <fieldset style={{ border: 'none', margin: 0, padding: 0, minWidth: 0 }}>
        <legend className={layout.h3}>{t('goals')}</legend>
        <p className={layout.muted} style={{ margin: '0 0 8px' }}>
          {t('goalsMax', { max: ORG_GOALS_MAX })}
        </p>
        <EditableList
          items={form.goals}
          onChange={(goals) => update('goals', goals)}
          blank={() => ({ title: '', description: '', divisionGoalId: null })}
          max={ORG_GOALS_MAX}
          removeText={t('removeGoal')}
          removeLabel={(index) => t('removeGoalLabel', { n: index + 1 })}
          addText={t('addGoal')}
          testId="policy-goal-rows"
          addTestId="policy-goal-add"
        >
          {(goal, index) => (
            <div className={styles.goalFields} data-testid="policy-goal-row">
              <Field label={`${t('goalRow', { n: index + 1 })} ${t('goalTitle')}`} required>
                <Input
                  value={goal.title}
                  maxLength={ORG_GOAL_TITLE_MAX}
                  onChange={(_, data) => changeGoal(index, { title: data.value })}
                  data-testid="policy-goal-title"
                />
              </Field>
              <TextareaField
                label={t('goalDescription')}
                inputClassName={styles.full}
                value={goal.description}
                maxLength={ORG_GOAL_DESCRIPTION_MAX}
                resize="vertical"
                rows={2}
                onChange={(value) => changeGoal(index, { description: value })}
                testId="policy-goal-description"
              />
              {initial.kind === 'department' && divisionGoals.length > 0 ? (
                <Field label={t('goalDivisionGoal')}>
                  <Select
                    value={goal.divisionGoalId ?? ''}
                    onChange={(_, data) =>
                      changeGoal(index, { divisionGoalId: data.value === '' ? null : data.value })
                    }
                    data-testid="policy-goal-division-goal"
                  >
                    <RecordOptions
                      none={t('goalDivisionGoalNone')}
                      records={divisionGoals}
                      labelOf={(entry) => entry.title}
                    />
                  </Select>
                </Field>
              ) : null}
            </div>
          )}
        </EditableList>
      </fieldset>
      {notice?.kind === 'conflict' ? (
        <ConflictBar title={t('conflictTitle')} body={t('conflictBody')} testId="policy-conflict" multiline>
          <Button onClick={onReload} data-testid="policy-reload">
            {t('reload')}
          </Button>
        </ConflictBar>
      ) : null}
      {notice?.kind === 'error' ? (
        <SaveErrorBar title={t('saveFailed')} error={notice.error} testId="policy-save-error">
          <ErrorDetails error={notice.error} labelOf={detailLabelOf(form, t)} />
        </SaveErrorBar>
      ) : null}
      <div className={layout.row}>
        <Button appearance="primary" type="submit" disabled={mutation.isPending} data-testid="policy-save">
          {mutation.isPending ? t('saving') : t('save')}
        </Button>
        <Button onClick={onCancel} disabled={mutation.isPending} data-testid="policy-cancel">
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
