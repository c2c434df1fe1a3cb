// 1:1 requests in the interviews page: the person asks their supervisor (topic, optional week) and sees
// what became of their requests; the supervisor sees the open ones and accepts (books) or declines them.
import { Badge, Button, Field, makeStyles } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DECLINE_REASON_MAX,
  REQUEST_TOPIC_MAX,
  type InterviewRequest,
  type RequestInput,
} from '../../../src/interviews/interview.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { formatDay } from '../goals/format.ts';
import { DateInput } from '../shell/date-input.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { OrEmpty, useLayoutStyles } from '../shell/layout.tsx';
import { TextareaField } from '../shell/textarea-field.tsx';
import { groupBox, plainList } from '../shell/style-fragments.ts';

const useStyles = makeStyles({
  list: { ...plainList, gap: '12px' },
  item: { ...groupBox, display: 'flex', flexDirection: 'column', gap: '4px', overflowWrap: 'anywhere' },
  topic: { margin: 0, whiteSpace: 'pre-line' },
});

const STATUS_COLOR = {
  open: 'informative',
  booked: 'success',
  declined: 'warning',
  closed: 'subtle',
} as const;

function useRequests(api: ApiClient, as: 'requester' | 'supervisor') {
  return useQuery(
    routeQuery(api, queryKeys.interviewRequests(as), 'GET /api/interview-requests', { query: { as } }),
  );
}

function RequestFacts({ request, who }: { request: InterviewRequest; who: string }) {
  const { t, i18n } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  return (
    <>
      <div className={layout.row}>
        <Badge appearance="tint" color={STATUS_COLOR[request.status]}>
          {t(`requests.status.${request.status}`)}
        </Badge>
        <span>{who}</span>
        {request.preferredWeek ? (
          <span className={layout.muted}>
            {t('requests.weekOf', { day: formatDay(request.preferredWeek, i18n.language) })}
          </span>
        ) : null}
      </div>
      <p className={styles.topic}>{request.topic}</p>
      {request.status === 'declined' && request.declineReason ? (
        <p className={styles.topic}>
          <span className={layout.muted}>{t('requests.reason')}: </span>
          {request.declineReason}
        </p>
      ) : null}
    </>
  );
}

/** The person's side: ask for a 1:1, and what became of earlier asks. */
export function MyRequests({ api, supervisorId }: { api: ApiClient; supervisorId: string }) {
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const queryClient = useQueryClient();
  const requests = useRequests(api, 'requester');
  const [topic, setTopic] = useState('');
  const [week, setWeek] = useState('');
  const ask = useMutation({
    mutationFn: (body: RequestInput) => api.call('POST /api/interview-requests', { body }),
    onSuccess: () => {
      setTopic('');
      setWeek('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.interviewRequests('requester') });
    },
  });
  const open = requests.data?.some((request) => request.status === 'open') ?? false;
  return (
    <div className={layout.stack} data-testid="my-requests">
      <p className={layout.muted}>{t('requests.askIntro')}</p>
      {open ? (
        <p className={layout.muted} data-testid="request-open-note">
          {t('requests.openNote')}
        </p>
      ) : (
        <>
          <TextareaField
            label={t('requests.topic')}
            hint={t('requests.topicHint', { max: REQUEST_TOPIC_MAX })}
            required
            value={topic}
            maxLength={REQUEST_TOPIC_MAX}
            rows={3}
            resize="vertical"
            onChange={setTopic}
            testId="request-topic"
          />
          <Field label={t('requests.week')} hint={t('requests.weekHint')}>
            <DateInput value={week} onChange={(_, data) => setWeek(data.value)} data-testid="request-week" />
          </Field>
          <div className={layout.row}>
            <Button
              appearance="primary"
              disabled={ask.isPending || topic.trim().length === 0}
              onClick={() =>
                ask.mutate({ supervisorId, topic: topic.trim(), preferredWeek: week === '' ? null : week })
              }
              data-testid="request-send"
            >
              {ask.isPending ? t('requests.sending') : t('requests.send')}
            </Button>
          </div>
        </>
      )}
      <ErrorBar error={ask.error ?? undefined} testId="request-error" />
      <QueryState query={requests}>
        {(mine) =>
          mine.length === 0 ? null : (
            <ul className={styles.list} data-testid="my-request-list">
              {mine.map((request) => (
                <li key={request.id} className={styles.item}>
                  <RequestFacts request={request} who={t('requests.to', { name: request.supervisorName })} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}

/** The supervisor's side: open requests, each accepted (booked in the panel) or declined with a reason. */
export function RequestsToMe({
  api,
  onAccept,
}: {
  api: ApiClient;
  onAccept: (request: InterviewRequest) => void;
}) {
  const { t } = useTranslation('interviews');
  const styles = useStyles();
  const requests = useRequests(api, 'supervisor');
  return (
    <QueryState query={requests}>
      {(all) => {
        const open = all.filter((request) => request.status === 'open');
        return (
          <OrEmpty empty={open.length === 0} text={t('requests.none')}>
            <ul className={styles.list} data-testid="requests-to-me">
              {open.map((request) => (
                <li key={request.id} className={styles.item} data-testid={`request-${request.id}`}>
                  <RequestFacts request={request} who={t('requests.from', { name: request.personName })} />
                  <RequestActions api={api} request={request} onAccept={() => onAccept(request)} />
                </li>
              ))}
            </ul>
          </OrEmpty>
        );
      }}
    </QueryState>
  );
}

function RequestActions({
  api,
  request,
  onAccept,
}: {
  api: ApiClient;
  request: InterviewRequest;
  onAccept: () => void;
}) {
  const { t } = useTranslation('interviews');
  const layout = useLayoutStyles();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const decline = useMutation({
    mutationFn: () =>
      api.call('POST /api/interview-requests/:requestId/decline', {
        params: { requestId: request.id },
        body: { version: request.version, reason: reason.trim() },
      }),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: queryKeys.interviewRequests('supervisor') }),
  });
  if (!declining)
    return (
      <div className={layout.row}>
        <Button appearance="primary" onClick={onAccept} data-testid={`request-accept-${request.id}`}>
          {t('requests.accept')}
        </Button>
        <Button onClick={() => setDeclining(true)} data-testid={`request-decline-${request.id}`}>
          {t('requests.decline')}
        </Button>
      </div>
    );
  return (
    <div className={layout.stack}>
      <TextareaField
        label={t('requests.declineReason', { name: request.personName })}
        required
        value={reason}
        maxLength={DECLINE_REASON_MAX}
        rows={2}
        resize="vertical"
        onChange={setReason}
        testId={`request-reason-${request.id}`}
      />
      <div className={layout.row}>
        <Button
          appearance="primary"
          disabled={decline.isPending || reason.trim().length === 0}
          onClick={() => decline.mutate()}
          data-testid={`request-decline-send-${request.id}`}
        >
          {t('requests.declineSend')}
        </Button>
        <Button onClick={() => setDeclining(false)}>{t('requests.keep')}</Button>
      </div>
      <ErrorBar error={decline.error ?? undefined} testId="request-decline-error" />
    </div>
  );
}
