import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { useErrorText } from './error-text.ts';

/**
 * The error a form shows when its write failed: the slice's title, what went wrong in the UI language,
 * then `children` (that what was typed is kept, or the fields the server named).
 */
export function SaveErrorBar({
  title,
  error,
  testId,
  multiline = false,
  children,
}: {
  title: string;
  error: unknown;
  testId?: string;
  multiline?: boolean;
  children?: ReactNode;
}) {
  const errorText = useErrorText();
  return (
    <MessageBar intent="error" role="alert" layout={multiline ? 'multiline' : undefined} data-testid={testId}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {errorText(error)}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

/** A write that failed while the form keeps what was typed: every such form says it in the same words. */
export function KeptInputError({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useTranslation();
  return (
    <SaveErrorBar title={t('form.saveFailed')} error={error} testId={testId} multiline>
      {` ${t('form.inputKept')}`}
    </SaveErrorBar>
  );
}

/** The fields the API named in its refusal, one a line, each under the form's label for it. */
export function ErrorDetails({
  error,
  labelOf = (path) => path,
}: {
  error: unknown;
  labelOf?: (path: string) => string;
}) {
  const details = error instanceof ApiError ? error.details : [];
  return details.length > 0 ? (
    <ul>
      {details.map((detail, index) => (
        <li key={index}>
          {labelOf(detail.path)}: {detail.message}
        </li>
      ))}
    </ul>
  ) : null;
}
