import { Button, Field, Input, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import {
  GOAL_REFLECTION_MAX,
  PROGRESS_NOTE_MAX,
  goalProgressInputSchema,
  type GoalProgressInput,
  type GoalReflectionInput,
  type GoalView,
} from '../../../src/growth/goal.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { useFormCheck } from '../data/form-check.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { fieldErrorsOf, formatDay, formatInstant } from './format.ts';
import { isVersionConflict } from '../api/client.ts';
import { GoalForm, type GoalFields } from './goal-form.tsx';
import { ConflictBar } from '../shell/conflict-bar.tsx';
import { KeptInputError } from '../shell/save-error-bar.tsx';
import { TextareaField } from '../shell/textarea-field.tsx';
import { plainList } from '../shell/style-fragments.ts';
import { useDepartmentPolicy } from './department-goals.ts';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '8px',
    alignItems: 'baseline',
    justifyContent: 'space-between',
  },
  title: { fontSize: tokens.fontSizeBase500, margin: 0, overflowWrap: 'anywhere' },
  progressRow: { display: 'flex', alignItems: 'center', gap: '12px' },
  progressBar: { flexGrow: 1 },
  percent: { fontWeight: tokens.fontWeightSemibold, minWidth: '3em', textAlign: 'right' },
  tags: { display: 'flex', flexWrap: 'wrap', gap: '6px', listStyle: 'none', padding: 0, margin: 0 },
  tag: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '2px 8px',
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  log: { ...plainList, gap: '6px' },
  logEntry: {
    borderLeft: `3px solid ${tokens.colorNeutralStroke1}`,
    paddingLeft: '8px',
    overflowWrap: 'anywhere',
  },
  progressForm: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 140px) minmax(0, 1fr)',
    gap: '8px 12px',
    alignItems: 'start',
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  comment: {
    borderLeft: `4px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    padding: '8px 12px',
  },
  text: { margin: 0, whiteSpace: 'pre-line', overflowWrap: 'anywhere' },
  full: { width: '100%' },
});

type Busy = 'progress' | 'mid' | 'yearEnd' | null;

export function GoalCard({
  api,
  framework,
  levelId,
  goal,
  department = null,
  editable,
  isStageWritable = () => true,
  onChange,
  onReload,
}: {
  api: ApiClient;
  framework: Framework;
  levelId: string | null;
  goal: GoalView;
  /** My 課 (部・課の方針): while editing, the goal may name one of its goals for the year. */
  department?: string | null;
  editable: boolean;
  /** Whether HR's window lets a stage's reflection be written now (the server refuses it otherwise). */
  isStageWritable?: ((stage: 'mid' | 'yearEnd') => boolean) | undefined;
  onChange: (goal: GoalView) => void;
  onReload: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation('goals');
  const checkForm = useFormCheck();
  const styles = useStyles();
  const layout = useLayoutStyles();
  const local = useLocalized();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [percent, setPercent] = useState(String(goal.progress.at(-1)?.percent ?? 0));
  const [note, setNote] = useState('');
  const [reflections, setReflections] = useState({
    mid: goal.midReflection ?? '',
    yearEnd: goal.yearEndReflection ?? '',
  });
  const [busy, setBusy] = useState<Busy>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState('');
  const params = { personId: 'me', goalId: goal.id };
  // The 課's goals: to choose from while editing, and to name the one this goal serves.
  const departmentGoals =
    useDepartmentPolicy(api, goal.fiscalYear, department, editing || Boolean(goal.departmentGoalId)).data
      ?.goals ?? [];
  const linkedGoal = departmentGoals.find((entry) => entry.id === goal.departmentGoalId);
  const latest = goal.progress.at(-1)?.percent ?? 0;

  const run = async (what: Busy, call: () => Promise<GoalView>, done: string) => {
    setBusy(what);
    setFailure(null);
    setErrors({});
    setNotice('');
    try {
      onChange(await call());
      setNotice(done);
      setBusy(null);
      return true;
    } catch (error) {
      if (isVersionConflict(error)) setConflict(true);
      else {
        // Field errors are kept per form of the card: `progress.percent`, `mid.text`, …
        setErrors(
          Object.fromEntries(
            Object.entries(fieldErrorsOf(error)).map(([field, message]) => [`${what}.${field}`, message]),
          ),
        );
        setFailure(error);
      }
      setBusy(null);
      return false;
    }
  };

  const addProgress = async () => {
    // An empty box is not 0: NaN fails the contract's number like any other text that is not one.
    const body: GoalProgressInput = {
      version: goal.version,
      percent: percent.trim() === '' ? Number.NaN : Number(percent),
      note,
    };
    const found = checkForm(goalProgressInputSchema, body);
    if (found.percent || found.note) {
      // Whatever the percentage breaks (a whole number from 0 to 100), the box says the rule in full.
      setErrors({
        ...(found.percent ? { 'progress.percent': t('percentInvalid') } : {}),
        ...(found.note ? { 'progress.note': found.note } : {}),
      });
      return;
    }
    const saved = await run(
      'progress',
      () => api.call('POST /api/people/:personId/goals/:goalId/progress', { params, body }),
      t('progressSaved'),
    );
    if (saved) setNote('');
  };

  const saveReflection = (stage: 'mid' | 'yearEnd') => {
    const body: GoalReflectionInput = { version: goal.version, stage, text: reflections[stage] };
    return run(
      stage,
      () => api.call('PUT /api/people/:personId/goals/:goalId/reflection', { params, body }),
      t('reflectionSaved'),
    );
  };

  const update = async (fields: GoalFields) => {
    const saved = await api.call('PUT /api/people/:personId/goals/:goalId', {
      params,
      body: { ...fields, version: goal.version },
    });
    onChange(saved);
    setEditing(false);
    setNotice(t('updated'));
  };

  const reload = async () => {
    setFailure(null);
    try {
      await onReload();
      setConflict(false);
    } catch (error) {
      setFailure(error);
    }
  };

  const competencyNames = (goal.competencyIds ?? []).map((id) => {
    const competency = framework.competencies.find((candidate) => candidate.id === id);
    return { id, name: competency ? local(competency.name) : id };
  });
  const guidelineNames = (goal.guidelineIds ?? []).map((id) => {
    const guideline = framework.guidelines.find((candidate) => candidate.id === id);
    return { id, name: guideline ? `${guideline.letter} ${guideline.name.en}` : id };
  });
  const errorOf = (key: string) =>
    errors[key] ? { validationState: 'error' as const, validationMessage: errors[key] } : {};

  return (
    <article className={layout.card} aria-labelledby={headingId} data-testid={`goal-${goal.id}`}>
      <div className={layout.stack}>
        <div className={styles.header}>
          <h2 className={styles.title} id={headingId} data-testid="goal-heading">
            {goal.title}
          </h2>
          {editable && !editing ? (
            <Button onClick={() => setEditing(true)} data-testid="goal-edit">
              {t('edit')}
            </Button>
          ) : null}
        </div>
        <p className={layout.muted} style={{ margin: 0 }}>
          {t('dueDate', { date: formatDay(goal.dueDate, i18n.language) })}
          {goal.visibility ? (
            <>
              {' · '}
              <span data-testid="goal-visibility-shown" data-visibility={goal.visibility}>
                {t(`visibilityShown.${goal.visibility}`)}
              </span>
            </>
          ) : null}
        </p>
        <div className={styles.progressRow}>
          <ProgressBar
            className={styles.progressBar}
            value={latest / 100}
            thickness="large"
            aria-label={t('progressLabel', { percent: latest })}
            data-testid="goal-progress-bar"
          />
          <span className={styles.percent} aria-hidden="true">
            {t('progressValue', { percent: latest })}
          </span>
        </div>

        {editing ? (
          <GoalForm
            framework={framework}
            levelId={levelId}
            fiscalYear={goal.fiscalYear}
            goal={goal}
            departmentGoals={departmentGoals}
            onSubmit={update}
            onCancel={() => setEditing(false)}
            onReload={onReload}
            testId="goal-edit-form"
          />
        ) : (
          <>
            <div>
              <h3 className={layout.h3}>{t('successCriteria')}</h3>
              <p className={styles.text} data-testid="goal-criteria-text">
                {goal.successCriteria || <span className={layout.muted}>{t('noCriteria')}</span>}
              </p>
            </div>
            {linkedGoal ? (
              <p style={{ margin: 0 }} data-testid="goal-department-link">
                {t('departmentGoalShown', { title: linkedGoal.title })}
              </p>
            ) : null}
            <TagList title={t('competencies')} entries={competencyNames} testId="goal-competency-tags" />
            <TagList title={t('guidelines')} entries={guidelineNames} testId="goal-guideline-tags" />
          </>
        )}

        <div>
          <h3 className={layout.h3}>{t('progressHistory')}</h3>
          {goal.progress.length === 0 ? (
            <p className={layout.muted} style={{ margin: 0 }}>
              {t('progressEmpty')}
            </p>
          ) : (
            <ol className={styles.log} data-testid="goal-progress-log" reversed>
              {[...goal.progress].reverse().map((entry, index) => (
                <li key={`${index}-${entry.at}`} className={styles.logEntry}>
                  <strong>
                    {t('progressEntry', {
                      date: formatInstant(entry.at, i18n.language),
                      percent: entry.percent,
                    })}
                  </strong>
                  {entry.note ? <p className={styles.text}>{entry.note}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </div>

        {editable ? (
          <div className={styles.progressForm} data-testid="goal-progress-form">
            <Field label={t('percent')} hint={t('percentHint')} {...errorOf('progress.percent')}>
              <Input
                type="number"
                min={0}
                max={100}
                step={5}
                value={percent}
                onChange={(_, data) => setPercent(data.value)}
                data-testid="progress-percent"
              />
            </Field>
            <TextareaField
              label={t('note')}
              hint={t('noteHint', { count: note.length, max: PROGRESS_NOTE_MAX })}
              {...errorOf('progress.note')}
              inputClassName={styles.full}
              value={note}
              maxLength={PROGRESS_NOTE_MAX}
              resize="vertical"
              onChange={setNote}
              testId="progress-note"
            />
            <div>
              <Button onClick={() => void addProgress()} disabled={busy !== null} data-testid="progress-add">
                {busy === 'progress' ? t('saving') : t('addProgress')}
              </Button>
            </div>
          </div>
        ) : null}

        <div>
          <h3 className={layout.h3}>{t('reflections')}</h3>
          <div className={layout.stack}>
            {(['mid', 'yearEnd'] as const).map((stage) => {
              const label = stage === 'mid' ? t('midReflection') : t('yearEndReflection');
              return editable && isStageWritable(stage) ? (
                <div key={stage} className={layout.stack} style={{ gap: 4 }}>
                  <TextareaField
                    label={label}
                    hint={t('reflectionHint', { count: reflections[stage].length, max: GOAL_REFLECTION_MAX })}
                    {...errorOf(`${stage}.text`)}
                    inputClassName={styles.full}
                    value={reflections[stage]}
                    maxLength={GOAL_REFLECTION_MAX}
                    resize="vertical"
                    onChange={(value) => setReflections((previous) => ({ ...previous, [stage]: value }))}
                    testId={`reflection-${stage}`}
                  />
                  <div>
                    <Button
                      onClick={() => void saveReflection(stage)}
                      disabled={busy !== null}
                      data-testid={`reflection-${stage}-save`}
                    >
                      {busy === stage ? t('saving') : t('saveReflection')}
                    </Button>
                  </div>
                </div>
              ) : (
                <div key={stage}>
                  <h4 className={layout.h3} style={{ fontSize: tokens.fontSizeBase300 }}>
                    {label}
                  </h4>
                  <p className={styles.text} data-testid={`reflection-${stage}`}>
                    {(stage === 'mid' ? goal.midReflection : goal.yearEndReflection) || (
                      <span className={layout.muted}>{t('reflectionEmpty')}</span>
                    )}
                  </p>
                  {editable ? (
                    <p className={layout.muted} data-testid={`reflection-${stage}-closed`}>
                      {t(`reflectionClosed.${stage}`)}
                    </p>
                  ) : null}
                </div>
              );
            })}
          </div>
        </div>

        <div data-testid="goal-comments">
          <h3 className={layout.h3}>{t('comments')}</h3>
          {(goal.comments ?? []).length === 0 ? (
            <p className={layout.muted} style={{ margin: 0 }}>
              {t('commentsEmpty')}
            </p>
          ) : (
            <ul className={styles.log}>
              {(goal.comments ?? []).map((comment, index) => (
                <li key={`${index}-${comment.at}`} className={styles.comment}>
                  <p className={layout.muted} style={{ margin: 0 }}>
                    {t('commentMeta', {
                      stage: t(`stage.${comment.stage}`),
                      date: formatInstant(comment.at, i18n.language),
                    })}
                  </p>
                  <p className={styles.text}>{comment.text}</p>
                </li>
              ))}
            </ul>
          )}
        </div>

        {conflict ? (
          <ConflictBar title={t('conflictTitle')} body={t('conflictBody')} testId="goal-conflict" multiline>
            <Button onClick={() => void reload()}>{t('reload')}</Button>
          </ConflictBar>
        ) : null}
        {failure ? <KeptInputError error={failure} testId="goal-error" /> : null}
        <span role="status" data-testid="goal-status">
          {notice}
        </span>
      </div>
    </article>
  );
}

/** A titled list of named tags (a goal's competencies or guidelines); nothing when there are none. */
function TagList({
  title,
  entries,
  testId,
}: {
  title: string;
  entries: { id: string; name: string }[];
  testId: string;
}) {
  const layout = useLayoutStyles();
  const styles = useStyles();
  if (entries.length === 0) return null;
  return (
    <div>
      <h3 className={layout.h3}>{title}</h3>
      <ul className={styles.tags} data-testid={testId}>
        {entries.map((entry) => (
          <li key={entry.id} className={styles.tag}>
            {entry.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
