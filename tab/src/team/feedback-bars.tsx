// What the team page tells a supervisor after a write: saved, changed elsewhere, or failed.
import { Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ApiError, isVersionConflict } from '../api/client.ts';
import { ConflictBar as SharedConflictBar } from '../shell/conflict-bar.tsx';
import { SaveErrorBar } from '../shell/save-error-bar.tsx';

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
  const details = error instanceof ApiError ? error.details : [];
  return (
    <SaveErrorBar title={t('saveFailed')} error={error}>
      {details.map((detail) => ` ${detail.path}: ${detail.message}`).join('')}
    </SaveErrorBar>
  );
}

export type Notice = { kind: 'saved' } | { kind: 'conflict' } | { kind: 'error'; error: unknown } | undefined;

export const noticeOf = (error: unknown): Notice =>
  isVersionConflict(error) ? { kind: 'conflict' } : { kind: 'error', error };
