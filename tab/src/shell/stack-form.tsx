// A form whose fields stand one under another (the layout's stack) and that is submitted in place:
// Enter or the submit button calls `onSubmit`, never a page load.
import type { ComponentProps } from 'react';
import { useLayoutStyles } from './layout.tsx';

export function StackForm({
  onSubmit,
  className,
  testId,
  ...rest
}: Omit<ComponentProps<'form'>, 'onSubmit'> & {
  onSubmit: () => void;
  /** Replaces the stack's layout (a row of filters, say). */
  className?: string;
  testId?: string;
}) {
  const layout = useLayoutStyles();
  return (
    <form
      {...rest}
      className={className ?? layout.stack}
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    />
  );
}
