// The evaluation form (docs/evaluation.md): one row per ● item of the person's level and per goal of the
// year. The 1次 rates and comments, saves drafts and submits; the 2次 sees the 1次's rating beside each
// item, adjusts some with a required reason and confirms. A stale version (409) keeps what was typed;
// after confirmation, and for anyone else, the form is read only.
import { Button, Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EVALUATION_COMMENT_MAX,
  evaluationFirstInputSchema,
  evaluationSecondInputSchema,
  type EvaluationConfig,
  type EvaluationItemView,
  type EvaluationView,
} from '../../../src/evaluation/evaluation.contract.ts';
import { ApiError, isVersionConflict, type ApiClient } from '../api/client.ts';
import { FormCheckError, useCheckedBody } from '../data/form-check.ts';
import { queryKeys } from '../data/queries.ts';
import { ConflictBar } from '../shell/conflict-bar.tsx';
import { formatInstant } from '../shell/date-time.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { Options } from '../shell/options.tsx';
import { ErrorDetails, SaveErrorBar } from '../shell/save-error-bar.tsx';
import { StackForm } from '../shell/stack-form.tsx';
import { plainList } from '../shell/style-fragments.ts';
import { TextareaField } from '../shell/textarea-field.tsx';
import { useUnsavedChanges } from '../shell/unsaved-changes.tsx';
import { useScaleLabel } from './evaluation-queries.ts';

const useStyles = makeStyles({
  items: { ...plainList, gap: '12px' },
  item: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '12px',
    margin: 0,
    minWidth: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: '8px',
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: '0 4px', overflowWrap: 'anywhere' },
  text: { margin: 0, whiteSpace: 'pre-line', overflowWrap: 'anywhere' },
  full: { width: '100%', minWidth: 0 },
  select: { maxWidth: '320px', minWidth: 0 },
});

type Key = `${EvaluationItemView['kind']}:${string}`;
const keyOf = (item: Pick<EvaluationItemView, 'kind' | 'itemId'>): Key => `${item.kind}:${item.itemId}`;

/** What the form holds per item: the 1次's rating and comment, or the 2次's adjustment and reason. */
type Entry = { rating: string; text: string };
type Form = Record<Key, Entry>;

const firstFormOf = (view: EvaluationView): Form =>
  Object.fromEntries(
    view.items.map((item) => [keyOf(item), { rating: item.firstRating ?? '', text: item.firstComment }]),
  );
const secondFormOf = (view: EvaluationView): Form =>
  Object.fromEntries(
    view.items.map((item) => [
      keyOf(item),
      { rating: item.adjustedRating ?? '', text: item.adjustReason ?? '' },
    ]),
  );

/** Which stage the caller may write now, if any. */
export function writableStage(view: EvaluationView): 'first' | 'second' | null {
  if (view.role === 'first' && (view.status === 'notStarted' || view.status === 'draft')) return 'first';
  if (view.role === 'second' && view.status === 'submitted') return 'second';
  return null;
}

type Action = 'save' | 'finish';
type Notice =
  | { kind: 'done'; action: Action }
  | { kind: 'conflict' }
  | { kind: 'error'; error: unknown }
  | { kind: 'reasons' };

export function EvaluationForm({
  api,
  initial,
  config,
  itemLabel,
  onReload,
}: {
  api: ApiClient;
  initial: EvaluationView;
  config: EvaluationConfig;
  itemLabel: (item: EvaluationItemView) => string;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation('evaluation');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(initial);
  const stage = writableStage(saved);
  const formOf = stage === 'second' ? secondFormOf : firstFormOf;
  const [form, setForm] = useState<Form>(() => formOf(initial));
  const [notice, setNotice] = useState<Notice>();
  const dirty = useMemo(
    () => stage !== null && JSON.stringify(form) !== JSON.stringify(formOf(saved)),
    [form, saved, stage, formOf],
  );
  useUnsavedChanges(dirty);

  const params = { personId: saved.personId, fiscalYear: String(saved.fiscalYear) };
  const keep = (view: EvaluationView) => {
    queryClient.setQueryData(queryKeys.evaluation(view.personId, view.fiscalYear), view);
    setSaved(view);
  };
  // The items rated on screen, in the order the body lists them (a refused row is named by its item).
  const rated = saved.items.filter((item) => (form[keyOf(item)]?.rating ?? '') !== '');
  const rows = () =>
    rated.map((item) => ({ kind: item.kind, itemId: item.itemId, entry: form[keyOf(item)]! }));
  // Checked first with the server's schema: a refusal is thrown as the server's 400 would be.
  const checked = useCheckedBody();
  const mutation = useMutation({
    mutationFn: async (action: Action) => {
      // Saving first means what is on screen is what gets submitted or confirmed.
      const written =
        stage === 'first'
          ? await api.call('PUT /api/people/:personId/evaluations/:fiscalYear/first', {
              params,
              body: checked(evaluationFirstInputSchema, {
                version: saved.version,
                ratings: rows().map(({ kind, itemId, entry }) => ({
                  kind,
                  itemId,
                  rating: entry.rating,
                  comment: entry.text,
                })),
              }),
            })
          : await api.call('PUT /api/people/:personId/evaluations/:fiscalYear/second', {
              params,
              body: checked(evaluationSecondInputSchema, {
                version: saved.version,
                adjustments: rows().map(({ kind, itemId, entry }) => ({
                  kind,
                  itemId,
                  rating: entry.rating,
                  reason: entry.text,
                })),
              }),
            });
      keep(written);
      if (action === 'save') return written;
      return api.call(
        stage === 'first'
          ? 'POST /api/people/:personId/evaluations/:fiscalYear/submit'
          : 'POST /api/people/:personId/evaluations/:fiscalYear/confirm',
        { params, body: { version: written.version } },
      );
    },
    onMutate: () => setNotice(undefined),
    onSuccess: (view, action) => {
      keep(view);
      setForm((writableStage(view) === 'second' ? secondFormOf : firstFormOf)(view));
      setNotice({ kind: 'done', action });
      // The list shows where each evaluation stands.
      void queryClient.invalidateQueries({ queryKey: queryKeys.evaluatees(view.fiscalYear) });
    },
    onError: (error) => setNotice(isVersionConflict(error) ? { kind: 'conflict' } : { kind: 'error', error }),
  });

  const missingReason = (item: EvaluationItemView) => {
    const entry = form[keyOf(item)];
    return stage === 'second' && entry !== undefined && entry.rating !== '' && entry.text.trim() === '';
  };
  const run = (action: Action) => {
    if (saved.items.some(missingReason)) setNotice({ kind: 'reasons' });
    else mutation.mutate(action);
  };
  const change = (item: EvaluationItemView, patch: Partial<Entry>) => {
    setForm((current) => ({
      ...current,
      [keyOf(item)]: { ...(current[keyOf(item)] ?? { rating: '', text: '' }), ...patch },
    }));
    setNotice((current) => (current?.kind === 'done' ? undefined : current));
  };

  const groups = (['competency', 'goal'] as const).map((kind) => ({
    kind,
    items: saved.items.filter((item) => item.kind === kind),
  }));
  return (
    <StackForm
      noValidate
      onSubmit={() => run('save')}
      testId="evaluation-form"
      data-status={saved.status}
      data-version={saved.version}
    >
      {saved.items.length === 0 ? <p className={layout.muted}>{t('noItems')}</p> : null}
      {groups.map(({ kind, items }) =>
        items.length === 0 ? null : (
          <div key={kind}>
            <h3 className={layout.h3}>{t(kind === 'competency' ? 'competencies' : 'goals')}</h3>
            <ul className={styles.items}>
              {items.map((item) => (
                <li key={keyOf(item)}>
                  <ItemRow
                    item={item}
                    label={itemLabel(item)}
                    stage={stage}
                    config={config}
                    entry={form[keyOf(item)] ?? { rating: '', text: '' }}
                    missingReason={notice?.kind === 'reasons' && missingReason(item)}
                    onChange={(patch) => change(item, patch)}
                  />
                </li>
              ))}
            </ul>
          </div>
        ),
      )}
      <FormNotice notice={notice} saved={saved} rated={rated} itemLabel={itemLabel} onReload={onReload} />
      {stage === null ? (
        <p className={layout.muted} data-testid="evaluation-read-only">
          {saved.status === 'confirmed'
            ? t('readOnlyConfirmed')
            : saved.role === 'second' && saved.status !== 'submitted'
              ? t('waitingFirst')
              : saved.role === 'first' && saved.status === 'submitted'
                ? t('waitingSecond')
                : t('readOnly')}
          {saved.confirmedAt
            ? ` ${t('resultConfirmedAt', { at: formatInstant(saved.confirmedAt, i18n.language) })}`
            : ''}
        </p>
      ) : (
        <>
          <p className={layout.muted} style={{ margin: 0 }}>
            {t(stage === 'first' ? 'submitHint' : 'confirmHint')}
          </p>
          <div className={layout.saveBar}>
            <Button type="submit" disabled={mutation.isPending} data-testid="evaluation-save">
              {mutation.isPending ? t('saving') : t(stage === 'first' ? 'saveDraft' : 'saveAdjustments')}
            </Button>
            <Button
              appearance="primary"
              disabled={mutation.isPending}
              onClick={() => run('finish')}
              data-testid={stage === 'first' ? 'evaluation-submit' : 'evaluation-confirm'}
            >
              {t(stage === 'first' ? 'submit' : 'confirm')}
            </Button>
          </div>
        </>
      )}
    </StackForm>
  );
}

function ItemRow({
  item,
  label,
  stage,
  config,
  entry,
  missingReason,
  onChange,
}: {
  item: EvaluationItemView;
  label: string;
  stage: 'first' | 'second' | null;
  config: EvaluationConfig;
  entry: Entry;
  missingReason: boolean;
  onChange: (patch: Partial<Entry>) => void;
}) {
  const { t } = useTranslation('evaluation');
  const styles = useStyles();
  const layout = useLayoutStyles();
  const scaleLabel = useScaleLabel(config);
  const ids = config.scale.map((entry) => entry.id);
  const testId = `evaluation-item-${item.kind}-${item.itemId}`;
  const choice = { entry, ids, scaleLabel, onChange };
  return (
    <fieldset className={styles.item} data-testid={testId}>
      <legend className={styles.legend}>{label}</legend>
      {stage === 'first' ? (
        <ScaleChoice
          {...choice}
          selectLabel={t('rating')}
          noneText={t('ratingNone')}
          selectTestId="evaluation-rating"
          textLabel={t('comment')}
          textTestId="evaluation-comment"
        />
      ) : (
        <FirstRating item={item} scaleLabel={scaleLabel} adjusting={stage === 'second'} />
      )}
      {stage === 'second' ? (
        // The reason is asked for once an adjustment is chosen, and required.
        <ScaleChoice
          {...choice}
          selectLabel={t('adjusted')}
          noneText={t('adjustNone')}
          selectTestId="evaluation-adjust"
          textLabel={t('reason')}
          textTestId="evaluation-reason"
          textRequired
          {...(missingReason ? { textError: t('reasonRequired') } : {})}
        />
      ) : null}
      {stage === null && item.adjustReason ? (
        <p className={`${styles.text} ${layout.muted}`} data-testid="evaluation-adjust-reason">
          {t('reason')}: {item.adjustReason}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A scale entry to choose (or none) and its text: the 1次's rating and comment, the 2次's adjustment and reason. */
function ScaleChoice({
  entry,
  ids,
  scaleLabel,
  onChange,
  selectLabel,
  noneText,
  selectTestId,
  textLabel,
  textTestId,
  textRequired = false,
  textError,
}: {
  entry: Entry;
  ids: string[];
  scaleLabel: (id: string | null) => string;
  onChange: (patch: Partial<Entry>) => void;
  selectLabel: string;
  noneText: string;
  selectTestId: string;
  textLabel: string;
  textTestId: string;
  /** A required text shows only once a rating is chosen. */
  textRequired?: boolean;
  textError?: string;
}) {
  const styles = useStyles();
  return (
    <>
      <Field label={selectLabel}>
        <Select
          className={styles.select}
          value={entry.rating}
          onChange={(_, data) => onChange({ rating: data.value })}
          data-testid={selectTestId}
        >
          <option value="">{noneText}</option>
          <Options values={ids} labelOf={scaleLabel} />
        </Select>
      </Field>
      {!textRequired || entry.rating !== '' ? (
        <TextareaField
          label={textLabel}
          required={textRequired}
          inputClassName={styles.full}
          value={entry.text}
          maxLength={EVALUATION_COMMENT_MAX}
          resize="vertical"
          rows={2}
          onChange={(value) => onChange({ text: value })}
          testId={textTestId}
          {...(textError ? { validationState: 'error' as const, validationMessage: textError } : {})}
        />
      ) : null}
    </>
  );
}

/** The 1次's rating and comment as text: beside the 2次's adjustment, or the whole row once read only. */
function FirstRating({
  item,
  scaleLabel,
  adjusting,
}: {
  item: EvaluationItemView;
  scaleLabel: (id: string | null) => string;
  adjusting: boolean;
}) {
  const { t } = useTranslation('evaluation');
  const styles = useStyles();
  const adjusted = !adjusting && item.adjustedRating !== null;
  return (
    <>
      <p className={styles.text} data-testid={adjusting ? 'evaluation-first-rating' : 'evaluation-final'}>
        {adjusting
          ? `${t('firstRating')}: ${scaleLabel(item.firstRating)}`
          : `${t('finalRating')}: ${scaleLabel(item.finalRating)}${
              adjusted ? `（${t('adjustedFrom', { first: scaleLabel(item.firstRating) })}）` : ''
            }`}
      </p>
      {item.firstComment ? (
        <p className={styles.text}>
          {t('firstComment')}: {item.firstComment}
        </p>
      ) : null}
    </>
  );
}

function FormNotice({
  notice,
  saved,
  rated,
  itemLabel,
  onReload,
}: {
  notice: Notice | undefined;
  saved: EvaluationView;
  /** The items rated on screen, in the order the body lists them. */
  rated: EvaluationItemView[];
  itemLabel: (item: EvaluationItemView) => string;
  onReload: () => void;
}) {
  const { t } = useTranslation('evaluation');
  if (notice === undefined) return null;
  if (notice.kind === 'done')
    return (
      <p role="status" data-testid="evaluation-notice">
        {notice.action === 'save' ? t('saved') : t(saved.status === 'confirmed' ? 'confirmed' : 'submitted')}
      </p>
    );
  if (notice.kind === 'reasons')
    return (
      <p role="alert" data-testid="evaluation-reasons" style={{ color: tokens.colorPaletteRedForeground1 }}>
        {t('reasonRequired')}
      </p>
    );
  if (notice.kind === 'conflict')
    return (
      <ConflictBar title={t('conflictTitle')} body={t('conflictBody')} testId="evaluation-conflict" multiline>
        <Button onClick={onReload} data-testid="evaluation-reload">
          {t('reload')}
        </Button>
      </ConflictBar>
    );
  // The server names the items it found unrated ("competency planning is not rated"): name them as the form does.
  const unrated =
    notice.error instanceof ApiError
      ? notice.error.details.flatMap((detail) => {
          const match = /^(competency|goal) (\S+) is not rated$/.exec(detail.message);
          const item =
            match && saved.items.find((entry) => entry.kind === match[1] && entry.itemId === match[2]);
          return item ? [itemLabel(item)] : [];
        })
      : [];
  return (
    <SaveErrorBar title={t('saveFailed')} error={notice.error} testId="evaluation-error" multiline>
      {unrated.length > 0 ? (
        <span data-testid="evaluation-unrated">
          {' '}
          {t('unrated', { items: unrated.join(t('listSeparator')) })}
        </span>
      ) : null}
      {/* What the schema refused before sending: `body.ratings.2.comment` under the third rated item. */}
      {notice.error instanceof FormCheckError ? (
        <ErrorDetails
          error={notice.error}
          labelOf={(path) => {
            const item = rated[Number(path.split('.')[2])];
            return item ? itemLabel(item) : path;
          }}
        />
      ) : null}
    </SaveErrorBar>
  );
}
