// HR's form for one pulse (docs/pulse.md): its quarter (when new), three to five questions in Japanese
// and English, an optional free-text question, and the open and close days. Whatever the server refuses
// (questions locked after the first answer, a stale version, a quarter that has one) leaves what was
// typed in the form.
import { Checkbox, Field, Input, makeStyles, Select } from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PULSE_QUESTION_MAX,
  PULSE_QUESTIONS_MAX,
  PULSE_QUESTIONS_MIN,
  type PulseConfig,
  type PulseQuestion,
} from '../../../src/pulse/pulse.contract.ts';
import { fiscalQuarterDays, parseFiscalQuarter } from '../../../src/shared/fiscal-period.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import { useFormFields } from '../data/form-fields.ts';
import { queryKeys } from '../data/queries.ts';
import { DateInput } from '../shell/date-input.tsx';
import { EditableList } from '../shell/editable-list.tsx';
import { FormFooter } from '../shell/form-footer.tsx';
import { useLayoutStyles } from '../shell/layout.tsx';
import { Options } from '../shell/options.tsx';
import { ErrorDetails, SaveErrorBar } from '../shell/save-error-bar.tsx';
import { StackForm } from '../shell/stack-form.tsx';
import { PulseConflict } from './pulse-conflict.tsx';

const useStyles = makeStyles({
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  question: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 14em), 1fr))',
    gap: '8px',
    flexGrow: 1,
    minWidth: 0,
  },
  days: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 12em), 1fr))',
    gap: '8px',
  },
  list: { margin: 0, paddingLeft: '1.5em' },
});

interface Form {
  quarter: string;
  questions: PulseQuestion[];
  askFreeText: boolean;
  freeText: PulseQuestion;
  opensOn: string;
  closesOn: string;
}

const blankQuestion = (): PulseQuestion => ({ ja: '', en: '' });

/** The first and last day of a quarter, for a new pulse's days. */
function daysOf(quarter: string): { opensOn: string; closesOn: string } {
  const parsed = parseFiscalQuarter(quarter);
  if (!parsed) return { opensOn: '', closesOn: '' };
  const { first, last } = fiscalQuarterDays(parsed);
  return { opensOn: first, closesOn: last };
}

function formOf(pulse: PulseConfig | undefined, quarter: string): Form {
  if (!pulse)
    return {
      quarter,
      questions: [blankQuestion(), blankQuestion(), blankQuestion()],
      askFreeText: false,
      freeText: blankQuestion(),
      ...daysOf(quarter),
    };
  return {
    quarter: pulse.quarter,
    questions: pulse.questions,
    askFreeText: pulse.freeTextQuestion !== null,
    freeText: pulse.freeTextQuestion ?? blankQuestion(),
    opensOn: pulse.opensOn,
    closesOn: pulse.closesOn,
  };
}

/** What the server refused, as the form tells it. */
type Refusal = 'version' | 'locked' | 'other';

function refusalOf(error: unknown): Refusal {
  if (!(error instanceof ApiError) || error.status !== 409) return 'other';
  if (error.code === 'version_conflict') return 'version';
  return error.details.some((detail) => detail.path === 'body.questions') ? 'locked' : 'other';
}

export function PulseEditor({
  api,
  pulse,
  quarters,
  onDone,
  onCancel,
}: {
  api: ApiClient;
  /** The pulse edited; undefined for a new one. */
  pulse?: PulseConfig;
  /** A new pulse's quarters to choose from (those without one yet). */
  quarters: readonly string[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('pulse');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const queryClient = useQueryClient();
  const { fields, set, setFields } = useFormFields<Form>(() => formOf(pulse, quarters[0] ?? ''));
  const [refusal, setRefusal] = useState<{ kind: Refusal; error: unknown }>();
  const locked = pulse?.questionsLocked ?? false;

  const mutation = useMutation({
    mutationFn: () => {
      const body = {
        questions: fields.questions,
        freeTextQuestion: fields.askFreeText ? fields.freeText : null,
        opensOn: fields.opensOn,
        closesOn: fields.closesOn,
      };
      return pulse
        ? api.call('PUT /api/hr/pulses/:pulseId', {
            params: { pulseId: pulse.id },
            body: { ...body, version: pulse.version },
          })
        : api.call('POST /api/hr/pulses', { body: { ...body, quarter: fields.quarter } });
    },
    onMutate: () => setRefusal(undefined),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.hrPulses });
      onDone(pulse ? t('saved') : t('created'));
    },
    onError: (error) => setRefusal({ kind: refusalOf(error), error }),
  });

  const changeQuestion = (index: number, patch: Partial<PulseQuestion>) =>
    set(
      'questions',
      fields.questions.map((question, at) => (at === index ? { ...question, ...patch } : question)),
    );
  const title = pulse ? t('editTitle', { quarter: pulse.quarter }) : t('newTitle');

  return (
    <StackForm onSubmit={() => mutation.mutate()} noValidate aria-label={title} testId="pulse-form">
      <h3 className={layout.h3}>{title}</h3>
      {pulse ? null : (
        <Field label={t('quarter')} required>
          <Select
            value={fields.quarter}
            onChange={(_, data) => setFields({ ...fields, quarter: data.value, ...daysOf(data.value) })}
            data-testid="pulse-quarter"
          >
            <Options values={quarters} labelOf={(quarter) => quarter} />
          </Select>
        </Field>
      )}
      <fieldset className={styles.fieldset}>
        <legend className={layout.h3}>
          {t('questionsLegend', { min: PULSE_QUESTIONS_MIN, max: PULSE_QUESTIONS_MAX })}
        </legend>
        <p className={layout.muted}>{t('questionsHint')}</p>
        {locked ? (
          <>
            <p className={layout.muted} data-testid="pulse-questions-locked">
              {t('locked')}
            </p>
            <ol className={styles.list}>
              {fields.questions.map((question, index) => (
                <li key={index}>
                  {question.ja} / {question.en}
                </li>
              ))}
            </ol>
          </>
        ) : (
          <EditableList
            items={fields.questions}
            onChange={(questions) => set('questions', questions)}
            blank={blankQuestion}
            max={PULSE_QUESTIONS_MAX}
            removeText={t('removeQuestion')}
            removeLabel={(index) => t('removeQuestionLabel', { n: index + 1 })}
            addText={t('addQuestion')}
            testId="pulse-questions"
            addTestId="pulse-question-add"
          >
            {(question, index) => (
              <QuestionFields
                label={t('questionRow', { n: index + 1 })}
                question={question}
                onChange={(patch) => changeQuestion(index, patch)}
                testId={`pulse-question-${index + 1}`}
              />
            )}
          </EditableList>
        )}
      </fieldset>
      <Checkbox
        checked={fields.askFreeText}
        disabled={locked}
        onChange={(_, data) => set('askFreeText', data.checked === true)}
        label={t('freeTextAsk')}
        data-testid="pulse-free-text-ask"
      />
      {fields.askFreeText ? (
        <fieldset className={styles.fieldset}>
          <legend className={layout.h3}>{t('freeTextLegend')}</legend>
          <QuestionFields
            label={t('freeTextLegend')}
            question={fields.freeText}
            disabled={locked}
            onChange={(patch) => set('freeText', { ...fields.freeText, ...patch })}
            testId="pulse-free-text"
          />
        </fieldset>
      ) : null}
      <div className={styles.days}>
        <Field label={t('opensOn')} required hint={t('daysHint')}>
          <DateInput
            value={fields.opensOn}
            onChange={(_, data) => set('opensOn', data.value)}
            data-testid="pulse-opens-on"
          />
        </Field>
        <Field label={t('closesOn')} required>
          <DateInput
            value={fields.closesOn}
            onChange={(_, data) => set('closesOn', data.value)}
            data-testid="pulse-closes-on"
          />
        </Field>
      </div>
      {refusal?.kind === 'version' ? (
        <PulseConflict
          testId="pulse"
          onReload={() => {
            void queryClient.resetQueries({ queryKey: queryKeys.hrPulses });
            onCancel();
          }}
        />
      ) : null}
      {refusal?.kind === 'locked' ? (
        <SaveErrorBar title={t('saveFailed')} error={refusal.error} testId="pulse-locked" multiline>
          {` ${t('lockedRefused')}`}
        </SaveErrorBar>
      ) : null}
      {refusal?.kind === 'other' ? (
        <SaveErrorBar title={t('saveFailed')} error={refusal.error} testId="pulse-save-error" multiline>
          <ErrorDetails error={refusal.error} />
        </SaveErrorBar>
      ) : null}
      <FormFooter
        busy={mutation.isPending}
        submitText={pulse ? t('save') : t('create')}
        busyText={pulse ? t('saving') : t('creating')}
        cancelText={t('cancel')}
        onCancel={onCancel}
        testId="pulse-save"
      />
    </StackForm>
  );
}

/** A question's Japanese and English text. */
function QuestionFields({
  label,
  question,
  disabled = false,
  onChange,
  testId,
}: {
  label: string;
  question: PulseQuestion;
  disabled?: boolean;
  onChange: (patch: Partial<PulseQuestion>) => void;
  testId: string;
}) {
  const { t } = useTranslation('pulse');
  const styles = useStyles();
  return (
    <div className={styles.question}>
      {(['ja', 'en'] as const).map((language) => (
        <Field key={language} label={t('inLanguage', { label, language: t(language) })} required>
          <Input
            value={question[language]}
            maxLength={PULSE_QUESTION_MAX}
            disabled={disabled}
            onChange={(_, data) => onChange({ [language]: data.value })}
            data-testid={`${testId}-${language}`}
          />
        </Field>
      ))}
    </div>
  );
}
