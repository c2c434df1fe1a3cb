import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Textarea,
} from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import {
  CAPACITY_MAX,
  COURSE_CATEGORIES,
  COURSE_DESCRIPTION_MAX,
  COURSE_TITLE_MAX,
  PLACE_MAX,
  PROVIDER_MAX,
  REASON_MAX,
  YEARS_MAX,
  type CourseCategory,
  type CourseDetail,
  type CourseInput,
  type CourseView,
  type SessionInput,
  type SessionView,
} from '../../../src/training/training.contract.ts';
import { ApiError, type ApiClient } from '../api/client.ts';
import { apiQuery, queryKeys } from '../data/queries.ts';
import { QueryState } from '../data/query-state.tsx';
import { useErrorText } from '../shell/error-text.ts';
import { Section, useLayoutStyles } from '../shell/layout.tsx';
import { useLocalized } from '../shell/localized.ts';
import { hrefOf } from '../shell/router.ts';
import { useTrainingStyles } from './catalog.tsx';
import { formatDay, formatSpan, useTitle } from './format.ts';
import { OutlookBadge } from './outlook-badge.tsx';
import { Roster } from './roster.tsx';

export function HrTraining({
  api,
  framework,
  rest,
}: {
  api: ApiClient;
  framework: Framework;
  rest: string[];
}) {
  if (rest[0] === 'roster' && rest[1]) return <Roster api={api} sessionId={rest[1]} />;
  return <HrCourses api={api} framework={framework} />;
}

const isConflict = (error: unknown) => error instanceof ApiError && error.code === 'version_conflict';

function HrCourses({ api, framework }: { api: ApiClient; framework: Framework }) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const title = useTitle();
  const errorText = useErrorText();
  const [archived, setArchived] = useState(false);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | undefined>();
  const [openCourse, setOpenCourse] = useState<string | undefined>();
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>();

  const queryClient = useQueryClient();
  const coursesKey = queryKeys.hrCourses(archived);
  const courses = useQuery(
    apiQuery<CourseView[]>(api, coursesKey, `/api/training/courses?view=all&archived=${archived}`),
  );
  /** Puts a write's answer into the list on screen, without asking the server again. */
  const changeCourses = (change: (list: CourseView[]) => CourseView[]) =>
    queryClient.setQueryData<CourseView[]>(coursesKey, (previous) =>
      previous ? change(previous) : previous,
    );
  const replace = (course: CourseView) =>
    changeCourses((list) => list.map((entry) => (entry.id === course.id ? course : entry)));

  const archive = async (course: CourseView) => {
    setError(undefined);
    try {
      const changed = await api.request<CourseView>('POST', `/api/training/courses/${course.id}/archive`, {
        version: course.version,
      });
      setNotice(t('hr.archivedNotice', { title: title(changed.title) }));
      changeCourses((list) => list.filter((entry) => entry.id !== course.id));
      // The archived list, if it was read, now lacks this course.
      void queryClient.invalidateQueries({ queryKey: queryKeys.hrCourses(true) });
    } catch (caught) {
      setError(caught);
    }
  };

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
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{errorText(error)}</MessageBarBody>
        </MessageBar>
      ) : null}
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
                    {course.archived ? <Badge color="subtle">{t('hr.archived')}</Badge> : null}
                  </div>
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
                      <Button onClick={() => void archive(course)} data-testid="course-archive">
                        {t('hr.archive')}
                      </Button>
                    </div>
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

interface CourseFields {
  category: CourseCategory;
  titleJa: string;
  titleEn: string;
  descriptionJa: string;
  descriptionEn: string;
  targetLevelIds: string[];
  minYears: string;
  maxYears: string;
  competencyIds: string[];
  guidelineIds: string[];
  format: 'inPerson' | 'online';
  provider: string;
}

const fieldsOf = (course?: CourseView): CourseFields => ({
  category: course?.category ?? 'specialist',
  titleJa: course?.title.ja ?? '',
  titleEn: course?.title.en ?? '',
  descriptionJa: course?.description.ja ?? '',
  descriptionEn: course?.description.en ?? '',
  targetLevelIds: course?.targetLevelIds ?? [],
  minYears: course?.minYearsOfService?.toString() ?? '',
  maxYears: course?.maxYearsOfService?.toString() ?? '',
  competencyIds: course?.competencyIds ?? [],
  guidelineIds: course?.guidelineIds ?? [],
  format: course?.format ?? 'inPerson',
  provider: course?.provider ?? '',
});

const years = (value: string) => (value.trim() === '' ? null : Number(value));

function CourseForm({
  api,
  framework,
  course,
  onCancel,
  onSaved,
}: {
  api: ApiClient;
  framework: Framework;
  course?: CourseView;
  onCancel: () => void;
  onSaved: (course: CourseView) => void;
}) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const localized = useLocalized();
  const [fields, setFields] = useState(() => fieldsOf(course));
  const [version, setVersion] = useState(course?.version);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const set = <K extends keyof CourseFields>(key: K, value: CourseFields[K]) =>
    setFields((previous) => ({ ...previous, [key]: value }));
  const toggle = (key: 'targetLevelIds' | 'competencyIds' | 'guidelineIds', id: string, on: boolean) =>
    setFields((previous) => ({
      ...previous,
      [key]: on ? [...previous[key], id] : previous[key].filter((entry) => entry !== id),
    }));

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    const input: CourseInput = {
      category: fields.category,
      title: { ja: fields.titleJa, ...(fields.titleEn.trim() ? { en: fields.titleEn } : {}) },
      description: {
        ja: fields.descriptionJa,
        ...(fields.descriptionEn.trim() ? { en: fields.descriptionEn } : {}),
      },
      targetLevelIds: fields.targetLevelIds,
      minYearsOfService: years(fields.minYears),
      maxYearsOfService: years(fields.maxYears),
      competencyIds: fields.competencyIds,
      guidelineIds: fields.guidelineIds,
      format: fields.format,
      provider: fields.provider,
    };
    try {
      onSaved(
        course
          ? await api.request<CourseView>('PUT', `/api/training/courses/${course.id}`, { ...input, version })
          : await api.request<CourseView>('POST', '/api/training/courses', input),
      );
    } catch (caught) {
      // What was typed stays in the form, whatever went wrong.
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  /** After a concurrent edit: take the newer version number, keep what this person typed. */
  const takeLatest = async () => {
    if (!course) return;
    try {
      const latest = await api.request<CourseDetail>('GET', `/api/training/courses/${course.id}`);
      setVersion(latest.version);
      setError(undefined);
    } catch (caught) {
      setError(caught);
    }
  };

  const checks = (
    key: 'targetLevelIds' | 'competencyIds' | 'guidelineIds',
    label: string,
    options: Array<{ id: string; name: { ja: string; en: string } }>,
  ) => (
    <fieldset
      className={layout.row}
      style={{ border: 'none', padding: 0, margin: 0 }}
      data-testid={`course-${key}`}
    >
      <legend style={{ padding: 0, marginBottom: 4 }}>{label}</legend>
      {options.map((option) => (
        <Checkbox
          key={option.id}
          label={localized(option.name)}
          checked={fields[key].includes(option.id)}
          onChange={(_, data) => toggle(key, option.id, data.checked === true)}
          data-testid={`${key}-${option.id}`}
        />
      ))}
    </fieldset>
  );

  return (
    <form
      className={layout.stack}
      data-testid="course-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Field label={t('hr.categoryLabel')}>
        <Select
          value={fields.category}
          onChange={(_, data) => set('category', data.value as CourseCategory)}
          data-testid="course-category"
        >
          {COURSE_CATEGORIES.map((value) => (
            <option key={value} value={value}>
              {t(`category.${value}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('hr.titleJa')} required>
        <Input
          value={fields.titleJa}
          maxLength={COURSE_TITLE_MAX}
          onChange={(_, data) => set('titleJa', data.value)}
          data-testid="course-title-ja"
        />
      </Field>
      <Field label={t('hr.titleEn')}>
        <Input
          value={fields.titleEn}
          maxLength={COURSE_TITLE_MAX}
          onChange={(_, data) => set('titleEn', data.value)}
          data-testid="course-title-en"
        />
      </Field>
      <Field label={t('hr.descriptionJa')}>
        <Textarea
          value={fields.descriptionJa}
          maxLength={COURSE_DESCRIPTION_MAX}
          onChange={(_, data) => set('descriptionJa', data.value)}
          data-testid="course-description-ja"
        />
      </Field>
      <Field label={t('hr.descriptionEn')}>
        <Textarea
          value={fields.descriptionEn}
          maxLength={COURSE_DESCRIPTION_MAX}
          onChange={(_, data) => set('descriptionEn', data.value)}
        />
      </Field>
      <Field label={t('hr.formatLabel')}>
        <RadioGroup
          layout="horizontal"
          value={fields.format}
          onChange={(_, data) => set('format', data.value === 'online' ? 'online' : 'inPerson')}
        >
          <Radio value="inPerson" label={t('format.inPerson')} />
          <Radio value="online" label={t('format.online')} />
        </RadioGroup>
      </Field>
      <Field label={t('hr.provider')}>
        <Input
          value={fields.provider}
          maxLength={PROVIDER_MAX}
          onChange={(_, data) => set('provider', data.value)}
          data-testid="course-provider"
        />
      </Field>
      {checks('targetLevelIds', t('hr.targetLevels'), framework.levels)}
      <div className={layout.row}>
        <Field label={t('hr.minYears')}>
          <Input
            type="number"
            min={0}
            max={YEARS_MAX}
            value={fields.minYears}
            onChange={(_, data) => set('minYears', data.value)}
            data-testid="course-min-years"
          />
        </Field>
        <Field label={t('hr.maxYears')}>
          <Input
            type="number"
            min={0}
            max={YEARS_MAX}
            value={fields.maxYears}
            onChange={(_, data) => set('maxYears', data.value)}
            data-testid="course-max-years"
          />
        </Field>
      </div>
      {checks('competencyIds', t('hr.competencies'), framework.competencies)}
      {checks('guidelineIds', t('hr.guidelines'), framework.guidelines)}
      <FormEnd
        kind="course"
        error={error}
        editing={Boolean(course)}
        busy={busy}
        onTakeLatest={() => void takeLatest()}
        onCancel={onCancel}
      />
    </form>
  );
}

function CourseSessions({ api, course }: { api: ApiClient; course: CourseView }) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const styles = useTrainingStyles();
  const title = useTitle();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | undefined>();
  const [cancelling, setCancelling] = useState<string | undefined>();
  const queryClient = useQueryClient();
  const detailKey = queryKeys.hrCourse(course.id);
  const detail = useQuery(apiQuery<CourseDetail>(api, detailKey, `/api/training/courses/${course.id}`));
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
                    <Link href={hrefOf('training', 'hr', 'roster', session.id)} data-testid="open-roster">
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

function CancelSession({
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onDone(
        await api.request<SessionView>('POST', `/api/training/sessions/${session.id}/cancel`, {
          version: session.version,
          reason,
        }),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={layout.stack} data-testid="session-cancel-form">
      <Field label={t('hr.cancelReason')} required>
        <Textarea
          value={reason}
          maxLength={REASON_MAX}
          onChange={(_, data) => setReason(data.value)}
          data-testid="session-cancel-reason"
        />
      </Field>
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{isConflict(error) ? t('hr.stale') : errorText(error)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div>
        <Button
          appearance="primary"
          disabled={busy || !reason.trim()}
          onClick={() => void submit()}
          data-testid="session-cancel-submit"
        >
          {t('hr.confirmCancel')}
        </Button>
      </div>
    </div>
  );
}

function SessionForm({
  api,
  courseId,
  session,
  onCancel,
  onSaved,
}: {
  api: ApiClient;
  courseId: string;
  session?: SessionView;
  onCancel: () => void;
  onSaved: (session: SessionView) => void;
}) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const [fields, setFields] = useState<SessionInput & { capacityText: string }>(() => ({
    date: session?.date ?? '',
    startTime: session?.startTime ?? '10:00',
    endTime: session?.endTime ?? '12:00',
    place: session?.place ?? '',
    online: session?.online ?? false,
    capacity: session?.capacity ?? 20,
    capacityText: String(session?.capacity ?? 20),
    applicationDeadline: session?.applicationDeadline ?? '',
  }));
  const [version, setVersion] = useState(session?.version);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const set = <K extends keyof typeof fields>(key: K, value: (typeof fields)[K]) =>
    setFields((previous) => ({ ...previous, [key]: value }));

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    const { capacityText, ...rest } = fields;
    const input: SessionInput = { ...rest, capacity: Number(capacityText) };
    try {
      onSaved(
        session
          ? await api.request<SessionView>('PUT', `/api/training/sessions/${session.id}`, {
              ...input,
              version,
            })
          : await api.request<SessionView>('POST', `/api/training/courses/${courseId}/sessions`, input),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  /** After a concurrent change: take the session's newer version number, keep what HR typed. */
  const takeLatest = async () => {
    if (!session) return;
    try {
      const latest = await api.request<CourseDetail>('GET', `/api/training/courses/${courseId}`);
      setVersion(latest.sessions.find((entry) => entry.id === session.id)?.version ?? version);
      setError(undefined);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <form
      className={layout.stack}
      data-testid="session-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className={layout.row}>
        <Field label={t('hr.date')} required>
          <Input
            type="date"
            value={fields.date}
            onChange={(_, data) => set('date', data.value)}
            data-testid="session-date"
          />
        </Field>
        <Field label={t('hr.startTime')} required>
          <Input
            type="time"
            value={fields.startTime}
            onChange={(_, data) => set('startTime', data.value)}
            data-testid="session-start"
          />
        </Field>
        <Field label={t('hr.endTime')} required>
          <Input
            type="time"
            value={fields.endTime}
            onChange={(_, data) => set('endTime', data.value)}
            data-testid="session-end"
          />
        </Field>
      </div>
      <Field label={t('hr.place')}>
        <Input
          value={fields.place}
          maxLength={PLACE_MAX}
          onChange={(_, data) => set('place', data.value)}
          data-testid="session-place"
        />
      </Field>
      <Checkbox
        checked={fields.online}
        onChange={(_, data) => set('online', data.checked === true)}
        label={t('hr.online')}
        data-testid="session-online"
      />
      <div className={layout.row}>
        <Field label={t('hr.capacityLabel')} required>
          <Input
            type="number"
            min={1}
            max={CAPACITY_MAX}
            value={fields.capacityText}
            onChange={(_, data) => set('capacityText', data.value)}
            data-testid="session-capacity"
          />
        </Field>
        <Field label={t('hr.deadlineLabel')} required>
          <Input
            type="date"
            value={fields.applicationDeadline}
            onChange={(_, data) => set('applicationDeadline', data.value)}
            data-testid="session-deadline"
          />
        </Field>
      </div>
      <FormEnd
        kind="session"
        error={error}
        editing={Boolean(session)}
        busy={busy}
        onTakeLatest={() => void takeLatest()}
        onCancel={onCancel}
      />
    </form>
  );
}

/**
 * The end of the course and session forms: what went wrong (a change made by someone else first offers
 * to load it, keeping what was typed), then save and cancel.
 */
function FormEnd({
  kind,
  error,
  editing,
  busy,
  onTakeLatest,
  onCancel,
}: {
  kind: 'course' | 'session';
  error: unknown;
  editing: boolean;
  busy: boolean;
  onTakeLatest: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('training');
  const layout = useLayoutStyles();
  const errorText = useErrorText();
  const stale = isConflict(error) && editing;
  return (
    <>
      {error ? (
        <MessageBar intent="error" role="alert" data-testid={`${kind}-error`}>
          <MessageBarBody>{stale ? t('hr.stale') : errorText(error)}</MessageBarBody>
          {stale ? (
            <MessageBarActions>
              <Button onClick={onTakeLatest}>{t('hr.reload')}</Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}
      <div className={layout.row}>
        <Button appearance="primary" type="submit" disabled={busy} data-testid={`${kind}-save`}>
          {busy ? t('hr.saving') : editing ? t('hr.save') : t('hr.create')}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          {t('hr.cancel')}
        </Button>
      </div>
    </>
  );
}
