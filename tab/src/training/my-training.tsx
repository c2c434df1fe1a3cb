import { Badge, Button, Switch } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REASON_MAX,
  type EnrolmentStatus,
  type EnrolmentView,
  type Recommendation,
} from '../../../src/training/training.contract.ts';
import type { MyReport } from '../../../src/reports/report.contract.ts';
import { jstDayOf } from '../../../src/shared/japan-time.ts';
import type { SelfStudyEnrolment } from '../../../src/training/learning.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import { DialogFrame } from '../shell/dialog-frame.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { OrEmpty, Section, useLayoutStyles } from '../shell/layout.tsx';
import { hrefOf } from '../shell/router.ts';
import { useTrainingStyles } from './catalog.tsx';
import { formatSpan, statusColor, useTitle } from './format.ts';
import { TextareaField } from '../shell/textarea-field.tsx';
import { EnrolmentRequest } from './enrolment-request.tsx';
import { CheckInForm } from './check-in.tsx';
import { FollowUps } from './follow-ups.tsx';
import { SelfStudyActions } from '../learning/self-study-actions.tsx';

const UPCOMING: readonly EnrolmentStatus[] = [
  'applied',
  'recommended',
  'nominated',
  'confirmed',
  'waitlisted',
];
const WITHDRAWABLE = UPCOMING;

export function MyTraining({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const [notice, setNotice] = useState('');
  const [withdrawing, setWithdrawing] = useState<EnrolmentView | undefined>();

  const queryClient = useQueryClient();
  const enrolmentsQuery = useQuery(
    routeQuery(api, queryKeys.myEnrolments, 'GET /api/training/enrolments', { query: { personId: 'me' } }),
  );
  const loaded = allOf(
    allOf(
      enrolmentsQuery,
      useQuery(
        routeQuery(api, queryKeys.myRecommendations, 'GET /api/training/recommendations', {
          query: { personId: 'me' },
        }),
      ),
    ),
    useQuery(routeQuery(api, queryKeys.myReports, 'GET /api/reports/mine')),
  );

  if (loaded.data === undefined) return <QueryState query={loaded}>{() => null}</QueryState>;
  const [[enrolments, recommendations], reports] = loaded.data;
  // "Now" is when the enrolments were read: what had ended by then is history.
  const now = enrolmentsQuery.dataUpdatedAt;
  const upcoming = enrolments
    .filter((entry) => UPCOMING.includes(entry.status) && Date.parse(entry.end) > now)
    .sort((a, b) => a.start.localeCompare(b.start));
  const history = enrolments
    .filter((entry) => !upcoming.includes(entry))
    .sort((a, b) => b.start.localeCompare(a.start));

  return (
    <div className={layout.stack} data-testid="training-mine">
      <span role="status" data-testid="mine-status">
        {notice}
      </span>
      <CheckInForm api={api} />
      <FollowUps api={api} />
      <Section title={t('mine.upcoming')} id="training-upcoming" testId="mine-upcoming">
        <OrEmpty empty={upcoming.length === 0} text={t('mine.emptyUpcoming')}>
          <EnrolmentList entries={upcoming} now={now} onWithdraw={setWithdrawing} />
        </OrEmpty>
      </Section>
      <MySelfStudy api={api} onDone={setNotice} />
      <Section title={t('mine.recommendations')} id="training-recommendations" testId="mine-recommendations">
        <p className={layout.muted}>{t('mine.recommendationsIntro')}</p>
        <OrEmpty empty={recommendations.length === 0} text={t('mine.emptyRecommendations')}>
          <RecommendationList recommendations={recommendations} language={i18n.language} />
        </OrEmpty>
      </Section>
      <Section title={t('mine.history')} id="training-history" testId="mine-history">
        <OrEmpty empty={history.length === 0} text={t('mine.emptyHistory')}>
          <EnrolmentList entries={history} now={now} reports={reports} api={api} />
        </OrEmpty>
      </Section>
      {withdrawing ? (
        <WithdrawDialog
          api={api}
          enrolment={withdrawing}
          onClose={() => setWithdrawing(undefined)}
          onDone={(changed) => {
            setWithdrawing(undefined);
            setNotice(t('mine.withdrawn'));
            queryClient.setQueryData<EnrolmentView[]>(queryKeys.myEnrolments, (previous) =>
              previous?.map((entry) => (entry.id === changed.id ? changed : entry)),
            );
            // A seat is free again: the sessions' counts change.
            void queryClient.invalidateQueries({ queryKey: queryKeys.trainingSessions });
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * The self-study courses the person started (from the catalog or a learning path), in that order: each
 * with its link, progress and completion. Shown only once there is one; its own query, so a failure here
 * does not hide the rest of the page (as the follow-ups).
 */
function MySelfStudy({ api, onDone }: { api: ApiClient; onDone: (notice: string) => void }) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const title = useTitle();
  const query = useQuery(
    routeQuery(api, queryKeys.selfStudyEnrolments('me'), 'GET /api/training/self-study/enrolments', {
      query: { personId: 'me' },
    }),
  );
  if (!query.isError && !query.data?.length) return null;
  return (
    <Section title={t('mine.selfStudy')} id="training-self-study" testId="mine-self-study">
      <QueryState query={query}>
        {(entries: SelfStudyEnrolment[]) => (
          <ul className={styles.list}>
            {entries.map((entry) => (
              <li key={entry.id} className={styles.item} data-testid={`mine-self-study-${entry.courseId}`}>
                <h3 className={styles.title}>{title(entry.courseTitle)}</h3>
                <div className={layout.stack}>
                  <SelfStudyActions
                    api={api}
                    courseId={entry.courseId}
                    externalUrl={entry.externalUrl}
                    enrolment={entry}
                    today={jstDayOf(query.dataUpdatedAt)}
                    onDone={onDone}
                    showCompleted
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Section>
  );
}

function EnrolmentList({
  entries,
  reports = [],
  onWithdraw,
  now,
  api,
}: {
  entries: EnrolmentView[];
  /** Lets the author change who reads a submitted report (the history list). */
  api?: ApiClient;
  reports?: MyReport[];
  onWithdraw?: (enrolment: EnrolmentView) => void;
  /** When the list was read (ms since the epoch): a session that started by then can no longer be left. */
  now: number;
}) {
  const { t, i18n } = useTranslation('training');
  const styles = useTrainingStyles();
  const layout = useLayoutStyles();
  const title = useTitle();
  return (
    <ul className={styles.list}>
      {entries.map((entry) => (
        <li
          key={entry.id}
          className={styles.item}
          data-testid={`enrolment-${entry.id}`}
          data-status={entry.status}
          data-course={entry.courseId}
        >
          <h3 className={styles.title}>{title(entry.courseTitle)}</h3>
          <div className={layout.row}>
            <Badge color={statusColor(entry.status)} data-testid="enrolment-status">
              {t(`status.${entry.status}`)}
            </Badge>
            <Badge appearance="outline">{t(`category.${entry.category}`)}</Badge>
            {entry.inCalendar ? <Badge appearance="tint">{t('mine.inCalendar')}</Badge> : null}
          </div>
          <p>{formatSpan(entry.start, entry.end, i18n.language)}</p>
          {entry.sessionStatus === 'cancelled' ? <p>{t('mine.sessionCancelled')}</p> : null}
          {entry.status === 'waitlisted' && entry.waitlistPosition ? (
            <p>{t('mine.waitlist', { position: entry.waitlistPosition })}</p>
          ) : null}
          <EnrolmentRequest entry={entry} />
          {entry.note ? (
            <p className={layout.preLine}>
              {t('mine.myNote')}: {entry.note}
            </p>
          ) : null}
          {entry.closingReason ? <p>{t('mine.closingReason', { reason: entry.closingReason })}</p> : null}
          {entry.status === 'attended' || entry.status === 'reported' ? (
            <ReportStatus
              entry={entry}
              report={reports.find((report) => report.sessionId === entry.sessionId)}
              api={api}
            />
          ) : null}
          {onWithdraw && WITHDRAWABLE.includes(entry.status) && Date.parse(entry.start) > now ? (
            <Button onClick={() => onWithdraw(entry)} data-testid="withdraw">
              {t('mine.withdraw')}
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** My report of an attended session: due, draft, or submitted with where it was shared, and comments. */
function ReportStatus({
  entry,
  report,
  api,
}: {
  entry: EnrolmentView;
  report: MyReport | undefined;
  api?: ApiClient | undefined;
}) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const sharing = report?.status === 'submitted' ? report.sharing : null;
  const text =
    report?.status === 'submitted'
      ? sharing?.status === 'shared'
        ? t('mine.reportSharing.shared', { channel: sharing.channelName ?? '' })
        : sharing?.status === 'not_shared'
          ? sharing.reason === 'no_channel_mapped'
            ? t('mine.reportSharing.noChannel')
            : t('mine.reportSharing.failed')
          : sharing
            ? t('mine.reportSharing.submitted')
            : t('mine.reportDone')
      : entry.status === 'reported'
        ? t('mine.reportDone')
        : report
          ? t('mine.reportDraft')
          : t('mine.reportDue');
  const comments = report?.comments ?? [];
  const day = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', {
      timeZone: 'Asia/Tokyo',
      month: 'short',
      day: 'numeric',
    }).format(new Date(iso));
  return (
    <div data-testid="report-status" data-sharing={sharing?.status ?? report?.status ?? 'due'}>
      <p>
        {t('mine.report')}: {text}
        {sharing?.supervisorNotified ? ` · ${t('mine.supervisorNotified')}` : ''}
      </p>
      {api && report?.status === 'submitted' ? <AudienceSwitch api={api} report={report} /> : null}
      {comments.length > 0 ? (
        <>
          <h4 style={{ margin: '8px 0 4px' }}>{t('mine.comments')}</h4>
          <ul data-testid="report-comments">
            {comments.map((comment) => (
              <li key={comment.id}>
                <span className={layout.muted}>
                  {t('mine.commentBy', { name: comment.authorName, date: day(comment.createdAt) })}
                </span>
                <p className={layout.preLine} style={{ margin: '2px 0 8px', overflowWrap: 'anywhere' }}>
                  {comment.text}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * The author's choice of who reads a submitted report beyond the 課: on, 全庁に公開 (the report library);
 * off, 課内のみ. Versioned: a change from another window answers 409 and the list is read again.
 */
function AudienceSwitch({ api, report }: { api: ApiClient; report: MyReport }) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (audience: MyReport['audience']) =>
      api.call('PUT /api/reports/:reportId/audience', {
        params: { reportId: report.reportId },
        body: { version: report.version, audience },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData<MyReport[]>(queryKeys.myReports, (previous) =>
        previous?.map((entry) =>
          entry.reportId === saved.reportId
            ? { ...entry, audience: saved.audience, version: saved.version }
            : entry,
        ),
      );
      void queryClient.invalidateQueries({ queryKey: ['training', 'reports', 'library'] });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.myReports }),
  });
  return (
    <div data-testid="report-audience">
      <Switch
        checked={report.audience === 'organisation'}
        disabled={change.isPending}
        label={t('mine.audience')}
        onChange={(_, data) => change.mutate(data.checked ? 'organisation' : 'department')}
        data-testid="report-audience-switch"
      />
      <p className={layout.muted} style={{ margin: 0 }}>
        {t('mine.audienceHint')}
      </p>
      <span role="status">{change.isSuccess ? t('mine.audienceSaved') : ''}</span>
      <ErrorBar error={change.error} />
    </div>
  );
}

function RecommendationList({
  recommendations,
  language,
}: {
  recommendations: Recommendation[];
  language: string;
}) {
  const { t } = useTranslation('training');
  const styles = useTrainingStyles();
  const title = useTitle();
  return (
    <ul className={styles.list}>
      {recommendations.map((recommendation) => (
        <li
          key={recommendation.course.id}
          className={styles.item}
          data-testid={`recommendation-${recommendation.course.id}`}
        >
          <h3 className={styles.title}>{title(recommendation.course.title)}</h3>
          <Badge appearance="outline">{t(`category.${recommendation.course.category}`)}</Badge>
          <ul>
            {recommendation.reasons.map((reason, index) => (
              <li key={index}>{language === 'en' ? reason.en : reason.ja}</li>
            ))}
          </ul>
          <a href={hrefOf('training', 'catalog')}>{t('mine.openCatalog')}</a>
        </li>
      ))}
    </ul>
  );
}

function WithdrawDialog({
  api,
  enrolment,
  onClose,
  onDone,
}: {
  api: ApiClient;
  enrolment: EnrolmentView;
  onClose: () => void;
  onDone: (changed: EnrolmentView) => void;
}) {
  const { t, i18n } = useTranslation('training');
  const title = useTitle();
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () =>
      api.call('POST /api/training/enrolments/:enrolmentId/withdraw', {
        params: { enrolmentId: enrolment.id },
        body: { version: enrolment.version, reason },
      }),
    onSuccess: onDone,
  });
  return (
    <DialogFrame
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      alert
      title={t('mine.withdrawTitle')}
      testId="withdraw-dialog"
      actions={
        <>
          <Button
            appearance="primary"
            disabled={withdraw.isPending}
            onClick={() => withdraw.mutate()}
            data-testid="withdraw-confirm"
          >
            {t('mine.confirmWithdraw')}
          </Button>
          <Button onClick={onClose} disabled={withdraw.isPending}>
            {t('catalog.cancel')}
          </Button>
        </>
      }
    >
      <p>
        {t('mine.withdrawBody', {
          title: title(enrolment.courseTitle),
          date: formatSpan(enrolment.start, enrolment.end, i18n.language),
        })}
      </p>
      <TextareaField
        label={t('mine.withdrawReason')}
        value={reason}
        maxLength={REASON_MAX}
        onChange={setReason}
        testId="withdraw-reason"
      />
      <ErrorBar error={withdraw.error} />
    </DialogFrame>
  );
}
