// An attendee checks in to a session held in a room with the code shown there (issue 19 ④,
// docs/training.md). A wrong or expired code says so and changes nothing; checking in twice is the same.
import { Button, Field, Input } from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECKIN_CODE_LENGTH } from '../../../src/training/attendance.contract.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys } from '../data/queries.ts';
import { registerBundle } from '../i18n/i18n.ts';
import { ErrorBar } from '../shell/error-panel.tsx';
import { Section } from '../shell/layout.tsx';
import messages from './attendance-messages.ts';
import { useTitle } from './format.ts';
import { StackForm } from '../shell/stack-form.tsx';

registerBundle('attendance', messages);

export function CheckInForm({ api }: { api: ApiClient }) {
  const { t } = useTranslation('attendance');
  const title = useTitle();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState('');
  const checkIn = useMutation({
    mutationFn: () => api.call('POST /api/training/checkins', { body: { code } }),
    onSuccess: (answer) => {
      setCode('');
      setNotice(
        t(
          answer.alreadyCheckedIn
            ? 'checkIn.already'
            : answer.onRoster
              ? 'checkIn.done'
              : 'checkIn.notOnRoster',
          { title: title(answer.courseTitle) },
        ),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.myEnrolments });
    },
  });
  return (
    <Section title={t('checkIn.title')} id="training-check-in" testId="check-in">
      <StackForm
        onSubmit={() => {
          setNotice('');
          checkIn.mutate();
        }}
      >
        <Field label={t('checkIn.label')} hint={t('checkIn.hint')}>
          <Input
            value={code}
            maxLength={CHECKIN_CODE_LENGTH + 4}
            autoComplete="off"
            onChange={(_, data) => setCode(data.value)}
            data-testid="check-in-code"
          />
        </Field>
        <ErrorBar error={checkIn.error ?? undefined} testId="check-in-error" />
        <div>
          <Button
            appearance="primary"
            type="submit"
            disabled={checkIn.isPending || code.trim() === ''}
            data-testid="check-in-submit"
          >
            {t('checkIn.submit')}
          </Button>
        </div>
        <span role="status" data-testid="check-in-status">
          {notice}
        </span>
      </StackForm>
    </Section>
  );
}
