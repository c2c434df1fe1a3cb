// A subordinate's training report as their supervisor reads it in 部下の研修, with a box to comment: the
// same comment the bot's notice card sends (POST /api/reports/:reportId/comments), so the author is told
// in Teams the same way. What was typed stays until the server has stored it.
import { Button, Spinner } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import { REPORT_COMMENT_MAX, type SupervisorReport } from '../../../src/reports/report.contract.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import { newIdempotencyKey } from '../api/idempotency-key.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { ConflictBar } from '../shell/conflict-bar.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { useLayoutStyles } from '../shell/layout.tsx';
import { useTrainingStyles } from './catalog.tsx';
import { TextareaField } from '../shell/textarea-field.tsx';

/** A stored comment form was used for another comment (409 conflict): the text is kept for a new one. */
const isFormReused = (error: unknown) => error instanceof ApiError && error.code === 'conflict';

export function TeamReport({
  api,
  framework,
  personId,
  sessionId,
}: {
  api: ApiClient;
  framework: Pick<Framework, 'competencies' | 'guidelines'>;
  personId: string;
  sessionId: string;
}) {
  const query = useQuery(
    routeQuery(
      api,
      queryKeys.teamReport(personId, sessionId),
      'GET /api/reports/people/:personId/sessions/:sessionId',
      {
        params: { personId, sessionId },
      },
    ),
  );
  return (
    <QueryState query={query}>
      {(report) => <ReportWithComments api={api} framework={framework} report={report} />}
    </QueryState>
  );
}

function ReportWithComments({
  api,
  framework,
  report,
}: {
  api: ApiClient;
  framework: Pick<Framework, 'competencies' | 'guidelines'>;
  report: SupervisorReport;
}) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const queryClient = useQueryClient();
  const fieldId = useId();
  const [text, setText] = useState('');
  // One id per comment form: a double click or a retry stores the comment once.
  const [requestId, setRequestId] = useState(newIdempotencyKey);
  const [notice, setNotice] = useState('');
  const send = useMutation({
    mutationFn: (body: { text: string; requestId: string }) =>
      api.call('POST /api/reports/:reportId/comments', { params: { reportId: report.reportId }, body }),
    onMutate: () => setNotice(''),
    onSuccess: (comment) => {
      // Only a stored comment clears the box; on any error what was typed stays.
      setText('');
      setRequestId(newIdempotencyKey());
      setNotice(t('team.report.sent', { name: report.personName }));
      queryClient.setQueryData<SupervisorReport>(
        queryKeys.teamReport(report.personId, report.sessionId),
        (previous) =>
          previous && !previous.comments.some((entry) => entry.id === comment.id)
            ? { ...previous, comments: [...previous.comments, comment] }
            : previous,
      );
    },
  });
  const nameOf = (list: Array<{ id: string; name: { ja: string; en: string } }>, id: string) => {
    const name = list.find((entry) => entry.id === id)?.name;
    return name ? (i18n.language === 'en' ? name.en : name.ja) : id;
  };
  const strengthened = [
    ...report.competencyIds.map((id) => nameOf(framework.competencies, id)),
    ...report.guidelineIds.map((id) => nameOf(framework.guidelines, id)),
  ];
  const day = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', {
      timeZone: 'Asia/Tokyo',
      dateStyle: 'medium',
    }).format(new Date(iso));
  const reused = isFormReused(send.error);
  const submit = () => send.mutate({ text, requestId });

  return (
    <div className={layout.stack} data-testid="team-report">
      <dl className={styles.facts}>
        <dt>{t('team.report.submittedAt')}</dt>
        <dd>{day(report.submittedAt)}</dd>
        <dt>{t('team.report.learned')}</dt>
        <dd className={layout.preLine} data-testid="team-report-learned">
          {report.learned}
        </dd>
        <dt>{t('team.report.application')}</dt>
        <dd className={layout.preLine} data-testid="team-report-application">
          {report.application}
        </dd>
        {strengthened.length > 0 ? (
          <>
            <dt>{t('team.report.strengthened')}</dt>
            <dd>{strengthened.join(i18n.language === 'en' ? ', ' : '、')}</dd>
          </>
        ) : null}
      </dl>
      {report.comments.length > 0 ? (
        <div>
          <h4 style={{ margin: '0 0 4px' }}>{t('team.report.myComments')}</h4>
          <ul data-testid="team-report-comments" style={{ margin: 0, paddingInlineStart: '20px' }}>
            {report.comments.map((comment) => (
              <li key={comment.id}>
                <span className={layout.muted}>{day(comment.createdAt)}</span>
                <p className={layout.preLine} style={{ margin: '2px 0 8px', overflowWrap: 'anywhere' }}>
                  {comment.text}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <TextareaField
        label={t('team.report.comment')}
        hint={t('team.report.commentHint', { name: report.personName })}
        id={fieldId}
        value={text}
        maxLength={REPORT_COMMENT_MAX}
        resize="vertical"
        onChange={setText}
        testId="team-report-comment"
      />
      {reused ? (
        <ConflictBar
          title={t('team.report.reusedTitle')}
          body={t('team.report.reusedBody')}
          testId="team-report-conflict"
          multiline
        >
          <Button
            onClick={() => {
              setRequestId(newIdempotencyKey());
              send.reset();
            }}
          >
            {t('team.report.newForm')}
          </Button>
        </ConflictBar>
      ) : (
        <ErrorBar error={send.error} testId="team-report-error" />
      )}
      <div className={layout.row}>
        <Button
          appearance="primary"
          disabled={send.isPending || reused || !text.trim()}
          onClick={submit}
          data-testid="team-report-send"
          icon={send.isPending ? <Spinner size="tiny" /> : undefined}
        >
          {send.isPending ? t('team.report.sending') : t('team.report.send')}
        </Button>
      </div>
      <span role="status" data-testid="team-report-status">
        {notice}
      </span>
    </div>
  );
}
