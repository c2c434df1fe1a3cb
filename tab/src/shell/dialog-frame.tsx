// The frame every form dialog of the tab draws in Fluent's parts: an optional trigger, the surface, the
// title, what the dialog asks and its buttons. A dialog passes only what is its own.
import {
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
} from '@fluentui/react-components';
import type { ReactElement, ReactNode } from 'react';

export function DialogFrame({
  open,
  onOpenChange,
  alert = false,
  trigger,
  title,
  testId,
  contentClassName,
  actions,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** An alert dialog: a click outside does not close it. */
  alert?: boolean;
  /** The button that opens the dialog, when the dialog has one. */
  trigger?: ReactElement;
  title: ReactNode;
  /** The surface's test id. */
  testId?: string;
  contentClassName?: string;
  actions: ReactNode;
  children: ReactNode;
}) {
  const surface = (
    <DialogSurface key="surface" data-testid={testId}>
      <DialogBody>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent className={contentClassName}>{children}</DialogContent>
        <DialogActions>{actions}</DialogActions>
      </DialogBody>
    </DialogSurface>
  );
  return (
    <Dialog
      open={open}
      modalType={alert ? 'alert' : undefined}
      onOpenChange={(_, data) => onOpenChange(data.open)}
    >
      {trigger
        ? [
            <DialogTrigger key="trigger" disableButtonEnhancement>
              {trigger}
            </DialogTrigger>,
            surface,
          ]
        : surface}
    </Dialog>
  );
}
