import { Button } from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import {
  FEEDBACK_MAX,
  type SelfCheckFeedbackInput,
  type SelfCheckResponse,
} from '../../../src/growth/self-check.contract.ts';
import { formatInstant } from '../career/format.ts';
import { queryKeys } from '../data/queries.ts';
import { registerBundle } from '../i18n/i18n.ts';
import { CompetencyGuide, LevelRoles } from '../matrix/competency-guide.tsx';
import { MarkLabel, MarkLegend } from '../matrix/mark-legend.tsx';
import { useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { ConflictBar, FailureBar, noticeOf, type Notice } from './feedback-bars.tsx';
import messages from './messages.ts';
import type { PersonPart } from './person-part.ts';
import { SelfCheckBadge } from './self-check-badge.tsx';
import { useFeedbackStyles } from './styles.ts';
import { TextareaField } from '../shell/textarea-field.tsx';

// Also registered by the team page; here too, so the component stands on its own.
registerBundle('team', messages);

/**
 * A report's submitted self-check with a box per item for feedback. Comments per item are optional;
 * 「フィードバック済み」 follows the supervisor's explicit "complete" (server rule: self-check.service.ts).
 */
export function SelfCheckFeedback({
  api,
  personId,
  selfCheck,
  framework,
  queryKey,
  onReload,
}: PersonPart & {
  selfCheck: SelfCheckResponse;
  framework: Framework;
}) {
  const { t, i18n } = useTranslation('team');
  const local = useLocalized();
  const layout = useLayoutStyles();
  const styles = useFeedbackStyles();
  // Boxes start empty: feedback already given shows above its box, and what is typed replaces it.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice | { kind: 'completed' }>();
  const submitted = selfCheck.status === 'submitted';
  const changed = Object.entries(drafts).filter(
    ([id, text]) => text.trim() !== '' && text.trim() !== (selfCheck.feedback[id]?.comment ?? ''),
  );
  const queryClient = useQueryClient();
  const params = { personId, period: selfCheck.period };
  const adopt = (response: SelfCheckResponse) => {
    queryClient.setQueryData(queryKey, response);
    // The team list shows who has had feedback.
    void queryClient.invalidateQueries({ queryKey: queryKeys.team });
  };
  const feedback = useMutation({
    mutationFn: (body: SelfCheckFeedbackInput) =>
      api.call('PUT /api/people/:personId/self-checks/:period/feedback', { params, body }),
    onMutate: () => setNotice(undefined),
    onSuccess: (response) => {
      adopt(response);
      setDrafts({});
      setNotice({ kind: 'saved' });
    },
    // Stale version: keep what the supervisor typed until they choose to reload.
    onError: (error) => setNotice(noticeOf(error)),
  });
  const completion = useMutation({
    mutationFn: (version: number) =>
      api.call('POST /api/people/:personId/self-checks/:period/feedback/complete', {
        params,
        body: { version },
      }),
    onMutate: () => setNotice(undefined),
    onSuccess: (response) => {
      adopt(response);
      setNotice({ kind: 'completed' });
    },
    onError: (error) => setNotice(noticeOf(error)),
  });
  const busy = feedback.isPending || completion.isPending;
  const save = () =>
    feedback.mutate({
      version: selfCheck.version,
      feedback: Object.fromEntries(changed.map(([id, text]) => [id, text.trim()])),
    });
  /** Typed comments are saved first, so completing never drops them. */
  const complete = async () => {
    let version = selfCheck.version;
    if (changed.length > 0) {
      try {
        const saved = await feedback.mutateAsync({
          version,
          feedback: Object.fromEntries(changed.map(([id, text]) => [id, text.trim()])),
        });
        version = saved.version;
      } catch {
        return;
      }
    }
    completion.mutate(version);
  };

  const commented = Object.keys(selfCheck.feedback).length;
  const completedAt = selfCheck.feedbackCompletedAt;
  const complete_ = completedAt !== null;
  const status = (
    <p>
      <SelfCheckBadge
        state={
          selfCheck.status === 'new'
            ? 'none'
            : selfCheck.status === 'draft'
              ? 'draft'
              : complete_
                ? 'reviewed'
                : 'submitted'
        }
        progress={submitted && !complete_ ? { commented, items: selfCheck.items.length } : undefined}
      />{' '}
      {selfCheck.submittedAt ? (
        <span className={layout.muted}>
          {t('submittedAt', { at: formatInstant(selfCheck.submittedAt, i18n.language) })}
        </span>
      ) : null}
    </p>
  );
  if (!submitted) {
    return (
      <>
        {status}
        <p className={layout.muted} data-testid="self-check-not-submitted">
          {t('notSubmitted')}
        </p>
      </>
    );
  }
  if (selfCheck.items.length === 0 || !selfCheck.levelId) {
    return (
      <>
        {status}
        <p className={layout.muted}>{t('noItems')}</p>
      </>
    );
  }
  const levelId = selfCheck.levelId;
  const reflections = framework.guidelines.filter((guideline) => selfCheck.reflections[guideline.id]?.trim());
  const missingViewpoint = selfCheck.items.some((item) => !selfCheck.viewpoints[item.competencyId]);
  return (
    <>
      {status}
      <div className={styles.guide} data-testid="feedback-guide">
        <LevelRoles framework={framework} levelId={levelId} open={missingViewpoint} />
        <MarkLegend
          framework={framework}
          marks={[...new Set(selfCheck.items.map((item) => item.mark)), 'none']}
          headingLevel={3}
        />
      </div>
      <ol className={styles.items} data-testid="self-check-items">
        {selfCheck.items.map((item) => {
          const competency = framework.competencies.find((candidate) => candidate.id === item.competencyId);
          const name = competency ? local(competency.name) : item.competencyId;
          const mark = framework.marks[item.mark];
          const rating = selfCheck.ratings[item.competencyId];
          const given = selfCheck.feedback[item.competencyId];
          return (
            <li key={item.competencyId} className={styles.item} data-testid={`item-${item.competencyId}`}>
              <div className={styles.itemHead}>
                <span className={styles.itemName}>{name}</span>
                <MarkLabel mark={mark} className={layout.muted} />
                <span data-testid="rating">
                  {t('rating')}: {rating ? t('ratingValue', { rating: rating.rating }) : t('notRated')}
                </span>
              </div>
              <CompetencyGuide
                framework={framework}
                levelId={levelId}
                competencyId={item.competencyId}
                viewpoint={selfCheck.viewpoints[item.competencyId]}
              />
              {rating?.evidence.trim() ? (
                <div>
                  <span className={layout.muted}>{t('evidence')}: </span>
                  <span className={layout.preLine}>{rating.evidence}</span>
                </div>
              ) : null}
              {given ? (
                <div className={styles.given} data-testid="feedback-given">
                  <span className={layout.muted}>
                    {t('feedbackGiven', { at: formatInstant(given.at, i18n.language) })}:{' '}
                  </span>
                  <span className={layout.preLine}>{given.comment}</span>
                </div>
              ) : null}
              <TextareaField
                label={t(given ? 'feedbackReplace' : 'feedback', { item: name })}
                value={drafts[item.competencyId] ?? ''}
                maxLength={FEEDBACK_MAX}
                resize="vertical"
                onChange={(value) => {
                  setDrafts((current) => ({ ...current, [item.competencyId]: value }));
                  setNotice((current) => (current?.kind === 'saved' ? undefined : current));
                }}
                testId="feedback-input"
              />
            </li>
          );
        })}
      </ol>
      {reflections.length > 0 ? (
        <>
          <h3 className={layout.h3}>{t('reflections')}</h3>
          <ul>
            {reflections.map((guideline) => (
              <li key={guideline.id}>
                <strong>
                  {guideline.letter} {local(guideline.name)}
                </strong>
                : <span className={layout.preLine}>{selfCheck.reflections[guideline.id]}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {notice?.kind === 'conflict' ? <ConflictBar onReload={onReload} testId="feedback-conflict" /> : null}
      {notice?.kind === 'error' ? <FailureBar error={notice.error} /> : null}
      <p className={layout.muted} data-testid="feedback-progress">
        {complete_
          ? t('feedbackCompleteNote', {
              at: formatInstant(completedAt ?? '', i18n.language),
            })
          : t('feedbackProgress', { count: commented, total: selfCheck.items.length })}
      </p>
      <div className={styles.actions}>
        <Button
          appearance={complete_ ? 'primary' : 'secondary'}
          disabled={busy || changed.length === 0}
          onClick={() => void save()}
          data-testid="feedback-save"
        >
          {t('saveFeedback')}
        </Button>
        {complete_ ? null : (
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() => void complete()}
            data-testid="feedback-complete"
          >
            {t('completeFeedback')}
          </Button>
        )}
        <span role="status" className={layout.muted} data-testid="feedback-notice">
          {notice?.kind === 'saved'
            ? t('feedbackSaved')
            : notice?.kind === 'completed'
              ? t('feedbackCompleted')
              : ''}
        </span>
      </div>
    </>
  );
}
