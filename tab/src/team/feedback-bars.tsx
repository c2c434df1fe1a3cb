// What the team page tells a supervisor after a write: saved, changed elsewhere, or failed.
import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ApiError, isVersionConflict } from '../api/client.ts';
import { ConflictBar as SharedConflictBar } from '../shell/conflict-bar.tsx';
import { useErrorText } from '../shell/error-text.ts';

export function ConflictBar({ onReload, testId }: { onReload: () => void; testId: string }) {
  const { t } = useTranslation('team');
  return (
    <SharedConflictBar title={t('conflictTitle')} body={t('conflictBody')} testId={testId}>
      <Button onClick={onReload}>{t('reload')}</Button>
    </SharedConflictBar>
  );
}

export function FailureBar({ error }: { error: unknown }) {
  const { t } = useTranslation('team');
  const errorText = useErrorText();
  const details = error instanceof ApiError ? error.details : [];
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t('saveFailed')}</MessageBarTitle>
        {errorText(error)}
        {details.map((detail) => ` ${detail.path}: ${detail.message}`).join('')}
      </MessageBarBody>
    </MessageBar>
  );
}

export type Notice = { kind: 'saved' } | { kind: 'conflict' } | { kind: 'error'; error: unknown } | undefined;

export const noticeOf = (error: unknown): Notice =>
  isVersionConflict(error) ? { kind: 'conflict' } : { kind: 'error', error };
