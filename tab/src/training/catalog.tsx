import {
  Badge,
  Button,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import {
  NOTE_MAX,
  type CourseCategory,
  type CourseView,
  type EnrolmentView,
  type SessionView,
} from '../../../src/training/training.contract.ts';
import { jstDayOf } from '../../../src/shared/japan-time.ts';
import type { SelfStudyEnrolment } from '../../../src/training/learning.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys, routeQuery } from '../data/queries.ts';
import { allOf, QueryState } from '../data/query-state.tsx';
import { ErrorBar } from '../shell/error-panel.tsx';
import { OrEmpty, useLayoutStyles } from '../shell/layout.tsx';
import { CategoryOptions } from './category-options.tsx';
import { useLocalized } from '../shell/localized.ts';
import { formatDay, formatMonth, formatSpan, monthsFrom, statusColor, useTitle } from './format.ts';
import { SelfStudyActions } from '../learning/self-study-actions.tsx';
import { TextareaField } from '../shell/textarea-field.tsx';

export const useTrainingStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
  },
  item: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: '12px 16px',
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '0 0 4px' },
  facts: {
    display: 'grid',
    // The label column stays narrow on a phone, so the values keep most of the 360 px.
    gridTemplateColumns: 'fit-content(40%) 1fr',
    gap: '2px 12px',
    margin: '8px 0',
    '& dt': { color: tokens.colorNeutralForeground3 },
    '& dd': { margin: 0, minWidth: 0 },
  },
  sessions: {
    listStyleType: 'none',
    margin: '8px 0 0',
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
  },
  session: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: '8px',
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    // Badges and buttons keep their own width in the column.
    alignItems: 'flex-start',
  },
  filters: { display: 'flex', flexWrap: 'wrap', gap: '12px', alignItems: 'end' },
  select: { minWidth: 0, maxWidth: '100%' },
  reason: { color: tokens.colorPaletteRedForeground1 },
});

const LIVE = new Set([
  'applied',
  'recommended',
  'nominated',
  'confirmed',
  'waitlisted',
  'attended',
  'reported',
]);

export function Catalog({ api, framework }: { api: ApiClient; framework: Framework }) {
  const { t, i18n } = useTranslation('training');
  const styles = useTrainingStyles();
  const layout = useLayoutStyles();
  const localized = useLocalized();
  const title = useTitle();
  const [view, setView] = useState<'fit' | 'all'>('fit');
  const [category, setCategory] = useState<CourseCategory | ''>('');
  const [notice, setNotice] = useState('');
  const queryClient = useQueryClient();
  const thisMonth = monthsFrom(new Date(), 1)[0]!;
  // Four queries, keyed by what each depends on: switching the view or category asks again for the
  // courses only, and an answer for an earlier choice never replaces the current one.
  const courses = useQuery(
    routeQuery(api, queryKeys.catalog(view, category), 'GET /api/training/courses', {
      query: { view, ...(category ? { category } : {}) },
    }),
  );
  const sessions = useQuery(routeQuery(api, queryKeys.trainingSessions, 'GET /api/training/sessions'));
  const enrolments = useQuery(
    routeQuery(api, queryKeys.myEnrolments, 'GET /api/training/enrolments', { query: { personId: 'me' } }),
  );
  const selfStudy = useQuery(
    routeQuery(api, queryKeys.selfStudyEnrolments('me'), 'GET /api/training/self-study/enrolments', {
      query: { personId: 'me' },
    }),
  );
  const catalog = allOf(allOf(courses, sessions), allOf(enrolments, selfStudy));

  const applied = (enrolment: EnrolmentView) => {
    setNotice(t('catalog.applied'));
    queryClient.setQueryData<EnrolmentView[]>(queryKeys.myEnrolments, (previous) =>
      previous ? [...previous, enrolment] : previous,
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.trainingSessions });
  };
  const separator = i18n.language === 'en' ? ', ' : '、';
  const nameOf = (list: Array<{ id: string; name: { ja: string; en: string } }>, id: string) =>
    localized(list.find((entry) => entry.id === id)?.name ?? { ja: id, en: id });
  const years = (course: CourseView) => {
    const { minYearsOfService: min, maxYearsOfService: max } = course;
    if (min !== null && max !== null) return t('catalog.yearsRange', { min, max });
    if (min !== null) return t('catalog.yearsMin', { min });
    if (max !== null) return t('catalog.yearsMax', { max });
    return t('catalog.anyYears');
  };

  return (
    <section aria-labelledby="training-catalog-title" className={layout.stack} data-testid="training-catalog">
      <h2 className={layout.h2} id="training-catalog-title">
        {t('tabs.catalog')}
      </h2>
      <div className={styles.filters}>
        <RadioGroup
          aria-label={t('catalog.view')}
          layout="horizontal"
          value={view}
          onChange={(_, value) => setView(value.value === 'all' ? 'all' : 'fit')}
          data-testid="catalog-view"
        >
          <Radio value="fit" label={t('catalog.fit')} data-testid="catalog-view-fit" />
          <Radio value="all" label={t('catalog.all')} data-testid="catalog-view-all" />
        </RadioGroup>
        <Field label={t('catalog.categoryFilter')} className={styles.select}>
          <Select
            value={category}
            onChange={(_, value) => setCategory(value.value as CourseCategory | '')}
            data-testid="catalog-category"
          >
            <option value="">{t('catalog.allCategories')}</option>
            <CategoryOptions />
          </Select>
        </Field>
      </div>
      <span role="status" data-testid="catalog-status">
        {notice}
      </span>
      <QueryState
        query={catalog}
        isEmpty={([[courseList]]) => courseList.length === 0}
        empty={
          <p data-testid="catalog-empty">
            {view === 'fit' && !category ? t('catalog.emptyFit') : t('catalog.empty')}
          </p>
        }
      >
        {([[courseList, sessionList], [enrolmentList, selfStudyList]]) => (
          <ul className={styles.list} data-testid="course-list">
            {courseList.map((course) => {
              const sessions = sessionList.filter((session) => session.courseId === course.id);
              // A self-study course of one's learning path may be started though it is for other levels.
              const onPathOnly = !course.eligibility.eligible && course.selfStudy?.onMyPath === true;
              return (
                <li
                  key={course.id}
                  className={styles.item}
                  data-testid={`course-${course.id}`}
                  data-eligible={course.eligibility.eligible}
                >
                  <h3 className={styles.title}>{title(course.title)}</h3>
                  <div className={layout.row}>
                    <Badge appearance="tint">{t(`category.${course.category}`)}</Badge>
                    <Badge appearance="outline">{t(`format.${course.format}`)}</Badge>
                    {course.selfStudy ? (
                      <Badge appearance="tint" color="informative" data-testid="course-self-study">
                        {t('catalog.selfStudy')}
                      </Badge>
                    ) : null}
                    {onPathOnly ? (
                      <Badge appearance="tint" color="success" data-testid="on-my-path">
                        {t('catalog.onMyPath')}
                      </Badge>
                    ) : !course.eligibility.eligible ? (
                      <Badge appearance="tint" color="warning" data-testid="not-eligible">
                        {t('catalog.notEligible')}
                      </Badge>
                    ) : null}
                  </div>
                  {!course.eligibility.eligible && !onPathOnly ? (
                    <ul data-testid="ineligible-reasons">
                      {course.eligibility.reasons.map((reason) => (
                        <li key={reason.code}>{i18n.language === 'en' ? reason.en : reason.ja}</li>
                      ))}
                    </ul>
                  ) : null}
                  <p className={layout.preLine}>
                    {i18n.language === 'en' && course.description.en
                      ? course.description.en
                      : course.description.ja}
                  </p>
                  <dl className={styles.facts}>
                    <dt>{t('catalog.targetLevels')}</dt>
                    <dd>
                      {course.targetLevelIds.length === 0
                        ? t('catalog.everyLevel')
                        : course.targetLevelIds.map((id) => nameOf(framework.levels, id)).join(separator)}
                    </dd>
                    <dt>{t('catalog.years')}</dt>
                    <dd>{years(course)}</dd>
                    {course.competencyIds.length > 0 ? (
                      <>
                        <dt>{t('catalog.competencies')}</dt>
                        <dd data-testid="course-competencies">
                          {course.competencyIds
                            .map((id) => nameOf(framework.competencies, id))
                            .join(separator)}
                        </dd>
                      </>
                    ) : null}
                    {course.guidelineIds.length > 0 ? (
                      <>
                        <dt>{t('catalog.guidelines')}</dt>
                        <dd data-testid="course-guidelines">
                          {course.guidelineIds.map((id) => nameOf(framework.guidelines, id)).join(separator)}
                        </dd>
                      </>
                    ) : null}
                    <dt>{t('catalog.formatLabel')}</dt>
                    <dd>{t(`format.${course.format}`)}</dd>
                    {course.provider ? (
                      <>
                        <dt>{t('catalog.provider')}</dt>
                        <dd>{course.provider}</dd>
                      </>
                    ) : null}
                  </dl>
                  {course.selfStudy ? (
                    <CatalogSelfStudy
                      api={api}
                      course={course}
                      enrolment={selfStudyList.find((entry) => entry.courseId === course.id) ?? null}
                      today={jstDayOf(selfStudy.dataUpdatedAt)}
                      onDone={setNotice}
                    />
                  ) : (
                    <CatalogSessions
                      api={api}
                      course={course}
                      sessions={sessions}
                      enrolments={enrolmentList}
                      thisMonth={thisMonth}
                      onApplied={applied}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

/** A self-study course has no dated session: the person starts it and records it here. */
function CatalogSelfStudy({
  api,
  course,
  enrolment,
  today,
  onDone,
}: {
  api: ApiClient;
  course: CourseView;
  enrolment: SelfStudyEnrolment | null;
  today: string;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  // The server accepts a start by someone the course fits, or whose learning path names it.
  const mayStart = course.eligibility.eligible || course.selfStudy?.onMyPath === true;
  return (
    <div className={layout.stack} data-testid="catalog-self-study">
      <h4 className={layout.h3}>{t('catalog.selfStudy')}</h4>
      {mayStart ? <p className={layout.muted}>{t('catalog.selfStudyIntro')}</p> : null}
      <SelfStudyActions
        api={api}
        courseId={course.id}
        externalUrl={course.selfStudy?.externalUrl ?? null}
        enrolment={enrolment}
        today={today}
        onDone={onDone}
        showCompleted
        canStart={mayStart}
      />
    </div>
  );
}

/** A course's sessions, each to apply to (or my enrolment in it), and when the next is expected. */
function CatalogSessions({
  api,
  course,
  sessions,
  enrolments,
  thisMonth,
  onApplied,
}: {
  api: ApiClient;
  course: CourseView;
  sessions: SessionView[];
  enrolments: EnrolmentView[];
  thisMonth: string;
  onApplied: (enrolment: EnrolmentView) => void;
}) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  return (
    <>
      <h4 className={layout.h3}>{t('catalog.sessions')}</h4>
      {!sessions.some((session) => session.open) &&
      course.nextSessionMonth &&
      course.nextSessionMonth >= thisMonth ? (
        <p data-testid="course-next-month">
          {t('catalog.nextExpected', { month: formatMonth(course.nextSessionMonth, i18n.language) })}
        </p>
      ) : null}
      {course.waiting.offered || course.waiting.mine ? <AwaitCourse api={api} course={course} /> : null}
      <OrEmpty empty={sessions.length === 0} text={t('catalog.noSessions')}>
        <ul className={styles.sessions}>
          {sessions.map((session) => (
            <SessionEntry
              key={session.id}
              api={api}
              session={session}
              eligible={course.eligibility.eligible}
              enrolment={enrolments.find(
                (enrolment) => enrolment.sessionId === session.id && LIVE.has(enrolment.status),
              )}
              language={i18n.language}
              onApplied={onApplied}
            />
          ))}
        </ul>
      </OrEmpty>
    </>
  );
}

/**
 * 開講されたら知らせてほしい: where the server offers it (`waiting.offered`: no session open, the course meant
 * for the person), they ask to be told (by the bot) when one is scheduled; once waiting, they may stop.
 */
function AwaitCourse({ api, course }: { api: ApiClient; course: CourseView }) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const queryClient = useQueryClient();
  const params = { courseId: course.id };
  // Settled, not only succeeded: a refusal (a session opened meanwhile) brings the course as it now is.
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.catalogAll });
  const wait = useMutation({
    mutationFn: () => api.call('PUT /api/training/courses/:courseId/interest', { params }),
    onSettled: refresh,
  });
  const stop = useMutation({
    mutationFn: () => api.call('DELETE /api/training/courses/:courseId/interest', { params }),
    onSettled: refresh,
  });
  const busy = wait.isPending || stop.isPending;
  return (
    <div className={layout.stack} data-testid="course-await">
      {course.waiting.mine ? (
        <div className={layout.row}>
          <p data-testid="course-awaiting">{t('catalog.awaiting')}</p>
          <Button
            appearance="subtle"
            disabled={busy}
            onClick={() => stop.mutate()}
            data-testid="course-await-stop"
          >
            {t('catalog.awaitStop')}
          </Button>
        </div>
      ) : (
        <Button disabled={busy} onClick={() => wait.mutate()} data-testid="course-await-start">
          {t('catalog.awaitStart')}
        </Button>
      )}
      <ErrorBar error={wait.error ?? stop.error} />
    </div>
  );
}

function SessionEntry({
  api,
  session,
  eligible,
  enrolment,
  language,
  onApplied,
}: {
  api: ApiClient;
  session: SessionView;
  eligible: boolean;
  /** My live enrolment of this session, if any: its status is shown in the words of わたしの研修. */
  enrolment: EnrolmentView | undefined;
  language: string;
  onApplied: (enrolment: EnrolmentView) => void;
}) {
  const { t } = useTranslation('training');
  const styles = useTrainingStyles();
  const layout = useLayoutStyles();
  const [applying, setApplying] = useState(false);
  const [note, setNote] = useState('');
  const noteId = useId();
  const span = formatSpan(session.start, session.end, language);

  // On failure the note stays in the box so nothing typed is lost.
  const apply = useMutation({
    mutationFn: () =>
      api.call('POST /api/training/sessions/:sessionId/apply', {
        params: { sessionId: session.id },
        body: { note },
      }),
    onSuccess: (enrolment) => {
      setApplying(false);
      setNote('');
      onApplied(enrolment);
    },
  });
  const busy = apply.isPending;

  return (
    <li className={styles.session} data-testid={`session-${session.id}`} data-open={session.open}>
      <strong>{span}</strong>
      <span>
        {session.online ? t('catalog.onlineMeeting') : null}
        {session.online && session.place ? ' / ' : null}
        {session.place ? `${t('catalog.place')}: ${session.place}` : null}
      </span>
      <span className={layout.muted}>
        {t('catalog.capacity', {
          capacity: session.capacity,
          confirmed: session.confirmed,
          waitlisted: session.waitlisted,
        })}
        {' · '}
        {t('catalog.deadline', { date: formatDay(session.applicationDeadline, language) })}
      </span>
      {session.status === 'cancelled' ? <Badge color="danger">{t('catalog.cancelled')}</Badge> : null}
      {session.status === 'scheduled' && !session.open ? (
        <Badge color="informative">{t('catalog.closed')}</Badge>
      ) : null}
      {enrolment ? (
        <Badge
          color={statusColor(enrolment.status)}
          data-testid="already-enrolled"
          data-status={enrolment.status}
        >
          {t(`status.${enrolment.status}`)}
        </Badge>
      ) : null}
      {eligible && session.open && !enrolment && !applying ? (
        <div>
          <Button
            appearance="primary"
            onClick={() => setApplying(true)}
            aria-label={t('catalog.applyTo', { date: span })}
            data-testid="apply"
          >
            {t('catalog.apply')}
          </Button>
        </div>
      ) : null}
      {applying ? (
        <div className={layout.stack}>
          <TextareaField
            label={t('catalog.note')}
            inputId={noteId}
            value={note}
            maxLength={NOTE_MAX}
            onChange={setNote}
            testId="apply-note"
          />
          <ErrorBar error={apply.error} testId="apply-error" />
          <div className={layout.row}>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={() => apply.mutate()}
              data-testid="apply-submit"
            >
              {busy ? t('catalog.applying') : t('catalog.submitApply')}
            </Button>
            <Button onClick={() => setApplying(false)} disabled={busy}>
              {t('catalog.cancel')}
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}
