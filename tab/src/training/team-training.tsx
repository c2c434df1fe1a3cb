import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamResponse } from '../../../src/growth/team.contract.ts';
import { REASON_MAX, type EnrolmentView, type SessionView } from '../../../src/training/training.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { ErrorPanel } from '../shell/error-panel.tsx';
import { useErrorText } from '../shell/error-text.ts';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { Loading } from '../shell/loading.tsx';
import { useTrainingStyles } from './catalog.tsx';
import { formatSpan, useTitle, type Loaded } from './format.ts';
import { statusColor } from './my-training.tsx';

interface Data {
  team: TeamResponse;
  sessions: SessionView[];
  trainings: EnrolmentView[];
}

export function TeamTraining({ api }: { api: ApiClient }) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const title = useTitle();
  const errorText = useErrorText();
  const [data, setData] = useState<Loaded<Data>>({ status: 'loading' });
  const [personId, setPersonId] = useState('');
  const [sessionId, setSessionId] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');

  const load = useCallback(() => {
    setData({ status: 'loading' });
    Promise.all([
      api.request<TeamResponse>('GET', '/api/team'),
      api.request<SessionView[]>('GET', '/api/training/sessions'),
      api.request<EnrolmentView[]>('GET', '/api/training/team'),
    ]).then(
      ([team, sessions, trainings]) => setData({ status: 'ready', value: { team, sessions, trainings } }),
      (caught: unknown) => setData({ status: 'error', error: caught }),
    );
  }, [api]);
  useEffect(load, [load]);

  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorPanel error={data.error} onRetry={load} />;
  const { team, sessions, trainings } = data.value;
  const open = sessions.filter((session) => session.open);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    setNotice('');
    try {
      const enrolment = await api.request<EnrolmentView>(
        'POST',
        `/api/training/sessions/${sessionId}/recommend`,
        {
          personId,
          reason,
        },
      );
      // Only a success clears the form; on an error what was typed stays.
      setReason('');
      setNotice(t('team.recommended', { name: enrolment.personName }));
      setData((previous) =>
        previous.status === 'ready'
          ? {
              status: 'ready',
              value: { ...previous.value, trainings: [enrolment, ...previous.value.trainings] },
            }
          : previous,
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={layout.stack} data-testid="training-team">
      <Section title={t('team.recommendTitle')} id="training-recommend" testId="recommend-form">
        <p className={layout.muted}>{t('team.recommendIntro')}</p>
        {team.members.length === 0 ? (
          <p>{t('team.noReports')}</p>
        ) : open.length === 0 ? (
          <p>{t('team.noSessions')}</p>
        ) : (
          <div className={layout.stack}>
            <Field label={t('team.person')} required>
              <Select
                value={personId}
                onChange={(_, value) => setPersonId(value.value)}
                data-testid="recommend-person"
              >
                <option value="">{t('team.choosePerson')}</option>
                {team.members.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.displayName}
                    {member.jobTitle ? `（${member.jobTitle}）` : ''}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('team.session')} required>
              <Select
                value={sessionId}
                onChange={(_, value) => setSessionId(value.value)}
                data-testid="recommend-session"
              >
                <option value="">{t('team.chooseSession')}</option>
                {open.map((session) => (
                  <option key={session.id} value={session.id}>
                    {title(session.courseTitle)} — {formatSpan(session.start, session.end, i18n.language)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('team.reason')} required>
              <Textarea
                value={reason}
                maxLength={REASON_MAX}
                onChange={(_, value) => setReason(value.value)}
                data-testid="recommend-reason"
              />
            </Field>
            {error ? (
              <MessageBar intent="error" role="alert" data-testid="recommend-error">
                <MessageBarBody>{errorText(error)}</MessageBarBody>
              </MessageBar>
            ) : null}
            <div>
              <Button
                appearance="primary"
                disabled={busy || !personId || !sessionId || !reason.trim()}
                onClick={() => void submit()}
                data-testid="recommend-submit"
              >
                {busy ? t('team.submitting') : t('team.submit')}
              </Button>
            </div>
          </div>
        )}
        <span role="status" data-testid="recommend-status">
          {notice}
        </span>
      </Section>
      <Section title={t('team.trainings')} id="training-team-list" testId="team-trainings">
        {trainings.length === 0 ? (
          <p className={layout.muted}>{t('team.empty')}</p>
        ) : (
          <ul className={styles.list}>
            {trainings.map((entry) => (
              <li key={entry.id} className={styles.item} data-testid={`team-enrolment-${entry.id}`}>
                <strong>{entry.personName}</strong> — {title(entry.courseTitle)}
                <div className={layout.row}>
                  <Badge color={statusColor(entry.status)}>{t(`status.${entry.status}`)}</Badge>
                  <Badge appearance="outline">{t(`origin.${entry.origin}`)}</Badge>
                  <span className={layout.muted}>{formatSpan(entry.start, entry.end, i18n.language)}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
