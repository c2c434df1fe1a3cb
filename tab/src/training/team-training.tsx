import { Badge, Button } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import { REASON_MAX, type EnrolmentView } from '../../../src/training/training.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { OrEmpty, Section, useLayoutStyles } from '../shell/layout.tsx';
import { useTrainingStyles } from './catalog.tsx';
import { formatSpan, useTitle, statusColor } from './format.ts';
import { TeamReport } from './team-report.tsx';
import { TextareaField } from '../shell/textarea-field.tsx';
import { PersonSessionPicker, usePersonSessionChoice } from './person-session-picker.tsx';

export function TeamTraining({
  api,
  framework,
}: {
  api: ApiClient;
  framework: Pick<Framework, 'competencies' | 'guidelines'>;
}) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const title = useTitle();
  const choice = usePersonSessionChoice();
  const { personId, sessionId } = choice;
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState('');
  // The enrolment whose report is open (one at a time keeps the list short on a phone).
  const [openReport, setOpenReport] = useState('');

  const queryClient = useQueryClient();
  const loaded = allOf(
    allOf(
      useQuery(routeQuery(api, queryKeys.team, 'GET /api/team')),
      useQuery(routeQuery(api, queryKeys.trainingSessions, 'GET /api/training/sessions')),
    ),
    useQuery(routeQuery(api, queryKeys.trainingTeam, 'GET /api/training/team')),
  );
  const recommend = useMutation({
    mutationFn: (body: { sessionId: string; personId: string; reason: string }) =>
      api.call('POST /api/training/sessions/:sessionId/recommend', {
        params: { sessionId: body.sessionId },
        body: { personId: body.personId, reason: body.reason },
      }),
    onMutate: () => setNotice(''),
    onSuccess: (enrolment) => {
      // Only a success clears the form; on an error what was typed stays.
      setReason('');
      setNotice(t('team.recommended', { name: enrolment.personName }));
      queryClient.setQueryData<EnrolmentView[]>(queryKeys.trainingTeam, (previous) =>
        previous ? [enrolment, ...previous] : previous,
      );
    },
  });
  const busy = recommend.isPending;
  const error = recommend.error ?? undefined;

  if (loaded.data === undefined) return <QueryState query={loaded}>{() => null}</QueryState>;
  const [[team, sessions], trainings] = loaded.data;
  const open = sessions.filter((session) => session.open);
  const submit = () => recommend.mutate({ sessionId, personId, reason });

  return (
    <div className={layout.stack} data-testid="training-team">
      <Section title={t('team.recommendTitle')} id="training-recommend" testId="recommend-form">
        <p className={layout.muted}>{t('team.recommendIntro')}</p>
        <PersonSessionPicker form="recommend" members={team.members} sessions={open} choice={choice}>
          <TextareaField
            label={t('team.reason')}
            required
            value={reason}
            maxLength={REASON_MAX}
            onChange={setReason}
            testId="recommend-reason"
          />
          <ErrorBar error={error} testId="recommend-error" />
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
        </PersonSessionPicker>
        <span role="status" data-testid="recommend-status">
          {notice}
        </span>
      </Section>
      <Section title={t('team.trainings')} id="training-team-list" testId="team-trainings">
        <OrEmpty empty={trainings.length === 0} text={t('team.empty')}>
          <ul className={styles.list}>
            {trainings.map((entry) => (
              <li
                key={entry.id}
                className={styles.item}
                data-testid={`team-enrolment-${entry.id}`}
                data-status={entry.status}
              >
                <strong>{entry.personName}</strong> — {title(entry.courseTitle)}
                <div className={layout.row}>
                  <Badge color={statusColor(entry.status)}>{t(`status.${entry.status}`)}</Badge>
                  <Badge appearance="outline">{t(`origin.${entry.origin}`)}</Badge>
                  <span className={layout.muted}>{formatSpan(entry.start, entry.end, i18n.language)}</span>
                </div>
                {entry.status === 'reported' ? (
                  <>
                    <div>
                      <Button
                        appearance="subtle"
                        aria-expanded={openReport === entry.id}
                        aria-controls={`team-report-${entry.id}`}
                        onClick={() => setOpenReport(openReport === entry.id ? '' : entry.id)}
                        data-testid="team-report-toggle"
                      >
                        {openReport === entry.id ? t('team.report.close') : t('team.report.open')}
                      </Button>
                    </div>
                    <div id={`team-report-${entry.id}`}>
                      {openReport === entry.id ? (
                        <TeamReport
                          api={api}
                          framework={framework}
                          personId={entry.personId}
                          sessionId={entry.sessionId}
                        />
                      ) : null}
                    </div>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </OrEmpty>
      </Section>
    </div>
  );
}
