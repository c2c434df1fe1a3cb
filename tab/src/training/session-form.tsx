// HR's form for a session of a course: when, where or online, capacity and the application deadline.
import { Checkbox, Field, Input } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import {
  CAPACITY_MAX,
  PLACE_MAX,
  sessionInputSchema,
  type SessionInput,
  type SessionView,
} from '../../../src/training/training.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { useFormFields } from '../data/form-fields.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
import { FormEnd, useFormSave } from './form-end.tsx';
import { DateInput } from '../shell/date-input.tsx';
import { TimeInput } from '../shell/time-input.tsx';
import { StackForm } from '../shell/stack-form.tsx';
export function SessionForm({
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
  const { fields, set, text } = useFormFields<SessionInput & { capacityText: string }>(() => ({
    date: session?.date ?? '',
    startTime: session?.startTime ?? '10:00',
    endTime: session?.endTime ?? '12:00',
    place: session?.place ?? '',
    online: session?.online ?? false,
    capacity: session?.capacity ?? 20,
    capacityText: String(session?.capacity ?? 20),
    applicationDeadline: session?.applicationDeadline ?? '',
  }));
  const { submit: save, end } = useFormSave({
    api,
    courseId: session ? courseId : undefined,
    version: session?.version,
    versionIn: (latest) => latest.sessions.find((entry) => entry.id === session?.id)?.version,
    save: (input: SessionInput, version) =>
      session
        ? api.call('PUT /api/training/sessions/:sessionId', {
            params: { sessionId: session.id },
            body: { ...input, version: version ?? session.version },
          })
        : api.call('POST /api/training/courses/:courseId/sessions', { params: { courseId }, body: input }),
    onSaved,
    schema: sessionInputSchema,
  });

  const submit = () => {
    const { capacityText, ...rest } = fields;
    save({ ...rest, capacity: Number(capacityText) });
  };

  return (
    <StackForm testId="session-form" onSubmit={submit}>
      <div className={layout.row}>
        <Field label={t('hr.date')} required>
          <DateInput {...text('date')} data-testid="session-date" />
        </Field>
        <Field label={t('hr.startTime')} required>
          <TimeInput {...text('startTime')} data-testid="session-start" />
        </Field>
        <Field label={t('hr.endTime')} required>
          <TimeInput {...text('endTime')} data-testid="session-end" />
        </Field>
      </div>
      <Field label={t('hr.place')}>
        <Input {...text('place')} maxLength={PLACE_MAX} data-testid="session-place" />
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
            {...text('capacityText')}
            data-testid="session-capacity"
          />
        </Field>
        <Field label={t('hr.deadlineLabel')} required>
          <DateInput {...text('applicationDeadline')} data-testid="session-deadline" />
        </Field>
      </div>
      <FormEnd kind="session" {...end} onCancel={onCancel} />
    </StackForm>
  );
}
