// The end of HR's course and session forms: save and cancel, and what to do after a crossing change.
import { ApiError } from '../api/client.ts';
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../shell/error-text.ts';
import { useLayoutStyles } from '../shell/layout.tsx';
/**
 * The end of the course and session forms: what went wrong (a change made by someone else first offers
 * to load it, keeping what was typed), then save and cancel.
 */
export const isConflict = (error: unknown) => error instanceof ApiError && error.code === 'version_conflict';

export function FormEnd({
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
