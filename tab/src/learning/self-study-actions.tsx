// A self-study course's link and the person's own actions on it (docs/training.md, "Learning paths and
// self-study"): start it, record progress, record completion. The learning path page shows it for each
// self-study course of a step, the catalog for each self-study course, わたしの研修 for each one started.
import { Badge, Button, Field, Input, Link, makeStyles, ProgressBar } from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SELF_STUDY_REPORT_MAX, type SelfStudyEnrolment } from '../../../src/training/learning.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys } from '../data/queries.ts';
import { registerBundle } from '../i18n/i18n.ts';
import { DateInput } from '../shell/date-input.tsx';
import { formatDay } from '../shell/date-time.ts';
import { ErrorBar } from '../shell/error-panel.tsx';
import { useLayoutStyles } from '../shell/layout.tsx';
import { StackForm } from '../shell/stack-form.tsx';
import { TextareaField } from '../shell/textarea-field.tsx';
import messages from './messages.ts';

registerBundle('learning', messages);

const useStyles = makeStyles({
  narrow: { maxWidth: '12rem' },
});

/**
 * The material's link, then: a button to start the course before the person is enrolled; their progress,
 * and the forms to record progress and completion, until it is completed. A change is answered by the
 * enrolment; the person's learning paths and self-study enrolments are read again.
 */
export function SelfStudyActions({
  api,
  courseId,
  externalUrl,
  enrolment,
  today,
  onDone,
  showCompleted = false,
  canStart = true,
}: {
  api: ApiClient;
  courseId: string;
  externalUrl: string | null;
  /** The person's enrolment in the course, or null before they start it. */
  enrolment: SelfStudyEnrolment | null;
  /** YYYY-MM-DD, Japan time: the latest completion day. */
  today: string;
  onDone: (notice: string) => void;
  /** Whether to say when it was completed (the learning path page says so in the course's own line). */
  showCompleted?: boolean;
  /** Whether to offer to start it (the catalog does not for a course the person does not fit). */
  canStart?: boolean;
}) {
  const { t, i18n } = useTranslation('learning');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [percent, setPercent] = useState('');
  const [completedOn, setCompletedOn] = useState(today);
  const [report, setReport] = useState('');
  const params = { courseId };
  const refresh = async (notice: string) => {
    onDone(notice);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.pathProgress('me') }),
      queryClient.invalidateQueries({ queryKey: queryKeys.selfStudyEnrolments('me') }),
    ]);
  };
  const enrol = useMutation({
    mutationFn: () => api.call('POST /api/training/courses/:courseId/self-study/enrol', { params, body: {} }),
    onSuccess: () => refresh(t('enrolled')),
  });
  const record = useMutation({
    mutationFn: (version: number) =>
      api.call('POST /api/training/courses/:courseId/self-study/progress', {
        params,
        body: { version, progressPercent: Number(percent) },
      }),
    onSuccess: () => refresh(t('progressSaved')),
  });
  const complete = useMutation({
    mutationFn: (version: number) =>
      api.call('POST /api/training/courses/:courseId/self-study/complete', {
        params,
        body: { version, completedOn, report },
      }),
    onSuccess: () => refresh(t('completed')),
  });
  const busy = enrol.isPending || record.isPending || complete.isPending;
  const percentValid = /^\d{1,2}$/.test(percent);
  return (
    <>
      {showCompleted && enrolment?.completedOn ? (
        <span>
          <Badge color="success" data-testid="self-study-completed">
            {t('completedOn', { day: formatDay(enrolment.completedOn, i18n.language) })}
          </Badge>
        </span>
      ) : null}
      {externalUrl ? (
        <Link href={externalUrl} target="_blank" rel="noopener noreferrer">
          {t('openLink')}
          <span className={layout.muted}> {t('newWindow')}</span>
        </Link>
      ) : null}
      {!enrolment && canStart ? (
        <div>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() => enrol.mutate()}
            data-testid="self-study-enrol"
          >
            {t('enrol')}
          </Button>
        </div>
      ) : null}
      {enrolment ? (
        <ProgressBar
          value={enrolment.progressPercent / 100}
          aria-label={t('progress', { percent: enrolment.progressPercent })}
          thickness="large"
        />
      ) : null}
      {enrolment ? (
        <span data-testid="self-study-progress">{t('progress', { percent: enrolment.progressPercent })}</span>
      ) : null}
      {enrolment && !enrolment.completedOn ? (
        <>
          <StackForm className={layout.row} onSubmit={() => percentValid && record.mutate(enrolment.version)}>
            <Field label={t('progressLabel')} className={styles.narrow}>
              <Input
                type="number"
                min={0}
                max={99}
                value={percent}
                onChange={(_event, data) => setPercent(data.value)}
                data-testid="self-study-percent"
              />
            </Field>
            <Button type="submit" disabled={busy || !percentValid} data-testid="self-study-record">
              {t('saveProgress')}
            </Button>
          </StackForm>
          <StackForm onSubmit={() => completedOn && complete.mutate(enrolment.version)}>
            <Field label={t('completedDay')} className={styles.narrow}>
              <DateInput
                value={completedOn}
                min={enrolment.enrolledOn}
                max={today}
                onChange={(_event, data) => setCompletedOn(data.value)}
                data-testid="self-study-completed-on"
              />
            </Field>
            <TextareaField
              label={t('report')}
              value={report}
              maxLength={SELF_STUDY_REPORT_MAX}
              onChange={setReport}
              testId="self-study-report"
            />
            <div>
              <Button
                type="submit"
                appearance="primary"
                disabled={busy || !completedOn}
                data-testid="self-study-complete"
              >
                {t('complete')}
              </Button>
            </div>
          </StackForm>
        </>
      ) : null}
      <ErrorBar error={enrol.error ?? record.error ?? complete.error} />
    </>
  );
}
