import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { useErrorText } from './error-text.ts';

export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const message = useErrorText()(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <MessageBar intent="error" role="alert" data-testid="error-panel">
      <MessageBarBody>
        <MessageBarTitle>{t('error.title')}</MessageBarTitle>
        {message}
        {requestId ? ` ${t('error.requestId', { id: requestId })}` : ''}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>{t('error.retry')}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/**
 * What went wrong with an action, in the UI language, then `children` (the fields refused); nothing while
 * nothing has.
 */
export function ErrorBar({
  error,
  testId,
  children,
}: {
  error: unknown;
  testId?: string;
  children?: ReactNode;
}) {
  const errorText = useErrorText();
  return error ? (
    <MessageBar intent="error" role="alert" data-testid={testId}>
      <MessageBarBody>
        {errorText(error)}
        {children}
      </MessageBarBody>
    </MessageBar>
  ) : null;
}
