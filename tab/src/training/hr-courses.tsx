// HR's courses: the list (archived or not), adding, editing and archiving a course, and its sessions.
import { Badge, Button, Switch } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { CourseView } from '../../../src/training/training.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { useTrainingStyles } from './catalog.tsx';
import { formatMonth, monthsFrom, useTitle } from './format.ts';
import { CourseButtons, CourseItem, NewCourseSection, useCourseList } from './course-list.tsx';
import { CourseResultsPanel, CourseResultsToggle } from './course-results.tsx';
/**
 * When HR expects the next session, as the staff catalog shows it (catalog.tsx: 「次回は…ごろ」 while no
 * session is open): said here so HR sees what staff see, and a month already past that staff no longer see.
 */
function NextSession({ course, thisMonth }: { course: CourseView; thisMonth: string }) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const month = course.nextSessionMonth;
  const [text, state] = !month
    ? [t('hr.nextSessionNone'), 'none']
    : month < thisMonth
      ? [t('hr.nextSessionPast', { month: formatMonth(month, i18n.language) }), 'past']
      : [
          course.openSessions > 0
            ? t('hr.nextSessionOpen', { month: formatMonth(month, i18n.language) })
            : t('hr.nextSessionShown', { month: formatMonth(month, i18n.language) }),
          course.openSessions > 0 ? 'open' : 'shown',
        ];
  return (
    <p
      className={state === 'shown' ? undefined : layout.muted}
      style={{ margin: '4px 0 0' }}
      data-testid="hr-course-next-month"
      data-state={state}
    >
      {text}
    </p>
  );
}

export function HrCourses({ api, framework }: { api: ApiClient; framework: Framework }) {
  const { t } = useTranslation('training');
  const thisMonth = monthsFrom(new Date(), 1)[0]!;
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const title = useTitle();
  const [archived, setArchived] = useState(false);
  const [resultsOf, setResultsOf] = useState<string | undefined>();
  const toggleResults = (courseId: string) => setResultsOf(resultsOf === courseId ? undefined : courseId);

  const queryClient = useQueryClient();
  const coursesKey = queryKeys.hrCourses(archived);
  const courses = useQuery(
    routeQuery(api, coursesKey, 'GET /api/training/courses', {
      query: { view: 'all', archived: archived ? 'true' : 'false' },
    }),
  );
  const list = useCourseList({ api, framework, area: 'hr', key: coursesKey });

  const archive = useMutation({
    mutationFn: (course: CourseView) =>
      api.call('POST /api/training/courses/:courseId/archive', {
        params: { courseId: course.id },
        body: { version: course.version },
      }),
    onSuccess: (changed, course) => {
      list.setNotice(t('hr.archivedNotice', { title: title(changed.title) }));
      list.changeCourses((entries) => entries.filter((entry) => entry.id !== course.id));
      // The archived list, if it was read, now lacks this course.
      void queryClient.invalidateQueries({ queryKey: queryKeys.hrCourses(true) });
    },
  });
  const { error } = archive;

  return (
    <div className={layout.stack} data-testid="training-hr">
      <p className={layout.muted}>{t('hr.intro')}</p>
      <div className={layout.row} style={{ justifyContent: 'space-between' }}>
        <Switch
          checked={archived}
          onChange={(_, data) => setArchived(data.checked)}
          label={t('hr.showArchived')}
          data-testid="show-archived"
        />
        {!list.adding ? (
          <Button appearance="primary" onClick={() => list.setAdding(true)} data-testid="course-add">
            {t('hr.newCourse')}
          </Button>
        ) : null}
      </div>
      <span role="status" data-testid="hr-status">
        {list.notice}
      </span>
      <ErrorBar error={error} />
      <NewCourseSection list={list} />
      <Section title={t('hr.courses')} id="training-hr-courses">
        <QueryState query={courses} isEmpty={() => false}>
          {(entries) => (
            <ul className={styles.list} data-testid="hr-course-list">
              {entries.map((course) => (
                <CourseItem
                  key={course.id}
                  list={list}
                  course={course}
                  badges={
                    <>
                      <Badge appearance="tint">{t(`category.${course.category}`)}</Badge>
                      {course.scope === 'workplace' ? (
                        <Badge color="informative" data-testid="hr-course-workplace">
                          {t('workplace.badge')}・{course.ownerDepartment}
                        </Badge>
                      ) : null}
                      {course.archived ? <Badge color="subtle">{t('hr.archived')}</Badge> : null}
                    </>
                  }
                  details={!course.archived ? <NextSession course={course} thisMonth={thisMonth} /> : null}
                  buttons={
                    <CourseButtons list={list} course={course} editable={!course.archived}>
                      {!course.archived ? (
                        <Button onClick={() => archive.mutate(course)} data-testid="course-archive">
                          {t('hr.archive')}
                        </Button>
                      ) : null}
                      <CourseResultsToggle
                        open={resultsOf === course.id}
                        onToggle={() => toggleResults(course.id)}
                      />
                    </CourseButtons>
                  }
                  below={
                    resultsOf === course.id && list.editing !== course.id ? (
                      <CourseResultsPanel api={api} framework={framework} courseId={course.id} />
                    ) : null
                  }
                />
              ))}
            </ul>
          )}
        </QueryState>
      </Section>
    </div>
  );
}
