import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import {
  EVIDENCE_MAX,
  RATING_MAX,
  RATING_MIN,
  REFLECTION_MAX,
  type SelfCheckHistoryResponse,
  type SelfCheckResponse,
} from '../../../src/growth/self-check.contract.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import { apiQuery, queryKeys, useFramework } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import type { PageProps } from '../shell/app.tsx';
import { Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { GrowthChart } from './growth-chart.tsx';
import messages from './messages.ts';
import { currentPeriod, partsOf, periodChoices } from './periods.ts';
import { useErrorText } from '../shell/error-text.ts';
import { useUnsavedChanges } from '../shell/unsaved-changes.tsx';

registerBundle('selfCheck', messages);

const SCALE = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, index) => RATING_MIN + index);

/** What the person is typing: a rating may still be missing while its evidence is being written. */
interface Form {
  ratings: Record<string, { rating: number | null; evidence: string }>;
  reflections: Record<string, string>;
}

const useStyles = makeStyles({
  item: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: '12px',
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    minWidth: 0,
  },
  itemHeading: { fontSize: tokens.fontSizeBase400, margin: 0 },
  mark: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: '4px',
    marginLeft: '8px',
    padding: '0 8px',
    borderRadius: tokens.borderRadiusCircular,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
    whiteSpace: 'nowrap',
  },
  scale: { display: 'flex', flexWrap: 'wrap', columnGap: '4px' },
  scaleList: { margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px' },
  scaleTerm: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  scaleDesc: { margin: 0 },
  readValue: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  feedback: {
    borderLeft: `4px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    padding: '8px 12px',
  },
  feedbackHeading: { fontSize: tokens.fontSizeBase300, margin: '0 0 4px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  missingList: { margin: '4px 0 0', paddingLeft: '20px' },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  textarea: { width: '100%' },
  // A native select is as wide as its longest option; on a phone it must shrink to the screen.
  picker: { width: '100%', maxWidth: '520px', minWidth: 0 },
  pickerSelect: { width: '100%', minWidth: 0 },
});

function formOf(selfCheck: SelfCheckResponse): Form {
  return {
    ratings: Object.fromEntries(
      selfCheck.items.map((item) => {
        const saved = selfCheck.ratings[item.competencyId];
        return [item.competencyId, { rating: saved?.rating ?? null, evidence: saved?.evidence ?? '' }];
      }),
    ),
    reflections: { ...selfCheck.reflections },
  };
}

function formatInstant(instant: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-US' : 'ja-JP', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(instant));
}

function usePeriodLabels() {
  const { t } = useTranslation('selfCheck');
  return useMemo(
    () => ({
      full: (period: string) => {
        const parts = partsOf(period);
        return parts ? t('periodLabel', { year: parts.year, half: t(`half.${parts.half}`) }) : period;
      },
      short: (period: string) => {
        const parts = partsOf(period);
        return parts
          ? t('periodShort', {
              year: parts.year,
              short: String(parts.year).slice(2),
              half: t(`halfShort.${parts.half}`),
            })
          : period;
      },
    }),
    [t],
  );
}

export default function SelfCheckView({ api }: PageProps) {
  const { t } = useTranslation('selfCheck');
  const styles = useStyles();
  const layout = useLayoutStyles();
  const labels = usePeriodLabels();
  const current = useMemo(() => currentPeriod(), []);
  const [selected, setSelected] = useState(current);
  const framework = useFramework(api);
  const history = useQuery(
    apiQuery<SelfCheckHistoryResponse>(api, queryKeys.mySelfChecks, '/api/people/me/self-checks'),
  );
  const queryClient = useQueryClient();
  // A saved self-check changes the history: it is asked for again (and the chart follows).
  const loadHistory = () => void queryClient.invalidateQueries({ queryKey: queryKeys.mySelfChecks });

  const saved = history.data?.periods ?? [];
  const choices = periodChoices(
    current,
    saved.map((entry) => entry.period),
  );
  const statusOf = (period: string) => saved.find((entry) => entry.period === period)?.status ?? 'new';

  return (
    <Page title={t('title')} testId="self-check">
      <p className={layout.muted}>{t('intro')}</p>
      <QueryState query={framework}>
        {(framework) => (
          <>
            <Field label={t('period')}>
              <Select
                className={styles.picker}
                select={{ className: styles.pickerSelect }}
                value={selected}
                onChange={(_, data) => setSelected(data.value)}
                data-testid="period-picker"
              >
                {choices.map((period) => (
                  <option key={period} value={period}>
                    {`${labels.full(period)}${period === current ? t('current') : ''} — ${t(`status.${statusOf(period)}`)}`}
                  </option>
                ))}
              </Select>
            </Field>
            <RatingScale />
            {/* The current half stays mounted while a past one is shown, so nothing typed is lost. */}
            <div hidden={selected !== current}>
              <PeriodSelfCheck
                key={current}
                api={api}
                framework={framework}
                period={current}
                onSaved={loadHistory}
              />
            </div>
            {selected !== current ? (
              <PeriodSelfCheck
                key={selected}
                api={api}
                framework={framework}
                period={selected}
                onSaved={loadHistory}
              />
            ) : null}
            <Section title={t('history')} id="self-check-history" testId="self-check-history">
              <p className={layout.muted}>{t('historyHint')}</p>
              <QueryState
                query={history}
                empty={<p data-testid="history-empty">{t('historyEmpty')}</p>}
                isEmpty={(value) => value.periods.length === 0}
              >
                {(value) => (
                  <GrowthChart
                    history={value}
                    framework={framework}
                    labelOf={labels.full}
                    shortLabelOf={labels.short}
                  />
                )}
              </QueryState>
            </Section>
          </>
        )}
      </QueryState>
    </Page>
  );
}

function RatingScale() {
  const { t } = useTranslation('selfCheck');
  const styles = useStyles();
  const layout = useLayoutStyles();
  return (
    <Section title={t('scale')} id="rating-scale" testId="rating-scale">
      <p className={layout.muted}>{t('scaleHint')}</p>
      <dl className={styles.scaleList}>
        {SCALE.map((value) => (
          <div key={value} style={{ display: 'contents' }}>
            <dt className={styles.scaleTerm}>{t('ratingOption', { value, label: t(`rating.${value}`) })}</dt>
            <dd className={styles.scaleDesc}>{t(`ratingMeaning.${value}`)}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

type Notice = { kind: 'saved'; version: number } | { kind: 'submitted' } | null;

/** One half's self-check, cached per period: the form below starts from the answer and keeps it current. */
function PeriodSelfCheck({
  api,
  framework,
  period,
  onSaved,
}: {
  api: ApiClient;
  framework: Framework;
  period: string;
  onSaved: () => void;
}) {
  const queryKey = queryKeys.mySelfCheck(period);
  const selfCheck = useQuery(
    apiQuery<SelfCheckResponse>(api, queryKey, `/api/people/me/self-checks/${period}`),
  );
  return (
    <QueryState query={selfCheck}>
      {(initial) => (
        <PeriodSelfCheckForm
          api={api}
          framework={framework}
          period={period}
          initial={initial}
          queryKey={queryKey}
          onSaved={onSaved}
        />
      )}
    </QueryState>
  );
}

function PeriodSelfCheckForm({
  api,
  framework,
  period,
  initial,
  queryKey,
  onSaved,
}: {
  api: ApiClient;
  framework: Framework;
  period: string;
  initial: SelfCheckResponse;
  queryKey: readonly unknown[];
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation('selfCheck');
  const errorText = useErrorText();
  const styles = useStyles();
  const layout = useLayoutStyles();
  const local = useLocalized();
  const labels = usePeriodLabels();
  const queryClient = useQueryClient();
  const [selfCheck, setSelfCheck] = useState(initial);
  const [form, setForm] = useState<Form>(() => formOf(initial));
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);
  const [busy, setBusy] = useState<'save' | 'submit' | 'reload' | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [needsRating, setNeedsRating] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  // Counts edits, so a save that finishes while the person keeps typing does not mark the form clean.
  const revision = useRef(0);
  // The submit button goes away on submitting: keyboard and screen-reader users land on the outcome.
  const readOnlyNote = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice?.kind === 'submitted') readOnlyNote.current?.focus();
  }, [notice]);
  const path = `/api/people/me/self-checks/${period}`;

  /** Keeps an answer of the server, here and in the cache (the period shows it when picked again). */
  const keep = (answer: SelfCheckResponse) => {
    setSelfCheck(answer);
    queryClient.setQueryData(queryKey, answer);
  };
  const adopt = (answer: SelfCheckResponse) => {
    keep(answer);
    setForm(formOf(answer));
    setDirty(false);
  };

  const editable = selfCheck.editable;
  const competencyOf = (id: string) => framework.competencies.find((competency) => competency.id === id);
  const nameOf = (id: string) => {
    const competency = competencyOf(id);
    return competency ? local(competency.name) : id;
  };

  const edit = (change: (previous: Form) => Form) => {
    revision.current += 1;
    setForm(change);
    setDirty(true);
    setNotice(null);
  };
  const setRating = (id: string, rating: number) => {
    edit((previous) => ({
      ...previous,
      ratings: { ...previous.ratings, [id]: { evidence: '', ...previous.ratings[id], rating } },
    }));
    setMissing((previous) => previous.filter((entry) => entry !== id));
    setNeedsRating((previous) => previous.filter((entry) => entry !== id));
  };
  const setEvidence = (id: string, evidence: string) =>
    edit((previous) => ({
      ...previous,
      ratings: { ...previous.ratings, [id]: { rating: null, ...previous.ratings[id], evidence } },
    }));
  const setReflection = (id: string, text: string) =>
    edit((previous) => ({ ...previous, reflections: { ...previous.reflections, [id]: text } }));

  const failed = (failure: unknown) => {
    if (failure instanceof ApiError && failure.code === 'version_conflict') setConflict(true);
    else setError(failure);
  };

  /** Saves the form as a draft; undefined when it could not (the form keeps what was typed). */
  const saveDraft = async (version: number): Promise<SelfCheckResponse | undefined> => {
    // The API stores evidence with its rating; evidence alone would be dropped, so ask for the rating.
    const unrated = Object.entries(form.ratings)
      .filter(([, entry]) => entry.rating === null && entry.evidence.trim() !== '')
      .map(([id]) => id);
    setNeedsRating(unrated);
    if (unrated.length > 0) {
      document.getElementById(`rating-${period}-${unrated[0]}`)?.querySelector('input')?.focus();
      return undefined;
    }
    const body = {
      version,
      ratings: Object.fromEntries(
        Object.entries(form.ratings).flatMap(([id, entry]) =>
          entry.rating === null ? [] : [[id, { rating: entry.rating, evidence: entry.evidence }]],
        ),
      ),
      reflections: Object.fromEntries(
        Object.entries(form.reflections).filter(([, text]) => text.trim() !== ''),
      ),
    };
    const startedAt = revision.current;
    try {
      const saved = await api.request<SelfCheckResponse>('PUT', path, body);
      keep(saved);
      if (revision.current === startedAt) setDirty(false);
      setConflict(false);
      onSaved();
      return saved;
    } catch (failure) {
      failed(failure);
      return undefined;
    }
  };

  const save = async (version = selfCheck.version) => {
    setBusy('save');
    setError(null);
    setNotice(null);
    const saved = await saveDraft(version);
    if (saved) setNotice({ kind: 'saved', version: saved.version });
    setBusy(null);
  };

  const askToSubmit = () => {
    setError(null);
    const unrated = selfCheck.items
      .map((item) => item.competencyId)
      .filter((id) => form.ratings[id]?.rating === null || form.ratings[id] === undefined);
    setMissing(unrated);
    if (unrated.length === 0) setConfirming(true);
  };

  const submit = async () => {
    setConfirming(false);
    setBusy('submit');
    setError(null);
    let version = selfCheck.version;
    if (dirty || selfCheck.status === 'new') {
      const saved = await saveDraft(version);
      if (!saved) {
        setBusy(null);
        return;
      }
      version = saved.version;
    }
    try {
      const submitted = await api.request<SelfCheckResponse>('POST', `${path}/submit`, { version });
      adopt(submitted);
      setNotice({ kind: 'submitted' });
      onSaved();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'unprocessable') {
        setMissing(failure.details.map((detail) => detail.path.replace(/^(body\.)?ratings\./, '')));
      } else failed(failure);
    }
    setBusy(null);
  };

  const reload = async () => {
    setBusy('reload');
    try {
      adopt(await api.request<SelfCheckResponse>('GET', path));
      setConflict(false);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
    setBusy(null);
  };

  /** Takes the newest version number and saves what is on this page over it. */
  const overwrite = async () => {
    setBusy('save');
    try {
      const latest = await api.request<SelfCheckResponse>('GET', path);
      if (!latest.editable) {
        // Submitted (or closed) meanwhile: nothing to save over; show it as it now is.
        adopt(latest);
        setConflict(false);
        setBusy(null);
        return;
      }
      setBusy(null);
      await save(latest.version);
    } catch (failure) {
      setError(failure);
      setBusy(null);
    }
  };

  const focusItem = (id: string) =>
    document.getElementById(`rating-${period}-${id}`)?.querySelector('input')?.focus();

  const groups = framework.competencyGroups
    .map((group) => ({
      group,
      items: selfCheck.items.filter((item) => competencyOf(item.competencyId)?.group === group.id),
    }))
    .filter((entry) => entry.items.length > 0);

  return (
    <div className={layout.stack} data-testid={`self-check-${period}`} data-status={selfCheck.status}>
      <p data-testid="self-check-status">
        <strong>{labels.full(period)}</strong> ·{' '}
        {t('statusLine', { status: t(`status.${selfCheck.status}`) })}
        {selfCheck.version > 0 ? ` · ${t('version', { version: selfCheck.version })}` : ''}
        {selfCheck.submittedAt
          ? ` · ${t('submittedAt', { at: formatInstant(selfCheck.submittedAt, i18n.language) })}`
          : ''}
      </p>
      {!editable ? (
        <MessageBar intent="info" data-testid="read-only" ref={readOnlyNote} tabIndex={-1}>
          <MessageBarBody>
            {selfCheck.status === 'submitted' ? t('readOnlySubmitted') : t('readOnlyPast')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {selfCheck.items.length === 0 ? (
        <MessageBar intent="warning" data-testid="no-level">
          <MessageBarBody>{t('noLevel')}</MessageBarBody>
        </MessageBar>
      ) : null}

      {groups.map(({ group, items }) => (
        <Section key={group.id} title={local(group.name)} id={`group-${period}-${group.id}`}>
          <p className={layout.muted}>{t('items', { count: items.length })}</p>
          <div className={layout.stack}>
            {items.map((item) => {
              const id = item.competencyId;
              const mark = framework.marks[item.mark];
              const entry = form.ratings[id] ?? { rating: null, evidence: '' };
              const feedback = selfCheck.feedback[id];
              const headingId = `item-${period}-${id}`;
              const name = nameOf(id);
              const ratingError = missing.includes(id)
                ? t('notRated')
                : needsRating.includes(id)
                  ? t('evidenceNeedsRating')
                  : undefined;
              return (
                <article
                  key={id}
                  className={styles.item}
                  aria-labelledby={headingId}
                  data-testid={`item-${id}`}
                  data-mark={item.mark}
                >
                  <h3 className={styles.itemHeading} id={headingId}>
                    {name}
                    <span className={styles.mark}>
                      <span aria-hidden="true">{mark.symbol}</span>
                      {local(mark.label)}
                    </span>
                  </h3>
                  <p className={layout.muted} style={{ margin: 0 }}>
                    {t(`markMeaning.${item.mark}`)}
                  </p>
                  {editable ? (
                    <>
                      <Field
                        label={{
                          children: (
                            <>
                              {t('ratingField')}
                              <span className={styles.visuallyHidden}>: {name}</span>
                            </>
                          ),
                        }}
                        required
                        validationState={ratingError ? 'error' : 'none'}
                        validationMessage={ratingError}
                      >
                        <RadioGroup
                          id={`rating-${period}-${id}`}
                          layout="horizontal"
                          className={styles.scale}
                          value={entry.rating === null ? '' : String(entry.rating)}
                          onChange={(_, data) => setRating(id, Number(data.value))}
                        >
                          {SCALE.map((value) => (
                            <Radio
                              key={value}
                              value={String(value)}
                              label={t('ratingOption', { value, label: t(`rating.${value}`) })}
                            />
                          ))}
                        </RadioGroup>
                      </Field>
                      <Field
                        label={{
                          children: (
                            <>
                              {t('evidence')}
                              <span className={styles.visuallyHidden}>: {name}</span>
                            </>
                          ),
                        }}
                        hint={t('count', { count: entry.evidence.length, max: EVIDENCE_MAX })}
                      >
                        <Textarea
                          className={styles.textarea}
                          value={entry.evidence}
                          maxLength={EVIDENCE_MAX}
                          resize="vertical"
                          onChange={(_, data) => setEvidence(id, data.value)}
                          data-testid={`evidence-${id}`}
                        />
                      </Field>
                    </>
                  ) : (
                    <>
                      <p className={styles.readValue} data-testid={`rating-${id}`}>
                        {entry.rating === null
                          ? t('notRated')
                          : t('ratingOption', { value: entry.rating, label: t(`rating.${entry.rating}`) })}
                      </p>
                      <p className={`${layout.preLine}`} style={{ margin: 0 }}>
                        {entry.evidence || <span className={layout.muted}>{t('evidenceEmpty')}</span>}
                      </p>
                    </>
                  )}
                  {feedback ? (
                    <div className={styles.feedback} data-testid={`feedback-${id}`}>
                      <h4 className={styles.feedbackHeading}>{t('feedback')}</h4>
                      <p className={layout.preLine} style={{ margin: 0 }}>
                        {feedback.comment}
                      </p>
                      <p className={layout.muted} style={{ margin: '4px 0 0' }}>
                        {formatInstant(feedback.at, i18n.language)}
                      </p>
                    </div>
                  ) : null}
                </article>
              );
            })}
          </div>
        </Section>
      ))}

      {selfCheck.items.length > 0 ? (
        <Section title={t('reflections')} id={`reflections-${period}`} testId="reflections">
          <p className={layout.muted}>{t('reflectionsHint')}</p>
          <div className={layout.stack}>
            {framework.guidelines.map((guideline) => {
              const text = form.reflections[guideline.id] ?? '';
              const label = `${guideline.letter}: ${guideline.name.en} — ${local(guideline.summary)}`;
              return editable ? (
                <Field
                  key={guideline.id}
                  label={label}
                  hint={t('count', { count: text.length, max: REFLECTION_MAX })}
                >
                  <Textarea
                    className={styles.textarea}
                    value={text}
                    maxLength={REFLECTION_MAX}
                    resize="vertical"
                    onChange={(_, data) => setReflection(guideline.id, data.value)}
                    data-testid={`reflection-${guideline.id}`}
                  />
                </Field>
              ) : (
                <div key={guideline.id} data-testid={`reflection-${guideline.id}`}>
                  <h3 className={layout.h3}>{label}</h3>
                  <p className={layout.preLine} style={{ margin: 0 }}>
                    {text || <span className={layout.muted}>{t('reflectionEmpty')}</span>}
                  </p>
                </div>
              );
            })}
          </div>
        </Section>
      ) : null}

      {conflict ? (
        <MessageBar intent="warning" role="alert" data-testid="version-conflict" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('conflictTitle')}</MessageBarTitle>
            {t('conflictBody')}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void reload()} disabled={busy !== null} data-testid="conflict-reload">
              {t('reload')}
            </Button>
            <Button
              onClick={() => void overwrite()}
              disabled={busy !== null}
              data-testid="conflict-overwrite"
            >
              {t('overwrite')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {error ? (
        <MessageBar intent="error" role="alert" data-testid="save-error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('errorTitle')}</MessageBarTitle>
            {`${errorText(error)} `}
            {t('errorKept')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {missing.length > 0 ? (
        <MessageBar intent="error" role="alert" data-testid="missing-ratings" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('missingTitle')}</MessageBarTitle>
            {t('missingBody', { count: missing.length })}
            <ul className={styles.missingList}>
              {missing.map((id) => (
                <li key={id}>
                  <Link as="button" onClick={() => focusItem(id)}>
                    {nameOf(id)}
                  </Link>
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {editable && selfCheck.items.length > 0 ? (
        <div className={styles.actions}>
          <Button onClick={() => void save()} disabled={busy !== null} data-testid="save-draft">
            {busy === 'save' ? t('saving') : t('save')}
          </Button>
          <Button appearance="primary" onClick={askToSubmit} disabled={busy !== null} data-testid="submit">
            {busy === 'submit' ? t('submitting') : t('submit')}
          </Button>
          <span role="status" data-testid="save-status">
            {notice?.kind === 'saved' ? t('saved', { version: notice.version }) : dirty ? t('unsaved') : ''}
          </span>
        </div>
      ) : (
        <span role="status" data-testid="save-status">
          {notice?.kind === 'submitted' ? t('submitted') : ''}
        </span>
      )}

      <Dialog open={confirming} onOpenChange={(_, data) => setConfirming(data.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('confirmTitle')}</DialogTitle>
            <DialogContent>{t('confirmBody')}</DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </Button>
              <Button appearance="primary" onClick={() => void submit()} data-testid="confirm-submit">
                {t('confirm')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
