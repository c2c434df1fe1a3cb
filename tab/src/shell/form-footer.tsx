import { Button } from '@fluentui/react-components';
import { useLayoutStyles } from './layout.tsx';

/**
 * The end of a create-or-edit form: its submit button (saying `busyText` while the write runs) and
 * cancel, both off while busy. The texts are the slice's own.
 */
export function FormFooter({
  busy,
  submitText,
  busyText,
  cancelText,
  onCancel,
  testId,
}: {
  busy: boolean;
  submitText: string;
  busyText: string;
  cancelText: string;
  onCancel: () => void;
  /** The submit button's test id. */
  testId: string;
}) {
  const layout = useLayoutStyles();
  return (
    <div className={layout.row}>
      <Button appearance="primary" type="submit" disabled={busy} data-testid={testId}>
        {busy ? busyText : submitText}
      </Button>
      <Button onClick={onCancel} disabled={busy}>
        {cancelText}
      </Button>
    </div>
  );
}
