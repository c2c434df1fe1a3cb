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
import { CourseForm } from './course-form.tsx';
import { CourseSessions } from './course-sessions.tsx';
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
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | undefined>();
  const [openCourse, setOpenCourse] = useState<string | undefined>();
  const [resultsOf, setResultsOf] = useState<string | undefined>();
  const toggleResults = (courseId: string) => setResultsOf(resultsOf === courseId ? undefined : courseId);
  const [notice, setNotice] = useState('');

  const queryClient = useQueryClient();
  const coursesKey = queryKeys.hrCourses(archived);
  const courses = useQuery(
    routeQuery(api, coursesKey, 'GET /api/training/courses', {
      query: { view: 'all', archived: archived ? 'true' : 'false' },
    }),
  );
  /** Puts a write's answer into the list on screen, without asking the server again. */
  const changeCourses = (change: (list: CourseView[]) => CourseView[]) =>
    queryClient.setQueryData<CourseView[]>(coursesKey, (previous) =>
      previous ? change(previous) : previous,
    );
  const replace = (course: CourseView) =>
    changeCourses((list) => list.map((entry) => (entry.id === course.id ? course : entry)));

  const archive = useMutation({
    mutationFn: (course: CourseView) =>
      api.call('POST /api/training/courses/:courseId/archive', {
        params: { courseId: course.id },
        body: { version: course.version },
      }),
    onSuccess: (changed, course) => {
      setNotice(t('hr.archivedNotice', { title: title(changed.title) }));
      changeCourses((list) => list.filter((entry) => entry.id !== course.id));
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
        {!adding ? (
          <Button appearance="primary" onClick={() => setAdding(true)} data-testid="course-add">
            {t('hr.newCourse')}
          </Button>
        ) : null}
      </div>
      <span role="status" data-testid="hr-status">
        {notice}
      </span>
      <ErrorBar error={error} />
      {adding ? (
        <Section title={t('hr.newCourse')} id="training-new-course" testId="new-course">
          <CourseForm
            api={api}
            framework={framework}
            onCancel={() => setAdding(false)}
            onSaved={(course) => {
              setAdding(false);
              setNotice(t('hr.created'));
              setOpenCourse(course.id);
              changeCourses((list) => [course, ...list]);
            }}
          />
        </Section>
      ) : null}
      <Section title={t('hr.courses')} id="training-hr-courses">
        <QueryState query={courses} isEmpty={() => false}>
          {(list) => (
            <ul className={styles.list} data-testid="hr-course-list">
              {list.map((course) => (
                <li
                  key={course.id}
                  className={styles.item}
                  data-testid={`hr-course-${course.id}`}
                  data-title={course.title.ja}
                >
                  <h3 className={styles.title}>{title(course.title)}</h3>
                  <div className={layout.row}>
                    <Badge appearance="tint">{t(`category.${course.category}`)}</Badge>
                    {course.scope === 'workplace' ? (
                      <Badge color="informative" data-testid="hr-course-workplace">
                        {t('workplace.badge')}・{course.ownerDepartment}
                      </Badge>
                    ) : null}
                    {course.archived ? <Badge color="subtle">{t('hr.archived')}</Badge> : null}
                  </div>
                  {!course.archived ? <NextSession course={course} thisMonth={thisMonth} /> : null}
                  {editing === course.id ? (
                    <CourseForm
                      api={api}
                      framework={framework}
                      course={course}
                      onCancel={() => setEditing(undefined)}
                      onSaved={(changed) => {
                        setEditing(undefined);
                        setNotice(t('hr.saved'));
                        replace(changed);
                      }}
                    />
                  ) : !course.archived ? (
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
                      <Button onClick={() => archive.mutate(course)} data-testid="course-archive">
                        {t('hr.archive')}
                      </Button>
                      <CourseResultsToggle
                        open={resultsOf === course.id}
                        onToggle={() => toggleResults(course.id)}
                      />
                    </div>
                  ) : (
                    <div className={layout.row} style={{ marginTop: 8 }}>
                      <CourseResultsToggle
                        open={resultsOf === course.id}
                        onToggle={() => toggleResults(course.id)}
                      />
                    </div>
                  )}
                  {resultsOf === course.id && editing !== course.id ? (
                    <CourseResultsPanel api={api} framework={framework} courseId={course.id} />
                  ) : null}
                  {openCourse === course.id && !course.archived ? (
                    <CourseSessions api={api} course={course} />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </Section>
    </div>
  );
}
