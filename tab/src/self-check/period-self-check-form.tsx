import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { SelfCheckDraftInput, SelfCheckResponse } from '../../../src/growth/self-check.contract.ts';
import { ApiError, isVersionConflict, type ApiClient } from '../api/client.ts';
import { formatInstant } from '../career/format.ts';
import { queryKeys } from '../data/queries.ts';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { CompetencyGuide, LevelRoles } from '../matrix/competency-guide.tsx';
import { MarkLegend } from '../matrix/mark-legend.tsx';
import { useUnsavedChanges } from '../shell/unsaved-changes.tsx';
import { MissingRatings, VersionConflict } from './form-messages.tsx';
import { KeptInputError } from '../shell/save-error-bar.tsx';
import { draftOf, formOf, unratedWithEvidence, type Form, type Notice } from './form.ts';
import { usePeriodLabels } from './period-labels.ts';
import { Reflections } from './reflections.tsx';
import { SelfCheckItem } from './self-check-item.tsx';
import { useStyles } from './styles.ts';
import { SubmitDialog } from './submit-dialog.tsx';

/** My self-check of one half: written while its period is open, read-only once submitted or closed. */
export function PeriodSelfCheckForm({
  api,
  framework,
  period,
  initial,
}: {
  api: ApiClient;
  framework: Framework;
  period: string;
  initial: SelfCheckResponse;
}) {
  const { t, i18n } = useTranslation('selfCheck');
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
  const params = { personId: 'me', period };

  /** Keeps an answer of the server, here and in the cache (the period shows it when picked again). */
  const keep = (answer: SelfCheckResponse) => {
    setSelfCheck(answer);
    queryClient.setQueryData(queryKeys.mySelfCheck(period), answer);
  };
  const adopt = (answer: SelfCheckResponse) => {
    keep(answer);
    setForm(formOf(answer));
    setDirty(false);
  };
  // A saved or submitted self-check changes the history: it is asked for again (and the chart follows).
  const historyChanged = () => void queryClient.invalidateQueries({ queryKey: queryKeys.mySelfChecks });

  const draft = useMutation({
    mutationFn: (body: SelfCheckDraftInput) =>
      api.call('PUT /api/people/:personId/self-checks/:period', { params, body }),
    onSuccess: (saved) => {
      keep(saved);
      setConflict(false);
      historyChanged();
    },
  });
  const submission = useMutation({
    mutationFn: (version: number) =>
      api.call('POST /api/people/:personId/self-checks/:period/submit', { params, body: { version } }),
    onSuccess: (submitted) => {
      adopt(submitted);
      setNotice({ kind: 'submitted' });
      historyChanged();
    },
  });
  const latest = () => api.call('GET /api/people/:personId/self-checks/:period', { params });

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
    if (isVersionConflict(failure)) setConflict(true);
    else setError(failure);
  };

  const focusItem = (id: string) =>
    document.getElementById(`rating-${period}-${id}`)?.querySelector('input')?.focus();

  /** Saves the form as a draft; undefined when it could not (the form keeps what was typed). */
  const saveDraft = async (version: number): Promise<SelfCheckResponse | undefined> => {
    // The API stores evidence with its rating; evidence alone would be dropped, so ask for the rating.
    const unrated = unratedWithEvidence(form);
    setNeedsRating(unrated);
    if (unrated.length > 0) {
      focusItem(unrated[0]!);
      return undefined;
    }
    const startedAt = revision.current;
    try {
      const saved = await draft.mutateAsync(draftOf(form, version));
      if (revision.current === startedAt) setDirty(false);
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
    if (saved) setNotice({ kind: 'saved' });
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
      await submission.mutateAsync(version);
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
      adopt(await latest());
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
      const newest = await latest();
      if (!newest.editable) {
        // Submitted (or closed) meanwhile: nothing to save over; show it as it now is.
        adopt(newest);
        setConflict(false);
        setBusy(null);
        return;
      }
      setBusy(null);
      await save(newest.version);
    } catch (failure) {
      setError(failure);
      setBusy(null);
    }
  };

  const rated = selfCheck.items.filter(
    (item) => (form.ratings[item.competencyId]?.rating ?? null) !== null,
  ).length;
  const emptyEvidence = selfCheck.items
    .filter((item) => !form.ratings[item.competencyId]?.evidence.trim())
    .map((item) => nameOf(item.competencyId));
  const emptyReflections = framework.guidelines
    .filter((guideline) => !form.reflections[guideline.id]?.trim())
    .map((guideline) => `${guideline.letter}: ${guideline.name.en}`);
  const levelId = selfCheck.levelId;
  const marksShown = [...new Set(selfCheck.items.map((item) => item.mark)), 'none' as const];
  const missingViewpoint = selfCheck.items.some((item) => !selfCheck.viewpoints[item.competencyId]);
  const feedbackCount = Object.keys(selfCheck.feedback).length;

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
      {selfCheck.status === 'submitted' ? (
        <p data-testid="feedback-status" data-complete={selfCheck.feedbackCompletedAt ? 'true' : 'false'}>
          {selfCheck.feedbackCompletedAt
            ? t('feedbackStatus.complete')
            : feedbackCount > 0
              ? t('feedbackStatus.inProgress', { count: feedbackCount, total: selfCheck.items.length })
              : t('feedbackStatus.waiting')}
        </p>
      ) : null}
      {levelId && selfCheck.items.length > 0 ? (
        <div className={layout.card} data-testid="self-check-guide">
          <LevelRoles framework={framework} levelId={levelId} open={missingViewpoint} />
          <p className={layout.muted}>{t('legendHint')}</p>
          <MarkLegend framework={framework} marks={marksShown} headingLevel={3} />
        </div>
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
              return (
                <SelfCheckItem
                  key={id}
                  period={period}
                  item={item}
                  mark={framework.marks[item.mark]}
                  name={nameOf(id)}
                  guide={
                    levelId ? (
                      <CompetencyGuide
                        framework={framework}
                        levelId={levelId}
                        competencyId={id}
                        viewpoint={selfCheck.viewpoints[id]}
                      />
                    ) : null
                  }
                  entry={form.ratings[id] ?? { rating: null, evidence: '' }}
                  feedback={selfCheck.feedback[id]}
                  followUps={selfCheck.followUps?.[id]}
                  editable={editable}
                  ratingError={
                    missing.includes(id)
                      ? t('notRated')
                      : needsRating.includes(id)
                        ? t('evidenceNeedsRating')
                        : undefined
                  }
                  onRating={(rating) => setRating(id, rating)}
                  onEvidence={(evidence) => setEvidence(id, evidence)}
                />
              );
            })}
          </div>
        </Section>
      ))}

      {selfCheck.items.length > 0 ? (
        <Reflections
          period={period}
          guidelines={framework.guidelines}
          reflections={form.reflections}
          editable={editable}
          onChange={setReflection}
        />
      ) : null}

      {conflict ? (
        <VersionConflict
          disabled={busy !== null}
          onReload={() => void reload()}
          onOverwrite={() => void overwrite()}
        />
      ) : null}
      {error ? <KeptInputError error={error} testId="save-error" /> : null}
      {missing.length > 0 ? <MissingRatings missing={missing} nameOf={nameOf} onFocus={focusItem} /> : null}

      {editable && selfCheck.items.length > 0 ? (
        <div className={styles.footer} data-testid="self-check-actions">
          <span className={styles.progress} data-testid="self-check-progress">
            {t('progress', { count: rated, total: selfCheck.items.length })}
          </span>
          <Button onClick={() => void save()} disabled={busy !== null} data-testid="save-draft">
            {busy === 'save' ? t('saving') : t('save')}
          </Button>
          <Button appearance="primary" onClick={askToSubmit} disabled={busy !== null} data-testid="submit">
            {busy === 'submit' ? t('submitting') : t('submit')}
          </Button>
          <span role="status" data-testid="save-status">
            {notice?.kind === 'saved' ? t('saved') : dirty ? t('unsaved') : ''}
          </span>
        </div>
      ) : (
        <span role="status" data-testid="save-status">
          {notice?.kind === 'submitted' ? t('submitted') : ''}
        </span>
      )}

      <SubmitDialog
        open={confirming}
        onOpenChange={setConfirming}
        onConfirm={() => void submit()}
        emptyEvidence={emptyEvidence}
        emptyReflections={emptyReflections}
      />
    </div>
  );
}
