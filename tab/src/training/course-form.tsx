// HR's form for a course: what it is, for whom (levels, years of service), what it develops, who provides it.
import { Checkbox, Field, Input, Radio, RadioGroup, Select, Textarea } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Framework } from '../../../src/framework/framework.contract.ts';
import {
  COURSE_DESCRIPTION_MAX,
  COURSE_TITLE_MAX,
  courseInputSchema,
  PROVIDER_MAX,
  type CourseCategory,
  type CourseInput,
  type CourseView,
} from '../../../src/training/training.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { useFormFields } from '../data/form-fields.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { CategoryOptions } from './category-options.tsx';
import { useLocalized } from '../shell/localized.ts';
import { Options } from '../shell/options.tsx';
import { FormEnd, useFormSave } from './form-end.tsx';
import { formatMonth, monthsFrom } from './format.ts';
import { StackForm } from '../shell/stack-form.tsx';
import { YearsRange } from './years-range.tsx';

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
  /** YYYY-MM or '' (not said). */
  nextSessionMonth: string;
  /** Yen per attendee, or '' (not said). */
  costYen: string;
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
  nextSessionMonth: course?.nextSessionMonth ?? '',
  costYen: course?.costYen?.toString() ?? '',
});

/** How far ahead HR can say the next session is expected: two fiscal years' worth of months. */
const MONTHS_AHEAD = 24;

const years = (value: string) => (value.trim() === '' ? null : Number(value));

export function CourseForm({
  api,
  framework,
  course,
  scope,
  onCancel,
  onSaved,
}: {
  api: ApiClient;
  framework: Framework;
  course?: CourseView;
  /** workplace: a new course is a 職場研修 of the caller's own 課 (the server decides the 課). */
  scope?: 'workplace';
  onCancel: () => void;
  onSaved: (course: CourseView) => void;
}) {
  const { t, i18n } = useTranslation('training');
  const layout = useLayoutStyles();
  const localized = useLocalized();
  const { fields, setFields, set, text } = useFormFields(() => fieldsOf(course));
  // The months from this one on; a stored month already past stays listed so an edit does not drop it.
  const months = [...new Set([...monthsFrom(new Date(), MONTHS_AHEAD), fields.nextSessionMonth])]
    .filter(Boolean)
    .sort();
  const { submit: save, end } = useFormSave({
    api,
    courseId: course?.id,
    version: course?.version,
    versionIn: (latest) => latest.version,
    save: (input: CourseInput, version) =>
      course
        ? api.call('PUT /api/training/courses/:courseId', {
            params: { courseId: course.id },
            body: { ...input, version: version ?? course.version },
          })
        : api.call('POST /api/training/courses', { body: scope ? { ...input, scope } : input }),
    onSaved,
    schema: courseInputSchema,
  });
  const toggle = (key: 'targetLevelIds' | 'competencyIds' | 'guidelineIds', id: string, on: boolean) =>
    setFields((previous) => ({
      ...previous,
      [key]: on ? [...previous[key], id] : previous[key].filter((entry) => entry !== id),
    }));

  const submit = () =>
    save({
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
      nextSessionMonth: fields.nextSessionMonth || null,
      costYen: years(fields.costYen),
    });

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
    <StackForm testId="course-form" onSubmit={submit}>
      <Field label={t('hr.categoryLabel')}>
        <Select
          value={fields.category}
          onChange={(_, data) => set('category', data.value as CourseCategory)}
          data-testid="course-category"
        >
          <CategoryOptions />
        </Select>
      </Field>
      <Field label={t('hr.titleJa')} required>
        <Input {...text('titleJa')} maxLength={COURSE_TITLE_MAX} data-testid="course-title-ja" />
      </Field>
      <Field label={t('hr.titleEn')}>
        <Input {...text('titleEn')} maxLength={COURSE_TITLE_MAX} data-testid="course-title-en" />
      </Field>
      <Field label={t('hr.descriptionJa')}>
        <Textarea
          {...text('descriptionJa')}
          maxLength={COURSE_DESCRIPTION_MAX}
          data-testid="course-description-ja"
        />
      </Field>
      <Field label={t('hr.descriptionEn')}>
        <Textarea {...text('descriptionEn')} maxLength={COURSE_DESCRIPTION_MAX} />
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
        <Input {...text('provider')} maxLength={PROVIDER_MAX} data-testid="course-provider" />
      </Field>
      <Field label={t('hr.nextSessionMonth')} hint={t('hr.nextSessionMonthHint')}>
        <Select {...text('nextSessionMonth')} data-testid="course-next-month">
          <option value="">{t('hr.nextSessionUnknown')}</option>
          <Options values={months} labelOf={(month) => formatMonth(month, i18n.language)} />
        </Select>
      </Field>
      <Field label={t('hr.costYen')} hint={t('hr.costYenHint')}>
        <Input {...text('costYen')} type="number" min={0} step={1} data-testid="course-cost" />
      </Field>
      {checks('targetLevelIds', t('hr.targetLevels'), framework.levels)}
      <YearsRange
        labels={[t('hr.minYears'), t('hr.maxYears')]}
        min={text('minYears')}
        max={text('maxYears')}
        testIdPrefix="course"
      />
      {checks('competencyIds', t('hr.competencies'), framework.competencies)}
      {checks('guidelineIds', t('hr.guidelines'), framework.guidelines)}
      <FormEnd kind="course" {...end} onCancel={onCancel} />
    </StackForm>
  );
}
