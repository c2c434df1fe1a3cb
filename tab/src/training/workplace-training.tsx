// Workplace training (職場研修, docs/training.md): a 課長 or 係長 lists their 課's courses, creates one and its
// sessions (the course form and session list HR uses), enrols their staff and opens a session's roster,
// where attendance is confirmed in one action, and its 受講案内 (to the 課's own staff).
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
import { AnnouncementsPanel } from './announcements-panel.tsx';
import { useTrainingStyles } from './catalog.tsx';
import { CourseButtons, CourseItem, NewCourseSection, useCourseList } from './course-list.tsx';
import { PersonSessionPicker, usePersonSessionChoice } from './person-session-picker.tsx';
import { Roster, rosterSessionOf, type ConsoleProps } from './roster.tsx';

export function WorkplaceTraining({ api, framework, rest }: ConsoleProps) {
  const sessionId = rosterSessionOf(rest);
  if (sessionId)
    return (
      <>
        <Roster api={api} sessionId={sessionId} area="workplace" />
        <AnnouncementsPanel api={api} sessionId={sessionId} area="workplace" />
      </>
    );
  return <WorkplaceCourses api={api} framework={framework} />;
}

function WorkplaceCourses({ api, framework }: { api: ApiClient; framework: Framework }) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const courses = useQuery(
    routeQuery(api, queryKeys.workplaceCourses, 'GET /api/training/courses', { query: { view: 'all' } }),
  );
  const list = useCourseList({ api, framework, area: 'workplace', key: queryKeys.workplaceCourses });
  const mine = (entries: CourseView[]) =>
    entries.filter((course) => course.scope === 'workplace' && course.manageable);

  return (
    <div className={layout.stack} data-testid="training-workplace">
      <p className={layout.muted}>{t('workplace.intro')}</p>
      {!list.adding ? (
        <div>
          <Button appearance="primary" onClick={() => list.setAdding(true)} data-testid="workplace-add">
            {t('workplace.newCourse')}
          </Button>
        </div>
      ) : null}
      <span role="status" data-testid="workplace-status">
        {list.notice}
      </span>
      <NewCourseSection list={list} />
      <Section title={t('workplace.courses')} id="training-workplace-courses">
        <QueryState query={courses} isEmpty={() => false}>
          {(entries) => (
            <OrEmpty empty={mine(entries).length === 0} text={t('workplace.none')} testId="workplace-none">
              <ul className={styles.list} data-testid="workplace-course-list">
                {mine(entries).map((course) => (
                  <CourseItem
                    key={course.id}
                    list={list}
                    course={course}
                    badges={
                      <>
                        <Badge appearance="tint">{t('workplace.badge')}</Badge>
                        {course.ownerDepartment ? (
                          <Badge color="informative">{course.ownerDepartment}</Badge>
                        ) : null}
                      </>
                    }
                    buttons={<CourseButtons list={list} course={course} editable />}
                  />
                ))}
              </ul>
            </OrEmpty>
          )}
        </QueryState>
      </Section>
      <QueryState query={courses}>
        {(entries) => <Enrol api={api} courseIds={mine(entries).map((course) => course.id)} />}
      </QueryState>
    </div>
  );
}

/** 指名 of the organiser's own staff, confirmed at once (capacity and the waiting list as for HR). */
function Enrol({ api, courseIds }: { api: ApiClient; courseIds: string[] }) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const choice = usePersonSessionChoice();
  const { personId, sessionId } = choice;
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
      choice.setPersonId('');
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
      <PersonSessionPicker form="workplace" members={team.members} sessions={open} choice={choice}>
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
