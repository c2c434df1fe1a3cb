// The end of HR's course and session forms: save and cancel, and what to do after a crossing change.
import { isVersionConflict, type ApiClient } from '../api/client.ts';
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CourseDetail } from '../../../src/training/training.contract.ts';
import { FormCheckError, labelsByField, useCheckedBody } from '../data/form-check.ts';
import { useErrorText } from '../shell/error-text.ts';
import { FormFooter } from '../shell/form-footer.tsx';
import { ErrorDetails } from '../shell/save-error-bar.tsx';

/** The form's label (its message key) for each field of the request body: `title.ja` → 「研修名（日本語）」. */
const FIELD_LABELS: Record<string, string> = {
  category: 'hr.categoryLabel',
  'title.ja': 'hr.titleJa',
  'title.en': 'hr.titleEn',
  'description.ja': 'hr.descriptionJa',
  'description.en': 'hr.descriptionEn',
  targetLevelIds: 'hr.targetLevels',
  minYearsOfService: 'hr.minYears',
  maxYearsOfService: 'hr.maxYears',
  competencyIds: 'hr.competencies',
  guidelineIds: 'hr.guidelines',
  format: 'hr.formatLabel',
  provider: 'hr.provider',
  nextSessionMonth: 'hr.nextSessionMonth',
  costYen: 'hr.costYen',
  date: 'hr.date',
  startTime: 'hr.startTime',
  endTime: 'hr.endTime',
  place: 'hr.place',
  online: 'hr.online',
  capacity: 'hr.capacityLabel',
  applicationDeadline: 'hr.deadlineLabel',
};
/**
 * The end of the course and session forms: what went wrong (a change made by someone else first offers
 * to load it, keeping what was typed), then save and cancel.
 */
/**
 * Saving HR's course or session form as a mutation. What was typed stays in the form whatever goes wrong;
 * after a crossing change, `takeLatest` reads the course again and takes the newer version number (from
 * `versionIn`), so the next save applies what this person typed over it.
 */
export function useFormSave<Input, Saved>({
  api,
  courseId,
  version: readVersion,
  versionIn,
  save,
  onSaved,
  schema,
}: {
  api: ApiClient;
  /** The course to read again after a conflict; undefined while creating (nothing to conflict with). */
  courseId: string | undefined;
  version: number | undefined;
  versionIn: (latest: CourseDetail) => number | undefined;
  save: (input: Input, version: number | undefined) => Promise<Saved>;
  onSaved: (saved: Saved) => void;
  /** The contract's schema of the input (without its version): checked before sending (form-check.ts). */
  schema: z.ZodType;
}) {
  const checked = useCheckedBody();
  const [version, setVersion] = useState(readVersion);
  const [reloadError, setReloadError] = useState<unknown>();
  const saving = useMutation({
    mutationFn: (input: Input) => save(checked(schema, input), version),
    onSuccess: onSaved,
  });
  const takeLatest = async () => {
    if (courseId === undefined) return;
    try {
      const latest = await api.call('GET /api/training/courses/:courseId', { params: { courseId } });
      setVersion(versionIn(latest) ?? version);
      setReloadError(undefined);
      saving.reset();
    } catch (caught) {
      setReloadError(caught);
    }
  };
  return {
    submit: (input: Input) => {
      setReloadError(undefined);
      saving.mutate(input);
    },
    /** What FormEnd shows of this save: its error, whether it runs, and loading the latest version. */
    end: {
      error: reloadError ?? saving.error,
      editing: courseId !== undefined,
      busy: saving.isPending,
      onTakeLatest: () => void takeLatest(),
    },
  };
}

export type FormEndState = ReturnType<typeof useFormSave>['end'];

export function FormEnd({
  kind,
  error,
  editing,
  busy,
  onTakeLatest,
  onCancel,
}: FormEndState & {
  kind: 'course' | 'session';
  onCancel: () => void;
}) {
  const { t } = useTranslation('training');
  const errorText = useErrorText();
  const stale = isVersionConflict(error) && editing;
  return (
    <>
      {error ? (
        <MessageBar intent="error" role="alert" data-testid={`${kind}-error`}>
          <MessageBarBody>
            {stale ? t('hr.stale') : errorText(error)}
            {/* What the schema refused before sending, under the form's labels. */}
            {error instanceof FormCheckError ? (
              <ErrorDetails error={error} labelOf={labelsByField(FIELD_LABELS, t)} />
            ) : null}
          </MessageBarBody>
          {stale ? (
            <MessageBarActions>
              <Button onClick={onTakeLatest}>{t('hr.reload')}</Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}
      <FormFooter
        busy={busy}
        submitText={editing ? t('hr.save') : t('hr.create')}
        busyText={t('hr.saving')}
        cancelText={t('hr.cancel')}
        onCancel={onCancel}
        testId={`${kind}-save`}
      />
    </>
  );
}
