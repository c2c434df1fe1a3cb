// 学習パス: where the signed-in person is on their learning paths (steps done, the next step), and the
// self-study courses of a step: enrol, record progress, record completion (docs/training.md).
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import { jstDayOf } from '../../../src/shared/japan-time.ts';
import type { PathProgress, StepProgress } from '../../../src/training/learning.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { registerBundle } from '../i18n/i18n.ts';
import { formatDay } from '../shell/date-time.ts';
import { OrEmpty, Section, useLayoutStyles } from '../shell/layout.tsx';
import { plainList } from '../shell/style-fragments.ts';
import { useTitle } from '../training/format.ts';
import messages from './messages.ts';
import { SelfStudyActions } from './self-study-actions.tsx';

registerBundle('learning', messages);

const useStyles = makeStyles({
  steps: { ...plainList, display: 'flex', flexDirection: 'column', gap: '12px' },
  step: {
    borderLeft: `4px solid ${tokens.colorNeutralStroke1}`,
    paddingLeft: '12px',
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
  },
  stepDone: { borderLeftColor: tokens.colorPaletteGreenBorder2 },
  stepNext: { borderLeftColor: tokens.colorBrandStroke1 },
  courses: { ...plainList, display: 'flex', flexDirection: 'column', gap: '8px' },
  course: { display: 'flex', flexDirection: 'column', gap: '4px', minWidth: 0, overflowWrap: 'anywhere' },
});

type Course = StepProgress['courses'][number];

export function LearningPaths({ api, framework }: { api: ApiClient; framework: Framework }) {
  const query = useQuery(
    routeQuery(api, queryKeys.pathProgress('me'), 'GET /api/training/path-progress', {
      query: { personId: 'me' },
    }),
  );
  return (
    <QueryState query={query}>
      {(progress) => (
        <PathsOf progress={progress} framework={framework} api={api} today={jstDayOf(query.dataUpdatedAt)} />
      )}
    </QueryState>
  );
}

function PathsOf({
  progress,
  framework,
  api,
  today,
}: {
  progress: PathProgress;
  framework: Framework;
  api: ApiClient;
  today: string;
}) {
  const { t, i18n } = useTranslation('learning');
  const layout = useLayoutStyles();
  const styles = useStyles();
  const title = useTitle();
  const levelName = (id: string) => {
    const level = framework.levels.find((candidate) => candidate.id === id);
    return level ? title(level.name) : id;
  };
  const [notice, setNotice] = useState('');
  return (
    <div className={layout.stack} data-testid="learning-paths">
      <p className={layout.muted}>{t('intro')}</p>
      <p data-testid="learning-you">
        {t('you', {
          level: progress.levelId ? levelName(progress.levelId) : t('levelUnknown'),
          years: progress.yearsOfService ?? t('yearsUnknown'),
        })}
      </p>
      <span role="status" data-testid="learning-status">
        {notice}
      </span>
      <OrEmpty empty={progress.paths.length === 0} text={t('none')} testId="learning-none">
        {progress.paths.map((path) => (
          <Section key={path.id} title={title(path.title)} id={`path-${path.id}`} testId={`path-${path.id}`}>
            {path.description.ja ? <p className={layout.preLine}>{title(path.description)}</p> : null}
            <p data-testid="path-next">
              {path.nextStep === null
                ? t('allDone')
                : t('nextIs', { title: title(path.steps[path.nextStep]!.title) })}
            </p>
            <ol className={styles.steps}>
              {path.steps.map((step, index) => {
                const isNext = index === path.nextStep;
                return (
                  <li
                    key={index}
                    className={`${styles.step} ${step.done ? styles.stepDone : ''} ${isNext ? styles.stepNext : ''}`}
                    data-testid={`path-step-${index}`}
                    data-done={step.done}
                    aria-current={isNext ? 'step' : undefined}
                  >
                    <h3 className={layout.h3}>
                      {t('step', { number: index + 1 })}: {title(step.title)}
                    </h3>
                    <div className={layout.row}>
                      {step.done ? <Badge color="success">{t('done')}</Badge> : null}
                      {isNext ? <Badge color="brand">{t('next')}</Badge> : null}
                      {step.fitsNow ? (
                        <Badge appearance="outline" color="informative">
                          {t('fits')}
                        </Badge>
                      ) : null}
                    </div>
                    <p className={layout.muted}>
                      {[
                        step.levelIds.length > 0
                          ? t('forLevels', {
                              levels: step.levelIds.map(levelName).join(i18n.language === 'en' ? ', ' : '・'),
                            })
                          : '',
                        yearsText(t, step.minYearsOfService, step.maxYearsOfService),
                      ]
                        .filter(Boolean)
                        .join(' ／ ')}
                    </p>
                    <ul className={styles.courses}>
                      {step.courses.map((course) => (
                        <li
                          key={course.id}
                          className={styles.course}
                          data-testid={`step-course-${course.id}`}
                        >
                          <CourseLine course={course} api={api} today={today} onDone={setNotice} />
                        </li>
                      ))}
                    </ul>
                  </li>
                );
              })}
            </ol>
          </Section>
        ))}
      </OrEmpty>
    </div>
  );
}

function yearsText(
  t: (key: string, options?: Record<string, unknown>) => string,
  min: number | null,
  max: number | null,
): string {
  if (min === null && max === null) return '';
  const range =
    min !== null && max !== null
      ? t('yearsRange', { min, max })
      : min !== null
        ? t('yearsFrom', { min })
        : t('yearsUpTo', { max });
  return t('forYears', { range });
}

/** One course of a step: its title and state; for a self-study course the link and its actions. */
function CourseLine({
  course,
  api,
  today,
  onDone,
}: {
  course: Course;
  api: ApiClient;
  today: string;
  onDone: (notice: string) => void;
}) {
  const { t, i18n } = useTranslation('learning');
  const layout = useLayoutStyles();
  const title = useTitle();
  return (
    <>
      <span>
        <strong>{title(course.title)}</strong>{' '}
        <span className={layout.muted}>{course.selfStudy ? t('selfStudy') : t('dated')}</span>
      </span>
      <span data-testid="course-state">
        {course.completedOn ? (
          <Badge color="success">
            {t('completedOn', { day: formatDay(course.completedOn, i18n.language) })}
          </Badge>
        ) : (
          t('notCompleted')
        )}
      </span>
      {course.selfStudy ? (
        <SelfStudyActions
          api={api}
          courseId={course.id}
          externalUrl={course.selfStudy.externalUrl}
          enrolment={course.enrolment}
          today={today}
          onDone={onDone}
        />
      ) : null}
    </>
  );
}
