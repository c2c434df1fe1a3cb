// A course's sessions for HR: each with its Outlook state and roster; adding, changing and cancelling one.
import { isVersionConflict } from '../api/client.ts';
import { Badge, Button, Link, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REASON_MAX,
  type CourseDetail,
  type CourseView,
  type SessionView,
} from '../../../src/training/training.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { useErrorText } from '../shell/error-text.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { hrefOf } from '../shell/router.ts';
import { useTrainingStyles } from './catalog.tsx';
import { formatDay, formatSpan, useTitle } from './format.ts';
import { OutlookBadge } from './outlook-badge.tsx';
import { SessionForm } from './session-form.tsx';
import { TextareaField } from '../shell/textarea-field.tsx';
export function CourseSessions({
  api,
  course,
  area = 'hr',
}: {
  api: ApiClient;
  course: CourseView;
  /** Where the roster opens: HR's console or the 課's workplace training. */
  area?: 'hr' | 'workplace';
}) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const title = useTitle();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | undefined>();
  const [cancelling, setCancelling] = useState<string | undefined>();
  const queryClient = useQueryClient();
  const detailKey = queryKeys.hrCourse(course.id);
  const detail = useQuery(
    routeQuery(api, detailKey, 'GET /api/training/courses/:courseId', { params: { courseId: course.id } }),
  );
  /** Puts a saved or cancelled session into the course on screen, without asking the server again. */
  const upsert = (session: SessionView) =>
    queryClient.setQueryData<CourseDetail>(detailKey, (previous) =>
      previous
        ? {
            ...previous,
            sessions: previous.sessions.some((entry) => entry.id === session.id)
              ? previous.sessions.map((entry) => (entry.id === session.id ? session : entry))
              : [...previous.sessions, session],
          }
        : previous,
    );

  return (
    <div className={layout.stack} style={{ marginTop: 12 }} data-testid="hr-sessions">
      <h4 className={layout.h3}>{t('hr.sessionsOf', { title: title(course.title) })}</h4>
      <QueryState
        query={detail}
        isEmpty={(value) => value.sessions.length === 0}
        empty={<p className={layout.muted}>{t('hr.noSessions')}</p>}
      >
        {(value) => (
          <ul className={styles.sessions}>
            {value.sessions.map((session) => (
              <li
                key={session.id}
                className={styles.session}
                data-testid={`hr-session-${session.id}`}
                data-outlook={session.outlook}
              >
                <strong>{formatSpan(session.start, session.end, i18n.language)}</strong>
                <span>
                  {session.online ? t('catalog.onlineMeeting') : null}
                  {session.online && session.place ? ' / ' : null}
                  {session.place}
                </span>
                <span className={layout.muted}>
                  {t('hr.seats', {
                    confirmed: session.confirmed,
                    capacity: session.capacity,
                    waitlisted: session.waitlisted,
                  })}
                  {' · '}
                  {t('catalog.deadline', { date: formatDay(session.applicationDeadline, i18n.language) })}
                </span>
                <div className={layout.row}>
                  {session.status === 'cancelled' ? (
                    <Badge color="danger" data-testid="session-cancelled">
                      {t('catalog.cancelled')}
                    </Badge>
                  ) : null}
                  <OutlookBadge session={session} />
                </div>
                {editing === session.id ? (
                  <SessionForm
                    api={api}
                    courseId={course.id}
                    session={session}
                    onCancel={() => setEditing(undefined)}
                    onSaved={(changed) => {
                      setEditing(undefined);
                      upsert(changed);
                    }}
                  />
                ) : (
                  <div className={layout.row}>
                    <Link href={hrefOf('training', area, 'roster', session.id)} data-testid="open-roster">
                      {t('hr.roster')}
                    </Link>
                    {session.status === 'scheduled' ? (
                      <Button size="small" onClick={() => setEditing(session.id)} data-testid="session-edit">
                        {t('hr.editSession')}
                      </Button>
                    ) : null}
                    {session.status === 'scheduled' ? (
                      <Button
                        size="small"
                        onClick={() => setCancelling(cancelling === session.id ? undefined : session.id)}
                        aria-expanded={cancelling === session.id}
                        data-testid="session-cancel"
                      >
                        {t('hr.cancelSession')}
                      </Button>
                    ) : null}
                  </div>
                )}
                {cancelling === session.id ? (
                  <CancelSession
                    api={api}
                    session={session}
                    onDone={(changed) => {
                      setCancelling(undefined);
                      upsert(changed);
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {adding ? (
        <SessionForm
          api={api}
          courseId={course.id}
          onCancel={() => setAdding(false)}
          onSaved={(session) => {
            setAdding(false);
            upsert(session);
            // The session list (the workplace panel's enrol form, the team's 推薦) now has one more, and
            // those who waited for the course were told (the course lists' 開講を待っている人 count).
            void queryClient.invalidateQueries({ queryKey: queryKeys.trainingSessions });
            void queryClient.invalidateQueries({ queryKey: queryKeys.hrCourses(false) });
            void queryClient.invalidateQueries({ queryKey: queryKeys.workplaceCourses });
          }}
        />
      ) : (
        <div>
          <Button onClick={() => setAdding(true)} data-testid="session-add">
            {t('hr.newSession')}
          </Button>
        </div>
      )}
    </div>
  );
}

export function CancelSession({
  api,
  session,
  onDone,
}: {
  api: ApiClient;
  session: SessionView;
  onDone: (session: SessionView) => void;
}) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () =>
      api.call('POST /api/training/sessions/:sessionId/cancel', {
        params: { sessionId: session.id },
        body: { version: session.version, reason },
      }),
    onSuccess: onDone,
  });
  const { error } = cancel;
  return (
    <div className={layout.stack} data-testid="session-cancel-form">
      <TextareaField
        label={t('hr.cancelReason')}
        required
        value={reason}
        maxLength={REASON_MAX}
        onChange={setReason}
        testId="session-cancel-reason"
      />
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{isVersionConflict(error) ? t('hr.stale') : errorText(error)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div>
        <Button
          appearance="primary"
          disabled={cancel.isPending || !reason.trim()}
          onClick={() => cancel.mutate()}
          data-testid="session-cancel-submit"
        >
          {t('hr.confirmCancel')}
        </Button>
      </div>
    </div>
  );
}
