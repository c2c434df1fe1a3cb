// Workplace training (職場研修, docs/training.md): a 課長 or 係長 lists their 課's courses, creates one and its
// sessions (the course form and session list HR uses), enrols their staff and opens a session's roster,
// where attendance is confirmed in one action.
import { Badge, Button } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { CourseView } from '../../../src/training/training.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { OrEmpty, Section, useLayoutStyles } from '../shell/layout.tsx';
import { useTrainingStyles } from './catalog.tsx';
import { CourseForm } from './course-form.tsx';
import { CourseSessions } from './course-sessions.tsx';
import { useTitle } from './format.ts';
import { PersonSessionPicker } from './person-session-picker.tsx';
import { Roster } from './roster.tsx';

export function WorkplaceTraining({
  api,
  framework,
  rest,
}: {
  api: ApiClient;
  framework: Framework;
  rest: string[];
}) {
  if (rest[0] === 'roster' && rest[1]) return <Roster api={api} sessionId={rest[1]} area="workplace" />;
  return <WorkplaceCourses api={api} framework={framework} />;
}

function WorkplaceCourses({ api, framework }: { api: ApiClient; framework: Framework }) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const title = useTitle();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | undefined>();
  const [openCourse, setOpenCourse] = useState<string | undefined>();
  const [notice, setNotice] = useState('');
  const queryClient = useQueryClient();
  const courses = useQuery(
    routeQuery(api, queryKeys.workplaceCourses, 'GET /api/training/courses', { query: { view: 'all' } }),
  );
  const changeCourses = (change: (list: CourseView[]) => CourseView[]) =>
    queryClient.setQueryData<CourseView[]>(queryKeys.workplaceCourses, (previous) =>
      previous ? change(previous) : previous,
    );
  const mine = (list: CourseView[]) =>
    list.filter((course) => course.scope === 'workplace' && course.manageable);

  return (
    <div className={layout.stack} data-testid="training-workplace">
      <p className={layout.muted}>{t('workplace.intro')}</p>
      {!adding ? (
        <div>
          <Button appearance="primary" onClick={() => setAdding(true)} data-testid="workplace-add">
            {t('workplace.newCourse')}
          </Button>
        </div>
      ) : null}
      <span role="status" data-testid="workplace-status">
        {notice}
      </span>
      {adding ? (
        <Section
          title={t('workplace.newCourse')}
          id="training-new-workplace-course"
          testId="new-workplace-course"
        >
          <CourseForm
            api={api}
            framework={framework}
            scope="workplace"
            onCancel={() => setAdding(false)}
            onSaved={(course) => {
              setAdding(false);
              setNotice(t('workplace.created'));
              setOpenCourse(course.id);
              changeCourses((list) => [course, ...list]);
            }}
          />
        </Section>
      ) : null}
      <Section title={t('workplace.courses')} id="training-workplace-courses">
        <QueryState query={courses} isEmpty={() => false}>
          {(list) => (
            <OrEmpty empty={mine(list).length === 0} text={t('workplace.none')} testId="workplace-none">
              <ul className={styles.list} data-testid="workplace-course-list">
                {mine(list).map((course) => (
                  <li
                    key={course.id}
                    className={styles.item}
                    data-testid={`workplace-course-${course.id}`}
                    data-title={course.title.ja}
                  >
                    <h3 className={styles.title}>{title(course.title)}</h3>
                    <div className={layout.row}>
                      <Badge appearance="tint">{t('workplace.badge')}</Badge>
                      {course.ownerDepartment ? (
                        <Badge color="informative">{course.ownerDepartment}</Badge>
                      ) : null}
                    </div>
                    {editing === course.id ? (
                      <CourseForm
                        api={api}
                        framework={framework}
                        course={course}
                        onCancel={() => setEditing(undefined)}
                        onSaved={(changed) => {
                          setEditing(undefined);
                          setNotice(t('workplace.saved'));
                          changeCourses((all) =>
                            all.map((entry) => (entry.id === changed.id ? changed : entry)),
                          );
                        }}
                      />
                    ) : (
                      <div className={layout.row} style={{ marginTop: 8 }}>
                        <Button
                          onClick={() => setOpenCourse(openCourse === course.id ? undefined : course.id)}
                          aria-expanded={openCourse === course.id}
                          data-testid="course-sessions"
                        >
                          {openCourse === course.id
                            ? t('catalog.hideSessions')
                            : t('catalog.showSessions', { count: course.openSessions })}
                        </Button>
                        <Button onClick={() => setEditing(course.id)} data-testid="course-edit">
                          {t('hr.edit')}
                        </Button>
                      </div>
                    )}
                    {openCourse === course.id ? (
                      <CourseSessions api={api} course={course} area="workplace" />
                    ) : null}
                  </li>
                ))}
              </ul>
            </OrEmpty>
          )}
        </QueryState>
      </Section>
      <QueryState query={courses}>
        {(list) => <Enrol api={api} courseIds={mine(list).map((course) => course.id)} />}
      </QueryState>
    </div>
  );
}

/** 指名 of the organiser's own staff, confirmed at once (capacity and the waiting list as for HR). */
function Enrol({ api, courseIds }: { api: ApiClient; courseIds: string[] }) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const [personId, setPersonId] = useState('');
  const [sessionId, setSessionId] = useState('');
  const [notice, setNotice] = useState('');
  const queryClient = useQueryClient();
  const loaded = allOf(
    useQuery(routeQuery(api, queryKeys.team, 'GET /api/team')),
    useQuery(routeQuery(api, queryKeys.trainingSessions, 'GET /api/training/sessions')),
  );
  const enrol = useMutation({
    mutationFn: async (body: { sessionId: string; personId: string }) => {
      const nominated = await api.call('POST /api/training/sessions/:sessionId/nominate', {
        params: { sessionId: body.sessionId },
        body: { personId: body.personId, note: '', overrideEligibility: false },
      });
      return api.call('POST /api/training/enrolments/:enrolmentId/confirm', {
        params: { enrolmentId: nominated.id },
        body: { version: nominated.version },
      });
    },
    onMutate: () => setNotice(''),
    onSuccess: (enrolment) => {
      setPersonId('');
      setNotice(t('workplace.enrolled', { name: enrolment.personName }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.training });
    },
  });

  if (loaded.data === undefined) return <QueryState query={loaded}>{() => null}</QueryState>;
  const [team, sessions] = loaded.data;
  const open = sessions.filter(
    (session) => courseIds.includes(session.courseId) && session.status === 'scheduled' && session.open,
  );
  return (
    <Section title={t('workplace.enrolTitle')} id="training-workplace-enrol" testId="workplace-enrol">
      <p className={layout.muted}>{t('workplace.enrolIntro')}</p>
      <PersonSessionPicker
        form="workplace"
        members={team.members}
        sessions={open}
        personId={personId}
        onPerson={setPersonId}
        sessionId={sessionId}
        onSession={setSessionId}
      >
        <ErrorBar error={enrol.error ?? undefined} testId="workplace-enrol-error" />
        <div>
          <Button
            appearance="primary"
            disabled={enrol.isPending || !personId || !sessionId}
            onClick={() => enrol.mutate({ sessionId, personId })}
            data-testid="workplace-enrol-submit"
          >
            {t('workplace.enrol')}
          </Button>
        </div>
      </PersonSessionPicker>
      <span role="status" data-testid="workplace-enrol-status">
        {notice}
      </span>
    </Section>
  );
}
