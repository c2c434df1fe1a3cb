import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  tokens,
} from '@fluentui/react-components';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import {
  GOAL_CRITERIA_MAX,
  GOAL_TITLE_MAX,
  goalUpdateSchema,
  type GoalUpdateInput,
  type GoalView,
  type GoalVisibility,
} from '../../../src/growth/goal.contract.ts';
import { useFormCheck } from '../data/form-check.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { RecordOptions } from '../shell/options.tsx';
import { fieldErrorsOf, formatDay } from './format.ts';
import { isVersionConflict } from '../api/client.ts';
import { ConflictBar } from '../shell/conflict-bar.tsx';
import { KeptInputError } from '../shell/save-error-bar.tsx';
import { useUnsavedChanges } from '../shell/unsaved-changes.tsx';
import { DateInput } from '../shell/date-input.tsx';
import { TextareaField } from '../shell/textarea-field.tsx';
import { groupBox, groupLegend } from '../shell/style-fragments.ts';
import { competenciesByGroup } from '../matrix/competency-groups.ts';
import { FormFooter } from '../shell/form-footer.tsx';

export type GoalFields = Omit<GoalUpdateInput, 'version'>;

/** The form's fields as the server checks them on a create and an update. */
const goalFieldsSchema = goalUpdateSchema.omit({ version: true });

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  fieldset: groupBox,
  legend: groupLegend,
  groupName: { margin: '8px 0 0', fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 },
  choices: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: '0 8px',
    alignItems: 'start',
  },
  // Long labels wrap beside their box instead of dropping below it.
  choice: { display: 'flex', alignItems: 'flex-start', minWidth: 0 },
  choiceLabel: { flexGrow: 1, minWidth: 0, alignSelf: 'flex-start' },
  error: { color: tokens.colorPaletteRedForeground1, margin: '4px 0 0' },
  date: { maxWidth: '220px' },
});

export function fiscalYearBounds(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear}-04-01`, to: `${fiscalYear + 1}-03-31` };
}

function fieldsOf(goal: GoalView | undefined, fiscalYear: number): GoalFields {
  return {
    title: goal?.title ?? '',
    successCriteria: goal?.successCriteria ?? '',
    dueDate: goal?.dueDate ?? fiscalYearBounds(fiscalYear).to,
    competencyIds: goal?.competencyIds ?? [],
    guidelineIds: goal?.guidelineIds ?? [],
    // Shared with the 課 unless the person chooses otherwise (the policy's default, 7(4)④).
    visibility: goal?.visibility ?? 'workplace',
  };
}

/**
 * Creates or edits a goal. What was typed stays in the form whatever the server answers: field errors
 * appear next to their field, a version conflict offers to load the newest version and save again.
 */
export function GoalForm({
  framework,
  levelId,
  fiscalYear,
  goal,
  onSubmit,
  onCancel,
  onReload,
  testId,
  departmentGoals = [],
}: {
  /** My 課's goals for the year (部・課の方針): the goal may name the one it serves. */
  departmentGoals?: ReadonlyArray<{ id: string; title: string }>;
  framework: Framework;
  levelId: string | null;
  fiscalYear: number;
  goal?: GoalView;
  onSubmit: (fields: GoalFields) => Promise<void>;
  onCancel: () => void;
  onReload?: () => Promise<void>;
  testId: string;
}) {
  const { t, i18n } = useTranslation('goals');
  const styles = useStyles();
  const checkForm = useFormCheck();
  const layout = useLayoutStyles();
  const local = useLocalized();
  const idPrefix = useId();
  const [fields, setFields] = useState<GoalFields>(() => fieldsOf(goal, fiscalYear));
  const [opened] = useState(() => JSON.stringify(fieldsOf(goal, fiscalYear)));
  useUnsavedChanges(JSON.stringify(fields) !== opened);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const bounds = fiscalYearBounds(fiscalYear);
  const range = { from: formatDay(bounds.from, i18n.language), to: formatDay(bounds.to, i18n.language) };
  const row = levelId ? framework.expectations[levelId] : undefined;

  const change = <K extends keyof GoalFields>(key: K, value: GoalFields[K]) => {
    setFields((previous) => ({ ...previous, [key]: value }));
    setErrors((previous) => {
      const { [key]: _dropped, ...rest } = previous;
      return rest;
    });
  };
  const toggle = (key: 'competencyIds' | 'guidelineIds', id: string, on: boolean) =>
    change(key, on ? [...fields[key], id] : fields[key].filter((existing) => existing !== id));

  const validate = (): Record<string, string> => {
    const found = checkForm(goalFieldsSchema, fields);
    // The server's rule beyond the schema: the due date lies inside the goal's fiscal year.
    if (!found.dueDate && (fields.dueDate < bounds.from || fields.dueDate > bounds.to))
      found.dueDate = t('dueOutside', range);
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`${idPrefix}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSubmit({ ...fields, title: fields.title.trim() });
    } catch (error) {
      if (isVersionConflict(error)) setConflict(true);
      else {
        setErrors(fieldErrorsOf(error));
        setFailure(error);
      }
    }
    setBusy(false);
  };

  const reload = async () => {
    if (!onReload) return;
    setBusy(true);
    try {
      await onReload();
      setConflict(false);
    } catch (error) {
      setFailure(error);
    }
    setBusy(false);
  };

  const errorOf = (key: string) =>
    errors[key] ? { validationState: 'error' as const, validationMessage: errors[key] } : {};
  /** A fieldset of checkboxes for one list field, described by and followed by that field's error. */
  const choiceGroup = (
    key: 'competencyIds' | 'guidelineIds',
    legend: string,
    testId: string,
    children: ReactNode,
  ) => (
    <fieldset
      className={styles.fieldset}
      aria-describedby={errors[key] ? `${idPrefix}-${key}-error` : undefined}
      data-testid={testId}
    >
      <legend className={styles.legend}>{legend}</legend>
      {children}
      {errors[key] ? (
        <p className={styles.error} role="alert" id={`${idPrefix}-${key}-error`}>
          {errors[key]}
        </p>
      ) : null}
    </fieldset>
  );

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate data-testid={testId}>
      <Field
        label={t('fieldTitle')}
        required
        hint={t('fieldTitleHint', { count: fields.title.length, max: GOAL_TITLE_MAX })}
        {...errorOf('title')}
      >
        <Input
          id={`${idPrefix}-title`}
          value={fields.title}
          maxLength={GOAL_TITLE_MAX}
          onChange={(_, data) => change('title', data.value)}
          data-testid="goal-title"
        />
      </Field>
      <TextareaField
        label={t('fieldCriteria')}
        hint={t('fieldCriteriaHint', { count: fields.successCriteria.length, max: GOAL_CRITERIA_MAX })}
        {...errorOf('successCriteria')}
        inputId={`${idPrefix}-successCriteria`}
        value={fields.successCriteria}
        maxLength={GOAL_CRITERIA_MAX}
        resize="vertical"
        onChange={(value) => change('successCriteria', value)}
        testId="goal-criteria"
      />
      <Field label={t('fieldDueDate')} required hint={t('fieldDueDateHint', range)} {...errorOf('dueDate')}>
        <DateInput
          id={`${idPrefix}-dueDate`}
          className={styles.date}
          value={fields.dueDate}
          onChange={(_, data) => change('dueDate', data.value)}
          data-testid="goal-due"
        />
      </Field>
      {choiceGroup(
        'competencyIds',
        t('competencies'),
        'goal-competencies',
        <>
          <p className={layout.muted} style={{ margin: 0 }}>
            {t('competenciesHint')}
          </p>
          {competenciesByGroup(framework).map(({ group, competencies }) => (
            <div key={group.id}>
              <p className={styles.groupName}>{local(group.name)}</p>
              <div className={styles.choices}>
                {competencies.map((competency) => {
                  const mark = framework.marks[row?.[competency.id] ?? 'none'];
                  const name = local(competency.name);
                  return (
                    <Checkbox
                      key={competency.id}
                      className={styles.choice}
                      // Only the first box gets our id (the focus target of the field's error): an
                      // explicit undefined would replace Fluent's own id and unlink the label.
                      {...(competency.id === framework.competencies[0]?.id
                        ? { id: `${idPrefix}-competencyIds` }
                        : {})}
                      value={competency.id}
                      checked={fields.competencyIds.includes(competency.id)}
                      onChange={(_, data) => toggle('competencyIds', competency.id, data.checked === true)}
                      label={{
                        className: styles.choiceLabel,
                        children: mark.symbol
                          ? t('withMark', { name, symbol: mark.symbol, label: local(mark.label) })
                          : name,
                      }}
                    />
                  );
                })}
              </div>
            </div>
          ))}
        </>,
      )}
      {choiceGroup(
        'guidelineIds',
        t('guidelines'),
        'goal-guidelines',
        <div className={styles.choices}>
          {framework.guidelines.map((guideline, index) => (
            <Checkbox
              key={guideline.id}
              className={styles.choice}
              {...(index === 0 ? { id: `${idPrefix}-guidelineIds` } : {})}
              value={guideline.id}
              checked={fields.guidelineIds.includes(guideline.id)}
              onChange={(_, data) => toggle('guidelineIds', guideline.id, data.checked === true)}
              label={{
                className: styles.choiceLabel,
                children: t('guidelineLabel', {
                  letter: guideline.letter,
                  name: guideline.name.en,
                  summary: local(guideline.summary),
                }),
              }}
            />
          ))}
        </div>,
      )}

      <Field label={t('visibility')} hint={t('visibilityHint')}>
        <RadioGroup
          value={fields.visibility ?? 'workplace'}
          onChange={(_, data) => change('visibility', data.value as GoalVisibility)}
          data-testid="goal-visibility"
        >
          <Radio value="workplace" label={t('visibilityWorkplace')} data-testid="goal-visibility-workplace" />
          <Radio value="private" label={t('visibilityPrivate')} data-testid="goal-visibility-private" />
        </RadioGroup>
      </Field>

      {departmentGoals.length > 0 ? (
        <Field label={t('departmentGoal')} hint={t('departmentGoalHint')}>
          <Select
            value={
              (fields.departmentGoalId === undefined ? goal?.departmentGoalId : fields.departmentGoalId) ?? ''
            }
            onChange={(_, data) => change('departmentGoalId', data.value === '' ? null : data.value)}
            data-testid="goal-department-goal"
          >
            <RecordOptions
              none={t('departmentGoalNone')}
              records={departmentGoals}
              labelOf={(item) => item.title}
            />
          </Select>
        </Field>
      ) : null}

      {conflict ? (
        <ConflictBar title={t('conflictTitle')} body={t('conflictBody')} testId="goal-conflict" multiline>
          {onReload ? (
            <Button onClick={() => void reload()} disabled={busy}>
              {t('reload')}
            </Button>
          ) : null}
        </ConflictBar>
      ) : null}
      {failure ? <KeptInputError error={failure} testId="goal-error" /> : null}

      <FormFooter
        busy={busy}
        submitText={goal ? t('saveChanges') : t('create')}
        busyText={t('saving')}
        cancelText={t('cancel')}
        onCancel={onCancel}
        testId="goal-save"
      />
    </form>
  );
}
