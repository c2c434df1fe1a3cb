import { Button, Field, Link, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
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
import type { TeamResponse } from '../../../src/growth/team.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { CareerSummary } from '../career/career-summary.tsx';
import { formatDate, formatInstant } from '../career/format.ts';
import { queryKeys, routeQuery, useFramework } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { OrEmpty, Page, Section, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { hrefOf } from '../shell/router.ts';
import { ConflictBar, FailureBar, noticeOf, type Notice } from './feedback-bars.tsx';
import type { PersonPart } from './person-part.ts';
import { SelfCheckFeedback } from './self-check-feedback.tsx';
import { useFeedbackStyles } from './styles.ts';
import { useGoalStage } from '../goals/goal-stage.ts';
import { TextareaField } from '../shell/textarea-field.tsx';
import { Options } from '../shell/options.tsx';
import { DevelopmentLink } from './development-view.tsx';
import { OjtPanel } from '../ojt/ojt-panel.tsx';

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
  const partOf = (queryKey: readonly unknown[]): PersonPart => ({
    api,
    personId,
    queryKey,
    onReload: () => void queryClient.resetQueries({ queryKey }),
  });

  return (
    <Page
      title={member?.displayName ?? t('person')}
      testId="team"
      actions={
        <>
          <Link href={hrefOf('team')} data-testid="team-back">
            {t('back')}
          </Link>
          {/* Someone with reports of their own: their 育成 page, as their supervisor's supervisor sees it. */}
          {member && team.members.some((candidate) => candidate.managerId === personId) ? (
            <DevelopmentLink personId={personId} name={member.displayName} />
          ) : null}
        </>
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
                <SelfCheckFeedback {...partOf(selfCheckKey)} selfCheck={value} framework={framework.data} />
              ) : (
                <QueryState query={framework}>{() => null}</QueryState>
              )
            }
          </QueryState>
        </Section>

        <Section title={t('goalsTitle', { year: team.fiscalYear })} id="person-goals" testId="person-goals">
          <QueryState query={goals}>
            {(value) => (
              <OrEmpty empty={value.length === 0} text={t('noGoals')}>
                <GoalList {...partOf(goalsKey)} goals={value} framework={framework.data} />
              </OrEmpty>
            )}
          </QueryState>
        </Section>

        <Section title={t('careerTitle')} id="person-career" testId="person-career">
          <QueryState query={career}>{(value) => <CareerSummary career={value} />}</QueryState>
        </Section>

        <Section title={t('ojtTitle')} id="person-ojt" testId="person-ojt">
          <OjtPanel
            api={api}
            personId={personId}
            candidates={team.members.map(({ id, displayName }) => ({ id, displayName }))}
          />
        </Section>
      </div>
    </Page>
  );
}

/** Every goal is answered within the same part: each item gets the list's person, query and reload. */
function GoalList({
  goals,
  ...item
}: PersonPart & {
  goals: GoalView[];
  framework: Framework | undefined;
}) {
  const styles = useFeedbackStyles();
  return (
    <ol className={styles.items} data-testid="goal-list">
      {goals.map((goal) => (
        <GoalItem key={goal.id} {...item} goal={goal} />
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
}: PersonPart & {
  goal: GoalView;
  framework: Framework | undefined;
}) {
  const { t, i18n } = useTranslation('team');
  const local = useLocalized();
  const layout = useLayoutStyles();
  const styles = useFeedbackStyles();
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
      <LabelledText label={t('successCriteria')} text={goal.successCriteria} />
      {competencies.length > 0 ? <div className={layout.muted}>{competencies.join('、')}</div> : null}
      <LabelledText label={t('midReflection')} text={goal.midReflection} />
      <LabelledText label={t('yearEndReflection')} text={goal.yearEndReflection} />
      <h3 className={layout.h3}>{t('comments')}</h3>
      <OrEmpty empty={(goal.comments ?? []).length === 0} text={t('noComments')}>
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
      </OrEmpty>
      <div className={styles.commentForm}>
        <Field label={t('stageLabel')}>
          <Select
            value={stage}
            onChange={(_, data) => setStage(data.value as GoalCommentStage)}
            data-testid="comment-stage"
          >
            <Options
              values={['setting', 'mid', 'yearEnd'] as const}
              labelOf={(value) => t(`stage.${value}`)}
            />
          </Select>
        </Field>
        <TextareaField
          label={t('commentLabel', { goal: goal.title })}
          className={styles.grow}
          value={text}
          maxLength={GOAL_COMMENT_MAX}
          resize="vertical"
          onChange={(value) => {
            setText(value);
            setNotice((current) => (current?.kind === 'saved' ? undefined : current));
          }}
          testId="comment-input"
        />
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

/** A goal's written part under its label, or nothing while it is blank. */
function LabelledText({ label, text }: { label: string; text: string | undefined }) {
  const layout = useLayoutStyles();
  return text?.trim() ? (
    <div>
      <span className={layout.muted}>{label}: </span>
      <span className={layout.preLine}>{text}</span>
    </div>
  ) : null;
}
