// 学習パス: HR's stepwise learning paths (段階的にステップアップ) and which courses are self-study
// (docs/training.md, "Learning paths and self-study").
import { Button, Checkbox, Field, Input, Select } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  LearningPath,
  LearningPathInput,
  SelfStudyCourse,
} from '../../../../src/training/learning.contract.ts';
import type { CourseView } from '../../../../src/training/training.contract.ts';
import { isVersionConflict, type ApiClient } from '../../api/client.ts';
import { allOf, QueryState } from '../../data/query-state.tsx';
import { queryKeys, routeQuery } from '../../data/queries.ts';
import { registerBundle } from '../../i18n/i18n.ts';
import { ErrorBar } from '../../shell/error-panel.tsx';
import { FormFooter } from '../../shell/form-footer.tsx';
import { OrEmpty, Section, useLayoutStyles } from '../../shell/layout.tsx';
import { RecordOptions } from '../../shell/options.tsx';
import { StackForm } from '../../shell/stack-form.tsx';
import { useTitle } from '../../training/format.ts';
import { YearsRange } from '../../training/years-range.tsx';
import { SectionFrame } from '../section-frame.tsx';
import type { HrBase, HrSectionProps } from '../section-props.ts';

registerBundle('hr-learning', {
  ja: {
    title: '学習パス',
    intro:
      '職層と在職年数に応じた段階的な学習パス（人財育成基本方針 7(2)④）を定めます。各ステップは、そこに挙げた研修をすべて修了すると完了です。',
    none: '学習パスはまだありません。',
    add: '学習パスを追加',
    edit: '編集',
    archive: 'アーカイブ',
    archived: 'アーカイブ済み',
    pathTitle: 'パスの名前',
    titleEn: '英語の名前（任意）',
    description: '説明',
    step: 'ステップ {{number}}',
    stepTitle: 'ステップの名前',
    levels: '対象の職層',
    minYears: '在職年数（から）',
    maxYears: '在職年数（まで）',
    courses: '修了する研修',
    addStep: 'ステップを追加',
    removeStep: 'ステップ {{number}} を削除',
    save: '保存',
    saving: '保存中…',
    cancel: 'キャンセル',
    saved: '保存しました。',
    selfStudyTitle: '通信教育・e-ラーニングの設定',
    selfStudyIntro:
      '日程のない研修（通信教育・e-ラーニング）にします。開講日程のある研修は設定できません。リンクは https のみです。',
    course: '研修',
    link: '教材のリンク（https、任意）',
    makeSelfStudy: '通信教育として設定',
    saveLink: 'リンクを保存',
    selfStudySaved: '通信教育として設定しました。',
    linkSaved: '教材のリンクを保存しました。',
    linkConflict:
      'ほかの人が先にリンクを変更しました。いまのリンク：{{link}}。もう一度保存すると、入力したリンクで上書きします。',
    noLink: 'なし',
    selfStudyMark: '（通信教育）',
  },
  en: {
    title: 'Learning paths',
    intro:
      'Define stepwise learning paths by job level and years of service (policy 7(2)④). A step is done once each of its courses is completed.',
    none: 'No learning paths yet.',
    add: 'Add a learning path',
    edit: 'Edit',
    archive: 'Archive',
    archived: 'Archived',
    pathTitle: 'Path name',
    titleEn: 'Name in English (optional)',
    description: 'Description',
    step: 'Step {{number}}',
    stepTitle: 'Step name',
    levels: 'Job levels',
    minYears: 'Years of service from',
    maxYears: 'Years of service up to',
    courses: 'Courses that complete it',
    addStep: 'Add a step',
    removeStep: 'Remove step {{number}}',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    saved: 'Saved.',
    selfStudyTitle: 'Self-study and e-learning',
    selfStudyIntro:
      'Make a course self-paced, with no dated sessions. A course with sessions cannot be. Links must be https.',
    course: 'Course',
    link: 'Link to the material (https, optional)',
    makeSelfStudy: 'Make it self-study',
    saveLink: 'Save the link',
    selfStudySaved: 'The course is now self-study.',
    linkSaved: 'The link is saved.',
    linkConflict:
      'Someone changed the link first. It is now: {{link}}. Save again to put the link you typed over it.',
    noLink: 'none',
    selfStudyMark: ' (self-study)',
  },
});

interface StepDraft {
  titleJa: string;
  levelIds: string[];
  min: string;
  max: string;
  courseIds: string[];
}
interface Draft {
  titleJa: string;
  titleEn: string;
  descriptionJa: string;
  steps: StepDraft[];
}
const blankStep = (): StepDraft => ({ titleJa: '', levelIds: [], min: '', max: '', courseIds: [] });
const draftOf = (path?: LearningPath): Draft =>
  path
    ? {
        titleJa: path.title.ja,
        titleEn: path.title.en ?? '',
        descriptionJa: path.description.ja,
        steps: path.steps.map((step) => ({
          titleJa: step.title.ja,
          levelIds: step.levelIds,
          min: step.minYearsOfService === null ? '' : String(step.minYearsOfService),
          max: step.maxYearsOfService === null ? '' : String(step.maxYearsOfService),
          courseIds: step.courses.map((course) => course.id),
        })),
      }
    : { titleJa: '', titleEn: '', descriptionJa: '', steps: [blankStep()] };
const years = (text: string) => (text.trim() === '' ? null : Number(text));
const inputOf = (draft: Draft): LearningPathInput => ({
  title: { ja: draft.titleJa, ...(draft.titleEn ? { en: draft.titleEn } : {}) },
  description: { ja: draft.descriptionJa },
  steps: draft.steps.map((step) => ({
    title: { ja: step.titleJa },
    levelIds: step.levelIds,
    minYearsOfService: years(step.min),
    maxYearsOfService: years(step.max),
    courseIds: step.courseIds,
  })),
});
const toggled = (list: string[], id: string, on: boolean) =>
  on ? [...list, id] : list.filter((item) => item !== id);

export default function LearningPathsSection({ api, base }: HrSectionProps) {
  const { t } = useTranslation('hr-learning');
  const loaded = allOf(
    useQuery(routeQuery(api, queryKeys.learningPaths, 'GET /api/training/learning-paths')),
    useQuery(
      routeQuery(api, queryKeys.catalog('all', ''), 'GET /api/training/courses', { query: { view: 'all' } }),
    ),
  );
  return (
    <SectionFrame section="learningPaths">
      <Section title={t('title')} id="hr-learning-paths">
        <p>{t('intro')}</p>
        <QueryState query={loaded}>
          {([paths, courses]) => <PathEditor api={api} base={base} paths={paths} courses={courses} />}
        </QueryState>
      </Section>
    </SectionFrame>
  );
}

function PathEditor({
  api,
  base,
  paths,
  courses,
}: {
  api: ApiClient;
  base: HrBase;
  paths: LearningPath[];
  courses: CourseView[];
}) {
  const { t } = useTranslation('hr-learning');
  const layout = useLayoutStyles();
  const title = useTitle();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<LearningPath | 'new' | undefined>();
  const [draft, setDraft] = useState<Draft>(draftOf());
  const [notice, setNotice] = useState('');
  const live = courses.filter((course) => !course.archived);
  const save = useMutation({
    mutationFn: async (change: { draft: Draft; archived?: boolean; path?: LearningPath }) =>
      change.path
        ? api.call('PUT /api/training/learning-paths/:pathId', {
            params: { pathId: change.path.id },
            body: {
              ...inputOf(change.draft),
              version: change.path.version,
              archived: change.archived ?? false,
            },
          })
        : api.call('POST /api/training/learning-paths', { body: inputOf(change.draft) }),
    onSuccess: async () => {
      setEditing(undefined);
      setNotice(t('saved'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.learningPaths });
    },
  });
  const open = (path?: LearningPath) => {
    setDraft(draftOf(path));
    setEditing(path ?? 'new');
    setNotice('');
  };
  const setStep = (index: number, change: Partial<StepDraft>) =>
    setDraft({
      ...draft,
      steps: draft.steps.map((step, at) => (at === index ? { ...step, ...change } : step)),
    });

  return (
    <div className={layout.stack} data-testid="hr-learning-paths">
      <span role="status">{notice}</span>
      <OrEmpty empty={paths.length === 0} text={t('none')}>
        <ul className={layout.stack}>
          {paths.map((path) => (
            <li key={path.id} data-testid={`hr-path-${path.id}`}>
              <strong>{title(path.title)}</strong>
              {path.archived ? <span className={layout.muted}> {t('archived')}</span> : null}
              <ol>
                {path.steps.map((step, index) => (
                  <li key={index}>
                    {title(step.title)}: {step.courses.map((course) => title(course.title)).join('、')}
                  </li>
                ))}
              </ol>
              <div className={layout.row}>
                <Button onClick={() => open(path)}>{t('edit')}</Button>
                {path.archived ? null : (
                  <Button
                    disabled={save.isPending}
                    onClick={() => save.mutate({ draft: draftOf(path), archived: true, path })}
                  >
                    {t('archive')}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </OrEmpty>
      {editing === undefined ? (
        <div>
          <Button appearance="primary" onClick={() => open()} data-testid="hr-path-add">
            {t('add')}
          </Button>
        </div>
      ) : (
        <StackForm
          testId="hr-path-form"
          onSubmit={() =>
            save.mutate({
              draft,
              ...(editing === 'new' ? {} : { path: editing, archived: editing.archived }),
            })
          }
        >
          <Field label={t('pathTitle')} required>
            <Input
              value={draft.titleJa}
              onChange={(_event, data) => setDraft({ ...draft, titleJa: data.value })}
              data-testid="hr-path-title"
            />
          </Field>
          <Field label={t('titleEn')}>
            <Input
              value={draft.titleEn}
              onChange={(_event, data) => setDraft({ ...draft, titleEn: data.value })}
            />
          </Field>
          <Field label={t('description')}>
            <Input
              value={draft.descriptionJa}
              onChange={(_event, data) => setDraft({ ...draft, descriptionJa: data.value })}
            />
          </Field>
          {draft.steps.map((step, index) => (
            <fieldset key={index} className={layout.stack} data-testid={`hr-path-step-${index}`}>
              <legend>{t('step', { number: index + 1 })}</legend>
              <Field label={t('stepTitle')} required>
                <Input
                  value={step.titleJa}
                  onChange={(_event, data) => setStep(index, { titleJa: data.value })}
                  data-testid="hr-step-title"
                />
              </Field>
              <Field label={t('levels')}>
                <div className={layout.row}>
                  {base.framework.levels.map((level) => (
                    <Checkbox
                      key={level.id}
                      label={title(level.name)}
                      checked={step.levelIds.includes(level.id)}
                      onChange={(_event, data) =>
                        setStep(index, { levelIds: toggled(step.levelIds, level.id, data.checked === true) })
                      }
                      data-testid={`hr-step-level-${level.id}`}
                    />
                  ))}
                </div>
              </Field>
              <YearsRange
                labels={[t('minYears'), t('maxYears')]}
                min={{ value: step.min, onChange: (_event, data) => setStep(index, { min: data.value }) }}
                max={{ value: step.max, onChange: (_event, data) => setStep(index, { max: data.value }) }}
              />
              <Field label={t('courses')}>
                <div className={layout.stack}>
                  {live.map((course) => (
                    <Checkbox
                      key={course.id}
                      label={title(course.title)}
                      checked={step.courseIds.includes(course.id)}
                      onChange={(_event, data) =>
                        setStep(index, {
                          courseIds: toggled(step.courseIds, course.id, data.checked === true),
                        })
                      }
                      data-testid={`hr-step-course-${course.id}`}
                    />
                  ))}
                </div>
              </Field>
              {draft.steps.length > 1 ? (
                <div>
                  <Button
                    onClick={() =>
                      setDraft({ ...draft, steps: draft.steps.filter((_step, at) => at !== index) })
                    }
                  >
                    {t('removeStep', { number: index + 1 })}
                  </Button>
                </div>
              ) : null}
            </fieldset>
          ))}
          <div>
            <Button onClick={() => setDraft({ ...draft, steps: [...draft.steps, blankStep()] })}>
              {t('addStep')}
            </Button>
          </div>
          <ErrorBar error={save.error} />
          <FormFooter
            busy={save.isPending}
            submitText={t('save')}
            busyText={t('saving')}
            cancelText={t('cancel')}
            onCancel={() => setEditing(undefined)}
            testId="hr-path-save"
          />
        </StackForm>
      )}
      <SelfStudySettings api={api} courses={live} />
    </div>
  );
}

/** The self-study form, once each self-study course's link and version are read. */
function SelfStudySettings({ api, courses }: { api: ApiClient; courses: CourseView[] }) {
  const settings = useQuery(
    routeQuery(api, queryKeys.selfStudyCourses, 'GET /api/training/self-study/courses'),
  );
  return (
    <QueryState query={settings}>
      {(list) => (
        <SelfStudyForm api={api} courses={courses} settings={list} readAt={settings.dataUpdatedAt} />
      )}
    </QueryState>
  );
}

/**
 * Makes a course without sessions self-study, with its https link, or changes the link of one that is:
 * the course's current link is filled in and its version sent (0 the first time). A change saved
 * meanwhile by someone else is refused (409): the settings are read again and the form shows the link
 * saved meanwhile; the typed link stays, so saving once more puts it over the newer one.
 */
function SelfStudyForm({
  api,
  courses,
  settings,
  readAt,
}: {
  api: ApiClient;
  courses: CourseView[];
  settings: SelfStudyCourse[];
  /** When `settings` were read: the link saved meanwhile is shown only once read after the refusal. */
  readAt: number;
}) {
  const { t } = useTranslation('hr-learning');
  const layout = useLayoutStyles();
  const title = useTitle();
  const queryClient = useQueryClient();
  const [courseId, setCourseId] = useState('');
  const [link, setLink] = useState('');
  const [notice, setNotice] = useState('');
  const settingsOf = new Map(settings.map((entry) => [entry.courseId, entry]));
  const current = settingsOf.get(courseId);
  const make = useMutation({
    mutationFn: (change: { courseId: string; version: number; externalUrl: string | null }) =>
      api.call('PUT /api/training/courses/:courseId/self-study', {
        params: { courseId: change.courseId },
        body: { version: change.version, externalUrl: change.externalUrl },
      }),
    onMutate: () => setNotice(''),
    onSuccess: async (_saved, change) => {
      setNotice(t(change.version === 0 ? 'selfStudySaved' : 'linkSaved'));
      // Every course view carries whether it is self-study (the catalog, HR's lists, paths, recommendations).
      await queryClient.invalidateQueries({ queryKey: queryKeys.training });
    },
    onError: async (error) => {
      if (isVersionConflict(error))
        await queryClient.invalidateQueries({ queryKey: queryKeys.selfStudyCourses });
    },
  });
  const choose = (id: string) => {
    setCourseId(id);
    setLink(settingsOf.get(id)?.externalUrl ?? '');
    setNotice('');
    make.reset();
  };
  return (
    <StackForm
      testId="hr-self-study-form"
      onSubmit={() =>
        courseId &&
        make.mutate({
          courseId,
          version: current?.version ?? 0,
          externalUrl: link.trim() === '' ? null : link.trim(),
        })
      }
    >
      <h3 className={layout.h3}>{t('selfStudyTitle')}</h3>
      <p className={layout.muted}>{t('selfStudyIntro')}</p>
      <Field label={t('course')}>
        <Select
          value={courseId}
          onChange={(_event, data) => choose(data.value)}
          data-testid="hr-self-study-course"
        >
          <RecordOptions
            none=""
            records={courses.filter((course) => course.openSessions === 0)}
            labelOf={(course) =>
              settingsOf.has(course.id) ? `${title(course.title)}${t('selfStudyMark')}` : title(course.title)
            }
          />
        </Select>
      </Field>
      <Field label={t('link')}>
        <Input
          type="url"
          value={link}
          onChange={(_event, data) => setLink(data.value)}
          data-testid="hr-self-study-link"
        />
      </Field>
      <ErrorBar error={make.error}>
        {isVersionConflict(make.error) && current && readAt > make.submittedAt ? (
          // The link saved meanwhile, read again: saving once more puts the typed one over it.
          <p data-testid="hr-self-study-conflict">
            {t('linkConflict', { link: current.externalUrl ?? t('noLink') })}
          </p>
        ) : null}
      </ErrorBar>
      <span role="status">{notice}</span>
      <div>
        <Button type="submit" disabled={make.isPending || !courseId} data-testid="hr-self-study-save">
          {t(current ? 'saveLink' : 'makeSelfStudy')}
        </Button>
      </div>
    </StackForm>
  );
}
