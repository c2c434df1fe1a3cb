// A list of courses that its reader manages: HR's courses (hr-courses.tsx) and a 課's workplace training
// (workplace-training.tsx). What both keep (the course being added or edited, whose sessions are open, the
// notice) and what both show (the new-course section, a course's item with its form or its buttons) live here
// once; each list passes its own texts, badges and extra buttons.
import { Button } from '@fluentui/react-components';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import type { CourseView } from '../../../src/training/training.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { useTrainingStyles } from './catalog.tsx';
import { CourseForm } from './course-form.tsx';
import { CourseSessions } from './course-sessions.tsx';
import { useTitle } from './format.ts';

/**
 * Whose console the list is: HR's or the 課's (a new course is then a 職場研修, its rosters open there). The
 * area also names the list's texts (`hr.created`, `workplace.created`, …) and its test ids.
 */
type Area = 'hr' | 'workplace';

const NEW_COURSE_SECTION = {
  hr: { id: 'training-new-course', testId: 'new-course' },
  workplace: { id: 'training-new-workplace-course', testId: 'new-workplace-course' },
} as const;

export type CourseList = ReturnType<typeof useCourseList>;

/**
 * The state of a managed course list whose answer is cached under `key`: a write's answer goes into the
 * list on screen, without asking the server again.
 */
export function useCourseList({
  api,
  framework,
  area,
  key,
}: {
  api: ApiClient;
  framework: Framework;
  area: Area;
  key: QueryKey;
}) {
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | undefined>();
  const [openCourse, setOpenCourse] = useState<string | undefined>();
  const [notice, setNotice] = useState('');
  const changeCourses = (change: (list: CourseView[]) => CourseView[]) =>
    queryClient.setQueryData<CourseView[]>(key, (previous) => (previous ? change(previous) : previous));
  return {
    api,
    framework,
    area,
    adding,
    setAdding,
    editing,
    setEditing,
    openCourse,
    notice,
    setNotice,
    changeCourses,
    toggleSessions: (courseId: string) => setOpenCourse(openCourse === courseId ? undefined : courseId),
    /** A new course: listed first, its sessions open so the next step is at hand. */
    created: (course: CourseView, text: string) => {
      setAdding(false);
      setNotice(text);
      setOpenCourse(course.id);
      changeCourses((list) => [course, ...list]);
    },
    saved: (course: CourseView, text: string) => {
      setEditing(undefined);
      setNotice(text);
      changeCourses((list) => list.map((entry) => (entry.id === course.id ? course : entry)));
    },
  };
}

/** The form for a new course, in its own section while the list is adding one. */
export function NewCourseSection({ list }: { list: CourseList }) {
  const { t } = useTranslation('training');
  const { api, framework, area } = list;
  if (!list.adding) return null;
  return (
    <Section title={t(`${area}.newCourse`)} {...NEW_COURSE_SECTION[area]}>
      <CourseForm
        api={api}
        framework={framework}
        scope={area === 'workplace' ? 'workplace' : undefined}
        onCancel={() => list.setAdding(false)}
        onSaved={(course) => list.created(course, t(`${area}.created`))}
      />
    </Section>
  );
}

/**
 * A course of the list: its title and badges, what the list adds below them, then its form while it is
 * edited or its buttons, then what the list opens under it and its sessions.
 */
export function CourseItem({
  list,
  course,
  badges,
  details,
  buttons,
  below,
}: {
  list: CourseList;
  course: CourseView;
  badges: ReactNode;
  details?: ReactNode;
  /** Shown while the course is not edited: usually `CourseButtons`. */
  buttons: ReactNode;
  below?: ReactNode;
}) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const title = useTitle();
  const { api, framework, area } = list;
  return (
    <li className={styles.item} data-testid={`${area}-course-${course.id}`} data-title={course.title.ja}>
      <h3 className={styles.title}>{title(course.title)}</h3>
      <div className={layout.row}>{badges}</div>
      {details}
      {course.waiting.count ? (
        <p className={layout.muted} data-testid="course-waiting">
          {t('catalog.waitingCount', { count: course.waiting.count })}
        </p>
      ) : null}
      {list.editing === course.id ? (
        <CourseForm
          api={api}
          framework={framework}
          course={course}
          onCancel={() => list.setEditing(undefined)}
          onSaved={(changed) => list.saved(changed, t(`${area}.saved`))}
        />
      ) : (
        buttons
      )}
      {below}
      {list.openCourse === course.id && !course.archived ? (
        <CourseSessions api={api} course={course} area={area} />
      ) : null}
    </li>
  );
}

/** A course's row of buttons: its sessions and its edit when it is `editable`, then the list's own. */
export function CourseButtons({
  list,
  course,
  editable,
  children,
}: {
  list: CourseList;
  course: CourseView;
  editable: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const open = list.openCourse === course.id;
  return (
    <div className={layout.row} style={{ marginTop: 8 }}>
      {editable ? (
        <>
          <Button
            onClick={() => list.toggleSessions(course.id)}
            aria-expanded={open}
            data-testid="course-sessions"
          >
            {open ? t('catalog.hideSessions') : t('catalog.showSessions', { count: course.openSessions })}
          </Button>
          <Button onClick={() => list.setEditing(course.id)} data-testid="course-edit">
            {t('hr.edit')}
          </Button>
        </>
      ) : null}
      {children}
    </div>
  );
}
