import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/**
 * The warning a form shows when its save met a newer version on the server. The texts are the slice's
 * own (each says what was changed, or who was taken first); `children` are the actions (reload, and
 * where offered, overwrite).
 */
export function ConflictBar({
  title,
  body,
  testId,
  multiline = false,
  children,
}: {
  title: string;
  body: ReactNode;
  testId: string;
  multiline?: boolean;
  children?: ReactNode;
}) {
  return (
    <MessageBar
      intent="warning"
      role="alert"
      layout={multiline ? 'multiline' : undefined}
      data-testid={testId}
    >
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {body}
      </MessageBarBody>
      {children ? <MessageBarActions>{children}</MessageBarActions> : null}
    </MessageBar>
  );
}
