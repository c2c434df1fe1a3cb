import {
  Button,
  Field,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import {
  GOAL_COMMENT_MAX,
  type GoalCommentInput,
  type GoalCommentStage,
  type GoalView,
} from '../../../src/growth/goal.contract.ts';
import {
  FEEDBACK_MAX,
  type SelfCheckFeedbackInput,
  type SelfCheckResponse,
} from '../../../src/growth/self-check.contract.ts';
import type { TeamResponse } from '../../../src/growth/team.contract.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import { CareerSummary } from '../career/career-summary.tsx';
import { formatDate, formatInstant } from '../career/format.ts';
import { queryKeys, routeQuery, useFramework } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { hrefOf } from '../shell/router.ts';
import { SelfCheckBadge } from './self-check-badge.tsx';
import { useErrorText } from '../shell/error-text.ts';
import { ConflictBar as SharedConflictBar } from '../shell/conflict-bar.tsx';
import { useGoalStage } from '../goals/goal-stage.ts';

const useStyles = makeStyles({
  items: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '16px' },
  item: {
    borderLeft: `4px solid ${tokens.colorBrandStroke1}`,
    paddingLeft: '12px',
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    minWidth: 0,
  },
  itemHead: { display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'baseline' },
  itemName: { fontWeight: tokens.fontWeightSemibold },
  given: {
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    padding: '4px 8px',
  },
  commentForm: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'end', marginTop: '8px' },
  grow: { flexGrow: 1, flexBasis: '220px', minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center', marginTop: '12px' },
});

export function TeamPerson({
  api,
  personId,
  team,
}: {
  api: ApiClient;
  personId: string;
  team: TeamResponse;
}) {
  const { t } = useTranslation('team');
  const layout = useLayoutStyles();
  const member = team.members.find((candidate) => candidate.id === personId);
  const [fiscalYear, half] = team.period.split('-H');

  const framework = useFramework(api);
  // Each part loads on its own: a refusal of one (403) leaves the others readable.
  const selfCheckKey = queryKeys.personSelfCheck(personId, team.period);
  const selfCheck = useQuery(
    routeQuery(api, selfCheckKey, 'GET /api/people/:personId/self-checks/:period', {
      params: { personId, period: team.period },
    }),
  );
  const goalsKey = queryKeys.personGoals(personId, team.fiscalYear);
  const goals = useQuery(
    routeQuery(api, goalsKey, 'GET /api/people/:personId/goals', {
      params: { personId },
      query: { fiscalYear: team.fiscalYear },
    }),
  );
  const career = useQuery(
    routeQuery(api, queryKeys.personCareer(personId), 'GET /api/people/:personId/career', {
      params: { personId },
    }),
  );
  const queryClient = useQueryClient();
  // After a conflict the part is read afresh from nothing: the form remounts with the newer answer.
  const reload = (queryKey: readonly unknown[]) => () => void queryClient.resetQueries({ queryKey });

  return (
    <Page
      title={member?.displayName ?? t('person')}
      testId="team"
      actions={
        <Link href={hrefOf('team')} data-testid="team-back">
          {t('back')}
        </Link>
      }
    >
      <div data-testid="team-person" data-person-id={personId} className={layout.stack}>
        {member ? (
          <p className={layout.muted}>{[member.jobTitle, member.department].filter(Boolean).join(' / ')}</p>
        ) : (
          <MessageBar intent="warning">
            <MessageBarBody>{t('notInTeam')}</MessageBarBody>
          </MessageBar>
        )}

        <Section
          title={t('selfCheckTitle', { year: fiscalYear, half: t(`half.${half}`) })}
          id="person-self-check"
          testId="person-self-check"
        >
          <QueryState query={selfCheck}>
            {(value) =>
              framework.data ? (
                // Not keyed by version: a saved answer keeps the notice; a reload remounts it afresh.
                <SelfCheckFeedback
                  api={api}
                  personId={personId}
                  selfCheck={value}
                  framework={framework.data}
                  queryKey={selfCheckKey}
                  onReload={reload(selfCheckKey)}
                />
              ) : (
                <QueryState query={framework}>{() => null}</QueryState>
              )
            }
          </QueryState>
        </Section>

        <Section title={t('goalsTitle', { year: team.fiscalYear })} id="person-goals" testId="person-goals">
          <QueryState query={goals}>
            {(value) =>
              value.length === 0 ? (
                <p className={layout.muted}>{t('noGoals')}</p>
              ) : (
                <GoalList
                  api={api}
                  personId={personId}
                  goals={value}
                  framework={framework.data}
                  queryKey={goalsKey}
                  onReload={reload(goalsKey)}
                />
              )
            }
          </QueryState>
        </Section>

        <Section title={t('careerTitle')} id="person-career" testId="person-career">
          <QueryState query={career}>{(value) => <CareerSummary career={value} />}</QueryState>
        </Section>
      </div>
    </Page>
  );
}

function ConflictBar({ onReload, testId }: { onReload: () => void; testId: string }) {
  const { t } = useTranslation('team');
  return (
    <SharedConflictBar title={t('conflictTitle')} body={t('conflictBody')} testId={testId}>
      <Button onClick={onReload}>{t('reload')}</Button>
    </SharedConflictBar>
  );
}

function FailureBar({ error }: { error: unknown }) {
  const { t } = useTranslation('team');
  const errorText = useErrorText();
  const details = error instanceof ApiError ? error.details : [];
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t('saveFailed')}</MessageBarTitle>
        {errorText(error)}
        {details.map((detail) => ` ${detail.path}: ${detail.message}`).join('')}
      </MessageBarBody>
    </MessageBar>
  );
}

type Notice = { kind: 'saved' } | { kind: 'conflict' } | { kind: 'error'; error: unknown } | undefined;

const noticeOf = (error: unknown): Notice =>
  error instanceof ApiError && error.code === 'version_conflict'
    ? { kind: 'conflict' }
    : { kind: 'error', error };

function SelfCheckFeedback({
  api,
  personId,
  selfCheck,
  framework,
  queryKey,
  onReload,
}: {
  api: ApiClient;
  personId: string;
  selfCheck: SelfCheckResponse;
  framework: Framework;
  queryKey: readonly unknown[];
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation('team');
  const local = useLocalized();
  const layout = useLayoutStyles();
  const styles = useStyles();
  // Boxes start empty: feedback already given shows above its box, and what is typed replaces it.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>();
  const submitted = selfCheck.status === 'submitted';
  const changed = Object.entries(drafts).filter(
    ([id, text]) => text.trim() !== '' && text.trim() !== (selfCheck.feedback[id]?.comment ?? ''),
  );
  const queryClient = useQueryClient();
  const feedback = useMutation({
    mutationFn: (body: SelfCheckFeedbackInput) =>
      api.call('PUT /api/people/:personId/self-checks/:period/feedback', {
        params: { personId, period: selfCheck.period },
        body,
      }),
    onMutate: () => setNotice(undefined),
    onSuccess: (response) => {
      queryClient.setQueryData(queryKey, response);
      // The team list shows who has had feedback.
      void queryClient.invalidateQueries({ queryKey: queryKeys.team });
      setDrafts({});
      setNotice({ kind: 'saved' });
    },
    // Stale version: keep what the supervisor typed until they choose to reload.
    onError: (error) => setNotice(noticeOf(error)),
  });
  const busy = feedback.isPending;
  const save = () =>
    feedback.mutate({
      version: selfCheck.version,
      feedback: Object.fromEntries(changed.map(([id, text]) => [id, text.trim()])),
    });

  const status = (
    <p>
      <SelfCheckBadge
        state={
          selfCheck.status === 'new'
            ? 'none'
            : selfCheck.status === 'draft'
              ? 'draft'
              : Object.keys(selfCheck.feedback).length > 0
                ? 'reviewed'
                : 'submitted'
        }
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
  if (selfCheck.items.length === 0) {
    return (
      <>
        {status}
        <p className={layout.muted}>{t('noItems')}</p>
      </>
    );
  }
  const reflections = framework.guidelines.filter((guideline) => selfCheck.reflections[guideline.id]?.trim());
  return (
    <>
      {status}
      <ol className={styles.items} data-testid="self-check-items">
        {selfCheck.items.map((item) => {
          const competency = framework.competencies.find((candidate) => candidate.id === item.competencyId);
          const name = competency ? local(competency.name) : item.competencyId;
          const rating = selfCheck.ratings[item.competencyId];
          const given = selfCheck.feedback[item.competencyId];
          return (
            <li key={item.competencyId} className={styles.item} data-testid={`item-${item.competencyId}`}>
              <div className={styles.itemHead}>
                <span className={styles.itemName}>{name}</span>
                <span className={layout.muted}>{t(`marks.${item.mark}`)}</span>
                <span data-testid="rating">
                  {t('rating')}: {rating ? t('ratingValue', { rating: rating.rating }) : t('notRated')}
                </span>
              </div>
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
              <Field label={t(given ? 'feedbackReplace' : 'feedback', { item: name })}>
                <Textarea
                  value={drafts[item.competencyId] ?? ''}
                  maxLength={FEEDBACK_MAX}
                  resize="vertical"
                  onChange={(_, data) => {
                    setDrafts((current) => ({ ...current, [item.competencyId]: data.value }));
                    setNotice((current) => (current?.kind === 'saved' ? undefined : current));
                  }}
                  data-testid="feedback-input"
                />
              </Field>
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
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={busy || changed.length === 0}
          onClick={() => void save()}
          data-testid="feedback-save"
        >
          {t('saveFeedback')}
        </Button>
        <span role="status" className={layout.muted} data-testid="feedback-notice">
          {notice?.kind === 'saved' ? t('feedbackSaved') : ''}
        </span>
      </div>
    </>
  );
}

function GoalList({
  api,
  personId,
  goals,
  framework,
  queryKey,
  onReload,
}: {
  api: ApiClient;
  personId: string;
  goals: GoalView[];
  framework: Framework | undefined;
  queryKey: readonly unknown[];
  onReload: () => void;
}) {
  const styles = useStyles();
  return (
    <ol className={styles.items} data-testid="goal-list">
      {goals.map((goal) => (
        <GoalItem
          key={goal.id}
          api={api}
          personId={personId}
          goal={goal}
          framework={framework}
          queryKey={queryKey}
          onReload={onReload}
        />
      ))}
    </ol>
  );
}

function GoalItem({
  api,
  personId,
  goal,
  framework,
  queryKey,
  onReload,
}: {
  api: ApiClient;
  personId: string;
  goal: GoalView;
  framework: Framework | undefined;
  queryKey: readonly unknown[];
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation('team');
  const local = useLocalized();
  const layout = useLayoutStyles();
  const styles = useStyles();
  // The stage HR has open (src/cycles), not a guess from the month; the supervisor may pick another.
  const openStage = useGoalStage(api, goal.fiscalYear).stage?.open?.stage;
  const [chosen, setStage] = useState<GoalCommentStage | null>(null);
  const stage = chosen ?? openStage ?? 'setting';
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const latest = goal.progress.at(-1);
  const competencies = (goal.competencyIds ?? [])
    .map((id) => framework?.competencies.find((candidate) => candidate.id === id))
    .filter((competency) => competency !== undefined)
    .map((competency) => local(competency.name));

  const queryClient = useQueryClient();
  const commenting = useMutation({
    mutationFn: (body: GoalCommentInput) =>
      api.call('POST /api/people/:personId/goals/:goalId/comments', {
        params: { personId, goalId: goal.id },
        body,
      }),
    onMutate: () => setNotice(undefined),
    onSuccess: (updated) => {
      setText('');
      queryClient.setQueryData<GoalView[]>(queryKey, (previous) =>
        previous?.map((old) => (old.id === updated.id ? updated : old)),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.team });
      setNotice({ kind: 'saved' });
    },
    onError: (error) => setNotice(noticeOf(error)),
  });
  const busy = commenting.isPending;
  const comment = () => commenting.mutate({ version: goal.version, stage, text: text.trim() });

  return (
    <li className={styles.item} data-testid={`goal-${goal.id}`}>
      <div className={styles.itemHead}>
        <span className={styles.itemName} data-testid="goal-title">
          {goal.title}
        </span>
        <span className={layout.muted}>{t('due', { date: formatDate(goal.dueDate, i18n.language) })}</span>
        <span>{latest ? t('progress', { percent: latest.percent }) : t('noProgress')}</span>
      </div>
      {goal.successCriteria?.trim() ? (
        <div>
          <span className={layout.muted}>{t('successCriteria')}: </span>
          <span className={layout.preLine}>{goal.successCriteria}</span>
        </div>
      ) : null}
      {competencies.length > 0 ? <div className={layout.muted}>{competencies.join('、')}</div> : null}
      {goal.midReflection?.trim() ? (
        <div>
          <span className={layout.muted}>{t('midReflection')}: </span>
          <span className={layout.preLine}>{goal.midReflection}</span>
        </div>
      ) : null}
      {goal.yearEndReflection?.trim() ? (
        <div>
          <span className={layout.muted}>{t('yearEndReflection')}: </span>
          <span className={layout.preLine}>{goal.yearEndReflection}</span>
        </div>
      ) : null}
      <h3 className={layout.h3}>{t('comments')}</h3>
      {(goal.comments ?? []).length === 0 ? (
        <p className={layout.muted}>{t('noComments')}</p>
      ) : (
        <ul data-testid="goal-comments">
          {(goal.comments ?? []).map((entry, index) => (
            <li key={index}>
              <span className={layout.muted}>
                {t(`stage.${entry.stage}`)} · {formatInstant(entry.at, i18n.language)}:{' '}
              </span>
              <span className={layout.preLine}>{entry.text}</span>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.commentForm}>
        <Field label={t('stageLabel')}>
          <Select
            value={stage}
            onChange={(_, data) => setStage(data.value as GoalCommentStage)}
            data-testid="comment-stage"
          >
            {(['setting', 'mid', 'yearEnd'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`stage.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('commentLabel', { goal: goal.title })} className={styles.grow}>
          <Textarea
            value={text}
            maxLength={GOAL_COMMENT_MAX}
            resize="vertical"
            onChange={(_, data) => {
              setText(data.value);
              setNotice((current) => (current?.kind === 'saved' ? undefined : current));
            }}
            data-testid="comment-input"
          />
        </Field>
        <Button
          disabled={busy || text.trim() === ''}
          onClick={() => void comment()}
          data-testid="comment-save"
        >
          {t('addComment')}
        </Button>
      </div>
      {notice?.kind === 'conflict' ? <ConflictBar onReload={onReload} testId="comment-conflict" /> : null}
      {notice?.kind === 'error' ? <FailureBar error={notice.error} /> : null}
      <span role="status" className={layout.muted} data-testid="comment-notice">
        {notice?.kind === 'saved' ? t('commentSaved') : ''}
      </span>
    </li>
  );
}
