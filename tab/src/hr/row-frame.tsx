// The frame the console's editable lists share (cycles, viewpoints, channels): a list of bordered rows,
// each with a heading line, fields and buttons, and the message a row shows when its write failed.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  tokens,
  type MessageBarIntent,
} from '@fluentui/react-components';
import { isVersionConflict } from '../api/client.ts';
import { useErrorText } from '../shell/error-text.ts';
import { plainList } from '../shell/style-fragments.ts';

export const useRowStyles = makeStyles({
  list: { ...plainList, gap: '12px' },
  row: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: '12px 16px',
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    minWidth: 0,
  },
  head: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  h3: { fontSize: tokens.fontSizeBase400, margin: 0 },
  fields: { display: 'flex', flexWrap: 'wrap', gap: '8px 16px', alignItems: 'flex-end' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
});

/**
 * A row's failed write, or nothing. A version conflict (someone saved the row first) says so and offers
 * to load the latest; what the person typed stays in the row's fields either way.
 */
export function WriteFailure({
  error,
  stale,
  reload,
  onReload,
  testId,
  staleTestId = testId,
  staleIntent = 'warning',
}: {
  error: unknown;
  /** What a version conflict says. */
  stale: string;
  /** The label of the button that loads the latest. */
  reload: string;
  onReload: () => void;
  testId?: string;
  staleTestId?: string;
  staleIntent?: MessageBarIntent;
}) {
  const errorText = useErrorText();
  if (!error) return null;
  const conflict = isVersionConflict(error);
  return (
    <MessageBar
      intent={conflict ? staleIntent : 'error'}
      role="alert"
      data-testid={conflict ? staleTestId : testId}
    >
      <MessageBarBody>{conflict ? stale : errorText(error)}</MessageBarBody>
      {conflict ? (
        <MessageBarActions>
          <Button onClick={onReload}>{reload}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
